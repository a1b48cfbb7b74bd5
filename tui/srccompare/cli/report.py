"""``srccompare report``: the sources aligned, flagged and annotated, as one self-contained HTML file.

The sources are read and the options checked as the app does it (cli/prepare.py),
so the report shows what the app would show; the review file is only read,
never changed, and the report is written atomically.
"""

from __future__ import annotations

import argparse
from functools import partial

from srccompare.cli.options import SOURCES_HELP, add_base_option, add_min_severity_option, add_raw_option
from srccompare.core.errors import UserError


def add_report(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "report",
        help="write a shareable side-by-side HTML report (alignment, marks, flags, annotations)",
        description="Align the sources and write one self-contained HTML file: the columns side by side with "
        "the app's word marks and flags, the heat-map overview and, with --annotations, the review's "
        "annotations. It needs no script or network to read and prints on A4 landscape. With --annotations "
        "and no sources, the sources recorded in the review file are used.",
    )
    p.add_argument("sources", nargs="*", metavar="SOURCE", help=SOURCES_HELP)
    add_base_option(p)
    p.add_argument("--annotations", metavar="FILE", help="include the annotations of this review file (only read)")
    p.add_argument(
        "--allow-outside",
        action="store_true",
        help="with --annotations and no sources: read the sources the review names even outside its folder",
    )
    p.add_argument("-o", "--output", metavar="FILE", help="write the report to FILE (default: standard output)")
    add_min_severity_option(p, "show")
    add_raw_option(p)
    p.set_defaults(run=run_report)


def run_report(args: argparse.Namespace) -> int:
    from srccompare.cli.main import progress_reporter, refuse_overwriting_inputs, write_output
    from srccompare.cli.prepare import MAX_SOURCES, MIN_SOURCES, check_outside, read_recorded_sources, resolve_base
    from srccompare.core.config import load_config
    from srccompare.engine.pipeline import build_alignment
    from srccompare.inputs.sources import read_sources
    from srccompare.output.report import render_report
    from srccompare.review.store import open_review_file

    config = load_config(args.config)
    read = partial(read_sources, max_bytes=config.limits.max_source_bytes)
    store = open_review_file(args.annotations, must_exist=True) if args.annotations else None
    if args.sources:
        sources = read(args.sources, raw=args.raw)
    elif store is not None:
        check_outside(store, args.allow_outside, args.annotations)  # a review file may point anywhere
        sources = read_recorded_sources(store, args.raw, read)
    else:
        raise UserError("give 2 to 6 sources to compare, or --annotations FILE to report on a review")
    if not MIN_SOURCES <= len(sources) <= MAX_SOURCES:
        raise UserError(
            f"a report compares {MIN_SOURCES} to {MAX_SOURCES} sources; got {len(sources)}",
            " ".join(args.sources) or args.annotations,
        )
    inputs = [s.path for s in sources] + ([args.annotations] if args.annotations else [])
    refuse_overwriting_inputs(args.output, inputs, "one of the files the report is made from")
    base = resolve_base(sources, args.base)
    alignment = build_alignment(sources, base, config, progress=progress_reporter("aligning"))
    annotations = []
    if store is not None:
        from srccompare.review.anchoring import reanchor_store

        reanchor_store(store, alignment.sources)  # in memory only: the review file is not written
        annotations = store.annotations
    text = render_report(
        alignment,
        annotations,
        min_severity=args.min_severity,
        review=str(store.path) if store else None,
        progress=progress_reporter("writing"),
    )
    write_output(text, args.output)
    return 0
