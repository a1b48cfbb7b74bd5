"""The side-by-side view: one Line-API ScrollView that draws every column.

No widget per paragraph: rows are wrapped per column (off the UI thread for a
big alignment, see row_layout.py), the shorter cells padded so matching
paragraphs start on the same line, and drawn lines cached (see row_painter.py).
Where the reviewer is and where the keys go lives in view_state.py; this
widget scrolls to it, draws it and takes the mouse.
"""

from __future__ import annotations

from rich.style import Style
from textual import events, work
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.worker import get_current_worker

from srccompare.app.flag_index import flag_source
from srccompare.app.layout import Geometry, Wrapper, plan_columns
from srccompare.app.row_layout import PROVISIONAL_ABOVE, RowLayout, exact_layout, provisional_layout, wrapper_for
from srccompare.app.source_names import column_number
from srccompare.app.view_state import StateField, ViewState
from srccompare.app.widgets.row_painter import RowPainter
from srccompare.app.word_marks import RowMarks, WordMarks, compare
from srccompare.core.model import Alignment, Flag, Row


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
        "alignedview--sentence",
        "alignedview--linked",
        "alignedview--missing",
    }

    # The colours of these (theme variables) are in srccompare.tcss, with every other widget's.
    DEFAULT_CSS = """
    AlignedView {
        overflow-x: hidden;
        overflow-y: auto;
        scrollbar-size-vertical: 1;
    }
    """

    class CursorMoved(Message):
        """The cursor row or the focused column changed."""

    class LayoutChanged(Message):
        """Columns, widths or folding changed (the header and overview redraw)."""

    class Scrolled(Message):
        """The rows on screen changed (the overview shows which)."""

    def __init__(self, *, min_severity: str = "minor", id: str | None = None) -> None:
        super().__init__(id=id)
        self.state = ViewState(min_severity)
        """Cursor, focused column, navigation and search (plain Python, see view_state.py)."""
        self.expected_width = 0
        """Width to lay out for before the first resize (so the first frame already shows the rows)."""
        self.layout_ready = False
        """True once the rows on screen are laid out for the current width."""
        self.layout_final = False
        """True once every row is laid out (the scrollbar is exact)."""
        self._layout: RowLayout | None = None
        self._generation = 0
        self._styles: dict[str, Style] = {}
        self.word_marks = WordMarks(self._compare_in_background)
        """Word marks per row against the focused column (long rows compared in a worker)."""
        self.painter = RowPainter(self.state, self._style, self._row_marks)
        self._sentence_drawn: tuple[int, int | None, str | None] = (0, None, None)
        """(row, sentence, focused) of the sentence cursor as last drawn."""

    # ------------------------------------------ state (read-only; set through the methods)

    alignment: StateField[Alignment | None] = StateField()
    focused: StateField[str | None] = StateField()
    cursor: StateField[int] = StateField()
    sentence: StateField[int | None] = StateField()
    folded: StateField[bool] = StateField()
    zoom: StateField[bool] = StateField()
    search_query: StateField[str] = StateField()
    rows: StateField[list[Row]] = StateField()
    current_row: StateField[Row | None] = StateField()
    match_count: StateField[int] = StateField()

    @property
    def match_rows(self) -> list[int]:
        return list(self.state.hit_rows)

    @property
    def annotated(self) -> set[int]:
        """Rows that carry an annotation (marked ✎ in the gutter)."""
        return self.painter.annotated

    @property
    def geometry(self) -> Geometry | None:
        return self._layout.geometry if self._layout else None

    def visible_flags(self, row: Row | None) -> list[Flag]:
        """Flags of ``row`` at or above the minimum severity, most severe first."""
        return self.state.visible_flags(row)

    def shown_order(self) -> list[str]:
        """Columns that may be shown: all, or base + focused in focus mode."""
        return self.state.shown_order()

    # ------------------------------------------------------------ changes

    def set_alignment(self, alignment: Alignment, cursor: int | None = None) -> None:
        """Show ``alignment``; keep the focused column (if it still exists) and the search.
        Without ``cursor``, the cursor starts on the first row with base text (at the top)."""
        self.state.set_alignment(alignment, cursor)
        self.word_marks.clear()
        self._layout = self.painter.layout = None
        self.layout_ready = False
        self._invalidate()
        self.request_layout(force=True)
        self.post_message(self.CursorMoved())

    def set_annotated(self, rows: set[int]) -> None:
        """Mark the rows that carry annotations."""
        if rows != self.painter.annotated:
            self.painter.annotated = set(rows)
            self.painter.clear_gutters()
            self.refresh()

    def set_min_severity(self, severity: str) -> None:
        self.state.set_min_severity(severity)
        self._invalidate()

    def search(self, query: str) -> int:
        """Highlight ``query`` in every source; returns the number of hits."""
        count = self.state.search(query)
        self._invalidate()
        return count

    def _invalidate(self) -> None:
        self.painter.clear()
        self.refresh()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles.clear()
        self.painter.clear()

    # ---------------------------------------------------------------- layout

    def _plan(self) -> Geometry:
        width = self.scrollable_content_region.width or self.size.width or self.expected_width
        state = self.state
        return plan_columns(state.shown_order(), state.column_offset, width, state.gutter_width())

    def request_layout(self, force: bool = False, keep_focus: bool = False) -> None:
        """Re-plan the columns; re-wrap the rows (in a worker thread if there are many) if anything changed.
        With ``keep_focus`` (after a resize), the columns scroll so the focused one stays on screen."""
        alignment, folded, keep = self.state.alignment, self.state.folded, self.state.kept_sources()
        if alignment is None or not (self.size.width or self.expected_width):
            return
        geometry = self._plan()
        if keep_focus and self.focused in self.state.shown_order() and self.focused not in geometry.columns:
            self.state.reveal_focused(geometry)
            geometry = self._plan()
        current = self._layout
        if not force and current and current.geometry == geometry and (current.folded, current.keep) == (folded, keep):
            return
        self._generation += 1
        wrapper = wrapper_for(geometry, current)
        if len(alignment.rows) <= PROVISIONAL_ABOVE:
            # A few hundred rows wrap in a millisecond or two: cheaper here than a thread handoff.
            layout = exact_layout(alignment, geometry, wrapper, folded, keep=keep)
            assert layout is not None
            self._apply_layout(self._generation, alignment, layout)
            return
        provisional = provisional_layout(alignment, geometry, wrapper, folded, self.state.cursor, keep)
        self._apply_layout(self._generation, alignment, provisional, final=False)
        self._wrap(self._generation, alignment, geometry, folded, wrapper, keep)

    @work(thread=True, exclusive=True, group="layout", exit_on_error=True, description="wrap the rows")
    def _wrap(
        self, generation: int, alignment: Alignment, geometry: Geometry, folded: bool, wrapper: Wrapper, keep=()
    ) -> None:
        worker = get_current_worker()
        layout = exact_layout(alignment, geometry, wrapper, folded, lambda: worker.is_cancelled, keep)
        if layout is None or worker.is_cancelled:
            return
        self.app.call_from_thread(self._apply_layout, generation, alignment, layout)

    def _apply_layout(self, generation: int, alignment: Alignment, layout: RowLayout, final: bool = True) -> None:
        if generation != self._generation or alignment is not self.alignment:
            return
        self.layout_final = final
        columns_changed = self._layout is None or self._layout.geometry.columns != layout.geometry.columns
        self._layout = self.painter.layout = layout
        self.painter.clear()
        if columns_changed:
            self.word_marks.clear()
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
        self.request_layout(keep_focus=True)

    def row_at_line(self, line: int) -> int:
        """Index of the row drawn on virtual line ``line``."""
        return self._layout.row_at(line) if self._layout is not None and self.rows else 0

    def row_span(self, index: int) -> tuple[int, int]:
        """First virtual line of row ``index`` and one past its last."""
        assert self._layout is not None
        return self._layout.span(index)

    # --------------------------------------------------------------- drawing

    def _style(self, name: str) -> Style:
        style = self._styles.get(name)
        if style is None:
            style = self._styles[name] = self.get_component_rich_style(f"alignedview--{name}", partial=True)
        return style

    @property
    def base_style(self) -> Style:
        """The widget's own style (looked up once; Textual computes it afresh on every access)."""
        style = self._styles.get("")
        if style is None:
            style = self._styles[""] = self.rich_style
        return style

    def _row_marks(self, index: int) -> RowMarks:
        assert self.alignment is not None
        return self.word_marks.get(self.alignment, index, self.focused)

    def _sync_sentence(self) -> None:
        """Redraw the rows the sentence cursor left and reached (its marks are drawn into the row)."""
        state = self.state
        now = (state.cursor, state.sentence, state.focused)
        drawn = self._sentence_drawn
        if now != drawn:
            self._sentence_drawn = now
            if drawn[1] is not None:
                self.painter.forget_row(drawn[0])
            if now[1] is not None:
                self.painter.forget_row(now[0])

    def render_line(self, y: int) -> Strip:
        self._sync_sentence()
        width = self.scrollable_content_region.width
        layout = self._layout
        line = self.scroll_offset.y + y
        if layout is None or line >= layout.total:
            return Strip.blank(width, self.base_style)
        index = layout.row_at(line)
        cursor = self._style("cursor") if index == self.cursor else None
        return self.painter.line(index, line - layout.offsets[index], width, self.base_style, cursor)

    @work(thread=True, group="marks", description="compare a row")
    def _compare_in_background(self, alignment: Alignment, index: int, focused: str | None) -> None:
        marks = compare(alignment, alignment.rows[index], focused)
        self.app.call_from_thread(self._marks_ready, alignment, index, focused, marks)

    def _marks_ready(self, alignment: Alignment, index: int, focused: str | None, marks: RowMarks) -> None:
        if alignment is not self.alignment:
            self.word_marks.pending.discard(index)
            return
        self.word_marks.ready(index, focused, marks, self.focused)
        # Redraw the row: with its marks now, or (focus moved meanwhile) asking again.
        self.painter.forget_row(index)
        self.refresh()

    @property
    def _marks(self) -> dict[int, RowMarks]:
        """Word marks kept per row (tests look at them)."""
        return self.word_marks.rows

    # ------------------------------------------------------------ navigation

    def move_cursor(self, index: int, *, jump: bool = False) -> None:
        """Put the cursor on row ``index`` and scroll it into view."""
        if not self.rows:
            return
        changed = self.state.move(index)
        self.scroll_to_row(self.cursor, jump=jump)
        self.refresh()
        if changed:
            self.post_message(self.CursorMoved())

    def scroll_to_row(self, index: int, *, jump: bool = False) -> None:
        """Scroll the least needed to show row ``index``; after a jump, put it near the top."""
        if self._layout is None or not self.rows:
            return
        height = self.scrollable_content_region.height
        target = self._layout.scroll_for(index, round(self.scroll_offset.y), height, jump)
        if target is not None:
            self.scroll_to(y=target, animate=False, force=True)

    def step(self, delta: int) -> None:
        self.move_cursor(self.cursor + delta)

    def _reveal_sentence(self) -> None:
        """In a row taller than the screen, scroll the least needed to show the cursor sentence."""
        layout, span, focused = self._layout, self.state.sentence_span(), self.focused
        if layout is None or span is None or focused is None or focused not in layout.geometry.columns:
            return
        assert self.alignment is not None
        row = self.rows[self.cursor]
        source = self.alignment.source(focused)
        moved = focused in row.moved
        lines = layout.wrapper.cell(source, row.cells.get(focused) or [], moved, column_number(self.alignment, focused))
        ends = [line.words[-1][1] if line.kind == "text" and line.words else -1 for line in lines]
        first = next((k for k, end in enumerate(ends) if end > span.start), 0)
        last = next((k for k, end in enumerate(ends) if end >= span.end), first)
        top, height = round(self.scroll_offset.y), self.scrollable_content_region.height
        lo, hi = layout.offsets[self.cursor] + first, layout.offsets[self.cursor] + last + 1
        if lo >= top and hi <= top + height:
            return
        self.scroll_to(y=lo if lo < top or hi - lo > height else hi - height, animate=False, force=True)

    def _jump(self, target: int | None) -> bool:
        if target is None:
            return False
        self.move_cursor(target, jump=True)
        return True

    def next_divergence(self, direction: int = 1) -> bool:
        return self._jump(self.state.next_divergence(direction))

    def next_flag(self, direction: int = 1) -> bool:
        """Move to the next flagged row; if the column its most serious flag is about is scrolled
        out of view (a narrow terminal), focus that column so it shows."""
        if not self._jump(self.state.next_flag(direction)):
            return False
        flags = [f for f in self.visible_flags(self.current_row) if f.kind != "boilerplate"]
        geometry = self.geometry
        if flags and geometry is not None and self.alignment is not None:
            source_id = flag_source(self.alignment, flags[0])
            if source_id not in geometry.columns:
                self.focus_column(source_id)
        return True

    def next_match(self, direction: int = 1) -> bool:
        """Move to the next row with a search hit, wrapping around at the end."""
        return self._jump(self.state.next_match(direction))

    def step_sentence(self, direction: int = 1) -> bool:
        """Move the sentence cursor through the focused column (into the next row at the end of one);
        False if there is no sentence further that way."""
        before = self.cursor
        if not self.state.step_sentence(direction):
            return False
        self._sync_sentence()
        self.scroll_to_row(self.cursor)
        self._reveal_sentence()
        self.refresh()
        if self.cursor != before:
            self.post_message(self.CursorMoved())
        return True

    def page(self, direction: int) -> None:
        """Scroll a screenful and put the cursor on the first row that starts on it."""
        if self._layout is None or not self.rows:
            return
        paged = self._layout.page_from(round(self.scroll_offset.y), self.scrollable_content_region.height, direction)
        if paged is None:  # at the end already: go to the first or last row
            self.move_cursor(len(self.rows) - 1 if direction > 0 else 0)
            return
        y, index = paged
        self.scroll_to(y=y, animate=False, force=True)
        if self.state.move(index):
            self.post_message(self.CursorMoved())
        self.refresh()

    def focus_column(self, source_id: str) -> None:
        if source_id not in self.state.order:
            return
        if self.state.focus(source_id):
            self.word_marks.clear()
            self._invalidate()
        self.state.reveal_focused(self.geometry)
        self.request_layout()
        self.post_message(self.CursorMoved())
        self.post_message(self.LayoutChanged())

    def cycle_column(self, direction: int = 1) -> None:
        target = self.state.column_after(direction)
        if target is not None:
            self.focus_column(target)

    def scroll_columns(self, direction: int) -> None:
        if self.state.scroll_columns(self.geometry, direction):
            self.request_layout()

    def toggle_fold(self) -> None:
        self.state.toggle_fold()
        self.request_layout()

    def toggle_zoom(self) -> None:
        moved = self.state.toggle_zoom()
        self.request_layout()
        if moved:
            self.post_message(self.CursorMoved())

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
