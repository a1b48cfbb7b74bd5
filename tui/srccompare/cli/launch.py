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


def outside_to_ask(argv: Sequence[str]):
    """``(args, store, paths)`` when ``argv`` reopens a review that names sources outside its folder.

    Nothing is read from those sources before the reviewer allows it: in a
    terminal the app asks; without one there is nobody to ask, so this refuses
    (one line, exit status 2). ``--allow-outside`` allows in advance.
    """
    import sys

    from srccompare.cli.prepare import build_parser, refuse_outside
    from srccompare.review.store import open_review_file, sources_outside

    args = build_parser().parse_args(list(argv))
    if args.sources or not args.annotations or args.allow_outside:
        return None
    store = open_review_file(args.annotations, must_exist=True)
    outside = sources_outside(store)
    if not outside:
        return None
    if not (sys.stdin.isatty() and sys.__stderr__ is not None and sys.__stderr__.isatty()):
        raise refuse_outside(args.annotations, outside)
    return args, store, outside


def run_app(argv: Sequence[str]) -> int:
    """Start the review app; returns the process exit status.

    Where it can, a forked child reads the input and aligns it while this
    process imports the UI (see ``cli/prealign.py``); a mistake in the input is
    still reported as one line before any screen appears.
    """
    from srccompare.cli.prealign import start_review

    ask = outside_to_ask(argv)
    if ask is not None:
        return _run(app_asking_first(*ask))
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
        return _run(app)
    finally:
        if job is not None:
            job.cancel()


def _run(app) -> int:
    """Run the app with terminating signals caught (the terminal is put back, open notes are kept)."""
    from srccompare.app.signals import SignalGuard, stderr_line

    guard = SignalGuard()
    app.signals = guard
    with guard:
        app.run()
    for line in app.farewell:
        stderr_line(line)
    return app.return_code or 0


def app_asking_first(args, store, outside: list[str]):
    """The app on a review naming sources outside its folder: it lists them, and reads them after a yes."""
    from functools import partial
    from pathlib import Path

    from srccompare.app.app import SrcCompareApp
    from srccompare.app.consent import OutsideSources
    from srccompare.cli.prepare import checked, read_recorded_sources
    from srccompare.core.config import load_config
    from srccompare.inputs.sources import read_sources

    config = load_config(args.config)
    check_keymap(config, args.config)
    read = partial(read_sources, max_bytes=config.limits.max_source_bytes)

    def load():
        return checked(read_recorded_sources(store, args.raw, read), args)

    app = SrcCompareApp(
        [],
        config,
        annotations_path=args.annotations,
        annotations=store,
        min_severity=args.min_severity,
        outside=OutsideSources(Path(args.annotations), outside, load),
    )
    return app
