"""How the pipeline reports progress: stages with a number of tasks, advanced as tasks finish.

The pipeline only calls these methods; the command line draws them (a rich bar
on a terminal, a few plain lines otherwise), and tests pass :class:`Progress`,
which draws nothing.
"""

from __future__ import annotations


class Progress:
    """Silent progress; subclasses draw it."""

    def begin(self, stage: str, total: int) -> None:
        """A stage with ``total`` tasks starts (``total`` 0: nothing to do, it was kept from an earlier run)."""

    def advance(self, done: int = 1) -> None:
        """``done`` more tasks of the current stage finished."""

    def end(self, stage: str, seconds: float, note: str = "") -> None:
        """The current stage finished after ``seconds``; ``note`` says what it found."""

    def message(self, text: str) -> None:
        """A line worth showing (an input file left out, a merge)."""
