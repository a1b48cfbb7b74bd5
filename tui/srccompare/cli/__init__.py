"""The ``srccompare`` command line: one parser tree for the commands and the app launcher."""

from srccompare.cli.main import main, run

__all__ = ["main", "run"]
