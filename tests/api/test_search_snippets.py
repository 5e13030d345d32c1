"""Issue 9 item 8 and issue 13 item 13: snippets mark the match for every kind of
record, whichever column matched, and the record's own text is HTML-escaped before the
matches are wrapped in <mark>, so markup typed into a record never comes back raw."""

from __future__ import annotations

import pytest

from timeline.models import Actor, Event, Statement

pytestmark = pytest.mark.django_db

QUERY = """query($q: String!, $kinds: [SearchKind!]) { search(query: $q, kinds: $kinds) {
  edges { snippet node { __typename } } } }"""


def snippets(gql, query: str, kinds=None) -> list[str]:
    data = gql.data(QUERY, {"q": query, "kinds": kinds})
    return [e["snippet"] for e in data["search"]["edges"]]


@pytest.mark.parametrize(
    ("query", "kind", "marked"),
    [
        ("INF", "TREATY", "<mark>INF</mark>"),  # an alias / short name
        ("intermediate", "TREATY", "<mark>Intermediate</mark>"),  # the name
        ("USA", "ACTOR", "<mark>USA</mark>"),  # an alias only
        ("Moscow", "STATEMENT", "<mark>Moscow</mark>"),  # the venue only
        ("cruise", "EVENT", "<mark>cruise</mark>"),
        ("hands", "SOURCE", "<mark>hands</mark>"),
    ],
)
def test_every_kind_marks_what_matched(gql, world, query, kind, marked):
    found = snippets(gql, query, [kind])
    assert found, (query, kind)
    assert all("<mark>" in s for s in found), found
    assert any(marked in s for s in found), found


def test_record_text_is_escaped_then_marked(gql, world):
    Event.objects.filter(pk=world.ev_test.pk).update(
        summary="A test <img src=x onerror=alert(1)> of a missile & a <b>launcher</b>."
    )
    Statement.objects.filter(pk=world.st_pompeo.pk).update(
        text="Russia <script>alert('solely')</script> is responsible \ue000 for it."
    )
    Actor.objects.filter(pk=world.pompeo.pk).update(description="<i>solely</i> a diplomat")
    (event,) = snippets(gql, "missile launcher", ["EVENT"])
    assert "<img" not in event and "<b>" not in event
    # The text is there as text: escaped, then marked.
    assert "&lt;img src=x onerror=alert(1)&gt; of a <mark>missile</mark>" in event
    (event,) = snippets(gql, "launcher", ["EVENT"])
    assert "&amp; a &lt;b&gt;<mark>launcher</mark>" in event
    for snippet in snippets(gql, "solely"):
        assert "<script>" not in snippet and "<i>" not in snippet
        # Only our own tags remain, balanced: a stray marker character in the text is dropped.
        rest = snippet.replace("<mark>", "").replace("</mark>", "")
        assert "<" not in rest and ">" not in rest and "\ue000" not in rest
        assert snippet.count("<mark>") == snippet.count("</mark>") >= 1
