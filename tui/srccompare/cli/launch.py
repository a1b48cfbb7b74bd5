"""``srccompare SOURCE SOURCE...``: read the sources, then open the review app.

Sources are read (and the base checked) before Textual starts, so a bad file is
one line on stderr and exit status 2, never a broken screen. Textual itself is
imported only here, after the input has been checked.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path

from srccompare.cli.options import Parser, add_base_option, add_config_option, add_min_severity_option, add_raw_option
from srccompare.core.errors import UserError
from srccompare.core.model import Source

MIN_SOURCES, MAX_SOURCES = 2, 6


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="srccompare",
        description="Open the review app: the sources side by side, aligned, with divergent wording highlighted.",
    )
    add_config_option(parser)
    parser.add_argument(
        "sources",
        nargs="*",
        metavar="SOURCE",
        help="2 to 6 files, or folders meaning their text files (none with --annotations: reopen that review)",
    )
    add_base_option(parser)
    add_raw_option(parser)
    parser.add_argument(
        "--annotations",
        metavar="FILE",
        help="annotation file of this review (YAML; default: srccompare-review.yaml beside the first source)",
    )
    add_min_severity_option(parser, "show")
    return parser


def resolve_base(sources: list[Source], base: str | None) -> str | None:
    """The id of the source named by ``--base`` (an id, a path or a file name)."""
    if base is None:
        return None
    for source in sources:
        if base in (source.id, source.path, Path(source.path).name, Path(source.path).stem):
            return source.id
    ids = ", ".join(s.id for s in sources)
    raise UserError(f"--base '{base}' is not one of the sources (ids: {ids})")


def prepare(argv: Sequence[str]):
    """Parse arguments and read everything the app needs; raises UserError on bad input."""
    from srccompare.core.config import load_config
    from srccompare.inputs.sources import read_sources

    args = build_parser().parse_args(list(argv))
    config = load_config(args.config)
    sources = _read_sources_and_annotations(args, read_sources)
    if not MIN_SOURCES <= len(sources) <= MAX_SOURCES:
        raise UserError(
            f"the app compares {MIN_SOURCES} to {MAX_SOURCES} sources; got {len(sources)}", " ".join(args.sources)
        )
    base = resolve_base(sources, args.base)
    return args, config, sources, base


def _read_sources_and_annotations(args: argparse.Namespace, read_sources) -> list[Source]:
    """Read the sources, and the review's annotation file (set as ``args.annotation_store``).

    With no sources, ``--annotations FILE`` reopens the review from the sources
    the file names (under the ids it recorded). A broken annotation file stops
    here, before the app starts: one line, exit status 2, the file untouched.
    """
    from srccompare.review.paths import default_annotation_path
    from srccompare.review.store import open_review_file, recorded_sources

    if not args.sources:
        if not args.annotations:
            raise UserError("give 2 to 6 sources to compare, or --annotations FILE to reopen a review")
        store = open_review_file(args.annotations, must_exist=True)
        recorded = recorded_sources(store)
        sources = read_sources([path for _id, path in recorded], raw=args.raw)
        for source, (source_id, _path) in zip(sources, recorded):
            source.id = source_id
    else:
        sources = read_sources(args.sources, raw=args.raw)
        store = open_review_file(args.annotations or default_annotation_path(args.sources[0]))
    args.annotation_store = store
    return sources


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
