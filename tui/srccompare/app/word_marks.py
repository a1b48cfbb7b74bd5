"""Word-by-word marks of the rows the view draws, against the focused column (plain Python).

Rows are compared link by link (output/sentence_marks.py): the words of each linked
pair of sentences, and ``missing`` marks on sentences no link joins across.
Kept per row until the focus or the shown columns change. A long row, or one
whose sources have not been split into sentences yet, is not compared while
drawing: it is handed to ``in_background`` (the view runs it in a worker
thread) and drawn unmarked until :meth:`WordMarks.ready` brings its marks.
"""

from __future__ import annotations

from collections.abc import Callable

from srccompare.core.model import Alignment, Row
from srccompare.output.marks import Mark
from srccompare.output.sentence_marks import has_word_marks, row_word_marks, sentences_ready

SYNC_MARKS_CHARS = 6000
"""Rows with more text than this are compared word by word in a worker, not while drawing."""

RowMarks = dict[str, list[Mark]]


def compare(alignment: Alignment, row: Row, focused: str | None) -> RowMarks:
    """The marks of ``row`` per source, against the focused one (the HTML report draws the same)."""
    return row_word_marks(alignment, row, focused)


def needs_split(alignment: Alignment, row: Row) -> bool:
    """True if ``row`` is compared by its links and a source in it is not split into sentences yet."""
    if row.links is None:
        return False
    return not sentences_ready(s for s in alignment.sources if row.cells.get(s.id))


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
        if not has_word_marks(row):
            marks = {}
        elif row_size(alignment, row) > SYNC_MARKS_CHARS or needs_split(alignment, row):
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
