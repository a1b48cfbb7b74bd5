"""Start aligning in a separate process before the UI library is even imported.

Aligning the sample story takes about as long as importing Textual, and both are
CPU-bound, so doing them one after the other (or in two threads sharing the
GIL) doubles the wait for the first screen. A forked process runs the
alignment on another core while this one starts the app; the review screen's
worker then only waits for the result and relays progress. Where ``fork`` is
not available the app aligns in a thread as before. Plain Python: no Textual.
"""

from __future__ import annotations

import multiprocessing
import sys
from collections.abc import Callable
from typing import Any

from srccompare.config import Config
from srccompare.model import Alignment, Source

Progress = Callable[[int, int], None]


class AlignmentFailed(Exception):
    """The alignment process reported an error (its message is kept)."""


def _align_and_send(send: Any, sources: list[Source], base: str | None, config: Config) -> None:
    last = [-1]

    def progress(done: int, total: int) -> None:
        step = int(100 * done / total) if total else 100
        if step != last[0]:
            last[0] = step
            send.send(("progress", done, total))

    try:
        from srccompare.pipeline import build_alignment

        send.send(("done", build_alignment(sources, base, config, progress)))
    except BaseException as exc:  # reported to the app, which shows it
        send.send(("error", str(exc) or type(exc).__name__))
    finally:
        send.close()


class AlignmentJob:
    """An alignment being computed in a forked child process."""

    def __init__(self, sources: list[Source], base: str | None, config: Config) -> None:
        context = multiprocessing.get_context("fork")
        self._receive, send = context.Pipe(duplex=False)
        self._process = context.Process(target=_align_and_send, args=(send, sources, base, config), daemon=True)
        self._process.start()
        send.close()
        self._done = False

    def try_result(self) -> Alignment | None:
        """The alignment if the child has already sent it, else None (never waits for the child)."""
        try:
            while self._receive.poll(0):
                message = self._receive.recv()
                if message[0] == "done":
                    self._finish()
                    return message[1]
                if message[0] == "error":
                    self._finish()
                    raise AlignmentFailed(message[1])
        except (EOFError, OSError):
            return None  # result() will report it
        return None

    def _finish(self) -> None:
        self._done = True
        self._receive.close()
        self._process.join(timeout=1)

    def result(self, progress: Progress | None = None) -> Alignment:
        """Wait for the alignment (call from a worker thread), relaying progress."""
        try:
            while True:
                message = self._receive.recv()
                if message[0] == "progress":
                    if progress is not None:
                        progress(message[1], message[2])
                elif message[0] == "done":
                    return message[1]
                else:
                    raise AlignmentFailed(message[1])
        except EOFError:
            raise AlignmentFailed("the alignment process stopped unexpectedly") from None
        finally:
            self._finish()

    def cancel(self) -> None:
        if not self._done and self._process.is_alive():
            self._process.terminate()


def start_alignment(sources: list[Source], base: str | None, config: Config) -> AlignmentJob | None:
    """Begin aligning in a child process, or None where forking is not possible or wise."""
    if "fork" not in multiprocessing.get_all_start_methods() or sys.platform == "darwin":
        return None
    if any(m == "textual" or m.startswith("textual.") for m in sys.modules):
        return None  # threads may already run; forking then is unsafe
    try:
        return AlignmentJob(sources, base, config)
    except OSError:
        return None
