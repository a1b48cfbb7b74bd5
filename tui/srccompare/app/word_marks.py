"""Word-by-word marks of the rows the view draws, against the focused column (plain Python).

Kept per row until the focus or the shown columns change. A long row is not
compared while drawing: it is handed to ``in_background`` (the view runs it in
a worker thread) and drawn unmarked until :meth:`WordMarks.ready` brings its marks.
"""

from __future__ import annotations

from collections.abc import Callable

from srccompare.app.marks import Mark, row_marks
from srccompare.core.model import Alignment, Row

SYNC_MARKS_CHARS = 6000
"""Rows with more text than this are compared word by word in a worker, not while drawing."""

RowMarks = dict[str, list[Mark]]


def compare(alignment: Alignment, row: Row, focused: str | None) -> RowMarks:
    """The marks of ``row`` per source, against the focused one."""
    # The reference column shows what the focused source dropped or replaced:
    # the union over every source would mark nearly everything next to a paraphrase.
    return row_marks(alignment, row, [focused] if focused else [])


def row_size(alignment: Alignment, row: Row) -> int:
    """Characters of text in the row, over every source."""
    size = 0
    for source in alignment.sources:
        for i in row.cells.get(source.id) or ():
            para = source.paragraphs[i]
            size += para.end - para.start
    return size


class WordMarks:
    """Marks per row index, computed on demand."""

    def __init__(self, in_background: Callable[[Alignment, int, str | None], object]) -> None:
        self.in_background = in_background
        """Called with (alignment, row index, focused) to compare a long row off the UI thread."""
        self.rows: dict[int, RowMarks] = {}
        self.pending: set[int] = set()
        """Long rows being compared in the background."""

    def clear(self) -> None:
        self.rows.clear()
        self.pending.clear()

    def get(self, alignment: Alignment, index: int, focused: str | None) -> RowMarks:
        """The row's marks; for a long row not compared yet, none for now (and the comparison starts)."""
        marks = self.rows.get(index)
        if marks is not None:
            return marks
        row = alignment.rows[index]
        if row.kind == "match" or len([s for s, ix in row.cells.items() if ix]) < 2:
            marks = {}
        elif row_size(alignment, row) > SYNC_MARKS_CHARS:
            if index not in self.pending:
                self.pending.add(index)
                self.in_background(alignment, index, focused)
            return {}
        else:
            marks = compare(alignment, row, focused)
        self.rows[index] = marks
        return marks

    def ready(self, index: int, focused: str | None, marks: RowMarks, current_focus: str | None) -> None:
        """A background comparison is done; kept only if the focus is still the one it was made for."""
        self.pending.discard(index)
        if focused == current_focus:
            self.rows[index] = marks
