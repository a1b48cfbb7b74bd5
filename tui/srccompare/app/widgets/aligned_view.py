"""The side-by-side view: one Line-API ScrollView that draws every column.

No widget per paragraph: rows are wrapped per column (off the UI thread), the
shorter cells padded so matching paragraphs start on the same line, and each
row's strips cached. ``render_line`` only looks up a row and joins a gutter.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import OrderedDict
from dataclasses import dataclass

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual import events, work
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.worker import get_current_worker

from srccompare.app.layout import (
    Geometry,
    Wrapper,
    estimate_heights,
    fit_note,
    is_furniture,
    offsets_of,
    plan_columns,
    row_heights,
)
from srccompare.app.marks import (
    Mark,
    find_matches,
    line_pieces,
    marks_in,
    match_rows,
    merge_marks,
    paragraph_rows,
    row_marks,
    spans_as_marks,
)
from srccompare.core.kinds import SEVERITY_RANK
from srccompare.core.model import Alignment, Flag, Row

DIVERGENT_KINDS = ("changed", "only")
STRIP_CACHE_CHUNKS = 600
"""Drawn line chunks kept (a chunk is LINE_CHUNK lines of one row)."""
LINE_CHUNK = 48
CELL_CACHE_ROWS = 200
PROVISIONAL_ABOVE = 300
"""Alignments with more rows are wrapped in a worker thread, after a provisional layout that
makes the first screen right at once; smaller ones are wrapped in place."""
SYNC_MARKS_CHARS = 6000
"""Rows with more text than this are compared word by word in a worker, not while drawing."""
PROVISIONAL_WINDOW = 80
"""Rows either side of the cursor laid out exactly in a provisional layout."""


def flag_rank(flag: Flag) -> int:
    return SEVERITY_RANK.get(flag.severity, 0)


@dataclass(frozen=True, slots=True)
class _Layout:
    """Row offsets for one geometry; replaced as a whole so readers never see half of one."""

    geometry: Geometry
    folded: bool
    wrapper: Wrapper
    offsets: list[int]

    @property
    def total(self) -> int:
        return self.offsets[-1]


class AlignedView(ScrollView, can_focus=True, inherit_bindings=False):
    """All sources side by side, with a row cursor, a focused column and highlights."""

    COMPONENT_CLASSES = {
        "alignedview--inserted",
        "alignedview--deleted",
        "alignedview--replaced",
        "alignedview--hit",
        "alignedview--flagged",
        "alignedview--gap",
        "alignedview--note",
        "alignedview--furniture",
        "alignedview--cursor",
        "alignedview--gutter",
        "alignedview--rule",
        "alignedview--flag-minor",
        "alignedview--flag-major",
        "alignedview--flag-critical",
    }

    DEFAULT_CSS = """
    AlignedView {
        overflow-x: hidden;
        overflow-y: auto;
        scrollbar-size-vertical: 1;
    }
    AlignedView > .alignedview--inserted { text-style: underline; color: $text-success; }
    AlignedView > .alignedview--deleted { text-style: strike; color: $text-error; }
    AlignedView > .alignedview--replaced { text-style: bold reverse; color: $text-warning; }
    AlignedView > .alignedview--hit { text-style: bold underline; background: $accent 60%; }
    AlignedView > .alignedview--flagged { text-style: bold underline; color: $text-error; }
    AlignedView > .alignedview--gap { color: $text-muted; text-style: italic; }
    AlignedView > .alignedview--note { color: $text-accent; text-style: italic; }
    AlignedView > .alignedview--furniture { color: $text-disabled; }
    AlignedView > .alignedview--cursor { background: $primary 25%; }
    AlignedView > .alignedview--gutter { color: $text-muted; }
    AlignedView > .alignedview--rule { color: $panel-lighten-2; }
    AlignedView > .alignedview--flag-minor { color: $text-warning; }
    AlignedView > .alignedview--flag-major { color: $text-error; text-style: bold; }
    AlignedView > .alignedview--flag-critical { color: $text-error; text-style: bold reverse; }
    """

    class CursorMoved(Message):
        """The cursor row or the focused column changed."""

    class LayoutChanged(Message):
        """Columns, widths or folding changed (the header and overview redraw)."""

    class Scrolled(Message):
        """The rows on screen changed (the overview shows which)."""

    def __init__(self, *, min_severity: str = "minor", id: str | None = None) -> None:
        super().__init__(id=id)
        self.alignment: Alignment | None = None
        self.order: list[str] = []
        """Source ids left to right: the base first, then the others in source order."""
        self.focused: str | None = None
        self.cursor = 0
        self.folded = False
        self.zoom = False
        self.column_offset = 0
        self.min_severity = min_severity
        self.search_query = ""
        self.expected_width = 0
        """Width to lay out for before the first resize (so the first frame already shows the rows)."""
        self.layout_ready = False
        """True once the rows on screen are laid out for the current width."""
        self.layout_final = False
        """True once every row is laid out (the scrollbar is exact)."""
        self._layout: _Layout | None = None
        self._generation = 0
        self._strips: OrderedDict[tuple[int, int], list[Strip]] = OrderedDict()
        """Finished lines (without the cursor) by (row, chunk)."""
        self._bodies: OrderedDict[tuple[int, int], list[Strip]] = OrderedDict()
        """Column content per row, before the gutter is added."""
        self._strip_width = 0
        self._cells: dict[int, tuple] = {}
        """Per row: each shown column's wrapped lines and marks (see _row_cells)."""
        self._marks: dict[int, dict[str, list[Mark]]] = {}
        self._marks_pending: set[int] = set()
        """Long rows being compared in a worker."""
        self._styles: dict[str, Style] = {}
        self._hits: dict[str, list[Mark]] = {}
        self._hit_rows: list[int] = []
        self._para_rows: dict[str, list[int]] = {}
        self._divergent: list[int] = []
        self._flagged: list[int] = []
        self.annotated: set[int] = set()
        """Rows that carry an annotation (marked ✎ in the gutter)."""

    # ----------------------------------------------------------------- state

    @property
    def geometry(self) -> Geometry | None:
        return self._layout.geometry if self._layout else None

    @property
    def rows(self) -> list[Row]:
        return self.alignment.rows if self.alignment else []

    @property
    def current_row(self) -> Row | None:
        rows = self.rows
        return rows[self.cursor] if 0 <= self.cursor < len(rows) else None

    @property
    def match_count(self) -> int:
        return sum(len(v) for v in self._hits.values())

    @property
    def match_rows(self) -> list[int]:
        return list(self._hit_rows)

    def visible_flags(self, row: Row | None) -> list[Flag]:
        """Flags of ``row`` at or above the minimum severity, most severe first."""
        if row is None:
            return []
        floor = SEVERITY_RANK.get(self.min_severity, 0)
        return sorted((f for f in row.flags if flag_rank(f) >= floor), key=flag_rank, reverse=True)

    def set_alignment(self, alignment: Alignment, cursor: int = 0) -> None:
        """Show ``alignment``; keep the focused column if it still exists."""
        self.alignment = alignment
        ids = [s.id for s in alignment.sources]
        self.order = [alignment.base, *[i for i in ids if i != alignment.base]]
        if self.focused not in ids:
            self.focused = alignment.base
        self.cursor = max(0, min(cursor, len(alignment.rows) - 1))
        self._para_rows = paragraph_rows(alignment)
        self._divergent = [
            i
            for i, row in enumerate(alignment.rows)
            if (row.kind in DIVERGENT_KINDS or row.moved) and not is_furniture(alignment, row)
        ]
        self._refresh_flagged()
        self._marks.clear()
        self._marks_pending.clear()
        self._clear_strips()
        self._layout = None
        self.layout_ready = False
        self.search(self.search_query)
        self.request_layout(force=True)
        self.post_message(self.CursorMoved())

    def set_annotated(self, rows: set[int]) -> None:
        """Mark the rows that carry annotations."""
        if rows != self.annotated:
            self.annotated = set(rows)
            self._strips.clear()  # finished lines include the gutter
            self.refresh()

    def set_min_severity(self, severity: str) -> None:
        self.min_severity = severity
        self._refresh_flagged()
        self._invalidate()

    def _refresh_flagged(self) -> None:
        """Rows f/F stop at: a shown flag other than ``boilerplate`` (furniture is dimmed and
        foldable already; stopping at every menu line of a scraped page would bury the facts)."""
        self._flagged = [
            i for i, row in enumerate(self.rows) if any(f.kind != "boilerplate" for f in self.visible_flags(row))
        ]

    # ---------------------------------------------------------------- layout

    def shown_order(self) -> list[str]:
        """Columns that may be shown: all, or base + focused in focus mode."""
        if not self.zoom or len(self.order) <= 2:
            return list(self.order)
        partner = self.focused if self.focused and self.focused != self.order[0] else self.order[1]
        return [self.order[0], partner]

    def _gutter_width(self) -> int:
        """Cursor mark, row number, space, flag mark, annotation mark, space."""
        return len(str(len(self.rows))) + 5

    def _plan(self) -> Geometry:
        width = self.scrollable_content_region.width or self.size.width or self.expected_width
        return plan_columns(self.shown_order(), self.column_offset, width, self._gutter_width())

    def request_layout(self, force: bool = False) -> None:
        """Re-plan the columns; re-wrap the rows in a worker thread if anything changed."""
        if self.alignment is None or not (self.size.width or self.expected_width):
            return
        geometry = self._plan()
        current = self._layout
        if not force and current and current.geometry == geometry and current.folded == self.folded:
            return
        self._generation += 1
        wrapper = current.wrapper if current and current.wrapper.width == geometry.width else Wrapper(geometry.width)
        if len(self.rows) <= PROVISIONAL_ABOVE:
            # A few hundred rows wrap in a millisecond or two: cheaper here than a thread handoff.
            heights = row_heights(self.alignment, geometry.columns, wrapper, self.folded)
            assert heights is not None
            layout = _Layout(geometry, self.folded, wrapper, offsets_of(heights))
            self._apply_layout(self._generation, self.alignment, layout)
            return
        self._apply_layout(self._generation, self.alignment, self._provisional(geometry, wrapper), final=False)
        self._wrap(self._generation, self.alignment, geometry, self.folded, wrapper)

    def _provisional(self, geometry: Geometry, wrapper: Wrapper) -> _Layout:
        """Exact heights around the cursor, estimates elsewhere: the screen is right at once,
        and only the scrollbar is approximate until the worker has wrapped every row."""
        assert self.alignment is not None
        heights = estimate_heights(self.alignment, geometry.columns, geometry.width, self.folded)
        lo = max(0, self.cursor - PROVISIONAL_WINDOW)
        hi = min(len(heights), self.cursor + PROVISIONAL_WINDOW)
        exact = row_heights(self.alignment, geometry.columns, wrapper, self.folded, start=lo, stop=hi)
        assert exact is not None
        heights[lo:hi] = exact
        return _Layout(geometry, self.folded, wrapper, offsets_of(heights))

    @work(thread=True, exclusive=True, group="layout", exit_on_error=True)
    def _wrap(self, generation: int, alignment: Alignment, geometry: Geometry, folded: bool, wrapper: Wrapper) -> None:
        worker = get_current_worker()
        heights = row_heights(alignment, geometry.columns, wrapper, folded, cancelled=lambda: worker.is_cancelled)
        if heights is None or worker.is_cancelled:
            return
        layout = _Layout(geometry, folded, wrapper, offsets_of(heights))
        self.app.call_from_thread(self._apply_layout, generation, alignment, layout)

    def _apply_layout(self, generation: int, alignment: Alignment, layout: _Layout, final: bool = True) -> None:
        if generation != self._generation or alignment is not self.alignment:
            return
        self.layout_final = final
        columns_changed = self._layout is None or self._layout.geometry.columns != layout.geometry.columns
        self._layout = layout
        self._clear_strips()
        if columns_changed:
            self._marks.clear()
            self._marks_pending.clear()
        self.virtual_size = Size(self.scrollable_content_region.width, layout.total)
        self.layout_ready = True
        self.scroll_to_row(self.cursor, jump=True)
        self.refresh()
        self.post_message(self.LayoutChanged())

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        if round(old_value) != round(new_value):
            self.post_message(self.Scrolled())

    def on_resize(self, event: events.Resize) -> None:
        if self._layout is not None:
            self.virtual_size = Size(self.scrollable_content_region.width, self._layout.total)
        self.request_layout()

    def _invalidate(self) -> None:
        self._clear_strips()
        self.refresh()

    def _clear_strips(self) -> None:
        self._strips.clear()
        self._bodies.clear()
        self._cells.clear()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles.clear()
        self._clear_strips()

    # --------------------------------------------------------------- drawing

    def _style(self, name: str) -> Style:
        style = self._styles.get(name)
        if style is None:
            style = self.get_component_rich_style(f"alignedview--{name}", partial=True)
            self._styles[name] = style
        return style

    def row_at_line(self, line: int) -> int:
        """Index of the row drawn on virtual line ``line``."""
        if self._layout is None or not self.rows:
            return 0
        return max(0, min(len(self.rows) - 1, bisect_right(self._layout.offsets, line) - 1))

    def row_span(self, index: int) -> tuple[int, int]:
        """First virtual line of row ``index`` and one past its last."""
        assert self._layout is not None
        return self._layout.offsets[index], self._layout.offsets[index + 1]

    @property
    def base_style(self) -> Style:
        """The widget's own style (looked up once; Textual computes it afresh on every access)."""
        style = self._styles.get("")
        if style is None:
            style = self._styles[""] = self.rich_style
        return style

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        layout = self._layout
        line = self.scroll_offset.y + y
        if layout is None or line >= layout.total:
            return Strip.blank(width, self.base_style)
        index = self.row_at_line(line)
        k = line - layout.offsets[index]
        if width != self._strip_width:
            self._strips.clear()
            self._strip_width = width
        if index != self.cursor:
            return self._finished_line(index, k, width)
        strip = Strip.join([self._gutter(index, k, True), self._body_line(index, k)])
        strip = strip.apply_style(self._style("cursor")).apply_style(self.base_style)
        return strip.crop_extend(0, width, self.base_style)

    def _finished_line(self, index: int, k: int, width: int) -> Strip:
        """Line ``k`` of a row without the cursor (gutter, body, widget style), cached by chunk."""
        key = (index, k // LINE_CHUNK)
        chunk = self._strips.get(key)
        if chunk is None:
            base = self.base_style
            lo = key[1] * LINE_CHUNK
            chunk = [
                Strip.join([self._gutter(index, j, False), self._body_line(index, j)])
                .apply_style(base)
                .crop_extend(0, width, base)
                for j in range(lo, min(lo + LINE_CHUNK, self._row_height(index)))
            ]
            self._remember(self._strips, key, chunk)
        else:
            self._strips.move_to_end(key)
        return chunk[k % LINE_CHUNK]

    def _body_line(self, index: int, k: int) -> Strip:
        """Line ``k`` of a row's columns, built a chunk at a time: a row thousands of lines
        tall (a whole book in one paragraph) costs only the part that is on screen."""
        key = (index, k // LINE_CHUNK)
        chunk = self._bodies.get(key)
        if chunk is None:
            lo = key[1] * LINE_CHUNK
            chunk = self._build_lines(index, lo, min(lo + LINE_CHUNK, self._row_height(index)))
            self._remember(self._bodies, key, chunk)
        else:
            self._bodies.move_to_end(key)
        return chunk[k % LINE_CHUNK]

    def _row_height(self, index: int) -> int:
        start, end = self.row_span(index)
        return end - start

    @staticmethod
    def _remember(cache: OrderedDict, key, value) -> None:
        cache[key] = value
        if len(cache) > STRIP_CACHE_CHUNKS:
            cache.popitem(last=False)

    def _forget_row(self, index: int) -> None:
        """Drop a row's drawn lines (its marks arrived, or its gutter changed)."""
        for cache in (self._strips, self._bodies):
            for key in [key for key in cache if key[0] == index]:
                del cache[key]
        self._cells.pop(index, None)

    def _gutter(self, index: int, k: int, on_cursor: bool) -> Strip:
        digits = self._gutter_width() - 5
        gutter = self._style("gutter")
        if k:
            return Strip([Segment("┃" if on_cursor else " ", gutter), Segment(" " * (digits + 4), gutter)])
        flags = self.visible_flags(self.rows[index])
        segments = [
            Segment("▶" if on_cursor else " ", gutter),
            Segment(str(index + 1).rjust(digits) + " ", gutter),
        ]
        if flags:
            mark = "·" if flags[0].severity == "minor" else "!"
            segments.append(Segment(mark, self._style(f"flag-{flags[0].severity}")))
        else:
            segments.append(Segment(" ", gutter))
        segments.append(Segment("✎", self._style("note")) if index in self.annotated else Segment(" ", gutter))
        segments.append(Segment(" ", gutter))
        return Strip(segments)

    def _row_marks(self, index: int) -> dict[str, list[Mark]]:
        """Word marks of a row; a long row is compared in a worker and drawn unmarked meanwhile."""
        marks = self._marks.get(index)
        if marks is not None:
            return marks
        assert self.alignment is not None
        row = self.rows[index]
        if row.kind == "match" or len([s for s, ix in row.cells.items() if ix]) < 2:
            marks = {}
        elif self._row_size(row) > SYNC_MARKS_CHARS:
            if index not in self._marks_pending:
                self._marks_pending.add(index)
                self._compare_in_background(self.alignment, index, self.focused)
            return {}
        else:
            marks = self._compare(self.alignment, row, self.focused)
        self._marks[index] = marks
        return marks

    @staticmethod
    def _compare(alignment: Alignment, row: Row, focused: str | None) -> dict[str, list[Mark]]:
        # The reference column shows what the focused source dropped or replaced:
        # the union over every source would mark nearly everything next to a paraphrase.
        return row_marks(alignment, row, [focused] if focused else [])

    def _row_size(self, row: Row) -> int:
        assert self.alignment is not None
        size = 0
        for source in self.alignment.sources:
            for i in row.cells.get(source.id) or ():
                para = source.paragraphs[i]
                size += para.end - para.start
        return size

    @work(thread=True, group="marks")
    def _compare_in_background(self, alignment: Alignment, index: int, focused: str | None) -> None:
        marks = self._compare(alignment, alignment.rows[index], focused)
        self.app.call_from_thread(self._marks_ready, alignment, index, focused, marks)

    def _marks_ready(self, alignment: Alignment, index: int, focused: str | None, marks: dict[str, list[Mark]]) -> None:
        self._marks_pending.discard(index)
        if alignment is not self.alignment:
            return
        if focused == self.focused:
            self._marks[index] = marks
        # Redraw the row: with its marks now, or (focus moved meanwhile) asking again.
        self._forget_row(index)
        self.refresh()

    def _row_cells(self, index: int) -> tuple[list[tuple[str, list, list[Mark], list[Mark], Style]], str | None]:
        """Per shown column: its text, wrapped lines and marks (or a fold summary), cached per row."""
        cached = self._cells.get(index)
        if cached is not None:
            return cached
        assert self.alignment is not None and self._layout is not None
        alignment, layout = self.alignment, self._layout
        row = alignment.rows[index]
        furniture = self._style("furniture")
        if layout.folded and is_furniture(alignment, row):
            body_width = layout.geometry.x_of(len(layout.geometry.columns)) - layout.geometry.gutter - 1
            result: tuple = ([], self._fold_summary(row, body_width))
        else:
            marks = self._row_marks(index)
            flagged = self._flag_marks(row)
            columns = []
            for source_id in layout.geometry.columns:
                source = alignment.source(source_id)
                paragraphs = row.cells.get(source_id) or []
                lines = layout.wrapper.cell(source, paragraphs, source_id in row.moved)
                dim = bool(paragraphs) and all(source.paragraphs[i].boilerplate for i in paragraphs)
                hits = self._hits.get(source_id, [])
                if flagged.get(source_id) and paragraphs:
                    lo = min(source.paragraphs[i].start for i in paragraphs)
                    hi = max(source.paragraphs[i].end for i in paragraphs)
                    hits = merge_marks(marks_in(hits, lo, hi) + flagged[source_id])
                columns.append((source.text, lines, marks.get(source_id, []), hits, furniture if dim else Style()))
            result = (columns, None)
        self._cells[index] = result
        if len(self._cells) > CELL_CACHE_ROWS:
            self._cells.pop(next(iter(self._cells)))
        return result

    def _build_lines(self, index: int, lo: int, hi: int) -> list[Strip]:
        """Lines ``lo..hi`` of a row: the columns side by side, shorter cells padded."""
        assert self._layout is not None
        geometry = self._layout.geometry
        body_width = geometry.x_of(len(geometry.columns)) - geometry.gutter - 1
        columns, summary = self._row_cells(index)
        if summary is not None:
            return [Strip([Segment(summary, self._style("furniture"))])][: hi - lo]
        rule = Segment("│", self._style("rule"))
        blank = [Segment(" " * geometry.width)]
        strips = []
        for k in range(lo, hi):
            segments: list[Segment] = []
            for c, (text, lines, diff, hits, base) in enumerate(columns):
                if c:
                    segments.append(rule)
                if k < len(lines):
                    segments.extend(self._cell_line(text, lines[k], diff, hits, base, geometry.width))
                else:
                    segments.extend(blank)
            strips.append(Strip(segments, body_width).simplify())  # fewer segments: cheaper every frame
        return strips

    def _flag_marks(self, row: Row) -> dict[str, list[Mark]]:
        """The words each shown flag of ``row`` is about, per source."""
        out: dict[str, list[Mark]] = {}
        for flag in self.visible_flags(row):
            if flag.kind == "boilerplate":
                continue  # furniture is dimmed already; marking it all would only add noise
            for source_id, spans in flag.spans.items():
                out.setdefault(source_id, []).extend((s.start, s.end, "flag") for s in spans)
        return out

    def _cell_line(self, text: str, line, diff: list[Mark], hits: list[Mark], base: Style, width: int) -> list[Segment]:
        if line.kind in ("gap", "note"):
            note = line.note or ""
            style = self._style("gap" if line.kind == "gap" else "note")
            return [Segment(note, style), Segment(" " * (width - len(note)))]
        if line.kind == "blank" or not line.words:
            return [Segment(" " * width)]
        segments: list[Segment] = []
        used = 0
        for piece, kind, hit in line_pieces(text, line.words, diff, hits):
            style = base
            if kind:
                style = style + self._style(kind)
            if hit:
                style = style + self._style("hit" if hit == "match" else "flagged")
            segments.append(Segment(piece, style))
            used += cell_len(piece)
        if used < width:
            segments.append(Segment(" " * (width - used)))
        return segments

    def _fold_summary(self, row: Row, width: int) -> str:
        assert self.alignment is not None
        snippet = ""
        for source in self.alignment.sources:
            indices = row.cells.get(source.id)
            if indices:
                snippet = " ".join(source.paragraph_text(indices[0]).split())
                break
        count = sum(1 for ix in row.cells.values() if ix)
        text = f"┄ page furniture folded ({count} source{'s' if count != 1 else ''}): {snippet}"
        return fit_note(text, width)

    # ------------------------------------------------------------ navigation

    def move_cursor(self, index: int, *, jump: bool = False) -> None:
        """Put the cursor on row ``index`` and scroll it into view."""
        if not self.rows:
            return
        index = max(0, min(index, len(self.rows) - 1))
        changed = index != self.cursor
        self.cursor = index
        self.scroll_to_row(index, jump=jump)
        self.refresh()
        if changed:
            self.post_message(self.CursorMoved())

    def scroll_to_row(self, index: int, *, jump: bool = False) -> None:
        """Scroll the least needed to show row ``index``; after a jump, put it near the top."""
        if self._layout is None or not self.rows:
            return
        top, bottom = self.row_span(index)
        view_top = round(self.scroll_offset.y)
        height = self.scrollable_content_region.height
        if top >= view_top and bottom <= view_top + height:
            return
        if jump or top < view_top or bottom - top > height:
            target = top
        else:
            target = bottom - height
        self.scroll_to(y=target, animate=False, force=True)

    def step(self, delta: int) -> None:
        self.move_cursor(self.cursor + delta)

    def _next_in(self, rows: list[int], direction: int) -> int | None:
        if not rows:
            return None
        if direction > 0:
            pos = bisect_right(rows, self.cursor)
            return rows[pos] if pos < len(rows) else None
        pos = bisect_left(rows, self.cursor) - 1
        return rows[pos] if pos >= 0 else None

    def next_divergence(self, direction: int = 1) -> bool:
        target = self._next_in(self._divergent, direction)
        if target is None:
            return False
        self.move_cursor(target, jump=True)
        return True

    def next_flag(self, direction: int = 1) -> bool:
        target = self._next_in(self._flagged, direction)
        if target is None:
            return False
        self.move_cursor(target, jump=True)
        return True

    def page(self, direction: int) -> None:
        """Scroll a screenful and put the cursor on the first row that starts on it."""
        if self._layout is None or not self.rows:
            return
        height = max(1, self.scrollable_content_region.height)
        max_y = max(0, self._layout.total - height)
        y = max(0, min(max_y, round(self.scroll_offset.y) + direction * height))
        if y == round(self.scroll_offset.y):
            self.move_cursor(len(self.rows) - 1 if direction > 0 else 0)
            return
        self.scroll_to(y=y, animate=False, force=True)
        index = self.row_at_line(y)
        if self._layout.offsets[index] < y and index + 1 < len(self.rows):
            index += 1
        if self.cursor != index:
            self.cursor = index
            self.post_message(self.CursorMoved())
        self.refresh()

    def focus_column(self, source_id: str) -> None:
        if source_id not in self.order:
            return
        if source_id != self.focused:
            self.focused = source_id
            self._marks.clear()
            self._marks_pending.clear()
            self._clear_strips()
            self.refresh()
        self._reveal_focused()
        self.post_message(self.CursorMoved())
        self.post_message(self.LayoutChanged())

    def cycle_column(self, direction: int = 1) -> None:
        if not self.order or self.focused is None:
            return
        i = self.order.index(self.focused)
        self.focus_column(self.order[(i + direction) % len(self.order)])

    def _reveal_focused(self) -> None:
        """Scroll the columns sideways so the focused one is shown."""
        geometry = self.geometry
        order = self.shown_order()
        if geometry and self.focused in order and self.focused not in geometry.columns:
            if len(geometry.columns) == 1:
                self.column_offset = order.index(self.focused)
            else:
                i = order.index(self.focused) - 1
                fit = len(geometry.columns) - 1
                self.column_offset = i if i < self.column_offset else i - fit + 1
        self.request_layout()

    def scroll_columns(self, direction: int) -> None:
        geometry = self.geometry
        if geometry is None:
            return
        if direction < 0 and geometry.hidden_left:
            self.column_offset = geometry.hidden_left - 1
        elif direction > 0 and geometry.hidden_right:
            self.column_offset = geometry.hidden_left + 1
        else:
            return
        self.request_layout()

    def toggle_fold(self) -> None:
        self.folded = not self.folded
        self.request_layout()

    def toggle_zoom(self) -> None:
        self.zoom = not self.zoom
        self.column_offset = 0
        self.request_layout()

    # ---------------------------------------------------------------- search

    def search(self, query: str) -> int:
        """Highlight ``query`` in every source; returns the number of hits."""
        self.search_query = query
        self._hits, self._hit_rows = {}, []
        if self.alignment is not None and query.strip():
            found = find_matches(self.alignment, query)
            self._hits = {sid: spans_as_marks(spans) for sid, spans in found.items()}
            self._hit_rows = match_rows(self.alignment, found, self._para_rows)
        self._invalidate()
        return self.match_count

    def next_match(self, direction: int = 1) -> bool:
        """Move to the next row with a search hit, wrapping around at the end."""
        if not self._hit_rows:
            return False
        target = self._next_in(self._hit_rows, direction)
        if target is None:
            target = self._hit_rows[0] if direction > 0 else self._hit_rows[-1]
        self.move_cursor(target, jump=True)
        return True

    def row_of_paragraph(self, source_id: str, index: int) -> int | None:
        table = self._para_rows.get(source_id)
        if table is None or not 0 <= index < len(table) or table[index] < 0:
            return None
        return table[index]

    # ----------------------------------------------------------------- mouse

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or self._layout is None:
            return
        index = self.row_at_line(round(self.scroll_offset.y) + offset.y)
        column = self._layout.geometry.column_at(offset.x)
        if column is not None:
            self.focus_column(self._layout.geometry.columns[column])
        self.move_cursor(index)
        self.post_message(self.CursorMoved())
