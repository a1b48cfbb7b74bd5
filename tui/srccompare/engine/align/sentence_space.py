"""Sentence vectors of one pair and their cosines, on the pair's own scale.

The sentence search asks the same cosines many times, so dot products are kept;
``calibrate`` places 0 at the cosine of two sentences picked at random and 1 at
that of a sentence and its best partner, so one threshold serves every pair.
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from typing import Any

from srccompare.engine.align.features import Vector, dot, every_dot

MIN_SPREAD = 0.1
SAMPLE_PAIRS = 800


def added(values: Sequence[float]) -> float:
    """The values added left to right. Unlike ``sum`` (compensated since Python 3.12), the very sums
    the array search makes, so both searches give the same values to the last bit on every Python."""
    out = values[0]
    for value in values[1:]:
        out += value
    return out


def _self_dot(v: Vector) -> float:
    """``dot(v, v)``, without intersecting the keys with themselves (``fsum`` rounds the same
    products the same way whatever their order)."""
    return math.fsum([x * x for x in v.values()]) if v else 0.0


class SentenceSpace:
    """Sentence vectors of a pair and their cosines on the pair's own sentence scale."""

    def __init__(self, va: Sequence[Vector], vb: Sequence[Vector]) -> None:
        self.va, self.vb = va, vb
        self.na = [_self_dot(v) for v in va]
        self.nb = [_self_dot(v) for v in vb]
        self._ab: dict[tuple[int, int], float] = {}
        self._norms: dict[tuple[str, tuple[int, ...]], float] = {}
        self.unrelated, self.spread = 0.0, 1.0
        self._neighbours: dict[str, tuple[Any, Any, Any]] = {}

    def keep_neighbours(self, xs: Sequence[int], ys: Sequence[int]) -> None:
        """Make now the dot products of each sentence with the next one and the one after, in the
        order of ``xs`` (of ``a``) and ``ys`` (of ``b``), for :meth:`neighbour_dots` to look up.

        For a long pair, while a worker runs its paragraph search and this process would wait:
        the sentence search (its groups' norms) would otherwise make them, stretch by stretch.
        """
        import numpy as np

        for side, vectors, ids in (("a", self.va, xs), ("b", self.vb, ys)):
            position = np.full(len(vectors), -1, dtype=np.int64)
            position[np.asarray(ids, dtype=np.int64)] = np.arange(len(ids))
            after = np.asarray([dot(vectors[ids[u]], vectors[ids[u + 1]]) for u in range(len(ids) - 1)] + [0.0])
            second = np.asarray([dot(vectors[ids[u]], vectors[ids[u + 2]]) for u in range(len(ids) - 2)] + [0.0, 0.0])
            self._neighbours[side] = (position, after, second)

    def neighbour_dots(self, side: str, ids: Sequence[int]) -> tuple[Any, Any]:
        """``dot`` of each sentence of ``ids`` (of ``side``, 'a' or 'b') with the next one in ``ids``
        and with the one after (0 past the end), as numpy arrays: those :meth:`keep_neighbours`
        made where the two are neighbours there too, the rest made now."""
        import numpy as np

        vectors = self.va if side == "a" else self.vb
        count = len(ids)
        out = []
        for gap in (1, 2):
            dots = np.zeros(max(count, gap))
            kept = self._neighbours.get(side)
            if kept is not None and count > gap:
                position, after, second = kept
                at = position[np.asarray(ids, dtype=np.int64)]
                near = (at[gap:] == at[:-gap] + gap) & (at[:-gap] >= 0)
                dots[: count - gap] = np.where(near, (after if gap == 1 else second)[at[:-gap]], 0.0)
                missing = np.flatnonzero(~near).tolist()
            else:
                missing = list(range(count - gap))
            for u in missing:
                dots[u] = dot(vectors[ids[u]], vectors[ids[u + gap]])
            out.append(dots[:count])
        return out[0], out[1]

    def dot_ab(self, x: int, y: int) -> float:
        key = (x, y)
        value = self._ab.get(key)
        if value is None:
            value = self._ab[key] = dot(self.va[x], self.vb[y])
        return value

    def known_dots(self, pairs: Sequence[tuple[int, Sequence[int]]]) -> list[float] | None:
        """The kept dot products of ``x`` with each of its ``ys``, row after row; None unless all are
        kept (a short pair's calibration keeps every pair)."""
        ab = self._ab
        if not ab:
            return None
        try:
            return [ab[(x, y)] for x, ys in pairs for y in ys]
        except KeyError:
            return None

    def cosine(self, x: int, y: int) -> float:
        denom = self.na[x] * self.nb[y]
        return self.dot_ab(x, y) / math.sqrt(denom) if denom > 0 else 0.0

    def scaled(self, cos: float) -> float:
        return (cos - self.unrelated) / self.spread

    def _norm2(self, group: tuple[int, ...], side: str) -> float:
        cache = self._norms
        key = (side, group)
        value = cache.get(key)
        if value is None:
            vecs, norms = (self.va, self.na) if side == "a" else (self.vb, self.nb)
            value = added([norms[i] for i in group])
            for u in range(len(group)):
                for w in range(u + 1, len(group)):
                    value += 2 * dot(vecs[group[u]], vecs[group[w]])
            cache[key] = value
        return value

    def group(self, ga: tuple[int, ...], gb: tuple[int, ...]) -> tuple[float, list[float]]:
        """Cosine of the two groups' summed vectors, and of each member with the whole other group."""
        if len(ga) == 1 and len(gb) == 1:
            cos = self.cosine(ga[0], gb[0])
            return cos, [cos, cos]
        dots = [[self.dot_ab(x, y) for y in gb] for x in ga]
        row_sums = [added(row) for row in dots]
        col_sums = [added(col) for col in zip(*dots)]
        if min(row_sums) <= 0 or min(col_sums) <= 0:  # a member shares nothing with the other side
            return 0.0, [0.0] * (len(ga) + len(gb))
        na, nb = self._norm2(ga, "a"), self._norm2(gb, "b")
        members = [d / math.sqrt(self.na[x] * nb) for x, d in zip(ga, row_sums)]
        members += [d / math.sqrt(self.nb[y] * na) for y, d in zip(gb, col_sums)]
        return added(row_sums) / math.sqrt(na * nb), members

    def calibrate(self, xs: Sequence[int], ys: Sequence[int], partners: Sequence[tuple[int, int]]) -> None:
        """0 = typical cosine of two sentences picked at random, 1 = typical cosine of a sentence and its best partner."""
        if not xs or not ys:
            return
        rng = random.Random(len(xs) * 7919 + len(ys))
        va, vb, na, nb, sqrt = self.va, self.vb, self.na, self.nb, math.sqrt
        if len(xs) * len(ys) <= SAMPLE_PAIRS:
            # Every pair: the search asks for many of them again, so their dot products are kept.
            every_dot(va, vb, xs, ys, self._ab)
            ab = self._ab
            values = sorted(ab[(x, y)] / sqrt(na[x] * nb[y]) if na[x] * nb[y] > 0 else 0.0 for x in xs for y in ys)
        else:
            sample = [(rng.choice(xs), rng.choice(ys)) for _ in range(SAMPLE_PAIRS)]
            # As ``cosine`` computes them, but kept out of its cache: few of these pairs are asked again.
            values = sorted(dot(va[x], vb[y]) / sqrt(na[x] * nb[y]) if na[x] * nb[y] > 0 else 0.0 for x, y in sample)
        self.unrelated = min(0.5, values[len(values) // 2])
        best: dict[int, float] = {}
        for x, y in partners:
            c = self.cosine(x, y)
            if c > best.get(x, -1.0):
                best[x] = c
        ranked = sorted(best.values())
        related = ranked[min(len(ranked) - 1, int(len(ranked) * 0.75))] if ranked else 1.0
        self.spread = max(related - self.unrelated, MIN_SPREAD)
