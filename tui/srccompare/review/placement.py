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


_WORD_BEFORE = re.compile(r"([^\W_][\w’'.\-]*)([ \t]+|[ \t]*\n[ \t]*)$")
_WORD_AFTER = re.compile(r"^([ \t]+|[ \t]*\n[ \t]*)([^\W_][\w’'\-]*)")
_SENTENCE_END = ".!?…"


_FUNCTION_WORDS = frozenset(
    "a an the on in at by for from to of and but or as after before when while with this that these those "
    "his her its their our my we he she they it i there here then yet so if since until".split()
)
"""Words capitalised only because they open a sentence (a name never starts with them)."""
_DAYS_AND_MONTHS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june july "
    "august september october november december".split()
)
"""Capitalised, but not part of the name next to them ("on Monday President X")."""


def _capitalised(word: str) -> bool:
    return word[:1].isupper()


def _opens_sentence(text: str, start: int, lo: int) -> bool:
    before = text[lo:start].rstrip(" \t“\"‘'(")
    return not before or before[-1] in _SENTENCE_END + "\n:"


def _ordinary_word(text: str, word: str) -> bool:
    """A capitalised word that is an ordinary word (the text also has it in lower case, or it is a
    function word): at the start of a sentence it is not part of a name."""
    bare = word.rstrip(".").lower()
    return bare in _FUNCTION_WORDS or re.search(rf"(?<!\w){re.escape(bare)}(?!\w)", text) is not None


def word_bounds(text: str, start: int, end: int, lo: int = 0, hi: int | None = None) -> tuple[int, int]:
    """``start``/``end`` moved to where a reviewer would quote from, never past ``lo``/``hi``.

    - Whole words: a span that starts or ends inside a word takes all of it.
    - Whole names: a span that starts (ends) with a capitalised word takes the
      capitalised words just before (after) it on the same sentence, so a
      target reads "President Volodymyr Zelensky", never "Volodymyr" alone
      (a sentence's first word only if it is not an ordinary word: "On").
    - A span that ends at a sentence's last word takes its full stop (or ! ?),
      so targets end alike in every source, whether the whole cell or only
      its last words were proposed.
    """
    hi = len(text) if hi is None else hi
    while start > lo and text[start - 1].isalnum():
        start -= 1
    while end < hi and text[end].isalnum():
        end += 1
    if start < end and _capitalised(text[start:end]):
        while True:
            found = _WORD_BEFORE.search(text, lo, start)
            if found is None or not _capitalised(found.group(1)) or found.group(1)[-1] in _SENTENCE_END + ",;:":
                break
            if found.group(1).lower() in _DAYS_AND_MONTHS or (
                _opens_sentence(text, found.start(1), lo) and _ordinary_word(text, found.group(1))
            ):
                break
            start = found.start(1)
    if start < end:
        last = re.search(r"[\w’'\-]+$", text[start:end])
        while last is not None and _capitalised(last.group()):
            found = _WORD_AFTER.match(text[end:hi])
            if found is None or not _capitalised(found.group(2)) or text[end - 1] in _SENTENCE_END + ",;:":
                break
            if found.group(2).lower() in _DAYS_AND_MONTHS:
                break
            end += found.end(2)
            last = re.search(r"[\w’'\-]+$", found.group(2))
    if end < hi and text[end] in _SENTENCE_END and (end + 1 == hi or not text[end + 1].isalnum()):
        end += 1
    return start, end


def tidy_target(alignment: Alignment, source_id: str, span: Span, scope: Span | None) -> Target:
    """A target for ``span`` of ``source_id``, at word and name boundaries (see :func:`word_bounds`)."""
    text = alignment.source(source_id).text
    lo, hi = (scope.start, scope.end) if scope is not None else (0, len(text))
    start, end = word_bounds(text, span.start, span.end, lo, hi)
    return Target.from_text(source_id, text, start, end)


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
        cell = cell_span(alignment, row, source.id)
        span = covers.get(source.id) or cell
        if span is not None:
            targets.append(tidy_target(alignment, source.id, span, cell))
    return targets


def flag_targets(alignment: Alignment, flag: Flag) -> list[Target]:
    """One target per source the flag points at (covering all its spans there, at word and name
    boundaries within its paragraph)."""
    targets = []
    for source in alignment.sources:
        span = _cover(flag.spans.get(source.id) or [])
        if span is not None:
            para = next((p.span for p in source.paragraphs if p.start <= span.start < p.end), None)
            targets.append(tidy_target(alignment, source.id, span, para))
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
