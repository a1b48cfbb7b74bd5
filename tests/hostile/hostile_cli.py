"""The refusal every hostile-input case expects, on top of :mod:`tests.hostile.cli_checks`."""

from __future__ import annotations

import subprocess

from tests.hostile.cli_checks import assert_one_line_error

STORY = "Dock workers walked out on Monday.\n\nThe strike will last 30 days.\n"


def refusal(proc: subprocess.CompletedProcess[bytes], *must_mention: str) -> str:
    """Exit status 2, one stderr line (no traceback, no control character) naming each of ``must_mention``,
    and nothing on stdout; returns the line."""
    line = assert_one_line_error(proc, *must_mention)
    assert proc.stdout == b"", proc.stdout[:200]
    return line
