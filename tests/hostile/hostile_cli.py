"""Run ``python -m srccompare`` as a user would, and check the one-line refusal (shared by the hostile-input tests)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

STORY = "Dock workers walked out on Monday.\n\nThe strike will last 30 days.\n"


def run(*args: str, cwd: Path, timeout: float = 60, **kwargs) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SRCCOMPARE_NO_USER_CONFIG": "1", "NO_COLOR": "1", **kwargs.pop("env", {})}
    return subprocess.run(
        [sys.executable, "-m", "srccompare", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=timeout,
        **kwargs,
    )


def refusal(proc: subprocess.CompletedProcess[str], *must_mention: str) -> str:
    """Exit status 2, nothing on stdout, one stderr line naming each of ``must_mention``; returns the line."""
    assert "Traceback" not in proc.stderr, proc.stderr
    assert proc.returncode == 2, (proc.returncode, proc.stderr[-2000:])
    lines = proc.stderr.splitlines()
    assert len(lines) == 1, f"expected one line on stderr, got {lines!r}"
    assert proc.stdout == ""
    for word in must_mention:
        assert word.lower() in lines[0].lower(), f"{word!r} not in {lines[0]!r}"
    return lines[0]
