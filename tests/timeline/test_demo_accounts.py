"""`create_demo_curator` gives two accounts, so the two-person rule can be tried."""

from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db


def test_creates_a_curator_and_a_reviewer(settings):
    settings.DEBUG = True
    out = StringIO()
    call_command("create_demo_curator", stdout=out)
    assert out.getvalue().splitlines() == [
        "Created demo curator: curator / timeline-demo",
        "Created demo reviewer: reviewer / timeline-demo",
    ]
    curator = authenticate(username="curator", password="timeline-demo")
    reviewer = authenticate(username="reviewer", password="timeline-demo")
    assert sorted(curator.groups.values_list("name", flat=True)) == ["curator"]
    assert sorted(reviewer.groups.values_list("name", flat=True)) == ["curator", "reviewer"]
    assert not curator.has_perm("timeline.publish_statement")
    assert reviewer.has_perm("timeline.publish_statement")
    call_command("create_demo_curator", stdout=out)
    assert "Reset demo reviewer: reviewer / timeline-demo" in out.getvalue()


def test_refuses_with_debug_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="Refusing to create demo accounts"):
        call_command("create_demo_curator", stdout=StringIO())
