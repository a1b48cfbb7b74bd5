"""Which ranges of a row's text are marked, and how: word divergences, missing sentences, flagged words.

Plain Python, no Textual: the app draws these marks in the terminal and the HTML
report (``srccompare report``) draws the very same ones, so both are computed
here, once. The engine (``srccompare.engine.compare``) says which words differ;
this module turns that into sorted, non-overlapping ranges per source.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable

from srccompare.core.model import Alignment, Flag, Row

Mark = tuple[int, int, str]
"""``(start, end, kind)``: a divergence (``inserted``, ``deleted``, ``replaced``) or a sentence
with no partner in the compared column (``missing``); on the second channel a search hit
(``match``) or the words a flag is about (``flag``); on the third the sentence cursor
(``sentence``) and the sentences linked to it (``linked``)."""

_PRIORITY = {"match": 5, "flag": 4, "replaced": 3, "deleted": 2, "inserted": 1, "missing": 0}
# "missing" (a sentence with no partner in the compared column) is the weakest: any word mark shows over it.


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


def flag_marks(flags: Iterable[Flag]) -> dict[str, list[Mark]]:
    """The words each of ``flags`` is about, per source, as ``flag`` marks (page furniture left out:
    it is dimmed already, and marking all of it would only add noise)."""
    out: dict[str, list[Mark]] = {}
    for flag in flags:
        if flag.kind == "boilerplate":
            continue
        for source_id, spans in flag.spans.items():
            out.setdefault(source_id, []).extend((s.start, s.end, "flag") for s in spans)
    return out


__all__ = ["Mark", "flag_marks", "merge_marks", "row_marks"]
