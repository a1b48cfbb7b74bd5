"""Matching facts between two cells as multisets, then pairing what is left over.

Facts with equal values cancel out wherever they sit, so a paraphrase that says
the same thing in another order raises nothing. What is left on both sides is
paired only when the pairing is evident: the facts sit in one small diff op (one
was written in place of the other), or they measure the same thing (same unit),
or the cells are close copies and exactly one of a kind is left on each side.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Hashable, Sequence
from typing import TypeVar

from srccompare.engine.flags.cells import Pair

T = TypeVar("T")

SMALL_OP = 8
"""Most words on one side of a diff op for its two sides to count as one slot."""
SLOT_AGREEMENT = 0.5
"""Least agreement of two cells for a diff op to pair what it replaced: in looser paraphrases
the minimal word edit lines up unrelated words."""


def same_slot(pair: Pair, ref_span, other_span) -> bool:
    """Whether two facts were written in place of each other (one small replace op)."""
    if pair.agreement < SLOT_AGREEMENT:
        return False
    op = pair.op_at("ref", ref_span)
    if op is None or pair.word_ops[op][0] != "replace" or pair.op_size(op) > SMALL_OP:
        return False
    return pair.op_at("other", other_span) == op


def unmatched(ref: Sequence[T], other: Sequence[T], key: Callable[[T], Hashable]) -> tuple[list[T], list[T]]:
    """Items of each side whose key the other side lacks (multiset difference, order kept)."""
    ref_count = Counter(key(x) for x in ref)
    other_count = Counter(key(x) for x in other)
    lost: list[T] = []
    gained: list[T] = []
    seen: Counter = Counter()
    for x in ref:
        k = key(x)
        seen[k] += 1
        if seen[k] > other_count[k]:
            lost.append(x)
    seen.clear()
    for x in other:
        k = key(x)
        seen[k] += 1
        if seen[k] > ref_count[k]:
            gained.append(x)
    return lost, gained


def pair_leftovers(
    pair: Pair,
    lost: list[T],
    gained: list[T],
    same_kind: Callable[[T, T], bool] = lambda a, b: True,
    unit: Callable[[T], Hashable | None] | None = None,
) -> list[tuple[T, T]]:
    """Pair leftover facts of the reference (``lost``) with those of the other cell (``gained``).

    Facts need a ``span`` attribute. Items paired are removed from both lists in place.
    """
    pairs: list[tuple[T, T]] = []

    def take(a: T, b: T) -> None:
        pairs.append((a, b))
        lost.remove(a)
        gained.remove(b)

    # 1. Written in place of each other: inside one small replace op.
    for a in list(lost):
        for b in gained:
            if same_kind(a, b) and same_slot(pair, a.span, b.span):  # type: ignore[attr-defined]
                take(a, b)
                break
    # 2. Measuring the same thing: the only ones of their unit on each side ("38 vessels" vs "83 vessels").
    if unit is not None:
        for a in list(lost):
            ua = unit(a)
            if ua is None:
                continue
            kin_a = [x for x in lost if unit(x) == ua]
            kin_b = [b for b in gained if same_kind(a, b) and unit(b) == ua]
            if len(kin_a) == 1 and len(kin_b) == 1:
                take(a, kin_b[0])
    # 3. Close copies and linked sentences: one of a kind left on each side.
    if pair.close or pair.linked:
        for a in list(lost):
            kin_a = [x for x in lost if same_kind(a, x)]
            kin_b = [b for b in gained if same_kind(a, b)]
            if len(kin_a) == 1 and len(kin_b) == 1:
                take(a, kin_b[0])
    return pairs
