"""Bad-input matrix for `ingest_articles`: the input, the error the user sees, nothing stored.

Every row is run for real (not --dry-run) next to a good article, so each also shows
that the bad file does not stop the batch.
"""

from __future__ import annotations

import io
import json
import shutil

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from sources.ingest.inputs import MAX_FILE_BYTES, MAX_TEXT_CHARS
from tests.sources.test_ingest_command import counts, world  # noqa: F401
from tests.sources.test_ingest_support import ARTICLES

pytestmark = pytest.mark.django_db
GOOD = ARTICLES / "ministry_statement_xinhua_style.txt"
STORY = (ARTICLES / "same_story_reuters_style.txt").read_bytes()


def write(name: str, data: bytes | str):
    def make(tmp):
        path = tmp / name
        path.write_bytes(data if isinstance(data, bytes) else data.encode())
        return path

    return make


def with_sidecar(sidecar: str):
    def make(tmp):
        path = tmp / "story.txt"
        path.write_bytes(STORY)
        (tmp / "story.json").write_text(sidecar)
        return path

    return make


def too_big(tmp):
    path = tmp / "huge.txt"
    with path.open("wb") as fh:
        fh.truncate(MAX_FILE_BYTES + 1)  # sparse: nothing is written or read
    return path


def too_long(tmp):
    path = tmp / "long.txt"
    words = b"The delegates talked again and again about the same points. "
    path.write_bytes(b"Headline of a long story\n\n" + words * (MAX_TEXT_CHARS // len(words) + 1))
    return path


MATRIX = [
    # (what, make the file, error code, what the message says)
    ("empty file", write("e.txt", b""), "empty_file", "The file is empty"),
    ("blank lines only", write("b.txt", b"\n \n\t\n"), "empty_file", "The file is empty"),
    ("binary", write("x.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIH"), "binary_file", "binary"),
    (
        "NUL far into the text",
        write("l.txt", STORY + b"x" * 9000 + b"\x00 more text\n"),
        "binary_file",
        "NUL bytes",
    ),
    ("NUL in a page", write("l.html", b"<html><body><p>a\x00b</p></body></html>"), "binary_file",
     "NUL bytes"),
    ("bad UTF-16", write("u.txt", b"\xff\xfeA\x00\x00\xd8"), "undecodable", "not UTF-16"),
    (
        "no headline",
        write("h.txt", "PARIS (AP) - The talks ended on Friday, an aide said.\n"),
        "no_headline",
        "No headline",
    ),
    (
        "boilerplate only",
        write("p.txt", "Subscribe to our newsletter\nAdvertisement\n© 2024 Example\n"),
        "no_body",
        "only publisher boilerplate",
    ),
    ("file over the size cap", too_big, "too_large", f"up to {MAX_FILE_BYTES:,} bytes"),
    ("text over the length cap", too_long, "too_large", f"up to {MAX_TEXT_CHARS:,} characters"),
    ("missing file", lambda tmp: tmp / "nowhere.txt", "unreadable", "Cannot read the file"),
    (
        "page without article text",
        write("n.html", "<html><body><nav><a href='/'>Home</a></nav><script>x()</script></body>"),
        "no_body",
        "No article text found in the page",
    ),
    ("empty page", write("z.html", b"  \n"), "empty_file", "The file is empty"),
    ("sidecar not JSON", with_sidecar("{url: nope"), "bad_metadata", "story.json is not JSON"),
    ("sidecar not an object", with_sidecar("[1, 2]"), "bad_metadata", "must hold a JSON object"),
    (
        "sidecar unknown key",
        with_sidecar('{"publisher": "X"}'),
        "bad_metadata",
        "unknown keys publisher",
    ),
    (
        "sidecar impossible date",
        with_sidecar('{"published": "2023-02-30"}'),
        "bad_metadata",
        "must be an ISO 8601 date",
    ),
    (
        "sidecar date of another type",
        with_sidecar('{"published": 20230201}'),
        "bad_metadata",
        "must be an ISO 8601 date",
    ),
    (
        "sidecar address not http",
        with_sidecar('{"url": "javascript:alert(1)"}'),
        "bad_metadata",
        "must be an http(s) address",
    ),
    ("sidecar empty outlet", with_sidecar('{"outlet": " "}'), "bad_metadata", "non-empty text"),
    ("sidecar NUL", with_sidecar('{"outlet": "A\\u0000B"}'), "bad_metadata", "non-empty text"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("make", "code", "message"), [row[1:] for row in MATRIX], ids=[row[0] for row in MATRIX]
)
def test_bad_file_gets_its_error_and_nothing_is_stored(world, tmp_path, make, code, message):  # noqa: F811
    bad = make(tmp_path)
    good = shutil.copy(GOOD, tmp_path / "good.txt")
    before = counts()
    out, err = io.StringIO(), io.StringIO()
    call_command("ingest_articles", str(bad), str(good), "--json", "--no-progress", stdout=out,
                 stderr=err)  # fmt: skip
    first, second = json.loads(out.getvalue())
    assert first["error"] == code, first
    assert message in first["reason"]
    assert set(first) == {"file", "error", "reason"}
    assert second["status"] == "stored"
    after = counts()
    assert after["Source"] == before["Source"] + 1  # the good article only
    assert "1 error" in err.getvalue()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--year-hint", "3000"], "not a plausible year"),
        (["--published", "2024/01/02"], "--published must be an ISO 8601 date"),
        (["--outlet", ""], "--outlet must be an outlet name"),
    ],
)
def test_bad_options_are_refused_and_nothing_is_stored(world, args, message):  # noqa: F811
    before = counts()
    with pytest.raises(CommandError, match=message):
        call_command("ingest_articles", str(GOOD), *args, "--no-progress", stdout=io.StringIO())
    assert counts() == before
