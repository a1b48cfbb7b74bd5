"""Column geometry and word wrapping for the side-by-side view.

Plain Python (no Textual), so the rules that decide what lands on which screen
line can be tested and benchmarked without a terminal. Every wrapped word keeps
its span in the source text, so highlights and search hits map straight on;
the text wrapped is the one drawn, controls shown as symbols (:mod:`.drawn`).
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from itertools import accumulate

from rich.cells import cell_len

from srccompare.app.drawn import cell_text, drawn
from srccompare.core.model import Alignment, Source
from srccompare.output.overview import is_furniture

MIN_COLUMN_WIDTH = 20
"""Narrower than this, a column is unreadable; columns scroll sideways instead."""

SEPARATOR_WIDTH = 1
"""Cells between two columns (a thin rule)."""

WordSpan = tuple[int, int]


@dataclass(frozen=True, slots=True)
class Geometry:
    """Which sources are shown, where, and how wide (all in terminal cells)."""

    gutter: int
    columns: tuple[str, ...]
    width: int
    hidden_left: int = 0
    hidden_right: int = 0

    def x_of(self, index: int) -> int:
        """Left edge of the ``index``-th visible column."""
        return self.gutter + index * (self.width + SEPARATOR_WIDTH)

    def column_at(self, x: int) -> int | None:
        """Index of the visible column under screen column ``x`` (None in the gutter)."""
        if x < self.gutter:
            return None
        index = (x - self.gutter) // (self.width + SEPARATOR_WIDTH)
        return index if index < len(self.columns) else None


def plan_columns(
    order: list[str],
    offset: int,
    total_width: int,
    gutter: int,
    min_width: int = MIN_COLUMN_WIDTH,
) -> Geometry:
    """Fit ``order`` (base first) into ``total_width`` cells.

    When every column fits at ``min_width`` they share the width. Otherwise the
    first column (the base) stays pinned and the others scroll sideways from
    ``offset``; the hidden counts tell the header what to announce, so nothing is
    cut off silently.
    """
    room = max(1, total_width - gutter)
    fit = max(1, (room + SEPARATOR_WIDTH) // (min_width + SEPARATOR_WIDTH))
    if fit >= len(order):
        shown, left, right = list(order), 0, 0
    elif fit == 1:
        offset = max(0, min(offset, len(order) - 1))
        shown, left, right = [order[offset]], offset, len(order) - offset - 1
    else:
        others = order[1:]
        offset = max(0, min(offset, len(others) - (fit - 1)))
        shown = [order[0], *others[offset : offset + fit - 1]]
        left, right = offset, len(others) - offset - (fit - 1)
    count = max(1, len(shown))
    width = max(1, (room - SEPARATOR_WIDTH * (count - 1)) // count)
    return Geometry(gutter, tuple(shown), width, left, right)


def _piece_sizes(word: str, width: int, ascii_only: bool) -> list[int]:
    """Cell sizes of the line-sized pieces a too-long word is cut into."""
    if ascii_only:
        full, rest = divmod(len(word), width)
        return [width] * full + ([rest] if rest else [])
    sizes, used = [], 0
    for ch in word:
        w = cell_len(ch)
        if used + w > width and used:
            sizes.append(used)
            used = 0
        used += w
    return sizes + [used]


def count_lines(text: str, start: int, end: int, width: int) -> int:
    """How many lines :func:`wrap_text` makes of ``text[start:end]``, without building them.

    Same greedy rule as :func:`wrap_text` (a property test keeps the two in
    step), but it only counts, jumping a line at a time with a binary search over
    cumulative word sizes, so laying out thousands of rows stays fast.
    """
    chunk = text[start:end]
    ascii_only = chunk.isascii()
    if ascii_only and end - start <= width:
        return 1
    words = chunk.split()
    sizes = list(map(len, words)) if ascii_only else [cell_len(w) for w in words]
    if not sizes:
        return 1
    if max(sizes) > width:
        return _count_slow(words, sizes, width, ascii_only)
    cumulative = [0, *accumulate(map((1).__add__, sizes))]
    lines, i, n = 0, 0, len(sizes)
    while i < n:
        i = bisect_right(cumulative, cumulative[i] + width + 1) - 1
        lines += 1
    return lines


def _count_slow(words: list[str], sizes: list[int], width: int, ascii_only: bool) -> int:
    """Line count when some word is wider than a line and has to be cut."""
    lines, used = 0, -1
    for word, size in zip(words, sizes):
        if used >= 0 and used + 1 + size <= width:
            used += 1 + size
            continue
        if used >= 0:
            lines += 1
        if size <= width:
            used = size
            continue
        pieces = _piece_sizes(word, width, ascii_only)
        lines += len(pieces) - 1
        used = pieces[-1]
    return max(1, lines + (1 if used >= 0 else 0))


def wrap_text(text: str, start: int, end: int, width: int) -> list[list[WordSpan]]:
    """Wrap ``text[start:end]`` at word boundaries into lines of at most ``width`` cells.

    Each line is the list of its words' spans; one space is drawn between words,
    so newlines and repeated spaces inside a paragraph (reflow) never show. A word
    wider than a line is cut into line-sized pieces.
    """
    lines: list[list[WordSpan]] = []
    line: list[WordSpan] = []
    used = 0
    chunk = text[start:end]
    ascii_only = chunk.isascii()
    pos = 0
    for word in chunk.split():
        pos = chunk.find(word, pos)
        s, e = start + pos, start + pos + len(word)
        pos += len(word)
        size = e - s if ascii_only else cell_len(text[s:e])
        if line and used + 1 + size <= width:
            line.append((s, e))
            used += 1 + size
            continue
        if line:
            lines.append(line)
            line, used = [], 0
        if size <= width:
            line, used = [(s, e)], size
            continue
        pos = s
        pieces = _piece_sizes(text[s:e], width, ascii_only)
        for piece in pieces:
            stop = pos + piece if ascii_only else _advance(text, pos, piece)
            lines.append([(pos, stop)])
            pos = stop
        line, used = lines.pop(), pieces[-1]  # the last piece may share its line with what follows
    if line:
        lines.append(line)
    return lines or [[]]


def _advance(text: str, pos: int, cells: int) -> int:
    """The offset ``cells`` terminal cells after ``pos``."""
    used = 0
    while used < cells:
        used += cell_len(text[pos])
        pos += 1
    return pos


@dataclass(slots=True)
class CellLine:
    """One screen line of one cell: wrapped words, or a literal note."""

    words: list[WordSpan] = field(default_factory=list)
    note: str | None = None
    kind: str = "text"
    """``text``, ``blank``, ``gap`` (source has nothing here) or ``note`` (e.g. where a moved paragraph sits)."""


BLANK = CellLine(kind="blank")


def gap_note(width: int) -> str:
    """What an empty cell says: visible, never just white space."""
    long = "· · · (not in this source)"
    return long if width >= len(long) else "· · ·"


def fit_note(note: str, width: int) -> str:
    """``note`` shortened with an ellipsis so it never spills into the next column."""
    if cell_len(note) <= width:
        return note
    out, used = [], 0
    for ch in note:
        w = cell_len(ch)
        if used + w > width - 1:
            break
        out.append(ch)
        used += w
    return "".join(out) + "…"


class Wrapper:
    """Wraps paragraphs for one column width, remembering what it already wrapped."""

    def __init__(self, width: int) -> None:
        self.width = width
        self._cache: dict[tuple[str, int], list[list[WordSpan]]] = {}
        self._heights: dict[tuple[str, int], int] = {}

    def paragraph(self, source: Source, index: int) -> list[list[WordSpan]]:
        key = (source.id, index)
        hit = self._cache.get(key)
        if hit is None:
            para = source.paragraphs[index]
            hit = wrap_text(cell_text(source.text), para.start, para.end, self.width)
            self._cache[key] = hit
        return hit

    def cell(self, source: Source, paragraphs: list[int], moved: bool, column: int = 0) -> list[CellLine]:
        """The lines of one cell: a gap marker, an optional moved note (naming the source by its
        ``column`` number, as messages do), then the paragraphs."""
        if not paragraphs:
            return [CellLine(note=gap_note(self.width), kind="gap")]
        out: list[CellLine] = []
        if moved:
            where = f"col {column}" if column else drawn(source.id)
            note = f"¶{paragraphs[0] + 1} of {where}, moved"
            out.append(CellLine(note=fit_note(note, self.width), kind="note"))
        for n, index in enumerate(paragraphs):
            if n:
                out.append(BLANK)
            out.extend(CellLine(words=words) for words in self.paragraph(source, index))
        return out

    def paragraph_height(self, source: Source, index: int) -> int:
        key = (source.id, index)
        wrapped = self._cache.get(key)
        if wrapped is not None:
            return len(wrapped)
        height = self._heights.get(key)
        if height is None:
            para = source.paragraphs[index]
            height = count_lines(cell_text(source.text), para.start, para.end, self.width)
            self._heights[key] = height
        return height

    def cell_height(self, source: Source, paragraphs: list[int], moved: bool) -> int:
        if not paragraphs:
            return 1
        height = len(paragraphs) - 1 + (1 if moved else 0)
        for index in paragraphs:
            height += self.paragraph_height(source, index)
        return height


def estimate_heights(
    alignment: Alignment, columns: tuple[str, ...], width: int, folded: bool, keep: tuple[str, ...] = ()
) -> list[int]:
    """Rough row heights from paragraph lengths, good enough to size the scrollbar for a moment."""
    sources = [alignment.source(sid) for sid in columns]
    heights: list[int] = []
    for row in alignment.rows:
        if keep and not any(row.cells.get(sid) for sid in keep):
            heights.append(0)
            continue
        if folded and is_furniture(alignment, row):
            heights.append(1)
            continue
        tallest = 1
        for source in sources:
            paragraphs = row.cells.get(source.id) or ()
            h = sum((source.paragraphs[i].end - source.paragraphs[i].start) // width + 2 for i in paragraphs) - 1
            tallest = max(tallest, h)
        heights.append(tallest + 1)
    return heights


def row_heights(
    alignment: Alignment,
    columns: tuple[str, ...],
    wrapper: Wrapper,
    folded: bool,
    cancelled=lambda: False,
    start: int = 0,
    stop: int | None = None,
    keep: tuple[str, ...] = (),
) -> list[int] | None:
    """Screen lines taken by rows ``start..stop`` (tallest cell plus one separator line).

    A folded furniture row takes a single line; with ``keep`` (focus mode), a row
    with no text in any of those sources takes none. Returns None if
    ``cancelled()`` turns true on the way (a newer layout superseded this one).
    """
    sources = [alignment.source(sid) for sid in columns]
    heights: list[int] = []
    for n, row in enumerate(alignment.rows[start:stop]):
        if keep and not any(row.cells.get(sid) for sid in keep):
            heights.append(0)
            continue
        if folded and is_furniture(alignment, row):
            heights.append(1)
            continue
        tallest = 1
        for source in sources:
            h = wrapper.cell_height(source, row.cells.get(source.id) or [], source.id in row.moved)
            if h > tallest:
                tallest = h
        heights.append(tallest + 1)
        if n % 256 == 255 and cancelled():
            return None
    return heights


def offsets_of(heights: list[int]) -> list[int]:
    """First screen line of each row, plus the total at the end."""
    out = [0] * (len(heights) + 1)
    total = 0
    for i, h in enumerate(heights):
        out[i] = total
        total += h
    out[-1] = total
    return out
