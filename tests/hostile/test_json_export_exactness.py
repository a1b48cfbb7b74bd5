"""``export --format json`` holds the review exactly or refuses in one line (issue 13, item 11).

A date under a key srccompare does not know, a ``!!set`` or ``!!binary`` value
used to crash the export with a traceback. JSON has no type for them, so the
export now ends with exit status 2 and one line naming the file and the key;
the YAML export keeps them exactly.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
import yaml

from tests.hostile.cli_checks import assert_one_line_error, files_in, run, terminal_text

HEAD = "format: srccompare-annotations\nschema_version: 1\nsources: []\n"


def write_review(folder: Path, body: str) -> Path:
    path = folder / "review.yaml"
    path.write_text(HEAD + body, encoding="utf-8")
    return path


CASES = {
    "a date under an unknown annotation key": (
        "annotations:\n  - id: a1\n    note: hi\n    reviewed_on: 2024-01-02\n",
        "annotations[0].reviewed_on",
        "a date (2024-01-02)",
    ),
    "a date at the top level": ("annotations: []\ndue: 2024-05-06\n", "due", "a date (2024-05-06)"),
    "a date and time in a nested list": (
        "annotations: []\nlog:\n  - when: 2024-05-06T10:00:00Z\n",
        "log[0].when",
        "a date and time",
    ),
    "a set": ("annotations: []\ntags: !!set {a, b}\n", "tags", "a set (!!set)"),
    "binary data": ("annotations: []\nblob: !!binary aGVsbG8=\n", "blob", "binary data (!!binary)"),
    "ordered pairs": ("annotations: []\npairs: !!omap [a: 1, b: 2]\n", "pairs[0]", "ordered pairs"),
    "not a number": ("annotations: []\nratio: .nan\n", "ratio", ".nan or .inf"),
    "a key that is not text": ("annotations: []\n2024-01-02: holiday\n", "the top level", "a key that is not text"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_json_export_refuses_what_json_cannot_hold_in_one_line(tmp_path, case):
    body, where, what = CASES[case]
    review = write_review(tmp_path, body)
    before = files_in(tmp_path)
    done = run("export", str(review), "--format", "json", cwd=tmp_path)
    assert_one_line_error(done, str(review), "cannot be exported as JSON", f"'{where}'", what, "yaml")
    assert done.stdout == b""
    out = tmp_path / "out.json"
    assert_one_line_error(run("export", str(review), "-o", str(out), cwd=tmp_path), str(review))
    assert not out.exists()
    assert files_in(tmp_path) == before


def test_the_yaml_export_keeps_those_values_exactly(tmp_path):
    review = write_review(
        tmp_path,
        "annotations:\n  - id: a1\n    reviewed_on: 2024-01-02\ntags: !!set {a, b}\nblob: !!binary aGVsbG8=\n",
    )
    done = run("export", str(review), "--format", "yaml", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    data = yaml.safe_load(done.stdout)
    assert data["annotations"][0]["reviewed_on"] == dt.date(2024, 1, 2)
    assert data["tags"] == {"a", "b"} and data["blob"] == b"hello"


def test_dates_under_the_known_keys_still_export(tmp_path):
    review = write_review(
        tmp_path, "annotations:\n  - id: a1\n    created: 2024-01-02\n    modified: 2024-01-03 10:00:00\n"
    )
    done = run("export", str(review), "--format", "json", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    annotation = json.loads(terminal_text(done.stdout))["annotations"][0]
    assert (annotation["created"], annotation["modified"]) == ("2024-01-02T00:00:00Z", "2024-01-03T10:00:00Z")
