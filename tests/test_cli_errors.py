"""User mistakes on the command line end with one line on stderr and exit status 2.

Each test runs ``python -m srccompare`` in a subprocess, as a user would, so the
whole path from argument parsing to the printed message is covered: exit status
2, exactly one line naming the file (where there is one) and the problem, no
traceback, nothing on stdout.
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

from srccompare import __version__

GOOD = "Dock workers walked out on Monday.\n\nThe strike will last 30 days.\n"


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SRCCOMPARE_NO_USER_CONFIG": "1", "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, "-m", "srccompare", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=60,
    )


def assert_user_error(proc: subprocess.CompletedProcess[str], *must_mention: str) -> str:
    """Exit 2, one stderr line that mentions each of ``must_mention``; returns the line."""
    assert "Traceback" not in proc.stderr, proc.stderr
    assert proc.returncode == 2, (proc.returncode, proc.stderr)
    lines = proc.stderr.splitlines()
    assert len(lines) == 1, f"expected one line on stderr, got {lines!r}"
    assert proc.stdout == ""
    for word in must_mention:
        assert word.lower() in lines[0].lower(), f"{word!r} not in {lines[0]!r}"
    return lines[0]


@pytest.fixture
def work(tmp_path: Path) -> Path:
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    return tmp_path


# --- sources -----------------------------------------------------------------------


def test_missing_file(work):
    line = assert_user_error(run("align", "nowhere.txt", "good.txt", cwd=work), "nowhere.txt")
    assert "no such file" in line


def test_empty_file(work):
    (work / "empty.txt").write_bytes(b"")
    line = assert_user_error(run("align", "good.txt", "empty.txt", cwd=work), "empty.txt")
    assert "empty" in line


def test_blank_only_file(work):
    (work / "blank.txt").write_text("   \n\n\t \n \u00a0\n", encoding="utf-8")
    line = assert_user_error(run("align", "good.txt", "blank.txt", cwd=work), "blank.txt")
    assert "blank" in line or "no text" in line


def test_binary_file(work):
    noise = random.Random(7).randbytes(4096)
    (work / "data.txt").write_bytes(b"\x00\x01\x02\x03" + noise)
    line = assert_user_error(run("align", "good.txt", "data.txt", cwd=work), "data.txt")
    assert "binary" in line


def test_image_saved_as_txt(work):
    noise = random.Random(8).randbytes(2048)
    (work / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + noise)
    line = assert_user_error(run("align", "good.txt", "photo.txt", cwd=work), "photo.txt")
    assert "image" in line or "binary" in line


def test_undecodable_file(work):
    (work / "garbled.txt").write_bytes(bytes(range(0x80, 0x100)) * 16)
    line = assert_user_error(run("align", "good.txt", "garbled.txt", cwd=work), "garbled.txt")
    assert "decode" in line or "encoding" in line


def test_folder_with_no_text_files(work):
    empty = work / "nothing-here"
    empty.mkdir()
    (empty / ".hidden.txt").write_text(GOOD, encoding="utf-8")
    (empty / "sub").mkdir()
    line = assert_user_error(run("align", "nothing-here", "good.txt", cwd=work), "nothing-here")
    assert "no " in line


def test_folder_with_only_an_image_names_the_folder(work):
    """Skipped files may be named first, but the run ends with exit 2 and the folder named last."""
    pics = work / "pics"
    pics.mkdir()
    (pics / "scan.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    proc = run("align", "pics", "good.txt", cwd=work)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert proc.stdout == ""
    assert "pics" in proc.stderr.splitlines()[-1]


def test_one_source_only(work):
    line = assert_user_error(run("align", "good.txt", cwd=work), "good.txt")
    assert "two" in line or "2" in line


def test_folder_holding_one_file_is_one_source(work):
    solo = work / "solo"
    solo.mkdir()
    (solo / "only.txt").write_text(GOOD, encoding="utf-8")
    line = assert_user_error(run("align", "solo", cwd=work), "solo")
    assert "two" in line or "2" in line


# --- options -----------------------------------------------------------------------


def test_unknown_format(work):
    (work / "other.txt").write_text(GOOD, encoding="utf-8")
    line = assert_user_error(run("align", "good.txt", "other.txt", "--format", "xml", cwd=work), "xml")
    assert "format" in line


def test_unknown_base(work):
    (work / "other.txt").write_text(GOOD, encoding="utf-8")
    line = assert_user_error(run("align", "good.txt", "other.txt", "--base", "zzz", cwd=work), "zzz")
    assert "base" in line


def test_unknown_option(work):
    (work / "other.txt").write_text(GOOD, encoding="utf-8")
    assert_user_error(run("align", "good.txt", "other.txt", "--colour", cwd=work), "--colour")


def test_broken_yaml_config(work):
    (work / "other.txt").write_text(GOOD, encoding="utf-8")
    (work / "broken.yaml").write_text("align:\n  match_threshold: [0.4\n", encoding="utf-8")
    line = assert_user_error(run("--config", "broken.yaml", "align", "good.txt", "other.txt", cwd=work), "broken.yaml")
    assert "yaml" in line.lower()


def test_ill_typed_config_names_the_setting(work):
    (work / "other.txt").write_text(GOOD, encoding="utf-8")
    (work / "typed.yaml").write_text("align:\n  match_threshold: high\n", encoding="utf-8")
    assert_user_error(
        run("--config", "typed.yaml", "align", "good.txt", "other.txt", cwd=work), "typed.yaml", "match_threshold"
    )


def test_unknown_config_key_names_the_key(work):
    (work / "other.txt").write_text(GOOD, encoding="utf-8")
    (work / "typo.yaml").write_text("align:\n  match_treshold: 0.4\n", encoding="utf-8")
    line = assert_user_error(
        run("--config", "typo.yaml", "align", "good.txt", "other.txt", cwd=work), "typo.yaml", "match_treshold"
    )
    assert "unknown" in line


def test_config_that_is_not_a_mapping(work):
    (work / "other.txt").write_text(GOOD, encoding="utf-8")
    (work / "list.yaml").write_text("- align\n- boilerplate\n", encoding="utf-8")
    assert_user_error(run("--config", "list.yaml", "align", "good.txt", "other.txt", cwd=work), "list.yaml")


def test_missing_config_file(work):
    (work / "other.txt").write_text(GOOD, encoding="utf-8")
    line = assert_user_error(run("--config", "absent.yaml", "align", "good.txt", "other.txt", cwd=work), "absent.yaml")
    assert "no such file" in line


def test_unwritable_output(work):
    (work / "other.txt").write_text(GOOD, encoding="utf-8")
    target = work / "no-such-folder" / "out.json"
    assert_user_error(
        run("align", "good.txt", "other.txt", "--format", "json", "-o", str(target), cwd=work), "out.json"
    )
    assert not target.exists()


# --- the same mistakes through the app and the other commands --------------------------


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (("nowhere.txt", "good.txt"), "nowhere.txt"),
        (("good.txt", "empty.txt"), "empty.txt"),
        (("--config", "broken.yaml", "good.txt", "good.txt"), "broken.yaml"),
    ],
    ids=["missing", "empty", "broken-config"],
)
def test_the_app_reports_bad_input_before_it_starts(work, args, named):
    """Opening the review app on bad input is the same one line, never a half-drawn screen."""
    (work / "empty.txt").write_bytes(b"")
    (work / "broken.yaml").write_text("keys: {next_row: [\n", encoding="utf-8")
    assert_user_error(run(*args, cwd=work), named)


def test_the_app_needs_two_sources(work):
    line = assert_user_error(run("good.txt", cwd=work), "good.txt")
    assert "2" in line or "two" in line


@pytest.mark.parametrize("name", ["nowhere.txt", "data.bin.txt"])
def test_show_reports_unreadable_sources(work, name):
    (work / "data.bin.txt").write_bytes(b"\x00\x01" + random.Random(3).randbytes(512))
    assert_user_error(run("show", name, cwd=work), name)


# --- the happy paths these errors are measured against ----------------------------------


def test_version(work):
    proc = run("--version", cwd=work)
    assert proc.returncode == 0
    assert proc.stdout.strip() == f"srccompare {__version__}"
    assert proc.stderr == ""


@pytest.mark.parametrize("args", [("--help",), ("align", "--help")])
def test_help(work, args):
    proc = run(*args, cwd=work)
    assert proc.returncode == 0
    assert proc.stdout.startswith("usage: srccompare")
    assert "align" in proc.stdout
    assert proc.stderr == ""


def test_align_help_lists_its_options(work):
    out = run("align", "--help", cwd=work).stdout
    for option in ("--base", "--format", "--output"):
        assert option in out


def test_a_good_run_exits_zero_with_nothing_on_stderr(work):
    (work / "other.txt").write_text(GOOD.replace("30", "31"), encoding="utf-8")
    proc = run("align", "good.txt", "other.txt", "--format", "json", cwd=work)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    assert proc.stdout.lstrip().startswith("{")


def test_output_over_a_source_is_refused_and_the_source_kept(work):
    other = work / "other.txt"
    other.write_text(GOOD.replace("30", "300"), encoding="utf-8")
    for args in (
        ("align", "good.txt", "other.txt", "--format", "json", "-o", "other.txt"),
        ("align", ".", "-o", "./good.txt"),
        ("show", "good.txt", "-o", "good.txt"),
    ):
        line = assert_user_error(run(*args, cwd=work), args[-1])
        assert "choose another output" in line
    assert (work / "good.txt").read_text(encoding="utf-8") == GOOD
    assert other.read_text(encoding="utf-8") == GOOD.replace("30", "300")
