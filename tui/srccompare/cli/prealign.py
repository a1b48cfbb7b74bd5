"""Read the command line's input and align it in a forked child while the parent imports Textual.

Reading the sources and aligning them take about as long as importing Textual,
and all three are CPU-bound, so doing them one after the other (or in threads
sharing the GIL) doubles the wait for the first screen. ``run_app`` forks right
after parsing nothing more than the command line: the child reads the input
(config, sources, annotation file) and sends it back, then aligns and sends
the alignment; the parent meanwhile imports the app, then takes what the child
prepared. A mistake in the input still ends as one line on stderr and exit
status 2 before any screen appears. Where ``fork`` is unavailable the caller
reads and aligns in-process.
"""

from __future__ import annotations

from collections.abc import Sequence

from srccompare.core.errors import UserError
from srccompare.engine.jobs import AlignmentFailed, AlignmentJob, Send, align_in_child, fork_available


class ReviewJob(AlignmentJob):
    """Reads the command line's input, then aligns it, in a child process."""

    def prepared(self):
        """``(args, config, sources, base)`` as :func:`srccompare.cli.prepare.prepare` returns them.

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
    from srccompare.cli.prepare import prepare

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
    align_in_child(send, sources, base, config)


def start_review(argv: Sequence[str]) -> ReviewJob | None:
    """Fork a child that reads and aligns the input of ``argv``; None where that is not possible."""
    if not fork_available():
        return None
    try:
        return ReviewJob(lambda send: _prepare_then_align(send, list(argv)))
    except OSError:
        return None
