"""Running ``srccompare`` as a user would, and what its output must never hold (terminal controls, tracebacks)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
"""What must not reach a terminal: C0 but tab and newline, DEL, C1, bidi embeddings, overrides, isolates."""

HOSTILE = (
    "\x1b]0;pwned\x07"  # set the window title
    "\x1b[2J\x1b[H"  # clear the screen
    "\x1b]52;c;cm0gLXJmIH4=\x07"  # write the clipboard (OSC 52)
    "\x9b31m"  # C1 CSI
    "\u202eevil\u202c \u2066iso\u2069"  # bidi override, isolate
    "\x7f\x08\r"  # DEL, backspace, carriage return
)
"""Everything a hostile source or note tried in the adversarial pass, in one string."""


def run(
    *args: str,
    cwd: Path,
    stdin: bytes | None = None,
    env: dict[str, str] | None = None,
    stdout: int | None = subprocess.PIPE,
    preexec_fn: Callable[[], None] | None = None,
) -> subprocess.CompletedProcess[bytes]:
    environment = {**os.environ, "SRCCOMPARE_NO_USER_CONFIG": "1", "NO_COLOR": "1", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "srccompare", *args],
        input=stdin,
        stdout=stdout,
        stderr=subprocess.PIPE,
        cwd=cwd,
        env=environment,
        preexec_fn=preexec_fn,
        timeout=120,
    )


def terminal_text(data: bytes) -> str:
    """Output as a terminal gets it: UTF-8 (anything else fails the test)."""
    return data.decode("utf-8")


def assert_no_controls(text: str, what: str = "output") -> None:
    found = RAW_CONTROL.search(text)
    assert found is None, (
        f"{what} holds {found.group()!r} at {found.start()}: {text[max(0, found.start() - 40) : found.end() + 40]!r}"
    )


def assert_one_line_error(proc: subprocess.CompletedProcess[bytes], *must_mention: str) -> str:
    """Exit status 2 and one stderr line, no traceback, no control character; returns the line."""
    err = terminal_text(proc.stderr)
    assert "Traceback" not in err and "Exception ignored" not in err, err
    assert proc.returncode == 2, (proc.returncode, err)
    assert err.endswith("\n") and err.count("\n") == 1, repr(err)
    line = err.rstrip("\n")
    assert line.startswith("srccompare: "), line
    assert_no_controls(line, "the error message")
    for part in must_mention:
        assert part in line, (part, line)
    return line


def files_in(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` with its bytes (to check that a command changed nothing)."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}
