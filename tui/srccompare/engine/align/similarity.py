"""Similarity of paragraphs and of groups of adjacent paragraphs, from cached dot products.

A group (several adjacent paragraphs of one source that together say what one
paragraph of another says) is scored as the cosine of the *sum* of its members'
vectors. The cosine of sums only needs dot products between single paragraphs,
so each pair is computed once and every merge/split hypothesis is cheap.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from srccompare.engine.align.features import Vector, dot, every_dot

MIN_SPREAD = 0.1
PRIOR_UNRELATED = 0.05
PRIOR_PAIRS = 20
MAX_UNRELATED = 0.5
RELATED_QUANTILE = 0.75


Calibration = tuple[float, float, float, float, dict[int, int], dict[int, int]]
"""A pair's scale and best partners (:meth:`PairSimilarity.calibration`)."""


CALIBRATION_PAIRS = 4000
"""Pairs of paragraphs :meth:`PairSimilarity.calibrate` judges "unrelated" on: all of them up to this many, else a sample."""


def calibration_sample(a_ids: Sequence[int], b_ids: Sequence[int]) -> list[tuple[int, int]]:
    """The pairs :meth:`PairSimilarity.calibrate` compares: every pair, or a sample fixed by the sizes."""
    import random

    if len(a_ids) * len(b_ids) <= CALIBRATION_PAIRS:
        return [(i, j) for i in a_ids for j in b_ids]
    rng = random.Random(len(a_ids) * 7919 + len(b_ids))
    return [(rng.choice(a_ids), rng.choice(b_ids)) for _ in range(CALIBRATION_PAIRS)]


class PairSimilarity:
    """Cosines between paragraphs of ``a`` and ``b`` (and within each), memoised."""

    def __init__(self, a: Sequence[Vector], b: Sequence[Vector], na: Sequence[float], nb: Sequence[float]) -> None:
        self.a, self.b = a, b
        self.na, self.nb = na, nb
        self.unrelated, self.related, self.spread = 0.0, 1.0, 1.0
        self.best_b: dict[int, int] = {}
        """Each paragraph of ``a``'s most similar paragraph of ``b`` (as far as it was looked for)."""
        self.best_a: dict[int, int] = {}
        self.shared = 1.0
        """Share of the shorter side's paragraphs with a confident, mutual best partner (set by ``prepare``)."""
        self.sentences: dict[str, Callable[[int], Sequence[Vector]]] = {}
        """Per side ("a", "b"), a paragraph's sentence vectors (optional: sentence-level evidence)."""
        self._ab: dict[tuple[int, int], float] = {}
        self._cos: dict[tuple[int, int], float] = {}
        self._aa: dict[tuple[int, int], float] = {}
        self._bb: dict[tuple[int, int], float] = {}
        self._group_a: dict[tuple[int, ...], float] = {}
        self._group_b: dict[tuple[int, ...], float] = {}

    def calibrate(self, a_ids: Sequence[int], b_ids: Sequence[int], best: Sequence[float]) -> None:
        """Set the scale on which cosines are judged, from this pair of texts itself.

        Paraphrases and translations share far fewer words than reprints, so a
        fixed cosine cut-off cannot serve both. ``unrelated`` is the typical cosine
        of two paragraphs picked at random (a sample of pairs), ``related`` the
        typical cosine of a paragraph with its best partner (``best``); calibrated
        similarity maps the first to 0 and the second to 1.
        """
        total = len(a_ids) * len(b_ids)
        sample = calibration_sample(a_ids, b_ids)
        cosines = [self.cosine(i, j) for i, j in sample]
        top: dict[int, float] = {}
        if total <= CALIBRATION_PAIRS:  # leave out each paragraph's best partner: it is likely no stranger
            for (i, _), c in zip(sample, cosines):
                if c > top.get(i, -1.0):
                    top[i] = c
        values = sorted(c for (i, _), c in zip(sample, cosines) if top.get(i) != c)
        # Few pairs say little about "unrelated": lean on a prior until there are enough.
        median = values[len(values) // 2] if values else PRIOR_UNRELATED
        weight = min(1.0, len(values) / PRIOR_PAIRS)
        self.unrelated = min(MAX_UNRELATED, weight * median + (1 - weight) * PRIOR_UNRELATED)
        ranked = sorted(best)
        self.related = ranked[min(len(ranked) - 1, int(len(ranked) * RELATED_QUANTILE))] if ranked else 1.0
        self.spread = max(self.related - self.unrelated, MIN_SPREAD)

    def calibration(self) -> Calibration:
        """What :func:`.beads.prepare` learns about this pair (its scale and best partners), to hand on."""
        return self.unrelated, self.related, self.spread, self.shared, self.best_a, self.best_b

    def restore(self, calibration: Calibration) -> None:
        """Take on a calibration made on an identical pair elsewhere (a worker's copy of this one)."""
        self.unrelated, self.related, self.spread, self.shared, self.best_a, self.best_b = calibration

    def scaled(self, cos: float) -> float:
        """A cosine on this pair's own scale: 0 typical of unrelated paragraphs, 1 of partners."""
        return (cos - self.unrelated) / self.spread

    def dot_ab(self, i: int, j: int) -> float:
        key = (i, j)
        value = self._ab.get(key)
        if value is None:
            value = self._ab[key] = dot(self.a[i], self.b[j])
        return value

    def every_dot(self, a_ids: Sequence[int], b_ids: Sequence[int]) -> None:
        """``dot_ab`` of every pair of ``a_ids`` and ``b_ids``, made at once (:func:`.features.every_dot`)."""
        every_dot(self.a, self.b, a_ids, b_ids, self._ab)

    def preload(self, pairs: dict[tuple[int, int], float]) -> None:
        """Accept dot products computed in bulk elsewhere."""
        self._ab.update(pairs)

    def _dot_within(self, cache: dict, vecs: Sequence[Vector], i: int, j: int) -> float:
        key = (i, j) if i < j else (j, i)
        value = cache.get(key)
        if value is None:
            value = cache[key] = dot(vecs[i], vecs[j])
        return value

    def norm2_a(self, group: Sequence[int]) -> float:
        key = tuple(group)
        total = self._group_a.get(key)
        if total is None:
            total = sum(self.na[i] for i in group)
            for x in range(len(group)):
                for y in range(x + 1, len(group)):
                    total += 2 * self._dot_within(self._aa, self.a, group[x], group[y])
            self._group_a[key] = total
        return total

    def norm2_b(self, group: Sequence[int]) -> float:
        key = tuple(group)
        total = self._group_b.get(key)
        if total is None:
            total = sum(self.nb[j] for j in group)
            for x in range(len(group)):
                for y in range(x + 1, len(group)):
                    total += 2 * self._dot_within(self._bb, self.b, group[x], group[y])
            self._group_b[key] = total
        return total

    def cosine(self, i: int, j: int) -> float:
        key = (i, j)
        value = self._cos.get(key)
        if value is None:
            denom = self.na[i] * self.nb[j]
            value = self._cos[key] = self.dot_ab(i, j) / math.sqrt(denom) if denom > 0 else 0.0
        return value

    def group_cosine(self, ga: Sequence[int], gb: Sequence[int]) -> float:
        """Cosine between the summed vectors of two groups."""
        d = sum(self.dot_ab(i, j) for i in ga for j in gb)
        if d <= 0:
            return 0.0
        denom = self.norm2_a(ga) * self.norm2_b(gb)
        return d / math.sqrt(denom) if denom > 0 else 0.0

    def member_cosines(self, ga: Sequence[int], gb: Sequence[int]) -> list[float]:
        """How well each member of either group fits the whole other group.

        A merge is only credible when every member is about the other side's
        content; this stops a short unrelated paragraph riding along.
        """
        out: list[float] = []
        nb = self.norm2_b(gb)
        na = self.norm2_a(ga)
        for i in ga:
            d = sum(self.dot_ab(i, j) for j in gb)
            denom = self.na[i] * nb
            out.append(d / math.sqrt(denom) if denom > 0 and d > 0 else 0.0)
        for j in gb:
            d = sum(self.dot_ab(i, j) for i in ga)
            denom = self.nb[j] * na
            out.append(d / math.sqrt(denom) if denom > 0 and d > 0 else 0.0)
        return out

    def sentence_cover(self, side: str, x: int, group: Sequence[int]) -> float:
        """The best cosine between a sentence of paragraph ``x`` of ``side`` and a sentence of the other side's ``group``.

        A paragraph that regroups text can hold one sentence of its neighbour's
        partner among sentences about something else; its whole-paragraph cosine
        is then low, but that sentence has a clear partner. 0 for a paragraph of
        one sentence (nothing beyond the paragraph cosine) or without sentence data.
        """
        other = "b" if side == "a" else "a"
        split, split_other = self.sentences.get(side), self.sentences.get(other)
        if split is None or split_other is None:
            return 0.0
        parts = split(x)
        if len(parts) < 2:
            return 0.0
        best = 0.0
        for y in group:
            for u in parts:
                for v in split_other(y):
                    denom = sum(w * w for w in u.values()) * sum(w * w for w in v.values())
                    if denom > 0:
                        best = max(best, dot(u, v) / math.sqrt(denom))
        return best
