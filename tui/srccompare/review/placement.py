"""Where annotations meet an alignment: proposed targets for a row or a flag, and rows of annotations.

Annotations point at source text, never at screen rows (DESIGN.md); the row an
annotation is shown on is worked out here from its targets each time the
sources are aligned, so it survives a re-alignment or a change of base.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable

from srccompare.core.model import Alignment, Flag, Row, Span
from srccompare.review.model import Annotation, Target

FLAG_CATEGORIES = {
    "number": "wrong-number",
    "date": "wrong-number",
    "name": "wrong-name",
    "quote": "altered-quote",
    "attribution": "misattribution",
    "title": "misattribution",
    "negation": "contradiction",
    "omission": "omission",
    "addition": "addition",
}
"""Flag kind -> the annotation category it most likely is (``title``: a person given another role)."""


def category_for_flag(kind: str, categories: list[str]) -> str:
    """The configured category for a flag kind, or the last category (``other``) when none fits."""
    wanted = FLAG_CATEGORIES.get(kind, kind)
    if wanted in categories:
        return wanted
    return "other" if "other" in categories else (categories[-1] if categories else "other")


def cell_span(alignment: Alignment, row: Row, source_id: str) -> Span | None:
    """From the first to the last character of ``source_id``'s paragraphs in ``row``."""
    indices = row.cells.get(source_id) or []
    if not indices:
        return None
    paragraphs = alignment.source(source_id).paragraphs
    return Span(min(paragraphs[i].start for i in indices), max(paragraphs[i].end for i in indices))


def _cover(spans: Iterable[Span | None]) -> Span | None:
    present = [s for s in spans if s is not None]
    if not present:
        return None
    return Span(min(s.start for s in present), max(s.end for s in present))


def row_targets(alignment: Alignment, row: Row) -> list[Target]:
    """One proposed target per source present in ``row``: its divergent words, else its whole cell.

    Each target covers the first to the last divergent word of that source, so
    the reviewer starts from every competing wording and narrows it down.
    """
    from srccompare.engine.compare import row_divergences

    divergences = row_divergences(alignment, row)
    covers: dict[str, Span | None] = {}
    if divergences.reference is not None:
        covers[divergences.reference] = _cover(d.ref for ops in divergences.ops.values() for d in ops)
        for source_id, ops in divergences.ops.items():
            covers[source_id] = _cover(d.other for d in ops)
    targets = []
    for source in alignment.sources:
        span = covers.get(source.id) or cell_span(alignment, row, source.id)
        if span is not None:
            targets.append(Target.from_text(source.id, source.text, span.start, span.end))
    return targets


def flag_targets(alignment: Alignment, flag: Flag) -> list[Target]:
    """One target per source the flag points at (covering all its spans there)."""
    targets = []
    for source in alignment.sources:
        span = _cover(flag.spans.get(source.id) or [])
        if span is not None:
            targets.append(Target.from_text(source.id, source.text, span.start, span.end))
    return targets


def row_of_offset(
    alignment: Alignment, source_id: str, offset: int, para_rows: dict[str, list[int]] | None = None
) -> int | None:
    """The row holding the paragraph of ``source_id`` that contains (or precedes) ``offset``."""
    try:
        source = alignment.source(source_id)
    except KeyError:
        return None
    if not source.paragraphs:
        return None
    starts = [p.start for p in source.paragraphs]
    index = max(0, bisect_right(starts, offset) - 1)
    if para_rows is not None:
        row = para_rows.get(source_id, [])[index] if index < len(para_rows.get(source_id, [])) else -1
        return row if row >= 0 else None
    for i, aligned_row in enumerate(alignment.rows):
        if index in (aligned_row.cells.get(source_id) or []):
            return i
    return None


def paragraph_rows(alignment: Alignment) -> dict[str, list[int]]:
    """Source id -> the row index of each of its paragraphs (-1 if in none)."""
    out = {s.id: [-1] * len(s.paragraphs) for s in alignment.sources}
    for i, row in enumerate(alignment.rows):
        for source_id, indices in row.cells.items():
            table = out.get(source_id)
            if table is not None:
                for index in indices:
                    if 0 <= index < len(table):
                        table[index] = i
    return out


def annotation_row(
    alignment: Alignment, annotation: Annotation, para_rows: dict[str, list[int]] | None = None
) -> int | None:
    """The row an annotation belongs on now: from its base target, else any found target, else its hint."""
    para_rows = para_rows if para_rows is not None else paragraph_rows(alignment)
    found = [t for t in annotation.targets if t.anchor != "orphan"]
    found.sort(key=lambda t: t.source != alignment.base)
    for target in found:
        row = row_of_offset(alignment, target.source, target.start, para_rows)
        if row is not None:
            return row
    if annotation.row is not None and 0 <= annotation.row < len(alignment.rows):
        return annotation.row
    return None


def annotated_rows(alignment: Alignment, annotations: Iterable[Annotation]) -> dict[int, list[Annotation]]:
    """Row index -> the annotations shown on it."""
    para_rows = paragraph_rows(alignment)
    out: dict[int, list[Annotation]] = {}
    for annotation in annotations:
        row = annotation_row(alignment, annotation, para_rows)
        if row is not None:
            out.setdefault(row, []).append(annotation)
    return out


def words_pattern(wanted: str) -> re.Pattern[str]:
    """A pattern for ``wanted`` in which any run of blank space matches any other (line breaks too)."""
    return re.compile(r"\s+".join(re.escape(word) for word in wanted.split()))


def narrow(text: str, target: Target, wanted: str, scope: Span | None = None) -> Target | None:
    """``target`` moved to where ``wanted`` occurs in ``text`` — inside its old span first, then in ``scope``.

    This is how a reviewer narrows a proposed span by editing its words (or
    re-attaches an orphan by typing the words it is about). Blank space in
    ``wanted`` matches any blank space, so a quote shown on one line still finds
    a hard-wrapped passage. None when the words do not occur.
    """
    if wanted == target.exact and target.holds(text):
        return target
    if not wanted.strip():
        return None
    pattern = words_pattern(wanted)
    windows = [(target.start, target.end)] if target.holds(text) else []
    if scope is not None:
        windows.append((scope.start, scope.end))
    windows.append((0, len(text)))
    for lo, hi in windows:
        hits = [(m.start(), m.end()) for m in pattern.finditer(text, lo, hi)]
        if hits:
            start, end = min(hits, key=lambda h: abs(h[0] - target.start))
            return Target.from_text(target.source, text, start, end)
    return None
