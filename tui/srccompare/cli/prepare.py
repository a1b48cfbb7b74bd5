"""What the app needs before it starts: the command line parsed, the config, sources and review file read.

Runs in the launcher's forked child (:mod:`.prealign`) or, where that is not
possible, in the launcher itself (:mod:`.launch`); every user mistake is a
:class:`UserError`, reported as one line before any screen appears.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from functools import partial
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
    add_app_arguments(parser)
    return parser


def add_app_arguments(parser: argparse.ArgumentParser) -> None:
    """The sources and the app's options: shared by the launcher and ``serve``."""
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
    parser.add_argument(
        "--allow-outside",
        action="store_true",
        help="reopening a review (--annotations FILE without sources): read the sources it names even "
        "outside its folder (otherwise the app lists them and asks, and without a terminal refuses)",
    )
    add_min_severity_option(parser, "show")


def refuse_outside(review: str, outside: list[str]) -> UserError:
    """The one-line refusal when a review names sources outside its folder and nobody allowed them."""
    from srccompare.review.paths import described

    more = f" and {len(outside) - 3} more" if len(outside) > 3 else ""
    return UserError(
        f"names sources outside its folder ({', '.join(described(p) for p in outside[:3])}{more}); "
        "to read them, run it in a terminal to be asked, or add --allow-outside",
        review,
    )


def check_outside(store, allowed: bool, review: str) -> None:
    """Refuse, unless ``allowed``, a review whose recorded sources lie outside its folder (nothing is read)."""
    from srccompare.review.store import sources_outside

    outside = sources_outside(store)
    if outside and not allowed:
        raise refuse_outside(review, outside)


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
    read = partial(read_sources, max_bytes=config.limits.max_source_bytes)
    sources, base = checked(_read_sources_and_annotations(args, read), args)
    return args, config, sources, base


def checked(sources: list[Source], args: argparse.Namespace) -> tuple[list[Source], str | None]:
    """The sources, if there are as many as the app compares, and the base ``--base`` names."""
    if not MIN_SOURCES <= len(sources) <= MAX_SOURCES:
        raise UserError(
            f"the app compares {MIN_SOURCES} to {MAX_SOURCES} sources; got {len(sources)}", " ".join(args.sources)
        )
    return sources, resolve_base(sources, args.base)


def _read_sources_and_annotations(args: argparse.Namespace, read_sources) -> list[Source]:
    """Read the sources, and the review's annotation file (set as ``args.annotation_store``).

    With no sources, ``--annotations FILE`` reopens the review from the sources
    the file names (under the ids it recorded). A broken annotation file stops
    here, before the app starts: one line, exit status 2, the file untouched.
    """
    from srccompare.review.paths import default_annotation_path
    from srccompare.review.store import open_review_file

    if not args.sources:
        if not args.annotations:
            raise UserError("give 2 to 6 sources to compare, or --annotations FILE to reopen a review")
        store = open_review_file(args.annotations, must_exist=True)
        check_outside(store, args.allow_outside, args.annotations)
        sources = read_recorded_sources(store, args.raw, read_sources)
    else:
        sources = read_sources(args.sources, raw=args.raw)
        store = open_review_file(args.annotations or default_annotation_path(args.sources[0]))
    args.annotation_store = store
    return sources


def read_recorded_sources(store, raw: bool, read_sources) -> list[Source]:
    """The sources a review file names, read again under the ids it recorded (reopening a review)."""
    from srccompare.review.store import recorded_sources

    recorded = recorded_sources(store)
    sources = read_sources([path for _id, path in recorded], raw=raw)
    for source, (source_id, _path) in zip(sources, recorded):
        source.id = source_id
    return sources
