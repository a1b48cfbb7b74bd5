"""What to highlight inside cells in the app: search hits, and wrapped lines cut into marked pieces.

Plain Python, no Textual. Which words differ and which ranges a row marks is
:mod:`srccompare.output.marks`'s business (the HTML report draws the same marks);
this module finds search hits and splits wrapped lines into (text, marks) pieces for drawing.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_right
from collections.abc import Iterable

from srccompare.core.model import Alignment, Paragraph, Span
from srccompare.output.marks import Mark

_FLEX = {"'": "['‘’`´]", '"': '["“”„«»]', "-": "[-‐‑‒–—―−]"}


def search_pattern(query: str) -> re.Pattern[str] | None:
    """A case-insensitive pattern for ``query`` in which quote/dash styles and spacing do not matter."""
    query = query.strip()
    if not query:
        return None
    parts: list[str] = []
    for ch in query:
        if ch.isspace():
            if not parts or parts[-1] != r"\s+":
                parts.append(r"\s+")
        elif ch in "'‘’`´":
            parts.append(_FLEX["'"])
        elif ch in '"“”„«»':
            parts.append(_FLEX['"'])
        elif ch in "-‐‑‒–—―−":
            parts.append(_FLEX["-"])
        else:
            parts.append(re.escape(ch))
    return re.compile("".join(parts), re.IGNORECASE)


def find_matches(alignment: Alignment, query: str) -> dict[str, list[Span]]:
    """Spans of ``query`` in every source's paragraphs (offsets into each source's text)."""
    pattern = search_pattern(query)
    out: dict[str, list[Span]] = {}
    if pattern is None:
        return out
    for source in alignment.sources:
        spans: list[Span] = []
        for para in source.paragraphs:
            spans.extend(
                Span(m.start(), m.end())
                for m in pattern.finditer(source.text, para.start, para.end)
                if m.end() > m.start()
            )
        if spans:
            out[source.id] = spans
    return out


def paragraph_rows(alignment: Alignment) -> dict[str, list[int]]:
    """Source id -> row index of each of its paragraphs."""
    out = {s.id: [-1] * len(s.paragraphs) for s in alignment.sources}
    for i, row in enumerate(alignment.rows):
        for source_id, indices in row.cells.items():
            table = out.get(source_id)
            if table is None:
                continue
            for index in indices:
                if 0 <= index < len(table):
                    table[index] = i
    return out


def match_rows(alignment: Alignment, matches: dict[str, list[Span]], para_rows: dict[str, list[int]]) -> list[int]:
    """Sorted row indices holding at least one match."""
    rows: set[int] = set()
    for source in alignment.sources:
        spans = matches.get(source.id)
        if not spans:
            continue
        starts = [p.start for p in source.paragraphs]
        for span in spans:
            index = bisect_right(starts, span.start) - 1
            if index >= 0:
                row = para_rows[source.id][index]
                if row >= 0:
                    rows.add(row)
    return sorted(rows)


def marks_in(marks: list[Mark], start: int, end: int) -> list[Mark]:
    """The marks overlapping ``[start, end)`` (``marks`` sorted and non-overlapping)."""
    if not marks:
        return []
    ends = [m[1] for m in marks]
    lo = bisect_right(ends, start)
    out = []
    for m in marks[lo:]:
        if m[0] >= end:
            break
        out.append(m)
    return out


def without_whole_paragraphs(text: str, marks: list[Mark], paragraphs: Iterable[Paragraph]) -> list[Mark]:
    """``marks`` (sorted) less those inside a paragraph that they cover whole between them.

    A mark over a whole paragraph says nothing the paragraph's place does not
    (the flag panel and the gap or missing-sentence notes tell what is missing
    where) and only makes the text harder to read, so none is drawn.
    """
    if not marks:
        return marks
    dropped: list[tuple[int, int]] = []
    for para in paragraphs:
        inside = marks_in(marks, para.start, para.end)
        if not inside:
            continue
        pos, covered = para.start, True
        for start, end, _kind in inside:
            if start > pos and text[pos:start].strip():
                covered = False
                break
            pos = max(pos, end)
        if covered and not text[pos : para.end].strip():
            dropped.append((para.start, para.end))
    if not dropped:
        return marks
    return [m for m in marks if not any(m[0] < hi and lo < m[1] for lo, hi in dropped)]


def spans_as_marks(spans: list[Span], kind: str = "match") -> list[Mark]:
    return [(s.start, s.end, kind) for s in spans]


def line_pieces(
    text: str,
    words: list[tuple[int, int]],
    diff: list[Mark],
    hits: list[Mark],
) -> list[tuple[str, str | None, str | None]]:
    """Split one wrapped line into ``(text, diff kind, hit kind)`` pieces (see :func:`line_runs`).

    ``hits`` is the second channel: search hits and flagged words (see :data:`Mark`).
    """
    return [(piece, kinds[0], kinds[1]) for piece, kinds in line_runs(text, words, [diff, hits])]


def line_runs(
    text: str, words: list[tuple[int, int]], channels: list[list[Mark]]
) -> list[tuple[str, tuple[str | None, ...]]]:
    """Split one wrapped line into ``(text, kinds)`` pieces, one kind (or None) per channel.

    Each channel is a sorted, non-overlapping list of marks: word divergences and
    missing sentences, search hits and flagged words, the sentence cursor and the
    sentences linked to it. Words are joined by single spaces; a space takes a
    channel's mark only when the words on both sides of it sit inside the same
    mark, so a marked phrase reads as one run while separate marks stay apart.
    """
    if not words:
        return []
    line_start, line_end = words[0][0], words[-1][1]
    channels = [marks_in(marks, line_start, line_end) for marks in channels]
    marked = any(channels)
    blank: tuple[str | None, ...] = (None,) * len(channels)
    pieces: list[tuple[str, tuple[str | None, ...]]] = []

    def mark_at(marks: list[Mark], pos: int) -> Mark | None:
        for m in marks:
            if m[0] <= pos < m[1]:
                return m
            if m[0] > pos:
                return None
        return None

    def kinds_at(pos: int) -> tuple[str | None, ...]:
        return tuple(m[2] if (m := mark_at(marks, pos)) is not None else None for marks in channels)

    prev_end = None
    for s, e in words:
        if prev_end is not None:
            if not marked:
                pieces.append((" ", blank))
            else:
                joined = []
                for marks in channels:
                    m1, m2 = mark_at(marks, prev_end - 1), mark_at(marks, s)
                    joined.append(m1[2] if m1 is not None and m1 is m2 else None)
                pieces.append((" ", tuple(joined)))
        if not marked:
            pieces.append((text[s:e], blank))
        else:
            cuts = {s, e}
            for marks in channels:
                for m in marks:
                    if s < m[0] < e:
                        cuts.add(m[0])
                    if s < m[1] < e:
                        cuts.add(m[1])
            points = sorted(cuts)
            for lo, hi in itertools.pairwise(points):
                pieces.append((text[lo:hi], kinds_at(lo)))
        prev_end = e
    return pieces


__all__ = [
    "find_matches",
    "line_pieces",
    "line_runs",
    "match_rows",
    "paragraph_rows",
    "search_pattern",
    "spans_as_marks",
    "without_whole_paragraphs",
]
