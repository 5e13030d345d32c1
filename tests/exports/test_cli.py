"""manage.py export: summary line, progress bar, bad arguments write nothing."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import CommandError, call_command

from api.models import ExportAccess

pytestmark = pytest.mark.django_db


def run(*args, stdout=None, stderr=None):
    call_command("export", *args, stdout=stdout or io.StringIO(), stderr=stderr or io.StringIO())


def test_writes_the_file_with_a_summary_and_a_progress_bar(world, tmp_path):
    out, err = io.StringIO(), io.StringIO()
    path = tmp_path / "events.jsonl"
    run("--format", "jsonl", "--dataset", "events", "--output", str(path), stdout=out, stderr=err)
    data = path.read_bytes()
    assert [json.loads(x)["id"] for x in data.splitlines()] == [world["event"].pk]
    summary = out.getvalue()
    assert summary.startswith(f"1 records, {len(data)} bytes in ")
    assert f"→ {path}" in summary and "--since 20" in summary
    assert "1/1" in err.getvalue()  # tqdm's bar
    assert list(tmp_path.iterdir()) == [path]  # no temporary file left
    log = ExportAccess.objects.get()
    assert (log.channel, log.rows, log.bytes, log.format) == ("cli", 1, len(data), "jsonl")


@pytest.mark.parametrize(
    "args, message",
    [
        (
            ["--format", "jsonl", "--from", "2019-13-45"],
            "'filters.from': '2019-13-45' is not a date",
        ),
        (["--format", "jsonl", "--since", "soon"], "since: 'soon' is not an ISO 8601"),
        (["--format", "ics", "--since", "2020-01-01"], "always a full export"),
        (["--format", "geojson", "--dataset", "sources"], "does not export 'sources'"),
        (["--format", "jsonl", "--actors", "one,two"], "'filters.actors': no actor 'one'"),
    ],
)
def test_bad_arguments_get_a_clear_error_and_nothing_is_written(world, tmp_path, args, message):
    path = tmp_path / "out.file"
    with pytest.raises(CommandError) as failure:
        run(*args, "--output", str(path), "--no-progress")
    assert message in str(failure.value)
    assert list(tmp_path.iterdir()) == []
    assert not ExportAccess.objects.exists()


def test_unknown_format_is_refused_by_the_parser(tmp_path):
    with pytest.raises(CommandError, match="invalid choice: 'xlsx'"):
        run("--format", "xlsx", "--output", str(tmp_path / "x"))
    assert list(tmp_path.iterdir()) == []


def test_bad_output_paths(world, tmp_path):
    with pytest.raises(CommandError, match="does not exist"):
        run("--format", "jsonl", "--output", str(tmp_path / "missing" / "x.jsonl"))
    with pytest.raises(CommandError, match="is a folder; give a file name"):
        run("--format", "jsonl", "--output", str(tmp_path))
    (tmp_path / "notes.txt").write_text("keep me")
    with pytest.raises(CommandError, match="not empty and holds no data package"):
        run("--format", "csv", "--output", str(tmp_path))
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]


def test_a_failure_while_writing_leaves_the_previous_file(world, tmp_path, monkeypatch):
    path = tmp_path / "all.jsonl"
    path.write_text("previous export\n")

    def explode(*args, **kwargs):
        yield b'{"type": "actor"'
        raise RuntimeError("database went away")

    monkeypatch.setattr("api.exports.formats.jsonl.render", explode)
    with pytest.raises(RuntimeError):
        run("--format", "jsonl", "--output", str(path), "--no-progress")
    assert path.read_text() == "previous export\n"
    assert [p.name for p in tmp_path.iterdir()] == ["all.jsonl"]


def test_csv_package_replaces_a_previous_package(world, tmp_path):
    path = tmp_path / "package"
    run("--format", "csv", "--output", str(path), "--no-progress")
    (path / "events.csv").write_text("stale")
    run("--format", "csv", "--output", str(path), "--no-progress")
    assert (path / "events.csv").read_text().startswith("id,slug,title")
    assert [p.name for p in tmp_path.iterdir()] == ["package"]
