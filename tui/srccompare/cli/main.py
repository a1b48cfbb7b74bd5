"""The ``srccompare`` command: open the review app, or ``align`` / ``show`` / ``export`` / ``report`` / ``serve`` / ``scan``.

Every user mistake ends here as one line on stderr and exit status 2; heavy
modules (Textual, the engine) are imported only by the command that needs them.
"""

from __future__ import annotations

import argparse
import os
import sys
import threading
import time
from collections.abc import Sequence
from typing import NoReturn

from srccompare import __version__
from srccompare.cli.options import (
    SOURCES_HELP,
    Parser,
    add_base_option,
    add_config_option,
    add_min_severity_option,
    add_raw_option,
)
from srccompare.cli.report import add_report
from srccompare.cli.stdout import flush_stdout, silence_stdout, write_stdout
from srccompare.core.errors import UserError

SUBCOMMANDS = ("align", "show", "export", "report", "serve", "scan")


def _global_options(parser: argparse.ArgumentParser) -> None:
    add_config_option(parser)
    parser.add_argument("--version", action="version", version=f"srccompare {__version__}")


def _add_align(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "align",
        help="align two or more sources and print the alignment",
        description="Align the paragraphs of two or more versions of a text and print the alignment "
        "(a readable table, or JSON/YAML following the srccompare.alignment/1 contract).",
    )
    p.add_argument("sources", nargs="+", metavar="SOURCE", help=SOURCES_HELP)
    add_base_option(p)
    p.add_argument("--format", default="text", help="text (default), json or yaml")
    p.add_argument("-o", "--output", metavar="FILE", help="write the result to FILE instead of stdout")
    add_min_severity_option(p, "print")
    add_raw_option(p)
    p.add_argument(
        "--timings",
        action="store_true",
        help="print to stderr how long each stage took (reading, aligning, flagging, writing), wall seconds",
    )
    p.set_defaults(run=run_align)


def _add_show(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "show",
        help="print the text of a source as srccompare compares it",
        description="Print the text srccompare compares for SOURCE, which every span and offset points into: "
        "a web page's extracted article (or with --raw its full visible text), the text of a .docx or PDF, "
        "or a text file as decoded. Control characters (escape sequences, bidi overrides) are printed as "
        "visible symbols, one per character (e.g. ␛ for ESC, � for C1 controls and bidi overrides), so offsets "
        "still count the same.",
    )
    p.add_argument("source", metavar="SOURCE", help="one file, or - for standard input")
    add_raw_option(p)
    p.add_argument(
        "--paragraphs",
        action="store_true",
        help="list the paragraphs instead, one per line: number (from 1, as the app shows them; the JSON's "
        "index is one less), start-end offsets, and the text on one line",
    )
    p.add_argument("-o", "--output", metavar="FILE", help="write the text to FILE instead of stdout")
    p.set_defaults(run=run_show)


def _add_export(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "export",
        help="export a review's annotations (csv, json, yaml, md, html, w3c)",
        description="Export the annotations of a review file: CSV (one row per annotation and target), "
        "JSON or YAML, a Markdown or HTML report with the competing wordings side by side, or W3C Web "
        "Annotation JSON-LD. The annotation file is only read, never changed.",
    )
    p.add_argument("file", metavar="FILE", help="the annotation file (YAML) written by the review app")
    p.add_argument("--format", help="csv, json, yaml, md, html or w3c; default: from OUT's extension, else md")
    p.add_argument("-o", "--output", metavar="OUT", help="write the export to OUT instead of stdout")
    p.set_defaults(run=run_export)


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="srccompare",
        description="Line up several versions of one story side by side and review where they diverge.",
        epilog="Without a command, 'srccompare SOURCE SOURCE... [--base ID] [--annotations FILE] "
        "[--min-severity LEVEL] [--raw]' opens the review app on 2 to 6 sources (files, or a folder "
        "meaning its files); 'srccompare SOURCE --help' lists the app's options. "
        "Run 'srccompare COMMAND --help' for a command's options.",
    )
    _global_options(parser)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    _add_align(sub)
    _add_show(sub)
    _add_export(sub)
    add_report(sub)
    from srccompare.cli.serve import add_parser as add_serve

    add_serve(sub)
    from srccompare.cli.scan import add_parser as add_scan

    add_scan(sub)
    return parser


def _split_global(argv: list[str]) -> tuple[list[str], list[str]]:
    """Separate global options given before the command from the rest."""
    head: list[str] = []
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg == "--config" and i + 1 < len(argv):
            head += argv[i : i + 2]
            i += 2
        elif arg.startswith("--config="):
            head.append(arg)
            i += 1
        else:
            break
    return head, argv[i:]


_OUTPUT_HINTS = {
    "stdout": "leave out -o to print to standard output",
    "link": "give the file it points to",
    "folder": "give a file name inside it",
    "device": "leave out -o and redirect standard output instead (e.g. > /dev/null)",
    "pipe": "leave out -o and redirect standard output into it instead",
}


def _refusal(exc: OSError, output: str) -> UserError:
    """The one line for an ``-o`` that is not a regular file or a new path, with what to do instead."""
    hint = _OUTPUT_HINTS.get(getattr(exc, "kind", ""), "give the name of a regular file")
    return UserError(f"{exc.strerror}; {hint}", output)


def refuse_overwriting_inputs(output: str | None, inputs: Sequence[str], what: str) -> None:
    """A typo in ``-o`` must not replace a file the command reads (a source, the review file),
    nor anything that is not a regular file (a link, a device, a pipe, a folder): checked before the work."""
    from pathlib import Path

    from srccompare.core.atomic import UnsafeTarget, check_target

    if output in (None, "-"):
        return
    if Path(output).exists():
        target = Path(output).resolve()
        if any(name != "-" and Path(name).exists() and Path(name).resolve() == target for name in inputs):
            raise UserError(f"is {what}; choose another output file", output)
    try:
        check_target(output)
    except UnsafeTarget as exc:
        raise _refusal(exc, output) from None


def write_output(text: str, output: str | None) -> None:
    """Print ``text``, or write it atomically to ``output``."""
    if output is None or output == "-":
        write_stdout(text)
        if not text.endswith("\n"):
            write_stdout("\n")  # (not added to the text: a long JSON output would be copied whole)
        return
    from srccompare.core.atomic import UnsafeTarget, atomic_write_text

    try:
        atomic_write_text(output, text if text.endswith("\n") else text + "\n")
    except UnsafeTarget as exc:
        raise _refusal(exc, output) from None
    except OSError as exc:
        raise UserError(f"cannot write ({exc.strerror or exc})", output) from None


def progress_reporter(label: str):
    """A callback drawing a one-line progress bar on stderr, only on a terminal."""
    if not sys.stderr.isatty():
        return None

    def report(done: int, total: int) -> None:
        width = 30
        filled = int(width * done / total) if total else width
        sys.stderr.write(f"\r{label} [{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
        if done >= total:
            sys.stderr.write("\r" + " " * (width + len(label) + 24) + "\r")
        sys.stderr.flush()

    return report


def run_align(args: argparse.Namespace) -> int:
    from srccompare.core.config import load_config
    from srccompare.engine.collector import collector_paused
    from srccompare.engine.pipeline import build_alignment
    from srccompare.inputs.sources import read_sources
    from srccompare.output.render import render_alignment

    fmt = args.format.lower()
    if fmt not in ("text", "json", "yaml"):
        raise UserError(f"unknown format '{args.format}' (choose text, json or yaml)")
    config = load_config(args.config)
    timings: dict[str, float] = {}
    started = time.perf_counter()
    sources = read_sources(args.sources, raw=args.raw, max_bytes=config.limits.max_source_bytes)
    timings["read"] = time.perf_counter() - started
    if len(sources) < 2:
        raise UserError("give at least two sources to align", args.sources[0])
    refuse_overwriting_inputs(args.output, [s.path for s in sources], "one of the sources being aligned")
    # The collector stays paused until the output is written: turned back on after the alignment, its
    # first passes would walk every object the alignment made (about 0.1 s on the speed benchmark's pair).
    with collector_paused():
        alignment = build_alignment(sources, args.base, config, progress=progress_reporter("aligning"), timings=timings)
        if args.min_severity != "minor":
            from srccompare.engine.flags import filter_flags

            filter_flags(alignment, args.min_severity)
        alignment.pair_links = []  # the flags are made, and no output shows them: a long pair frees a link per sentence
        written = time.perf_counter()
        write_output(render_alignment(alignment, fmt), args.output)
        timings["write"] = time.perf_counter() - written
    if args.timings:
        parts = ", ".join(f"{stage} {seconds:.2f} s" for stage, seconds in timings.items())
        sys.stderr.write(f"timings: {parts}\n")
    return 0


def run_show(args: argparse.Namespace) -> int:
    from pathlib import Path

    from srccompare.core.config import load_config
    from srccompare.core.visible import visible
    from srccompare.inputs.sources import STDIN, read_source

    if args.source != STDIN and Path(args.source).is_dir():
        raise UserError("is a folder; 'show' prints one source, so name one of its files", args.source)
    refuse_overwriting_inputs(args.output, [args.source], "the source being shown")
    limits = load_config(args.config).limits
    source = read_source(args.source, raw=args.raw, max_bytes=limits.max_source_bytes)
    if args.paragraphs:
        lines = [
            f"{i + 1}\t{p.start}-{p.end}\t{visible(' '.join(source.text[p.start : p.end].split()))}"
            for i, p in enumerate(source.paragraphs)
        ]
        write_output("\n".join(lines), args.output)
    else:  # a control is shown as one symbol, so offsets into the printed text still hold
        write_output(visible(source.text, keep="\t\n"), args.output)
    return 0


def run_export(args: argparse.Namespace) -> int:
    from pathlib import Path

    from srccompare.review.export import export_text, format_for_path, format_name
    from srccompare.review.store import AnnotationStore

    fmt = format_name(args.format) if args.format else format_for_path(args.output)
    if not Path(args.file).exists():
        raise UserError("no such file", args.file)
    refuse_overwriting_inputs(args.output, [args.file], "the annotation file being exported")
    store = AnnotationStore.load(args.file)
    write_output(export_text(store, fmt), args.output)
    return 0


def _dispatch(argv: list[str]) -> int:
    head, rest = _split_global(argv)
    if (rest and rest[0] in SUBCOMMANDS) or any(a in ("-h", "--help", "--version") for a in rest[:1]):
        args = build_parser().parse_args(head + rest)
        if not getattr(args, "run", None):
            build_parser().print_help()
            return 0
        return args.run(args)
    if not rest and not head:
        build_parser().print_help()
        return 0
    from srccompare.cli.launch import run_app

    return run_app(head + rest)


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; every failure the user can cause or meet is one line on stderr, never a traceback.

    Besides :class:`UserError`: standard output that cannot be written is exit
    status 2 (:mod:`.stdout`), a reader that went away (``| head``) a quiet
    exit status 1, and any other :class:`OSError` (a folder that cannot be
    entered, say) one line naming the file, exit status 2.
    """
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        try:
            return _dispatch(argv)
        finally:
            flush_stdout()  # inside the handlers below: help text that cannot be written is reported too
    except UserError as exc:
        print(f"srccompare: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("srccompare: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        silence_stdout()
        return 1
    except OSError as exc:
        print(f"srccompare: {UserError(exc.strerror or str(exc), _name(exc.filename))}", file=sys.stderr)
        return 2


QUICK_EXIT_COMMANDS = frozenset({"align", "report"})
"""Commands that leave nothing running once they return: their process may end without freeing its heap."""


def run() -> NoReturn:
    """The ``srccompare`` command: :func:`main`, then the exit.

    After a long alignment the interpreter would spend about half a second
    freeing millions of objects that nothing will read again (the run's caches).
    A command that has written all it writes and left no worker, server or
    thread behind ends at once instead, its output flushed first. The app and
    the servers end the usual way, running their clean-up.
    """
    from srccompare.engine.collector import keep_until_exit
    from srccompare.engine.cores import one_blas_thread

    one_blas_thread()
    argv = sys.argv[1:]
    _head, rest = _split_global(argv)
    quick = bool(rest[:1]) and rest[0] in QUICK_EXIT_COMMANDS
    if quick:
        keep_until_exit()  # what the engine is done with is not freed mid-run either
    status = main(argv)
    if status == 0 and quick and threading.active_count() == 1:
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        except (OSError, ValueError):
            sys.exit(status)  # the usual exit, with its own handling of a stream that cannot be flushed
        os._exit(status)
    sys.exit(status)


def _name(filename: object) -> str | None:
    return None if filename is None else os.fsdecode(filename) if isinstance(filename, bytes) else str(filename)
