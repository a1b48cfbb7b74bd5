"""A UTF-8 file with a few broken bytes stays UTF-8, with a warning; a legacy file is still detected.

One stray 0xFF byte once made a whole UTF-8 file decode as Mac Icelandic, every
accented letter and curly quote turned into something else without a word.
"""

from __future__ import annotations

import json
from pathlib import Path

from srccompare.inputs.decoding import decode_bytes
from tests.hostile.cli_checks import assert_no_controls, run, terminal_text

UTF8_STORY = "Dock workers in Gdańsk walked out on Monday, the union’s leader said.\n\nŁódź followed – 30 days.\n"


def _damaged(story: str = UTF8_STORY, *insert_at: int) -> bytes:
    """``story`` in UTF-8 with a 0xFF byte put before each of the given byte offsets (ASCII places)."""
    data = story.encode("utf-8")
    for offset in sorted(insert_at, reverse=True):
        data = data[:offset] + b"\xff" + data[offset:]
    return data


def _one_warning(stderr: bytes, name: str) -> str:
    text = terminal_text(stderr)
    assert_no_controls(text, "the warning")
    lines = text.splitlines()
    assert len(lines) == 1, lines
    assert name in lines[0] and "UTF-8" in lines[0] and "warning" in lines[0]
    return lines[0]


def test_one_bad_byte_keeps_the_file_utf8_with_a_replacement_and_a_warning(tmp_path: Path) -> None:
    (tmp_path / "story.txt").write_bytes(_damaged(UTF8_STORY, 5))
    proc = run("show", "story.txt", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert (
        terminal_text(proc.stdout)
        == "Dock \ufffdworkers in Gdańsk walked out on Monday, the union’s leader said.\n\nŁódź followed – 30 days.\n"
    )
    line = _one_warning(proc.stderr, "story.txt")
    assert "1 place" in line and "byte 5" in line


def test_the_warning_counts_every_bad_place_and_align_reports_utf8(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(_damaged(UTF8_STORY, 5, 10, 30))
    (tmp_path / "b.txt").write_text(UTF8_STORY, encoding="utf-8")
    proc = run("align", "a.txt", "b.txt", "--format", "json", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "3 places" in _one_warning(proc.stderr, "a.txt")
    assert json.loads(proc.stdout)["sources"][0]["encoding"] == "utf-8"


def test_latin1_with_one_accented_letter_still_goes_to_legacy_detection(tmp_path: Path) -> None:
    text = "Les dockers de Saint-Nazaire ont arrêté le travail lundi.\n"
    (tmp_path / "latin.txt").write_bytes(text.encode("latin-1"))
    proc = run("show", "latin.txt", cwd=tmp_path)
    assert proc.returncode == 0 and proc.stderr == b"", proc.stderr
    assert terminal_text(proc.stdout) == text


def test_a_legacy_text_with_an_accidental_utf8_pair_is_still_legacy() -> None:
    """In Windows-1251 a capital before "і" (Сі, Ві) is a valid UTF-8 pair by accident; the rest is not."""
    text = "Війна в Києві. Сімферополь і Львів, «Ліс».\n"
    assert decode_bytes(text.encode("cp1251"), "uk.txt") == (text, "cp1251")


def test_mostly_broken_utf8_is_not_passed_off_as_utf8(capsys) -> None:
    """More invalid sequences than valid ones: not "UTF-8 with a few bad bytes", so detection decides."""
    data = "Ärger über Öl, Gdańsk".encode() + b" \xe4\xf6\xfc\xdf \xe9\xe8 \xe0\n"
    text, encoding = decode_bytes(data, "mixed.txt")
    assert encoding != "utf-8" and "\ufffd" not in text
    assert capsys.readouterr().err == ""
