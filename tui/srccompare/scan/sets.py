"""Version sets from verified pairs: connected components, each set's medoid, and the members to review.

The edges of a 100k-article archive fit in memory, so the components are found
on the client with union-find (the root is always the lowest archive row, which
names the set: :func:`srccompare.scan.names.set_id`). Medoids and review
choices come from the members' signatures alone (estimated Jaccard, the best
of the tiers'), computed on the client for all sets at once: sets of equal
small size are stacked so one array operation covers thousands of them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from srccompare.scan.minhash import EMPTY, jaccard

MEDOID_CANDIDATES = 300
"""A larger set's medoid is chosen among this many evenly spaced members (the cost grows with their product)."""
SMALL_SET = 64
"""Sets up to this size get all their pairwise similarities at once, stacked with the other sets of their size."""
_STACK_CELLS = 1 << 25
"""Signature slots compared per stacked array operation (sets x members x members x permutations)."""


def components(a: np.ndarray, b: np.ndarray) -> dict[int, np.ndarray]:
    """Connected components of the edges ``a[i] - b[i]``: root (lowest row) -> sorted member rows."""
    parent: dict[int, int] = {}

    def find(x: int) -> int:
        root = x
        while parent.get(root, root) != root:
            root = parent[root]
        while x != root:
            parent[x], x = root, parent[x]
        return root

    for x, y in zip(a.tolist(), b.tolist()):
        rx, ry = find(x), find(y)
        if rx != ry:
            parent[max(rx, ry)] = min(rx, ry)
            parent.setdefault(min(rx, ry), min(rx, ry))
    groups: dict[int, list[int]] = {}
    for node in parent:
        groups.setdefault(find(node), []).append(node)
    return {root: np.array(sorted(m), dtype=np.int64) for root, m in sorted(groups.items())}


@dataclass
class Choice:
    """One set's medoid and review members, as indices into its members (sorted by row)."""

    medoid: int
    similarity: np.ndarray  # of each member to the medoid (1.0 for the medoid itself)
    chosen: list[int]  # the medoid, the earliest dated member, then the most divergent others


def _pairwise(sigs: Sequence[np.ndarray]) -> np.ndarray:
    """``(m, k, k)`` best-tier estimated Jaccard among the members of ``m`` sets of ``k``; ``sigs[t]`` is
    tier ``t``'s ``(m, k, permutations)`` signatures (0 where a side has no values, as :func:`jaccard`)."""
    best: np.ndarray | None = None
    for s in sigs:
        same = (s[:, :, None, :] == s[:, None, :, :]).mean(axis=-1)
        empty = (s == EMPTY).all(axis=-1)
        same[empty[:, :, None] | empty[:, None, :]] = 0.0
        best = same if best is None else np.maximum(best, same)
    assert best is not None
    return best


def _choose(
    row: Callable[[int], np.ndarray], means: np.ndarray, candidates: list[int], dates: list[str | None], limit: int
) -> Choice:
    """The greedy choice, given the similarity ``row(i)`` of every member to member ``i`` and the mean
    similarity of each candidate (ties go to the lower row: ``argmax``/``argmin`` take the first of equals)."""
    k = len(dates)
    medoid = candidates[int(np.argmax(means))]
    similarity = row(medoid).copy()
    similarity[medoid] = 1.0
    chosen = [medoid]
    dated = [(d, i) for i, d in enumerate(dates) if d]
    if dated:
        earliest = min(dated)[1]
        if earliest not in chosen:
            chosen.append(earliest)
    closest = np.max([row(c) for c in chosen], axis=0)
    while len(chosen) < min(limit, k):
        closest[chosen] = np.inf
        pick = int(np.argmin(closest))
        chosen.append(pick)
        closest = np.maximum(closest, row(pick))
    return Choice(medoid, similarity, chosen)


def _large(sigs: Sequence[np.ndarray], dates: list[str | None], limit: int) -> Choice:
    """A set too large for the full matrix: similarities computed row by row, medoid among evenly spaced members."""
    k = len(dates)

    def row(i: int) -> np.ndarray:
        return np.asarray(np.max([jaccard(s, s[i][None, :]) for s in sigs], axis=0), dtype=np.float64)

    step = max(1, k // MEDOID_CANDIDATES)
    candidates = list(range(0, k, step))[:MEDOID_CANDIDATES]
    means = np.array([float(row(c).mean()) for c in candidates])
    return _choose(row, means, candidates, dates, limit)


def choose_members(
    sigs: Sequence[np.ndarray], sets: Sequence[np.ndarray], dates: Sequence[str | None], limit: int
) -> list[Choice]:
    """The :class:`Choice` of each set; ``sets[j]`` indexes the rows of ``sigs[t]`` (one array per tier, one
    row per member of any set) and of ``dates``.

    The medoid is the member most like all the others; the review members are
    the medoid, the earliest dated member, then the members least like those
    already chosen, one at a time, up to ``limit``.
    """
    out: list[Choice | None] = [None] * len(sets)
    by_size: dict[int, list[int]] = {}
    for j, members in enumerate(sets):
        if len(members) <= SMALL_SET:
            by_size.setdefault(len(members), []).append(j)
        else:
            out[j] = _large([s[members] for s in sigs], [dates[i] for i in members.tolist()], limit)
    width = max((s.shape[1] for s in sigs), default=1) * max(1, len(sigs))
    for k, group in by_size.items():
        step = max(1, _STACK_CELLS // (k * k * width))
        for start in range(0, len(group), step):
            part = group[start : start + step]
            index = np.stack([sets[j] for j in part])  # (m, k)
            matrices = _pairwise([s[index] for s in sigs])
            means = matrices.mean(axis=2)
            for j, matrix, mean in zip(part, matrices, means):
                member_dates = [dates[i] for i in sets[j].tolist()]
                out[j] = _choose(matrix.__getitem__, mean, list(range(k)), member_dates, limit)
    return [c for c in out if c is not None]
