"""The CSV export never hands a spreadsheet a formula, not even after a line break (issue 13, item 5).

A note ``"\\r=1+1"`` used to be written unquoted with a raw CR, so a reader saw
a new row starting ``=1+1``. Now every cell with a line break is quoted (CR and
CRLF read as newlines), and a formula start (= + - @ tab CR) at the start of a
cell or of any line in it gets a leading apostrophe.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
import yaml

from tests.hostile.cli_checks import assert_no_controls, files_in, run, terminal_text

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def review_with(folder: Path, note: str, exact: str = "3,000 jobs") -> Path:
    path = folder / "review.yaml"
    data = {
        "format": "srccompare-annotations",
        "schema_version": 1,
        "sources": [{"id": "a", "path": "wire.txt", "sha256": ""}],
        "annotations": [
            {
                "id": "a1",
                "note": note,
                "created": "2024-01-02T10:00:00Z",
                "targets": [{"source": "a", "start": 0, "end": len(exact), "exact": exact, "prefix": "\n@SUM(A1)"}],
            }
        ],
    }
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def export_csv(folder: Path, review: Path) -> tuple[str, list[list[str]]]:
    before = files_in(folder)
    done = run("export", str(review), "--format", "csv", cwd=folder)
    assert done.returncode == 0, done.stderr
    assert done.stderr == b""
    assert files_in(folder) == before
    out = terminal_text(done.stdout)
    return out, list(csv.reader(io.StringIO(out, newline="")))


def assert_no_formula_anywhere(out: str, rows: list[list[str]]) -> None:
    """No raw CR; no physical line and no line inside a cell starts like a formula."""
    assert "\r" not in out
    assert_no_controls(out)
    for line in out.split("\n"):
        assert not line.startswith(FORMULA_STARTS), line
    for row in rows:
        for cell in row:
            for line in cell.split("\n"):
                assert not line.startswith(FORMULA_STARTS), (cell, line)


@pytest.mark.parametrize(
    "note",
    ["\r=1+1", 'ok\r=HYPERLINK("http://x")', "a\r\n+cmd|' /C calc'!A0", "a\n-2+3", "\n@SUM(1)", "x\n\t=1", "=1+1"],
)
def test_a_formula_after_a_line_break_is_quoted_and_neutralised(tmp_path, note):
    out, rows = export_csv(tmp_path, review_with(tmp_path, note))
    assert len(rows) == 2, rows  # the header and one annotation: the note did not start a row
    assert_no_formula_anywhere(out, rows)
    cell = rows[1][5]
    expected = note.replace("\r\n", "\n").replace("\r", "\n")
    assert cell.replace("\n'", "\n").removeprefix("'") == expected  # only apostrophes were added
    if "\n" in cell:
        assert '"' + cell.replace('"', '""') + '"' in out  # the cell is quoted


def test_the_raw_cr_case_from_the_report(tmp_path):
    out, rows = export_csv(tmp_path, review_with(tmp_path, "\r=1+1"))
    assert rows[1][5] == "\n'=1+1"
    assert '"\n\'=1+1"' in out


def test_quotes_and_context_are_neutralised_too(tmp_path):
    out, rows = export_csv(tmp_path, review_with(tmp_path, "fine", exact="=cmd\r-2"))
    exact, prefix = rows[1][15], rows[1][16]
    assert exact == "'=cmd\n'-2" and prefix == "\n'@SUM(A1)"
    assert_no_formula_anywhere(out, rows)


def test_a_csv_file_written_with_o_is_the_same(tmp_path):
    review = review_with(tmp_path, "\r=1+1")
    out, _rows = export_csv(tmp_path, review)
    done = run("export", str(review), "-o", str(tmp_path / "out.csv"), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "out.csv").read_text(encoding="utf-8") == out
