"""Version sets from verified pairs: connected components, each set's medoid, and the members to review.

The edges of a 100k-article archive fit in memory, so the components are found
on the client with union-find (the root is always the lowest archive row, which
names the set: :func:`srccompare.scan.names.set_id`). Medoids and review
choices need the members' signatures and texts and run on the workers, a chunk
of sets per task (:func:`finalise_sets`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from srccompare.scan import store
from srccompare.scan.minhash import jaccard
from srccompare.scan.names import set_id
from srccompare.scan.review_out import write_set_folder
from srccompare.scan.verify import gather_signatures, gather_texts, part_and_local

MEDOID_CANDIDATES = 300
"""A larger set's medoid is chosen among this many evenly spaced members (the cost grows with their product)."""


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


def _similarities(sigs: list[np.ndarray], i: int) -> np.ndarray:
    """Similarity of every member to member ``i``: the best of the tiers' estimated Jaccards."""
    return np.max([jaccard(s, s[i][None, :]) for s in sigs], axis=0)


def medoid_and_choice(sigs: list[np.ndarray], rows: np.ndarray, dates: list[str | None], limit: int):
    """``(medoid index, similarity to it, chosen indices)`` of one set's members (sorted by row).

    The medoid is the member most like all the others; the chosen are the
    medoid, the earliest dated member, then the members least like those
    already chosen, one at a time (ties go to the lower row).
    """
    k = len(rows)
    step = max(1, k // MEDOID_CANDIDATES)
    candidates = list(range(0, k, step))[:MEDOID_CANDIDATES]
    means = [float(_similarities(sigs, c).mean()) for c in candidates]
    medoid = candidates[int(np.argmax(means))]
    similarity = _similarities(sigs, medoid)
    similarity[medoid] = 1.0
    chosen = [medoid]
    dated = [(d, i) for i, d in enumerate(dates) if d]
    if dated:
        earliest = min(dated)[1]
        if earliest not in chosen:
            chosen.append(earliest)
    closest = np.max([_similarities(sigs, c) for c in chosen], axis=0)
    while len(chosen) < min(limit, k):
        closest[chosen] = np.inf
        pick = int(np.argmin(closest))  # argmin takes the first of equals: the lowest row
        chosen.append(pick)
        closest = np.maximum(closest, _similarities(sigs, pick))
    return medoid, similarity, chosen


def _meta(outdir: Path, offsets: np.ndarray, rows: np.ndarray) -> list[dict[str, Any]]:
    parts, local = part_and_local(offsets, rows)
    out: list[dict[str, Any]] = [{} for _ in rows]
    for part in np.unique(parts).tolist():
        table = store.read_table(
            store.part_file(outdir, "articles", part), ["id", "date", "source", "title", "url", "path"]
        )
        records = table.to_pylist()
        for i in np.flatnonzero(parts == part).tolist():
            out[i] = dict(records[int(local[i])])
    return out


def finalise_sets(
    outdir: Path, offsets: np.ndarray, sets: list[tuple[np.ndarray, np.ndarray]], tiers: list[int], limit: int
) -> list[dict[str, Any]]:
    """sets.parquet rows of a chunk of sets, each given as ``(member rows, tier of each member)``; writes
    each set's ``review/<set-id>/`` on the way."""
    rows_out: list[dict[str, Any]] = []
    for members, member_tiers in sets:
        sigs = [gather_signatures(outdir, t, offsets, members)[0] for t in tiers]
        meta = _meta(outdir, offsets, members)
        medoid, similarity, chosen = medoid_and_choice(sigs, members, [m.get("date") for m in meta], limit)
        sid = set_id(int(members[0]))
        listed = []
        for i, row in enumerate(members.tolist()):
            entry = dict(meta[i])
            entry.update(row=row, similarity=float(similarity[i]), is_medoid=i == medoid, tier=int(member_tiers[i]))
            listed.append(entry)
            rows_out.append({"set_id": sid, **entry})
        texts = gather_texts(outdir, offsets, members[chosen])
        write_set_folder(outdir / "review" / sid, sid, listed, chosen, texts, outdir)
    return rows_out
