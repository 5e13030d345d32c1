"""Issue 9 item 10: with DEBUG on (as `make run` sets it) a frontend on localhost, any
port, may call /graphql/ from a browser; with DEBUG off only CORS_ALLOWED_ORIGINS may.

Settings are read once at start-up, so each case runs in a fresh process with its
environment, as `make run` and a production server would.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PREFLIGHT = """
import django, json, os
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "timeline.settings")
django.setup()
from django.test import Client
result = {}
for origin in ("http://localhost:5173", "http://127.0.0.1:3000", "http://[::1]:8080",
               "http://localhost", "https://evil.example", "http://localhost.evil.example:80",
               "https://app.example.org"):
    r = Client().options("/graphql/", HTTP_ORIGIN=origin, HTTP_HOST="127.0.0.1",
                         HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
                         HTTP_ACCESS_CONTROL_REQUEST_HEADERS="content-type")
    result[origin] = r.headers.get("Access-Control-Allow-Origin")
print(json.dumps(result))
"""


def allowed(**env) -> set[str]:
    environ = {**os.environ, **env}
    out = subprocess.run(
        [sys.executable, "-c", PREFLIGHT],
        cwd=ROOT,
        env=environ,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    result = json.loads(out.stdout.strip().splitlines()[-1])
    return {origin for origin, header in result.items() if header == origin}


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        (
            {"DEBUG": "1", "CORS_ALLOWED_ORIGINS": ""},
            {
                "http://localhost:5173",
                "http://127.0.0.1:3000",
                "http://[::1]:8080",
                "http://localhost",
            },
        ),
        ({"DEBUG": "0", "CORS_ALLOWED_ORIGINS": ""}, set()),
        (
            {"DEBUG": "0", "CORS_ALLOWED_ORIGINS": "https://app.example.org"},
            {"https://app.example.org"},
        ),
    ],
)
def test_cors_origins(env, expected):
    assert allowed(**env) == expected
