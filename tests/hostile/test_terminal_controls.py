"""Escape sequences in a source, a review or a file name never reach the terminal raw (issue 13, item 1).

Text formats show controls as visible symbols (``show`` one per code point, so
offsets hold), messages as ``repr`` escapes on one line, JSON as ``\\u`` escapes
(the data kept exact). Every case is built here and run as a user would.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import yaml

from tests.hostile.cli_checks import (
    HOSTILE,
    RAW_CONTROL,
    assert_no_controls,
    assert_one_line_error,
    files_in,
    run,
    terminal_text,
)

CLEAN = "Harbour strike ends\n\nDock workers voted 312 to 40 to end the strike on Monday.\n\nShips sail again.\n"


def hostile_story(folder: Path) -> tuple[Path, Path, str]:
    """A clean source and a copy with every hostile control in its headline and body."""
    text = (
        f"Harbour strike ends {HOSTILE}\n\n"
        f"Dock workers voted 312 to 40 {HOSTILE} to end the strike on Monday.\n\n"
        "Ships sail\tagain.\n"
    )
    clean, evil = folder / "wire.txt", folder / "evil.txt"
    clean.write_text(CLEAN, encoding="utf-8")
    evil.write_text(text, encoding="utf-8")
    return clean, evil, text.replace("\r\n", "\n").replace("\r", "\n")  # srccompare reads CR as a newline


def hostile_review(folder: Path) -> Path:
    path = folder / "review.yaml"
    data = {
        "format": "srccompare-annotations",
        "schema_version": 1,
        "sources": [{"id": "a\x1b[2J", "path": f"wire{HOSTILE}.txt", "sha256": ""}],
        "annotations": [
            {
                "id": "\x1b]0;id\x07",
                "category": f"wrong-number{HOSTILE}",
                "note": f"First line {HOSTILE}\nsecond \x1b[31mline",
                "author": "\x9b2J",
                "targets": [
                    {"source": "a\x1b[2J", "start": 0, "end": 5, "exact": f"quote{HOSTILE}", "prefix": "\x1b[H"}
                ],
            }
        ],
    }
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_show_prints_one_visible_symbol_per_control(tmp_path):
    _clean, evil, text = hostile_story(tmp_path)
    before = files_in(tmp_path)
    done = run("show", str(evil), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    shown = terminal_text(done.stdout)
    assert_no_controls(shown)
    assert len(shown) == len(text)  # offsets still count the same
    for i, (ch, out) in enumerate(zip(text, shown)):
        if RAW_CONTROL.match(ch):
            assert out in "␛␇␡␈\ufffd", (i, ch, out)
        else:
            assert out == ch, (i, ch, out)
    assert "␛]0;pwned␇" in shown and "Ships sail\tagain." in shown
    assert done.stderr == b""
    assert files_in(tmp_path) == before


def test_show_paragraphs_offsets_point_into_what_show_prints(tmp_path):
    _clean, evil, _text = hostile_story(tmp_path)
    shown = terminal_text(run("show", str(evil), cwd=tmp_path).stdout)
    done = run("show", "--paragraphs", str(evil), cwd=tmp_path)
    assert done.returncode == 0 and done.stderr == b"", done.stderr
    listing = terminal_text(done.stdout)
    assert_no_controls(listing)
    lines = listing.rstrip("\n").split("\n")
    assert len(lines) >= 3
    for line in lines:
        _index, span, para = line.split("\t", 2)
        start, end = map(int, span.split("-"))
        assert " ".join(shown[start:end].split()) == para


def test_align_text_table_shows_controls_as_symbols(tmp_path):
    clean, evil, _text = hostile_story(tmp_path)
    before = files_in(tmp_path)
    done = run("align", str(evil), str(clean), cwd=tmp_path, env={"COLUMNS": "160"})
    assert done.returncode == 0 and done.stderr == b"", done.stderr
    table = terminal_text(done.stdout)
    assert_no_controls(table)
    assert "␛[2J" in table
    assert files_in(tmp_path) == before


def test_align_json_escapes_controls_and_keeps_the_data(tmp_path):
    clean, evil, text = hostile_story(tmp_path)
    before = files_in(tmp_path)
    done = run("align", str(evil), str(clean), "--format", "json", cwd=tmp_path)
    assert done.returncode == 0 and done.stderr == b"", done.stderr
    assert files_in(tmp_path) == before
    out = terminal_text(done.stdout)
    assert_no_controls(out)
    evil_source = json.loads(out)["sources"][0]
    assert evil_source["title"] == text.split("\n")[0]  # the headline, escape sequences and all


def test_export_csv_and_markdown_to_the_terminal_show_controls(tmp_path):
    review = hostile_review(tmp_path)
    before = files_in(tmp_path)
    for fmt in ("csv", "md"):
        done = run("export", str(review), "--format", fmt, cwd=tmp_path)
        assert done.returncode == 0 and done.stderr == b"", done.stderr
        out = terminal_text(done.stdout)
        assert_no_controls(out, f"export --format {fmt}")
        assert "0;pwned␇␛" in out
    cells = list(
        csv.reader(io.StringIO(terminal_text(run("export", str(review), "--format", "csv", cwd=tmp_path).stdout)))
    )
    assert (
        cells[1][5]
        == "First line ␛]0;pwned␇␛[2J␛[H␛]52;c;cm0gLXJmIH4=␇\ufffd31m\ufffdevil\ufffd \ufffdiso\ufffd␡␈\nsecond ␛[31mline"
    )
    assert files_in(tmp_path) == before


def test_export_json_escapes_controls_and_keeps_the_data(tmp_path):
    review = hostile_review(tmp_path)
    before = files_in(tmp_path)
    for fmt in ("json", "w3c"):
        done = run("export", str(review), "--format", fmt, cwd=tmp_path)
        assert done.returncode == 0 and done.stderr == b"", done.stderr
        out = terminal_text(done.stdout)
        assert_no_controls(out, f"export --format {fmt}")
    data = json.loads(run("export", str(review), "--format", "json", cwd=tmp_path).stdout)
    original = yaml.safe_load(review.read_text(encoding="utf-8"))
    assert data["annotations"][0]["note"] == original["annotations"][0]["note"]
    assert data["annotations"][0]["targets"][0]["exact"] == original["annotations"][0]["targets"][0]["exact"]
    assert files_in(tmp_path) == before


def test_a_missing_file_named_with_controls_is_one_escaped_line(tmp_path):
    name = "no\nsuch\x1b[2J\x9b\u202e.txt"
    before = files_in(tmp_path)
    done = run("show", name, cwd=tmp_path)
    line = assert_one_line_error(done, "no\\nsuch\\x1b[2J\\x9b\\u202e.txt", "no such file")
    assert done.stdout == b""
    assert "\n" not in line
    assert files_in(tmp_path) == before


def test_a_base_with_controls_is_one_escaped_line(tmp_path):
    clean, evil, _text = hostile_story(tmp_path)
    before = files_in(tmp_path)
    done = run("align", str(clean), str(evil), "--base", "x\x1b]0;t\x07\ny", cwd=tmp_path)
    assert_one_line_error(done, "x\\x1b]0;t\\x07")
    assert files_in(tmp_path) == before


def test_option_values_with_controls_are_escaped_in_usage_errors(tmp_path):
    review = hostile_review(tmp_path)
    assert_one_line_error(run("export", str(review), "--format", "\x1b[2Jcsv\n", cwd=tmp_path), "\\x1b[2Jcsv")
    assert_one_line_error(run("align", "--min-severity", "\x1b]0;t\x07", "a", "b", cwd=tmp_path), "\\x1b]0;t\\x07")


def test_a_skipped_file_named_with_controls_is_one_escaped_line(tmp_path):
    folder = tmp_path / "story"
    folder.mkdir()
    (folder / "a.txt").write_text(CLEAN, encoding="utf-8")
    (folder / "b.txt").write_text(CLEAN.replace("312", "321"), encoding="utf-8")
    (folder / "memo\x1b[2J\n\x9b.doc").write_bytes(b"\xd0\xcf\x11\xe0 not read")
    done = run("align", str(folder), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    err = terminal_text(done.stderr)
    assert err.count("\n") == 1 and "skipped" in err and "memo\\x1b[2J\\n\\x9b.doc" in err, err
    assert_no_controls(err.rstrip("\n"), "the skip message")


def test_a_review_reopened_from_files_named_with_controls_fails_in_one_line(tmp_path):
    review = hostile_review(tmp_path)
    done = run("--annotations", str(review), cwd=tmp_path)
    assert_one_line_error(done, "wire\\x1b]0;pwned\\x07")
