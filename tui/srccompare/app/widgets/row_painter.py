"""Drawing the rows of the side-by-side view: gutter, columns side by side, word marks.

Rows are drawn a chunk of lines at a time and kept in LRU caches, so
``render_line`` mostly looks a line up: a row thousands of lines tall (a whole
book in one paragraph) costs only the part on screen.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual.cache import LRUCache
from textual.strip import Strip

from srccompare.app.drawn import cell_text, drawn
from srccompare.app.layout import CellLine, fit_note, is_furniture
from srccompare.app.marks import line_runs, marks_in, without_whole_paragraphs
from srccompare.app.row_layout import RowLayout
from srccompare.app.source_names import column_number
from srccompare.app.view_state import ViewState
from srccompare.core.model import Row
from srccompare.output.marks import Mark, flag_marks, merge_marks

STRIP_CACHE_CHUNKS = 600
"""Drawn line chunks kept (a chunk is LINE_CHUNK lines of one row)."""
LINE_CHUNK = 48
CELL_CACHE_ROWS = 200

Column = tuple[str, list[CellLine], list[Mark], list[Mark], list[Mark], Style]
"""One shown column of a row: source text, wrapped lines, word marks, hits, sentence marks, base style."""
Cells = tuple[list[Column], str | None]
"""A row's columns, or (for folded furniture) no columns and a one-line summary."""


class RowPainter:
    """Builds the strips of the rows in ``state`` for the current layout."""

    def __init__(
        self,
        state: ViewState,
        style: Callable[[str], Style],
        marks_of: Callable[[int], dict[str, list[Mark]]],
    ) -> None:
        self.state = state
        self.style = style
        """Component style by short name ("gutter", "inserted", ...)."""
        self.marks_of = marks_of
        """Word marks of a row (the view compares long rows in a worker)."""
        self.layout: RowLayout | None = None
        self.annotated: set[int] = set()
        """Rows that carry an annotation (marked ✎ in the gutter)."""
        self._finished: LRUCache[tuple[int, int], list[Strip]] = LRUCache(STRIP_CACHE_CHUNKS)
        """Finished lines (gutter, body, widget style; not the cursor) by (row, chunk)."""
        self._bodies: LRUCache[tuple[int, int], list[Strip]] = LRUCache(STRIP_CACHE_CHUNKS)
        """Column content by (row, chunk), before the gutter is added."""
        self._cells: LRUCache[int, Cells] = LRUCache(CELL_CACHE_ROWS)
        self._width = 0

    # ------------------------------------------------------------ caches

    def clear(self) -> None:
        """Forget everything drawn (new layout, focus, search, severity or styles)."""
        self._finished.clear()
        self._bodies.clear()
        self._cells.clear()

    def clear_gutters(self) -> None:
        """Forget the finished lines only (they include the gutter)."""
        self._finished.clear()

    def forget_row(self, index: int) -> None:
        """Drop a row's drawn lines (its marks arrived, or its gutter changed)."""
        for cache in (self._finished, self._bodies):
            for key in [key for key in cache.keys() if key[0] == index]:
                cache.discard(key)
        self._cells.discard(index)

    # ------------------------------------------------------------- lines

    def line(self, index: int, k: int, width: int, base: Style, cursor: Style | None = None) -> Strip:
        """Line ``k`` of row ``index``, ``width`` cells wide; with ``cursor``, drawn as the cursor row."""
        if width != self._width:
            self._finished.clear()
            self._width = width
        if cursor is None:
            return self._finished_line(index, k, width, base)
        strip = Strip.join([self.gutter(index, k, True), self._body_line(index, k)])
        return strip.apply_style(cursor).apply_style(base).crop_extend(0, width, base)

    def _finished_line(self, index: int, k: int, width: int, base: Style) -> Strip:
        key = (index, k // LINE_CHUNK)
        chunk = self._finished.get(key)
        if chunk is None:
            lo = key[1] * LINE_CHUNK
            chunk = [
                Strip.join([self.gutter(index, j, False), self._body_line(index, j)])
                .apply_style(base)
                .crop_extend(0, width, base)
                for j in range(lo, min(lo + LINE_CHUNK, self._height(index)))
            ]
            self._finished.set(key, chunk)
        return chunk[k % LINE_CHUNK]

    def _body_line(self, index: int, k: int) -> Strip:
        key = (index, k // LINE_CHUNK)
        chunk = self._bodies.get(key)
        if chunk is None:
            lo = key[1] * LINE_CHUNK
            chunk = self._build_lines(index, lo, min(lo + LINE_CHUNK, self._height(index)))
            self._bodies.set(key, chunk)
        return chunk[k % LINE_CHUNK]

    def _height(self, index: int) -> int:
        assert self.layout is not None
        return self.layout.height(index)

    def gutter(self, index: int, k: int, on_cursor: bool) -> Strip:
        digits = self.state.gutter_width() - 5
        gutter = self.style("gutter")
        if k:
            return Strip([Segment("┃" if on_cursor else " ", gutter), Segment(" " * (digits + 4), gutter)])
        flags = self.state.visible_flags(self.state.rows[index])
        segments = [
            Segment("▶" if on_cursor else " ", gutter),
            Segment(str(index + 1).rjust(digits) + " ", gutter),
        ]
        if flags:
            mark = "·" if flags[0].severity == "minor" else "!"
            segments.append(Segment(mark, self.style(f"flag-{flags[0].severity}")))
        else:
            segments.append(Segment(" ", gutter))
        segments.append(Segment("✎", self.style("note")) if index in self.annotated else Segment(" ", gutter))
        segments.append(Segment(" ", gutter))
        return Strip(segments)

    # ------------------------------------------------------------- cells

    def _row_cells(self, index: int) -> Cells:
        """Per shown column: its text, wrapped lines and marks (or a fold summary), cached per row."""
        cached = self._cells.get(index)
        if cached is not None:
            return cached
        alignment, layout = self.state.alignment, self.layout
        assert alignment is not None and layout is not None
        row = alignment.rows[index]
        furniture = self.style("furniture")
        result: Cells
        if layout.folded and is_furniture(alignment, row):
            body_width = layout.geometry.x_of(len(layout.geometry.columns)) - layout.geometry.gutter - 1
            result = ([], self._fold_summary(row, body_width))
        else:
            marks = self.marks_of(index)
            flagged = self._flag_marks(row)
            sentences = self.state.sentence_marks(index)
            columns: list[Column] = []
            for source_id in layout.geometry.columns:
                source = alignment.source(source_id)
                paragraphs = row.cells.get(source_id) or []
                lines = layout.wrapper.cell(
                    source, paragraphs, source_id in row.moved, column_number(alignment, source_id)
                )
                dim = bool(paragraphs) and all(source.paragraphs[i].boilerplate for i in paragraphs)
                hits = self.state.hits.get(source_id, [])
                cell = [source.paragraphs[i] for i in paragraphs]
                if flagged.get(source_id) and paragraphs:
                    lo = min(p.start for p in cell)
                    hi = max(p.end for p in cell)
                    words = without_whole_paragraphs(source.text, merge_marks(flagged[source_id]), cell)
                    hits = merge_marks(marks_in(hits, lo, hi) + words)
                columns.append(
                    (
                        cell_text(source.text),
                        lines,
                        without_whole_paragraphs(source.text, marks.get(source_id, []), cell),
                        hits,
                        sentences.get(source_id, []),
                        furniture if dim else Style(),
                    )
                )
            result = (columns, None)
        self._cells.set(index, result)
        return result

    def _build_lines(self, index: int, lo: int, hi: int) -> list[Strip]:
        """Lines ``lo..hi`` of a row: the columns side by side, shorter cells padded."""
        assert self.layout is not None
        geometry = self.layout.geometry
        body_width = geometry.x_of(len(geometry.columns)) - geometry.gutter - 1
        columns, summary = self._row_cells(index)
        if summary is not None:
            return [Strip([Segment(summary, self.style("furniture"))])][: hi - lo]
        rule = Segment("│", self.style("rule"))
        blank = [Segment(" " * geometry.width)]
        strips = []
        for k in range(lo, hi):
            segments: list[Segment] = []
            for c, (text, lines, diff, hits, sentences, base) in enumerate(columns):
                if c:
                    segments.append(rule)
                if k < len(lines):
                    segments.extend(self._cell_line(text, lines[k], (diff, hits, sentences), base, geometry.width))
                else:
                    segments.extend(blank)
            strips.append(Strip(segments, body_width).simplify())  # fewer segments: cheaper every frame
        return strips

    def _flag_marks(self, row: Row) -> dict[str, list[Mark]]:
        """The words each shown flag of ``row`` is about, per source."""
        return flag_marks(self.state.visible_flags(row))

    def _cell_line(
        self, text: str, line: CellLine, channels: tuple[list[Mark], list[Mark], list[Mark]], base: Style, width: int
    ) -> list[Segment]:
        if line.kind in ("gap", "note"):
            note = line.note or ""
            style = self.style("gap" if line.kind == "gap" else "note")
            return [Segment(note, style), Segment(" " * (width - len(note)))]
        if line.kind == "blank" or not line.words:
            return [Segment(" " * width)]
        segments: list[Segment] = []
        used = 0
        for piece, (kind, hit, sentence) in line_runs(text, line.words, list(channels)):
            style = base
            if sentence:
                style = style + self.style(sentence)
            if kind:
                style = style + self.style(kind)
            if hit:
                style = style + self.style("hit" if hit == "match" else "flagged")
            segments.append(Segment(piece, style))
            used += cell_len(piece)
        if used < width:
            segments.append(Segment(" " * (width - used)))
        return segments

    def _fold_summary(self, row: Row, width: int) -> str:
        assert self.state.alignment is not None
        snippet = ""
        for source in self.state.alignment.sources:
            indices = row.cells.get(source.id)
            if indices:
                snippet = drawn(" ".join(source.paragraph_text(indices[0]).split()))
                break
        count = sum(1 for ix in row.cells.values() if ix)
        text = f"┄ page furniture folded ({count} source{'s' if count != 1 else ''}): {snippet}"
        return fit_note(text, width)
