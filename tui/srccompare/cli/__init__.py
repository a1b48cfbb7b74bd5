"""The ``srccompare`` command line: one parser tree for the commands and the app launcher."""

from srccompare.cli.main import main

__all__ = ["main"]
