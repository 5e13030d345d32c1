"""Issue 9 item 13: the README's command lines work as printed in a fresh clone (no
activated virtualenv), and the files it cites are in the repository."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
MAKEFILE = (ROOT / "Makefile").read_text(encoding="utf-8")


def test_python_commands_use_the_project_venv():
    bare = [
        line
        for line in README.splitlines()
        if re.search(r"(?<![/\w])python3? (manage\.py|-m|scripts/)", line)
    ]
    assert bare == [], "write `.venv/bin/python …` (what `make venv` creates) or a make target"


def test_make_targets_exist():
    targets = set(re.findall(r"^([\w-]+):", MAKEFILE, flags=re.M))
    for target in re.findall(r"`make ([\w-]+)", README):
        assert target in targets, target


def test_cited_files_are_in_the_repository():
    cited = re.findall(r"`([\w./-]+\.(?:py|json|graphql|txt|mjs|toml|js|css|html))`", README)
    cited += re.findall(r"`(\.?[\w-]+/[\w./-]*)`", README)
    assert cited
    # Made by commands the README gives (git-ignored), not cited as part of the repository.
    generated = {line.strip("/") for line in (ROOT / ".gitignore").read_text().splitlines()}
    missing = [
        path
        for path in cited
        if not path[0].isdigit()  # EDTF examples such as 2019-03-20/2019-03-21
        and not is_generated(path.strip("/"), generated)
        and not (ROOT / path).exists()
    ]
    assert missing == []


def is_generated(path: str, ignored: set[str]) -> bool:
    """The path, or a folder it lies in, is git-ignored (made by a command, not shipped)."""
    parts = path.split("/")
    return any("/".join(parts[:n]) in ignored for n in range(1, len(parts) + 1))
