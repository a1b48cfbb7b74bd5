"""The review app run for real in a pseudo-terminal (pexpect): every byte it writes, and the terminal's modes."""

from __future__ import annotations

import os
import sys
import termios
import time
from collections.abc import Callable
from pathlib import Path

import pexpect

WIRE = (
    "Harbour workers strike\n\n"
    "Dock workers at the northern port began a strike on Monday over pay and hours.\n\n"
    "The union said 3,000 members would stay off work for thirty days unless talks resumed.\n"
)
REPRINT = WIRE.replace("3,000 members", "300 members")

READY = b"row 1/"
"""In the status line once the alignment is on screen."""
DIALOG = b"why this matters"
"""The annotation dialog's hint."""


def story(folder: Path) -> tuple[Path, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    wire, reprint = folder / "wire.txt", folder / "reprint.txt"
    wire.write_text(WIRE, encoding="utf-8")
    reprint.write_text(REPRINT, encoding="utf-8")
    return wire, reprint


def environment(home: Path) -> dict[str, str]:
    """The data folder (rescued reviews, drafts) and the state file in ``home``; no user config."""
    env = dict(os.environ)
    env.update(
        XDG_DATA_HOME=str(home / "data"),
        SRCCOMPARE_STATE_DIR=str(home / "state"),
        SRCCOMPARE_NO_USER_CONFIG="1",
        TERM="xterm-256color",
    )
    return env


def rescued(home: Path) -> Path:
    return home / "data" / "srccompare" / "rescued"


class AppInPty:
    """``python -m srccompare ARGS`` in a 140x40 pseudo-terminal; ``output`` collects everything it wrote."""

    def __init__(self, home: Path, *args: str) -> None:
        self.output = bytearray()
        self.child = pexpect.spawn(
            sys.executable, ["-m", "srccompare", *args], env=environment(home), dimensions=(40, 140), timeout=30
        )
        self.modes_at_exit: list | None = None

    @property
    def pid(self) -> int:
        return self.child.pid

    def read(self, seconds: float) -> bool:
        """Collect output for ``seconds``; False once the app has closed the terminal."""
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            try:
                self.output.extend(self.child.read_nonblocking(65536, timeout=0.05))
            except pexpect.TIMEOUT:
                continue
            except pexpect.EOF:
                return False
        return True

    def wait_for(self, condition: Callable[[], bool], what: str, seconds: float = 30) -> None:
        end = time.monotonic() + seconds
        while not condition():
            if time.monotonic() > end or not self.read(0.1):
                if condition():
                    return
                raise AssertionError(
                    f"timed out waiting for {what}; the screen ended with {bytes(self.output[-300:])!r}"
                )

    def wait_for_text(self, text: bytes, seconds: float = 30, *, after: int = 0) -> None:
        self.wait_for(lambda: text in self.output[after:], repr(text), seconds)

    def send(self, keys: str) -> None:
        self.child.send(keys)

    def finish(self, seconds: float = 20) -> int | None:
        """Read until the app exits; the terminal's modes are taken then. Returns the exit status."""
        end = time.monotonic() + seconds
        while self.read(0.2):
            if time.monotonic() > end:
                self.child.terminate(force=True)
                raise AssertionError("the app did not exit")
        self.child.wait() if self.child.isalive() else None
        try:
            self.modes_at_exit = termios.tcgetattr(self.child.child_fd)
        except termios.error:
            self.modes_at_exit = None
        self.child.close()
        return self.child.exitstatus

    @property
    def signal_status(self) -> int | None:
        return self.child.signalstatus

    def stop(self) -> None:
        if self.child.isalive():
            self.child.terminate(force=True)
        self.child.close()


def restored(output: bytes) -> list[str]:
    """The terminal modes the app switched on and left on (each switch-on not followed by its switch-off)."""
    pairs = {
        "alternate screen": (b"\x1b[?1049h", b"\x1b[?1049l"),
        "mouse tracking": (b"\x1b[?1000h", b"\x1b[?1000l"),
        "all-motion mouse tracking": (b"\x1b[?1003h", b"\x1b[?1003l"),
        "SGR mouse reports": (b"\x1b[?1006h", b"\x1b[?1006l"),
        "bracketed paste": (b"\x1b[?2004h", b"\x1b[?2004l"),
        "focus reports": (b"\x1b[?1004h", b"\x1b[?1004l"),
        "hidden cursor": (b"\x1b[?25l", b"\x1b[?25h"),
    }
    left_on = []
    for name, (on, off) in pairs.items():
        last_on = output.rfind(on)
        if last_on >= 0 and output.find(off, last_on) < 0:
            left_on.append(name)
    return left_on
