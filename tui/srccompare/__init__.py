"""srccompare: line up several versions of one story and review where they diverge."""

__version__ = "0.1.0"
