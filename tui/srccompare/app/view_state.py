"""Where the reviewer is in the side-by-side view, and where the keys can take them.

Plain Python (no Textual): the cursor row, the sentence cursor, the focused
column, the column scroll, the rows that ``n``/``f``/search stop at and the
search hits. The
widget (widgets/aligned_view.py) draws this state and scrolls to it; the
navigation rules are tested here without a terminal.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import Any, Generic, TypeVar, overload

from srccompare.app.flag_index import step_worst_first, worst_first
from srccompare.app.layout import Geometry, is_furniture
from srccompare.app.marks import find_matches, match_rows, paragraph_rows, spans_as_marks
from srccompare.core.kinds import SEVERITY_RANK
from srccompare.core.model import Alignment, Flag, Row, Span
from srccompare.output.marks import Mark
from srccompare.output.sentence_marks import cell_sentences, linked_sentences, sentence_spans

DIVERGENT_KINDS = ("changed", "only")

T = TypeVar("T")


def flag_rank(flag: Flag) -> int:
    return SEVERITY_RANK.get(flag.severity, 0)


def next_in(rows: list[int], cursor: int, direction: int) -> int | None:
    """The first of the sorted ``rows`` after ``cursor`` (direction 1) or before it (-1); None past the end."""
    if not rows:
        return None
    if direction > 0:
        pos = bisect_right(rows, cursor)
        return rows[pos] if pos < len(rows) else None
    pos = bisect_left(rows, cursor) - 1
    return rows[pos] if pos >= 0 else None


class StateField(Generic[T]):
    """A read-only attribute that reads the same-named one of its owner's ``state``:
    the view offers the ViewState's fields as its own, without a property for each."""

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, obj: None, owner: type | None = None) -> StateField[T]: ...
    @overload
    def __get__(self, obj: object, owner: type | None = None) -> T: ...
    def __get__(self, obj: Any, owner: type | None = None) -> Any:
        return self if obj is None else getattr(obj.state, self.name)


class ViewState:
    """The navigation and search state of the side-by-side view."""

    def __init__(self, min_severity: str = "minor") -> None:
        self.alignment: Alignment | None = None
        self.order: list[str] = []
        """Source ids left to right: the base first, then the others in source order."""
        self.focused: str | None = None
        self.cursor = 0
        self.sentence: int | None = None
        """The sentence cursor: a sentence of the focused source in the cursor row (its index
        among that source's sentences), or None. Moving the row or the focus clears it."""
        self.folded = True
        """Page furniture rows drawn as one line each (``h`` shows them whole)."""
        self.zoom = False
        self.column_offset = 0
        """How many columns (after the base) are scrolled out of view on the left."""
        self.min_severity = min_severity
        self.search_query = ""
        self.hits: dict[str, list[Mark]] = {}
        """Search hits per source, as marks."""
        self.hit_rows: list[int] = []
        self.para_rows: dict[str, list[int]] = {}
        """Per source: the row each paragraph is on (-1: none)."""
        self.divergent: list[int] = []
        """Rows n/N stop at: changed, only-in-some or moved, and not page furniture."""
        self.flagged: list[int] = []
        """Rows f/F stop at."""
        self.worst_first = False
        """f/F take the flagged rows most serious first (then in row order), not top to bottom."""
        self.flag_order: list[int] = []
        """The flagged rows, most serious first (what f/F follow with ``worst_first``)."""
        self.worst_stop: int | None = None
        """The row the last most-serious-first step reached."""

    # ------------------------------------------------------------ reading

    @property
    def rows(self) -> list[Row]:
        return self.alignment.rows if self.alignment else []

    @property
    def current_row(self) -> Row | None:
        rows = self.rows
        return rows[self.cursor] if 0 <= self.cursor < len(rows) else None

    @property
    def match_count(self) -> int:
        return sum(len(v) for v in self.hits.values())

    def visible_flags(self, row: Row | None) -> list[Flag]:
        """Flags of ``row`` at or above the minimum severity, most severe first."""
        if row is None:
            return []
        floor = SEVERITY_RANK.get(self.min_severity, 0)
        return sorted((f for f in row.flags if flag_rank(f) >= floor), key=flag_rank, reverse=True)

    def gutter_width(self) -> int:
        """Cursor mark, row number, space, flag mark, annotation mark, space."""
        return len(str(len(self.rows))) + 5

    def row_of_paragraph(self, source_id: str, index: int) -> int | None:
        table = self.para_rows.get(source_id)
        if table is None or not 0 <= index < len(table) or table[index] < 0:
            return None
        return table[index]

    # ------------------------------------------------------------ changing

    def set_alignment(self, alignment: Alignment, cursor: int | None = None) -> None:
        """Show ``alignment``; keep the focused column if it still exists, and the search.
        Without ``cursor``, the cursor starts on the first row with base text."""
        self.alignment = alignment
        ids = [s.id for s in alignment.sources]
        self.order = [alignment.base, *[i for i in ids if i != alignment.base]]
        if self.focused not in ids:
            self.focused = alignment.base
        self.cursor = self.clamp(self.first_text_row() if cursor is None else cursor)
        self.sentence = None
        self.para_rows = paragraph_rows(alignment)
        self.divergent = [
            i
            for i, row in enumerate(alignment.rows)
            if (row.kind in DIVERGENT_KINDS or row.moved) and not is_furniture(alignment, row)
        ]
        self._refresh_flagged()
        self.search(self.search_query)

    def set_min_severity(self, severity: str) -> None:
        self.min_severity = severity
        self._refresh_flagged()

    def _refresh_flagged(self) -> None:
        """Rows with a shown flag other than ``boilerplate`` (furniture is dimmed and foldable
        already; stopping at every menu line of a scraped page would bury the facts)."""
        rank: dict[int, int] = {}
        for i, row in enumerate(self.rows):
            ranks = [flag_rank(f) for f in self.visible_flags(row) if f.kind != "boilerplate"]
            if ranks:
                rank[i] = max(ranks)
        self.flagged = list(rank)
        self.flag_order = worst_first(self.flagged, rank)

    def toggle_worst_first(self) -> None:
        self.worst_first = not self.worst_first

    def first_text_row(self) -> int:
        """The first row where the base has text that is not page furniture (0 if there is none):
        where the story starts, past a scraped page's menus and the versions' extra paragraphs."""
        alignment = self.alignment
        if alignment is None:
            return 0
        for index, row in enumerate(alignment.rows):
            if row.cells.get(alignment.base) and not is_furniture(alignment, row):
                return index
        return 0

    def clamp(self, index: int) -> int:
        return max(0, min(index, len(self.rows) - 1))

    def kept_sources(self) -> tuple[str, ...]:
        """In focus mode with more than two sources, the two it keeps (rows empty in both are
        hidden); else none."""
        return tuple(self.shown_order()) if self.zoom and len(self.order) > 2 else ()

    def hidden(self, index: int) -> bool:
        """Row ``index`` is left out of the view: focus mode, and no text in either column it keeps."""
        keep = self.kept_sources()
        return bool(keep) and not any(self.rows[index].cells.get(sid) for sid in keep)

    def shown_row(self, index: int, direction: int = 1) -> int:
        """``index`` if it is shown, else the nearest shown row that way (or the other way at the end)."""
        index = self.clamp(index)
        if not self.hidden(index):
            return index
        step = 1 if direction >= 0 else -1
        for way in (step, -step):
            k = index + way
            while 0 <= k < len(self.rows):
                if not self.hidden(k):
                    return k
                k += way
        return index

    def _unhide(self) -> bool:
        """After focus mode or its partner column changed: off a hidden row; True if the cursor moved."""
        return self.move(self.cursor)

    def move(self, index: int) -> bool:
        """Put the cursor on row ``index`` (clamped; past rows focus mode hides, in the direction of
        the move); True if it moved."""
        index = self.shown_row(index, index - self.cursor)
        changed = index != self.cursor
        self.cursor = index
        if changed:
            self.sentence = None
        return changed

    # ----------------------------------------------------------- sentences

    def row_sentences(self, index: int, source_id: str | None = None) -> list[int]:
        """The sentences of ``source_id`` (default: the focused source) in row ``index``, in text order
        (none in a row where it has no text, or folded page furniture)."""
        source_id = source_id or self.focused
        alignment = self.alignment
        if alignment is None or source_id is None or not 0 <= index < len(alignment.rows):
            return []
        row = alignment.rows[index]
        paragraphs = row.cells.get(source_id)
        if not paragraphs or (self.folded and is_furniture(alignment, row)):
            return []
        return cell_sentences(alignment.source(source_id), sorted(paragraphs))

    def next_sentence(self, direction: int = 1) -> tuple[int, int] | None:
        """Where ``]`` (1) or ``[`` (-1) takes the sentence cursor: (row, sentence), in the focused
        column, continuing into the next (previous) row with text there; None past the end."""
        here = self.row_sentences(self.cursor)
        if here:
            if self.sentence in here:
                pos = here.index(self.sentence) + direction
                if 0 <= pos < len(here):
                    return self.cursor, here[pos]
            else:
                return self.cursor, here[0 if direction > 0 else -1]
        index = self.cursor + direction
        while 0 <= index < len(self.rows):
            found = self.row_sentences(index)
            if found:
                return index, found[0 if direction > 0 else -1]
            index += direction
        return None

    def step_sentence(self, direction: int = 1) -> bool:
        """Move the sentence cursor (and the row cursor with it); False if there is no sentence that way."""
        target = self.next_sentence(direction)
        if target is None:
            return False
        self.cursor, self.sentence = target
        return True

    def sentence_span(self) -> Span | None:
        """The span of the sentence cursor in the focused source, if there is one."""
        if self.alignment is None or self.focused is None or self.sentence is None:
            return None
        spans = sentence_spans(self.alignment.source(self.focused))
        return spans[self.sentence] if 0 <= self.sentence < len(spans) else None

    def focused_text(self) -> tuple[str, str] | None:
        """What ``c`` copies: the sentence cursor's sentence, else the focused column's text in the
        cursor row (paragraphs apart by a blank line), with what it is; None where there is none."""
        alignment, row, focused = self.alignment, self.current_row, self.focused
        if alignment is None or row is None or focused is None:
            return None
        source = alignment.source(focused)
        span = self.sentence_span()
        if span is not None:
            return source.text[span.start : span.end], "sentence"
        paragraphs = row.cells.get(focused)
        if not paragraphs:
            return None
        return "\n\n".join(source.paragraph_text(i) for i in paragraphs), "cell"

    def sentence_marks(self, index: int) -> dict[str, list[Mark]]:
        """Row ``index``'s third channel: the cursor sentence (``sentence``) in the focused column and
        the sentences the row's links join to it (``linked``) in every other column."""
        span = self.sentence_span() if index == self.cursor else None
        if span is None or self.alignment is None or self.focused is None:
            return {}
        out: dict[str, list[Mark]] = {self.focused: [(span.start, span.end, "sentence")]}
        linked = linked_sentences(self.alignment, self.alignment.rows[index], self.focused, span)
        for source_id, spans in linked.items():
            out[source_id] = spans_as_marks(spans, "linked")
        return out

    # ---------------------------------------------------------- where to go

    def _past_hidden(self, rows: list[int], target: int | None, direction: int) -> int | None:
        """``target``, or the next of ``rows`` after it that focus mode does not hide."""
        while target is not None and self.hidden(target):
            target = next_in(rows, target, direction)
        return target

    def next_divergence(self, direction: int = 1) -> int | None:
        return self._past_hidden(self.divergent, next_in(self.divergent, self.cursor, direction), direction)

    def next_flag(self, direction: int = 1) -> int | None:
        """The next (previous) flagged row: below (above) the cursor, or with ``worst_first`` the next
        in :attr:`flag_order` (which it remembers, so the walk goes on from the row it reached)."""
        if self.worst_first:
            order = [r for r in self.flag_order if not self.hidden(r)]
            self.worst_stop = step_worst_first(order, self.cursor, direction, self.worst_stop)
            return self.worst_stop
        return self._past_hidden(self.flagged, next_in(self.flagged, self.cursor, direction), direction)

    def next_match(self, direction: int = 1) -> int | None:
        """The next row with a search hit, wrapping around at the end (None: no hits)."""
        rows = [r for r in self.hit_rows if not self.hidden(r)]
        if not rows:
            return None
        target = next_in(rows, self.cursor, direction)
        if target is None:
            target = rows[0] if direction > 0 else rows[-1]
        return target

    def search(self, query: str) -> int:
        """Find ``query`` in every source; returns the number of hits."""
        self.search_query = query
        self.hits, self.hit_rows = {}, []
        if self.alignment is not None and query.strip():
            found = find_matches(self.alignment, query)
            self.hits = {sid: spans_as_marks(spans) for sid, spans in found.items()}
            self.hit_rows = match_rows(self.alignment, found, self.para_rows)
        return self.match_count

    # ------------------------------------------------------------- columns

    def shown_order(self) -> list[str]:
        """Columns that may be shown: all, or base + focused in focus mode."""
        if not self.zoom or len(self.order) <= 2:
            return list(self.order)
        partner = self.focused if self.focused and self.focused != self.order[0] else self.order[1]
        return [self.order[0], partner]

    def focus(self, source_id: str) -> bool:
        """Focus column ``source_id``; True if the focus moved (the word marks change with it)."""
        if source_id not in self.order or source_id == self.focused:
            return False
        self.focused = source_id
        self.sentence = None
        self._unhide()  # in focus mode the other column kept may have changed
        return True

    def column_after(self, direction: int = 1) -> str | None:
        """The column tab (1) or shift+tab (-1) focuses next, wrapping around."""
        if not self.order or self.focused is None:
            return None
        i = self.order.index(self.focused)
        return self.order[(i + direction) % len(self.order)]

    def reveal_focused(self, geometry: Geometry | None) -> None:
        """Scroll the columns sideways so the focused one is shown with ``geometry``'s room."""
        order = self.shown_order()
        if geometry and self.focused in order and self.focused not in geometry.columns:
            if len(geometry.columns) == 1:
                self.column_offset = order.index(self.focused)
            else:
                i = order.index(self.focused) - 1
                fit = len(geometry.columns) - 1
                self.column_offset = i if i < self.column_offset else i - fit + 1

    def scroll_columns(self, geometry: Geometry | None, direction: int) -> bool:
        """Show one more column on the left (-1) or right (1); False if none is hidden there."""
        if geometry is None:
            return False
        if direction < 0 and geometry.hidden_left:
            self.column_offset = geometry.hidden_left - 1
        elif direction > 0 and geometry.hidden_right:
            self.column_offset = geometry.hidden_left + 1
        else:
            return False
        return True

    def toggle_zoom(self) -> bool:
        """Focus mode on or off; True if the cursor had to leave a row it hides."""
        self.zoom = not self.zoom
        self.column_offset = 0
        return self._unhide()

    def toggle_fold(self) -> None:
        self.folded = not self.folded
