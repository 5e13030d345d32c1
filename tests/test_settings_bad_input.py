"""Bad-input matrix for settings (issue 13): a mistyped environment variable stops the
process at start-up with a message naming the variable and what it takes, instead of
being read as a default (a typo in SECURE_SSL_REDIRECT must not leave it quietly off).

Each row starts a fresh interpreter, as a deployment would. Nothing is stored: settings
fail before any database work.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# A server URL, so that no embedded PostgreSQL starts for a process that must not get far.
SERVER = os.environ.get("TEST_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")

START = "import django; django.setup(); from django.conf import settings; print('started')"

ROWS = [
    # (variable, value, what the message must say)
    ("DEBUG", "tru", "DEBUG='tru' is not a yes/no value"),
    ("SECURE_SSL_REDIRECT", "ture", "SECURE_SSL_REDIRECT='ture' is not a yes/no value"),
    ("SESSION_COOKIE_SECURE", "maybe", "SESSION_COOKIE_SECURE='maybe' is not a yes/no value"),
    ("WORKFLOW_TWO_PERSON_RULE", "nope", "WORKFLOW_TWO_PERSON_RULE='nope' is not a yes/no"),
    ("SECURE_HSTS_SECONDS", "one year", "SECURE_HSTS_SECONDS='one year' is not a whole number"),
    ("SECURE_HSTS_SECONDS", "-5", "SECURE_HSTS_SECONDS='-5' is not a whole number of at least 0"),
    ("GRAPHQL_STATEMENT_TIMEOUT_MS", "0", "GRAPHQL_STATEMENT_TIMEOUT_MS='0' is not a whole number"),
    ("GRAPHQL_STATEMENT_TIMEOUT_MS", "5s", "GRAPHQL_STATEMENT_TIMEOUT_MS='5s' is not a whole"),
    ("LOG_FORMAT", "xml", "LOG_FORMAT='xml' is not one of: json, text"),
    ("LOG_LEVEL", "LOUD", "LOG_LEVEL='LOUD' is not one of: DEBUG, INFO, WARNING, ERROR, CRITICAL"),
]


def start(**env: str) -> subprocess.CompletedProcess:
    environ = {**os.environ, "DATABASE_URL": SERVER, "DJANGO_SETTINGS_MODULE": "timeline.settings"}
    environ.update(env)
    return subprocess.run(
        [sys.executable, "-c", START],
        cwd=ROOT,
        env=environ,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize(("name", "value", "message"), ROWS, ids=[f"{r[0]}={r[1]}" for r in ROWS])
def test_a_bad_setting_stops_start_up_with_its_name(name, value, message):
    result = start(**{name: value})
    assert result.returncode != 0
    assert "started" not in result.stdout
    assert "ImproperlyConfigured" in result.stderr
    assert message in result.stderr, result.stderr[-2000:]


def test_the_same_settings_with_good_values_start():
    good = {
        "DEBUG": "off",
        "SECURE_SSL_REDIRECT": "yes",
        "SESSION_COOKIE_SECURE": "1",
        "WORKFLOW_TWO_PERSON_RULE": "false",
        "SECURE_HSTS_SECONDS": "31536000",
        "GRAPHQL_STATEMENT_TIMEOUT_MS": "2500",
        "LOG_FORMAT": "JSON",
        "LOG_LEVEL": "info",
    }
    result = start(**good)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "started" in result.stdout
