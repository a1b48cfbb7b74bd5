"""Read the input and align it in a forked process while this one loads the UI library.

Reading the sources and aligning them take about as long as importing Textual,
and all three are CPU-bound, so doing them one after the other (or in threads
sharing the GIL) doubles the wait for the first screen. ``run_app`` forks right
after parsing nothing more than the command line: the child reads the input
(config, sources, annotation file) and sends it back, then aligns and sends
the alignment; the parent meanwhile imports the app, then takes what the child
prepared. A mistake in the input still ends as one line on stderr and exit
status 2 before any screen appears. Where ``fork`` is unavailable the caller
reads and aligns in-process as before. Plain Python: no Textual here.
"""

from __future__ import annotations

import os
import pickle
import select
import signal
import sys
from collections.abc import Callable, Sequence
from typing import Any

from srccompare.errors import UserError

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

    def stop(self) -> None:
        """Ask the child to stop; a thread waiting in ``result`` then sees the end and returns."""
        if not self._closed:
            try:
                os.kill(self._pid, signal.SIGTERM)
            except ProcessLookupError:
                pass

    def cancel(self) -> None:
        """Stop the child if it is still working (e.g. the reviewer quit early)."""
        if not self._closed:
            try:
                os.kill(self._pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
            self._close()


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


def _align(send: Send, sources, base, config) -> None:
    last = [-1]

    def progress(done: int, total: int) -> None:
        step = int(100 * done / total) if total else 100
        if step != last[0]:
            last[0] = step
            send(("progress", done, total))

    try:
        from srccompare.pipeline import build_alignment

        send(("done", build_alignment(sources, base, config, progress)))
    except BaseException as exc:
        send(("error", str(exc) or type(exc).__name__))


def start_alignment(sources, base, config) -> AlignmentJob:
    """Align already-read sources in a child process."""
    return AlignmentJob(lambda send: _align(send, sources, base, config))


class ReviewJob(AlignmentJob):
    """Reads the command line's input, then aligns it, in a child process."""

    def prepared(self):
        """``(args, config, sources, base)`` as :func:`srccompare.launch.prepare` returns them.

        Raises the child's :class:`UserError` so the caller reports it as usual.
        """
        while True:
            try:
                message = self._receive(wait=True)
            except EOFError:
                raise AlignmentFailed("reading the sources stopped unexpectedly") from None
            if message[0] == "prepared":
                return message[1]
            if message[0] == "user-error":
                self._close()
                raise UserError(message[1], message[2])
            if message[0] == "exit":
                self._close()
                raise SystemExit(message[1])
            if message[0] == "error":
                self._close()
                raise AlignmentFailed(message[1])
            self._pending.append(message)


def _prepare_then_align(send: Send, argv: Sequence[str]) -> None:
    from srccompare.launch import prepare

    try:
        args, config, sources, base = prepare(argv)
    except UserError as exc:
        send(("user-error", exc.problem, exc.path))
        return
    except SystemExit as exc:  # e.g. --help: argparse already printed it
        send(("exit", exc.code if isinstance(exc.code, int) else 0))
        return
    except BaseException as exc:
        send(("error", f"{type(exc).__name__}: {exc}"))
        return
    send(("prepared", (args, config, sources, base)))
    _align(send, sources, base, config)


def start_review(argv: Sequence[str]) -> ReviewJob | None:
    """Fork a child that reads and aligns the input of ``argv``; None where that is not possible."""
    if not fork_available():
        return None
    try:
        return ReviewJob(lambda send: _prepare_then_align(send, list(argv)))
    except OSError:
        return None
