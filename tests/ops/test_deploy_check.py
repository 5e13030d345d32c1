"""`check --deploy --fail-level WARNING` passes with the environment the README gives."""

from __future__ import annotations

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def readme_environment() -> dict[str, str]:
    """The variables of the README's production example, with a real secret key."""
    text = (ROOT / "README.md").read_text()
    section = text.split("## Deploying", 1)[1].split("\n## ", 1)[0]
    block = section.split("```sh", 1)[1].split("```", 1)[0]
    env = dict(re.findall(r"^export (\w+)=(\S+)", block, flags=re.M))
    assert env, "the README's Deploying section has no `export NAME=value` lines"
    env["SECRET_KEY"] = secrets.token_urlsafe(60)
    return env


def check(extra: dict[str, str]) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SECURE_", "GRAPHQL_"))}
    env.pop("REDIS_URL", None)
    env.update(extra)
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_readme_settings_pass_the_deploy_check():
    env = readme_environment()
    for name in (
        "SECURE_SSL_REDIRECT",
        "SECURE_HSTS_SECONDS",
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
        "SECURE_PROXY_SSL_HEADER",
    ):
        assert name in env, name
    result = check(env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_without_them_the_check_names_each_missing_setting():
    result = check({"DEBUG": "0", "SECRET_KEY": secrets.token_urlsafe(60)})
    assert result.returncode != 0
    for check_id in (
        "security.W004",  # SECURE_HSTS_SECONDS
        "security.W008",  # SECURE_SSL_REDIRECT
        "security.W012",  # SESSION_COOKIE_SECURE
        "security.W016",  # CSRF_COOKIE_SECURE
        "timeline.W001",  # rate-limit counters per worker
        "timeline.W002",  # GraphiQL/introspection open
    ):
        assert check_id in result.stderr + result.stdout, check_id
