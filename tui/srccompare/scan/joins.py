"""Version sets from both tiers' pairs, where tier-2 pairs may join tier-1 groups only on repeated evidence.

A tier-1 pair is a copy: its two articles belong together whatever else is
found. A tier-2 pair is a judgement on two retellings and can be wrong (two
stories on one event), and one wrong pair between two groups of copies would
merge both groups whole, or chain them through an article that resembles both.
So the tier-1 groups (a set of copies, or a single article) are joined by
tier-2 pairs only when at least ``min_edges`` verified pairs run between the
two groups, or every possible pair does when there are fewer (two single
articles need their one pair; a single article joins a group of copies when it
was verified against ``min_edges`` of them). The rule is applied once, to the
groups tier 1 made, so the outcome does not depend on the order of the pairs.
"""

from __future__ import annotations

from collections import Counter

import numpy as np

from srccompare.scan.sets import components


def joined_sets(
    a1: np.ndarray, b1: np.ndarray, a2: np.ndarray, b2: np.ndarray, min_edges: int
) -> tuple[dict[int, np.ndarray], np.ndarray]:
    """The sets (root, the lowest row -> sorted member rows) and which tier-2 pairs lie inside one set."""
    group = {int(row): root for root, members in components(a1, b1).items() for row in members.tolist()}
    size = Counter(group.values())
    ga = [group.get(x, x) for x in a2.tolist()]
    gb = [group.get(y, y) for y in b2.tolist()]
    between = Counter((min(x, y), max(x, y)) for x, y in zip(ga, gb) if x != y)
    ja: list[int] = []
    jb: list[int] = []
    for (x, y), count in sorted(between.items()):
        if count >= min(max(1, min_edges), size.get(x, 1) * size.get(y, 1)):
            ja.append(x)
            jb.append(y)
    sets = components(
        np.concatenate([a1, np.array(ja, dtype=np.int64)]), np.concatenate([b1, np.array(jb, dtype=np.int64)])
    )
    root_of = {row: root for root, members in sets.items() for row in members.tolist()}
    inside = np.array([root_of.get(x, -1) == root_of.get(y, -2) for x, y in zip(a2.tolist(), b2.tolist())], dtype=bool)
    return sets, inside
