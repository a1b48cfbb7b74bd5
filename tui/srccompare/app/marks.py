"""What to highlight inside cells: word divergences by kind, and search hits.

Plain Python, no Textual. The engine (``srccompare.engine.compare``) says which words
differ; this module only turns that into non-overlapping marked ranges per
source, and splits wrapped lines into (text, marks) pieces for drawing.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_right
from collections.abc import Iterable

from srccompare.core.model import Alignment, Row, Span

Mark = tuple[int, int, str]
"""``(start, end, kind)``: a divergence (``inserted``, ``deleted``, ``replaced``), or on the
second channel a search hit (``match``) or the words a flag is about (``flag``)."""

_PRIORITY = {"match": 5, "flag": 4, "replaced": 3, "deleted": 2, "inserted": 1}


def merge_marks(marks: Iterable[Mark]) -> list[Mark]:
    """Sorted, non-overlapping marks; where two overlap the stronger kind wins."""
    marks = [m for m in marks if m[1] > m[0]]
    if not marks:
        return []
    cuts = sorted({p for s, e, _ in marks for p in (s, e)})
    out: list[Mark] = []
    for lo, hi in itertools.pairwise(cuts):
        best = None
        for s, e, kind in marks:
            if s <= lo and hi <= e and (best is None or _PRIORITY.get(kind, 0) > _PRIORITY.get(best, 0)):
                best = kind
        if best is None:
            continue
        if out and out[-1][1] == lo and out[-1][2] == best:
            out[-1] = (out[-1][0], hi, best)
        else:
            out.append((lo, hi, best))
    return out


def row_marks(alignment: Alignment, row: Row, shown: Iterable[str]) -> dict[str, list[Mark]]:
    """Marks per source for one row, seen from the row's reference (the base when present).

    Other sources show their inserted and replaced words; the reference shows
    the words that the shown sources deleted or replaced.
    """
    from srccompare.engine.compare import row_divergences

    shown = set(shown)
    found = row_divergences(alignment, row)
    out: dict[str, list[Mark]] = {}
    reference_marks: list[Mark] = []
    for source_id, ops in found.ops.items():
        own: list[Mark] = []
        for div in ops:
            if div.other is not None:
                own.append((div.other.start, div.other.end, "inserted" if div.op == "insert" else "replaced"))
            if div.ref is not None and source_id in shown:
                reference_marks.append((div.ref.start, div.ref.end, "deleted" if div.op == "delete" else "replaced"))
        out[source_id] = merge_marks(own)
    if found.reference is not None:
        out[found.reference] = merge_marks(reference_marks)
    return out


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


def spans_as_marks(spans: list[Span], kind: str = "match") -> list[Mark]:
    return [(s.start, s.end, kind) for s in spans]


def line_pieces(
    text: str,
    words: list[tuple[int, int]],
    diff: list[Mark],
    hits: list[Mark],
) -> list[tuple[str, str | None, str | None]]:
    """Split one wrapped line into ``(text, diff kind, hit kind)`` pieces.

    ``hits`` is the second channel: search hits and flagged words (see :data:`Mark`).

    Words are joined by single spaces; a space takes a mark only when the words
    on both sides of it sit inside the same mark, so a marked phrase reads as
    one run while separate marks stay apart.
    """
    if not words:
        return []
    line_start, line_end = words[0][0], words[-1][1]
    diff = marks_in(diff, line_start, line_end)
    hits = marks_in(hits, line_start, line_end)
    pieces: list[tuple[str, str | None, str | None]] = []

    def kind_at(marks: list[Mark], pos: int) -> Mark | None:
        for m in marks:
            if m[0] <= pos < m[1]:
                return m
            if m[0] > pos:
                return None
        return None

    prev_end = None
    for s, e in words:
        if prev_end is not None:
            d1, d2 = kind_at(diff, prev_end - 1), kind_at(diff, s)
            h1, h2 = kind_at(hits, prev_end - 1), kind_at(hits, s)
            pieces.append(
                (" ", d1[2] if d1 is not None and d1 is d2 else None, h1[2] if h1 is not None and h1 is h2 else None)
            )
        if not diff and not hits:
            pieces.append((text[s:e], None, None))
        else:
            cuts = {s, e}
            for m in diff + hits:
                if s < m[0] < e:
                    cuts.add(m[0])
                if s < m[1] < e:
                    cuts.add(m[1])
            points = sorted(cuts)
            for lo, hi in itertools.pairwise(points):
                d, h = kind_at(diff, lo), kind_at(hits, lo)
                pieces.append((text[lo:hi], d[2] if d else None, h[2] if h else None))
        prev_end = e
    return pieces


__all__ = [
    "Mark",
    "find_matches",
    "line_pieces",
    "match_rows",
    "merge_marks",
    "paragraph_rows",
    "row_marks",
    "search_pattern",
    "spans_as_marks",
]
