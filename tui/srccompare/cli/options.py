"""Options shared by the commands and the app launcher, defined once.

Every parser is a :class:`Parser`, so a usage mistake anywhere is one line on
stderr and exit status 2.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from srccompare.cli.stdout import write_stdout
from srccompare.core.errors import UserError
from srccompare.core.kinds import SEVERITIES

SOURCES_HELP = "files (text, Markdown, HTML, .docx, PDF), folders meaning their files, or - for standard input"
RAW_HELP = "for web pages, compare the page's full visible text (menus, teasers and all) instead of its article"


class Parser(argparse.ArgumentParser):
    """argparse, but a usage mistake is one line on stderr and exit status 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise UserError(f"{message} (see '{self.prog} --help')")

    def _print_message(self, message: str, file: Any = None) -> None:
        """Help and version text on standard output: a failed write is reported (argparse ignores it)."""
        if message and file is not None and file is sys.stdout:
            write_stdout(message)
        else:
            super()._print_message(message, file)


def add_config_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--config", metavar="PATH", help="settings file that overrides the defaults and your user config"
    )


def add_raw_option(parser: argparse.ArgumentParser) -> None:
    """``--raw``: shared by ``align``, ``show`` and the app; pass ``args.raw`` to ``read_sources``."""
    parser.add_argument("--raw", action="store_true", help=RAW_HELP)


def add_base_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--base", metavar="ID", help="source id (or file name) whose order the rows follow; default: the first"
    )


def add_min_severity_option(parser: argparse.ArgumentParser, what: str) -> None:
    parser.add_argument(
        "--min-severity",
        choices=SEVERITIES,
        default="minor",
        help=f"{what} only the flags at least this severe (default: minor, i.e. all)",
    )
