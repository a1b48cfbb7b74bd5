"""User-facing errors: one line naming the file and the problem, exit status 2."""

from __future__ import annotations

from srccompare.core.visible import escaped


class UserError(Exception):
    """A mistake in the user's input that ends the command with exit status 2.

    The CLI prints ``str(error)`` as a single line on stderr, never a traceback;
    controls in it (a file name may hold an escape sequence or a newline) are
    written as ``repr``-style escapes.
    """

    exit_code = 2

    def __init__(self, problem: str, path: str | None = None) -> None:
        self.problem = " ".join(str(problem).split())
        self.path = path
        super().__init__(self.problem)

    def __str__(self) -> str:
        return escaped(f"{self.path}: {self.problem}" if self.path else self.problem)
