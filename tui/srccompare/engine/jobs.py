"""Align in a forked child process, so the caller's process (and its GIL) stays free.

The app uses this to re-align when the reviewer changes the base; the launcher
(:mod:`srccompare.cli.prealign`) to align while Textual is being imported.
Plain Python: no Textual here.
"""

from __future__ import annotations

import os
import pickle
import select
import signal
import sys
from collections.abc import Callable
from typing import Any, Literal, overload

Progress = Callable[[int, int], None]
Send = Callable[[tuple], None]


class AlignmentFailed(Exception):
    """The child reported an error while aligning (its message is kept)."""


def fork_available() -> bool:
    """Forking is safe only where it exists and before any thread runs (so before Textual loads)."""
    if not hasattr(os, "fork") or sys.platform == "darwin":
        return False
    return not any(m == "textual" or m.startswith("textual.") for m in sys.modules)


class ChildJob:
    """Runs ``work(send)`` in a forked child; messages come back pickled through a pipe."""

    def __init__(self, work: Callable[[Send], None]) -> None:
        read_fd, write_fd = os.pipe()
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:  # the child: do the work, never return into the caller's code
            os.close(read_fd)
            code = 0
            try:

                def send(message: tuple) -> None:
                    _write_frame(write_fd, pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL))

                work(send)
                os.close(write_fd)
            except BaseException:
                code = 1
            finally:
                sys.stdout.flush()
                sys.stderr.flush()
                os._exit(code)
        os.close(write_fd)
        self._pid = pid
        self._fd = read_fd
        self._pending: list[tuple] = []
        self._closed = False

    @overload
    def _receive(self, wait: Literal[True]) -> tuple: ...
    @overload
    def _receive(self, wait: bool) -> tuple | None: ...
    def _receive(self, wait: bool) -> tuple | None:
        """The next message; None if ``wait`` is false and nothing has arrived yet."""
        if self._pending:
            return self._pending.pop(0)
        if self._closed:
            raise EOFError
        if not wait and not select.select([self._fd], [], [], 0)[0]:
            return None
        try:
            return pickle.loads(_read_frame(self._fd))
        except EOFError:
            self._close()
            raise
        except Exception as exc:  # a garbled message: treat the child as gone
            self._close()
            raise EOFError from exc

    def _close(self) -> None:
        if not self._closed:
            self._closed = True
            os.close(self._fd)
            try:
                os.waitpid(self._pid, 0)
            except ChildProcessError:
                pass

    def stop(self, *, wait: bool = False) -> None:
        """Stop the child if it is still working (e.g. the reviewer quit early).

        Without ``wait`` this only signals it, so a thread blocked in ``result``
        sees the end and returns; with ``wait`` the child is also reaped here.
        """
        if not self._closed:
            try:
                os.kill(self._pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
            if wait:
                self._close()

    def cancel(self) -> None:
        """Stop the child and reap it."""
        self.stop(wait=True)


_HEADER = 8


def _write_frame(fd: int, payload: bytes) -> None:
    """One message: its length, then its bytes (a pipe may take a large write in parts)."""
    data = memoryview(len(payload).to_bytes(_HEADER, "big") + payload)
    while data:
        written = os.write(fd, data)
        data = data[written:]


def _read_exact(fd: int, size: int) -> bytes:
    chunks, left = [], size
    while left:
        chunk = os.read(fd, min(left, 1 << 20))
        if not chunk:
            raise EOFError
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def _read_frame(fd: int) -> bytes:
    return _read_exact(fd, int.from_bytes(_read_exact(fd, _HEADER), "big"))


class AlignmentJob(ChildJob):
    """An alignment being computed in a child; ``result`` waits for it, ``try_result`` never does."""

    def _take(self, message: tuple) -> Any:
        kind = message[0]
        if kind == "done":
            self._close()
            return message[1]
        if kind == "error":
            self._close()
            raise AlignmentFailed(message[1])
        return None

    def try_result(self) -> Any:
        """The alignment if the child has already sent it, else None."""
        try:
            while (message := self._receive(wait=False)) is not None:
                if message[0] == "progress":
                    continue
                result = self._take(message)
                if result is not None:
                    return result
        except EOFError:
            return None  # result() reports it
        return None

    def result(self, progress: Progress | None = None) -> Any:
        """Wait for the alignment (call from a worker thread), relaying progress."""
        try:
            while True:
                message = self._receive(wait=True)
                if message[0] == "progress":
                    if progress is not None:
                        progress(message[1], message[2])
                    continue
                result = self._take(message)
                if result is not None:
                    return result
        except EOFError:
            raise AlignmentFailed("the alignment process stopped unexpectedly") from None


def align_in_child(send: Send, sources, base, config) -> None:
    last = [-1]

    def progress(done: int, total: int) -> None:
        step = int(100 * done / total) if total else 100
        if step != last[0]:
            last[0] = step
            send(("progress", done, total))

    try:
        from srccompare.engine.pipeline import build_alignment

        alignment = build_alignment(sources, base, config, progress)
        alignment.pair_links = []  # the flags are made from them; the app never reads them, and each is pickled
        send(("done", alignment))
    except BaseException as exc:
        send(("error", str(exc) or type(exc).__name__))


def start_alignment(sources, base, config) -> AlignmentJob:
    """Align already-read sources in a child process."""
    return AlignmentJob(lambda send: align_in_child(send, sources, base, config))
