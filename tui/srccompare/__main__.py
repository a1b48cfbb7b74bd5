"""Allow ``python -m srccompare``."""

from srccompare.cli import run

run()
