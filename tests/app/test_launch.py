"""Starting the app from the command line: bad input is one line on stderr and exit status 2."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from srccompare.cli.prepare import prepare, resolve_base
from srccompare.core.errors import UserError
from tests.app.support import make_source


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "srccompare", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=60,
        env={"SRCCOMPARE_NO_USER_CONFIG": "1", "PATH": "/usr/bin:/bin", "TERM": "dumb"},
    )


def one_line_error(result: subprocess.CompletedProcess) -> str:
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    return lines[0]


@pytest.fixture
def two(tmp_path: Path) -> tuple[Path, Path]:
    a, b = tmp_path / "wire.txt", tmp_path / "reprint.txt"
    a.write_text("Title\n\nDockers strike for thirty days.\n", encoding="utf-8")
    b.write_text("Title\n\nDockers strike for 30 days.\n", encoding="utf-8")
    return a, b


def test_missing_source_names_the_file(tmp_path, two):
    line = one_line_error(run(str(two[0]), "nope.txt", cwd=tmp_path))
    assert "nope.txt" in line and "no such file" in line


def test_one_source_is_not_enough(tmp_path, two):
    line = one_line_error(run(str(two[0]), cwd=tmp_path))
    assert "2 to 6" in line


def test_seven_sources_are_too_many(tmp_path, two):
    files = []
    for i in range(7):
        f = tmp_path / f"v{i}.txt"
        f.write_text(f"Version {i}\n\nThe strike lasted {i} days.\n", encoding="utf-8")
        files.append(str(f))
    line = one_line_error(run(*files, cwd=tmp_path))
    assert "2 to 6" in line and "7" in line


def test_unknown_base_lists_the_ids(tmp_path, two):
    line = one_line_error(run(str(two[0]), str(two[1]), "--base", "agency", cwd=tmp_path))
    assert "agency" in line and "wire" in line and "reprint" in line


def test_bad_min_severity_is_a_usage_error(tmp_path, two):
    line = one_line_error(run(str(two[0]), str(two[1]), "--min-severity", "huge", cwd=tmp_path))
    assert "huge" in line


def test_binary_file_is_refused(tmp_path, two):
    blob = tmp_path / "photo.txt"
    blob.write_bytes(b"\x89PNG\x00\x00\x01\x02" * 50)
    line = one_line_error(run(str(two[0]), str(blob), cwd=tmp_path))
    assert "photo.txt" in line and "binary" in line


def test_base_may_be_named_by_id_path_or_file_name():
    sources = [make_source("wire", ["x"]), make_source("reprint", ["y"])]
    assert resolve_base(sources, "reprint") == "reprint"
    assert resolve_base(sources, "reprint.txt") == "reprint"
    assert resolve_base(sources, None) is None
    with pytest.raises(UserError):
        resolve_base(sources, "other")


def test_prepare_reads_sources_before_the_app_starts(tmp_path, two):
    args, _config, sources, base = prepare([str(two[0]), str(two[1]), "--base", "reprint", "--min-severity", "major"])
    assert [s.id for s in sources] == ["wire", "reprint"]
    assert base == "reprint" and args.min_severity == "major"


def test_reading_the_input_does_not_load_textual(two):
    code = (
        "import sys\n"
        "from srccompare.cli.prepare import prepare\n"
        f"prepare([{str(two[0])!r}, {str(two[1])!r}])\n"
        "print(any(m == 'textual' or m.startswith('textual.') for m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False", "a bad input fails fast, before the UI library is even imported"


def test_keys_naming_no_binding_is_a_config_error(tmp_path, two):
    config = tmp_path / "keys.yaml"
    config.write_text("keys:\n  next_divergence: 'n,space'\n  not_an_action: x\n", encoding="utf-8")
    line = one_line_error(run("--config", str(config), str(two[0]), str(two[1]), cwd=tmp_path))
    assert str(config) in line
    assert "not_an_action" in line and "next_divergence" not in line


def test_every_documented_default_key_has_a_known_binding_id():
    from srccompare.app.app import known_binding_ids

    ids = known_binding_ids()
    for binding_id in (
        "row_down",
        "next_divergence",
        "prev_divergence",
        "next_flag",
        "prev_flag",
        "next_column",
        "make_base",
        "annotate",
        "edit_annotation",
        "delete_annotation",
        "annotations",
        "search",
        "help",
        "command_palette",
        "quit",
    ):
        assert binding_id in ids
