"""``srccompare SOURCE SOURCE...``: read the sources, then open the review app.

Sources are read (and the base checked) before Textual starts, so a bad file is
one line on stderr and exit status 2, never a broken screen. Textual itself is
imported only here, after the input has been checked.
"""

from __future__ import annotations

from collections.abc import Sequence

from srccompare.cli.prepare import prepare
from srccompare.core.errors import UserError


def keys_from_terminal(source_args: Sequence[str]) -> None:
    """After a source was read from piped standard input, read keys from the terminal instead.

    Textual reads keys from file descriptor 0; once ``-`` has drained a pipe
    there, the app would get no keys at all.
    """
    import os
    import sys

    if "-" not in source_args or sys.stdin.isatty():
        return
    try:
        tty = os.open("/dev/tty", os.O_RDONLY)
    except OSError:
        raise UserError(
            "a source was read from standard input and there is no terminal left to read keys from; "
            "save that source to a file, or use 'srccompare align'"
        ) from None
    os.dup2(tty, 0)
    os.close(tty)


def check_keymap(config, config_path: str | None) -> None:
    """A ``keys:`` entry naming no binding is a config mistake: one line, exit 2, like any other."""
    if not config.keys:
        return
    from srccompare.app.app import known_binding_ids
    from srccompare.core.errors import UserError

    unknown = sorted(set(config.keys) - known_binding_ids())
    if unknown:
        raise UserError(
            f"unknown binding id in 'keys': {', '.join(unknown)} (the help screen, ?, lists the ids)",
            config_path or "config",
        )


def run_app(argv: Sequence[str]) -> int:
    """Start the review app; returns the process exit status.

    Where it can, a forked child reads the input and aligns it while this
    process imports the UI (see ``cli/prealign.py``); a mistake in the input is
    still reported as one line before any screen appears.
    """
    from srccompare.cli.prealign import start_review

    job = start_review(argv)
    if job is None:
        args, config, sources, base = prepare(argv)
    from srccompare.app.app import SrcCompareApp

    if job is not None:
        from srccompare.engine.jobs import AlignmentFailed

        try:
            args, config, sources, base = job.prepared()
        except AlignmentFailed:  # the child broke down unexpectedly: read here instead
            job.cancel()
            job = None
            args, config, sources, base = prepare(argv)
        except BaseException:
            job.cancel()
            raise
    try:
        check_keymap(config, args.config)
    except BaseException:
        if job is not None:
            job.cancel()
        raise
    keys_from_terminal(args.sources)
    ready = job.try_result() if job is not None else None  # done already: the first frame shows it
    app = SrcCompareApp(
        sources,
        config,
        base,
        annotations_path=args.annotations,
        annotations=args.annotation_store,
        min_severity=args.min_severity,
        alignment=ready,
        pending=None if ready is not None else job,
    )
    try:
        app.run()
    finally:
        if job is not None:
            job.cancel()
    return app.return_code or 0
