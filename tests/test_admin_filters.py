"""Bad filter values on every admin changelist: Django's "?e=1" redirect, never a 500.

The table covers every registered changelist and every parameter its list filters
read (declared, related, choice and our own decade/confidence filters), plus search,
ordering and paging; each hostile value must either filter (200) or send the
curator back to the unfiltered list with Django's "?e=1" flag (302), which then
renders. Nothing is written by a GET.
"""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.contrib.admin.views.main import ERROR_FLAG
from django.test import RequestFactory
from django.urls import reverse

from tests.test_admin import one_of_each as one_of_each_fixture  # noqa: F401  (a fixture)
from timeline.models import Event

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("one_of_each_fixture")]

HOSTILE = ["\x00", "-10", "99999999999999999999", "x" * 3000]
# Each answered 500 before. Decade 0 (years 1-9) is a real, empty decade.
IMPOSSIBLE_DECADES = ["-10", "-1", "10000", "99999999999999999999", "1985", "abc", "\x00"]
# Raw query strings a browser or a script may send: invalid UTF-8, a NUL in the name.
RAW_QUERIES = ["decade=%ED%A0%80", "status__exact=%FF", "%00=1", "q=%00", "o=%00", "p=%00"]


def changelists():
    yield from admin.site._registry.items()


def changelist_url(model) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")


def filter_parameters(model_admin, user) -> list[str]:
    request = RequestFactory().get("/")
    request.user = user
    changelist = model_admin.get_changelist_instance(request)
    names = [name for spec in changelist.filter_specs for name in spec.expected_parameters()]
    return names


def assert_handled(client, url: str, params: dict) -> None:
    response = client.get(url, params)
    assert response.status_code in (200, 302), (url, params, response.status_code)
    if response.status_code == 302:
        assert response["Location"] == f"{url}?{ERROR_FLAG}=1", (params, response["Location"])


@pytest.mark.parametrize("model", [m for m, _ in changelists()], ids=lambda m: m._meta.label_lower)
def test_every_filter_parameter_survives_hostile_values(admin_client, admin_user, model):
    model_admin = admin.site._registry[model]
    url = changelist_url(model)
    names = filter_parameters(model_admin, admin_user)
    params = [*names, "q", "o", "p", "all"]
    for name in params:
        for value in HOSTILE:
            assert_handled(admin_client, url, {name: value})
    for raw in RAW_QUERIES:
        response = admin_client.get(f"{url}?{raw}")
        assert response.status_code in (200, 302), (raw, response.status_code)
    # Where a redirect lands: the list with Django's notice, not its "database error" page.
    landing = admin_client.get(f"{url}?{ERROR_FLAG}=1")
    assert landing.status_code == 200 and "cl" in landing.context


@pytest.mark.parametrize(
    "model",
    [
        m
        for m, a in changelists()
        if any("Decade" in getattr(f, "__name__", "") for f in a.list_filter)
    ],
    ids=lambda m: m._meta.label_lower,
)
def test_impossible_decades_redirect_with_the_error_flag(admin_client, model):
    url = changelist_url(model)
    for value in IMPOSSIBLE_DECADES:
        response = admin_client.get(url, {"decade": value})
        assert (response.status_code, response.get("Location")) == (302, f"{url}?{ERROR_FLAG}=1")


def test_decade_filter_lists_are_the_six_report_named():
    named = {
        m._meta.model_name
        for m, a in changelists()
        if any("Decade" in getattr(f, "__name__", "") for f in a.list_filter)
    }
    assert named >= {"event", "statement", "treaty", "treatyaction", "position", "source"}


@pytest.mark.parametrize(
    "model",
    [m for m, a in changelists() if "status" in a.list_filter],
    ids=lambda m: m._meta.label_lower,
)
def test_nul_in_a_choice_filter_redirects(admin_client, model):
    url = changelist_url(model)
    response = admin_client.get(url + "?status__exact=%00")
    assert (response.status_code, response["Location"]) == (302, f"{url}?{ERROR_FLAG}=1")


def test_a_valid_decade_still_filters(admin_client):
    url = changelist_url(Event)
    in_decade = admin_client.get(url, {"decade": "2010"})
    assert in_decade.status_code == 200
    assert (
        in_decade.context["cl"].result_count
        == Event.objects.filter(date_start__year__gte=2010, date_start__year__lt=2020).count()
        > 0
    )
    for decade in ("1800", "0", "9990"):
        empty = admin_client.get(url, {"decade": decade})
        assert (empty.status_code, empty.context["cl"].result_count) == (200, 0)


def test_nul_elsewhere_in_the_admin_is_a_clear_400(admin_client):
    response = admin_client.get(
        reverse("admin:autocomplete"),
        {
            "term": "\x00",
            "app_label": "timeline",
            "model_name": "statement",
            "field_name": "events",
        },
    )
    assert response.status_code == 400
    assert "NUL" in response.content.decode()
