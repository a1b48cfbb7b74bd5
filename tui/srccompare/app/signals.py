"""Signals that would end the app: keep the reviewer's work, put the terminal back, then exit.

Left to their default, SIGTERM, SIGHUP and the like end the process on the spot:
the terminal stays in the alternate screen with mouse tracking on and echo off,
and a note being typed is gone. :class:`SignalGuard` catches every such signal
that can be caught (SIGKILL cannot: drafts are also kept every few seconds, see
:mod:`srccompare.app.draft_keeper`) and hands it to the app's event loop, which
keeps open notes in the rescue folder and exits the ordinary way (Textual puts
the terminal back). Signals someone set to be ignored (``nohup``) stay ignored.

If the app cannot finish within :data:`GRACE_SECONDS` (its loop is stuck, or
the terminal is gone and writes to it hang), or a second signal comes, the
terminal modes are put back by hand and the process ends at once.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import threading
from collections.abc import Callable
from types import FrameType
from typing import Any

CAUGHT = (
    "SIGTERM",
    "SIGHUP",
    "SIGINT",
    "SIGQUIT",
    "SIGUSR1",
    "SIGUSR2",
    "SIGALRM",
    "SIGVTALRM",
    "SIGPROF",
    "SIGXCPU",
    "SIGPWR",
)
"""Signals whose default action ends the process, and that a process may catch."""

GRACE_SECONDS = 3.0
"""How long the app may take to exit after a signal before it is ended by hand."""

TERMINAL_RESET = (
    "\x1b[?1000l\x1b[?1003l\x1b[?1015l\x1b[?1006l\x1b[?1016l"  # mouse tracking off
    "\x1b[?2004l"  # bracketed paste off
    "\x1b[?7h"  # line wrap on
    "\x1b[<u"  # kitty keyboard protocol off
    "\x1b[?1049l"  # leave the alternate screen
    "\x1b[?25h"  # show the cursor
    "\x1b[?1004l"  # focus reporting off
)
"""What Textual writes when it leaves application mode, for when it cannot do so itself."""


def catchable() -> list[signal.Signals]:
    """The signals of :data:`CAUGHT` this platform has, and that nobody set to be ignored or handled."""
    out = []
    for name in CAUGHT:
        sig = getattr(signal, name, None)
        if sig is None:
            continue
        current = signal.getsignal(sig)
        if current is signal.SIG_DFL or current is signal.default_int_handler:
            out.append(sig)
    return out


class SignalGuard:
    """Turns terminating signals into a call on the app's event loop; puts the terminal back if it hangs.

    Installed around ``App.run`` (from the main thread), started by the app
    once its loop runs (:meth:`attach`). A signal before that, when the terminal
    is not in application mode yet, ends the process as it would have.
    """

    def __init__(self) -> None:
        self.signum: int | None = None
        """The signal that stopped the app, if one did."""
        self._previous: dict[signal.Signals, Any] = {}
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stop: Callable[[int], None] | None = None
        self._terminal: Callable[[], tuple[int, list[Any] | None] | None] | None = None
        self._finished = threading.Event()

    def install(self) -> SignalGuard:
        for sig in catchable():
            self._previous[sig] = signal.signal(sig, self._received)
        return self

    def attach(
        self,
        loop: asyncio.AbstractEventLoop,
        stop: Callable[[int], None],
        terminal: Callable[[], tuple[int, list[Any] | None] | None],
    ) -> None:
        """From now on a signal calls ``stop(signum)`` on ``loop``; ``terminal()`` gives the terminal's
        file descriptor and its modes before the app changed them, for putting them back by hand."""
        self._loop, self._stop, self._terminal = loop, stop, terminal

    def uninstall(self) -> None:
        """Put the previous handlers back; the app has exited, so a pending watchdog stands down."""
        self._finished.set()
        for sig, previous in self._previous.items():
            try:
                signal.signal(sig, previous if previous is not None else signal.SIG_DFL)
            except (OSError, ValueError):
                pass
        self._previous.clear()

    def __enter__(self) -> SignalGuard:
        return self.install()

    def __exit__(self, *exc: object) -> None:
        self.uninstall()

    # -------------------------------------------------------------- handling

    def _received(self, signum: int, frame: FrameType | None) -> None:
        """Runs in the main thread between two bytecodes: only hands the signal on."""
        loop, stop = self._loop, self._stop
        if self.signum is not None or loop is None or stop is None or loop.is_closed():
            if self.signum is None and loop is None:  # the app has not started: end as if not caught
                signal.signal(signum, signal.SIG_DFL)
                os.kill(os.getpid(), signum)
                return
            self.end_now(signum)  # a second signal, or the loop is gone
            return
        self.signum = signum
        watchdog = threading.Thread(target=self._watch, args=(signum,), name="srccompare-signal", daemon=True)
        watchdog.start()
        try:
            loop.call_soon_threadsafe(stop, signum)
        except RuntimeError:  # the loop closed meanwhile
            self.end_now(signum)

    def _watch(self, signum: int) -> None:
        if not self._finished.wait(GRACE_SECONDS):
            self.end_now(signum)

    def end_now(self, signum: int) -> None:
        """Put the terminal modes back by hand and end the process (exit status 128 + signal)."""
        terminal = self._terminal() if self._terminal is not None else None
        if terminal is not None:
            fd, modes = terminal
            restore_terminal(fd, modes)
        os._exit(128 + signum)


def restore_terminal(fd: int, modes: list[Any] | None) -> None:
    """Echo and line editing back on, then the escape sequences that end application mode.

    The write runs in a thread given half a second: on a terminal that was
    hung up, or that nobody reads, it must not keep the process alive.
    """
    if modes is not None:
        try:
            import termios

            termios.tcsetattr(fd, termios.TCSANOW, modes)
        except Exception:  # termios.error is not an OSError; no termios on Windows
            pass

    def write() -> None:
        try:
            os.write(fd, TERMINAL_RESET.encode("ascii"))
        except OSError:
            pass

    writer = threading.Thread(target=write, daemon=True)
    writer.start()
    writer.join(0.5)


def stderr_line(text: str) -> None:
    """One line on stderr, or nothing when the terminal is gone (after SIGHUP)."""
    try:
        print(text, file=sys.stderr, flush=True)
    except (OSError, ValueError):
        pass
