"""Every flag of an alignment in one list: sorted, filtered by severity, and where each one leads.

Plain Python (no Textual): the flag list panel (widgets/flag_list.py) shows
what this computes, and ``f``/``F`` use :func:`worst_first` when the reviewer
asks for the most serious flags first.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from srccompare.core.kinds import SEVERITY_RANK
from srccompare.core.model import Alignment, Flag

SORTS = ("severity", "row", "kind")
"""What the flag list can be sorted by (``s`` in the list goes to the next)."""

SKIPPED_KINDS = ("boilerplate",)
"""Flags left out of the list and of ``f``/``F``: page furniture is folded and dimmed already."""


@dataclass(frozen=True, slots=True)
class FlagEntry:
    """One discrepancy, listed once even when it touches several rows."""

    flag: Flag
    row: int
    """The first row it is on."""

    @property
    def rank(self) -> int:
        return SEVERITY_RANK.get(self.flag.severity, 0)


def flag_entries(alignment: Alignment) -> list[FlagEntry]:
    """Each flag of ``alignment`` once (by its id; flags without one per row), in row order."""
    seen: set[str] = set()
    out: list[FlagEntry] = []
    for index, row in enumerate(alignment.rows):
        for flag in row.flags:
            if flag.kind in SKIPPED_KINDS:
                continue
            key = flag.id or f"{index}:{id(flag)}"
            if key in seen:
                continue
            seen.add(key)
            out.append(FlagEntry(flag, index))
    return out


def shown_entries(entries: list[FlagEntry], min_severity: str, sort: str = "severity") -> list[FlagEntry]:
    """The entries at ``min_severity`` or above, sorted by severity (most serious first, then row),
    by row (then most serious first) or by kind (then most serious first, then row)."""
    floor = SEVERITY_RANK.get(min_severity, 0)
    kept = [e for e in entries if e.rank >= floor]
    if sort == "row":
        return sorted(kept, key=lambda e: (e.row, -e.rank))
    if sort == "kind":
        return sorted(kept, key=lambda e: (e.flag.kind, -e.rank, e.row))
    return sorted(kept, key=lambda e: (-e.rank, e.row))


def next_sort(sort: str) -> str:
    return SORTS[(SORTS.index(sort) + 1) % len(SORTS)] if sort in SORTS else SORTS[0]


def flag_source(alignment: Alignment, flag: Flag) -> str:
    """The column a flag is about: the source that differs from the others.

    That is the source in most of the pairs the flag was seen between (a number
    one version got wrong against four that agree; the version four others say
    drops a sentence). Without those pairs (an alignment read back from JSON), the
    first source with words in the flag other than the base.
    """
    known = {s.id for s in alignment.sources}
    counts = Counter(sid for pair in flag.between for sid in pair if sid in known)
    order = [sid for sid in flag.spans if sid in known]
    if counts:
        top = max(counts.values())
        tied = [sid for sid in counts if counts[sid] == top]
        return min(tied, key=lambda sid: order.index(sid) if sid in order else len(order))
    others = [sid for sid in order if sid != alignment.base and flag.spans.get(sid)]
    return others[0] if others else alignment.base


def worst_first(rows: list[int], rank_of: dict[int, int]) -> list[int]:
    """``rows`` (flagged rows, in order) with the most serious first, in row order within a severity."""
    return sorted(rows, key=lambda r: (-rank_of.get(r, 0), r))


def step_worst_first(order: list[int], cursor: int, direction: int, last: int | None = None) -> int | None:
    """Where ``f`` (1) or ``F`` (-1) goes in ``order`` (see :func:`worst_first`) from row ``cursor``.

    Stepping goes on from ``last``, the row the previous step reached, while the
    cursor is still there; anywhere else (the start, after other moves) ``f``
    starts again from the most serious flag and ``F`` from the least. None past the end.
    """
    if not order:
        return None
    if cursor != last or cursor not in order:
        return order[0] if direction > 0 else order[-1]
    pos = order.index(cursor) + (1 if direction > 0 else -1)
    return order[pos] if 0 <= pos < len(order) else None
