"""The last stage, run on every scan: sets from all verified pairs, then sets.parquet, pairs.parquet, review/.

It is cheap next to the others and depends on every batch, so it is never
kept: a resumed or added run writes the output afresh from the kept edges.
Set ids are the sets' first archive rows, so a set keeps its id as batches
add members; when a batch joins two old sets the one with the lower id stays,
the merge goes to ``merges.log`` and summary.md, and the other set's review
folder moves with it (:func:`srccompare.scan.review_out.retire`).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

from srccompare.scan import store
from srccompare.scan.joins import joined_sets
from srccompare.scan.names import set_id
from srccompare.scan.pipeline import load_edges
from srccompare.scan.review_out import clear_stale, retire
from srccompare.scan.sets import components, finalise_sets

SETS_PER_TASK = 200
ROOTS_FILE = "roots.parquet"
SET_COLUMNS = ("date", "source", "title", "url")


@dataclass
class Final:
    sets: int = 0
    members: int = 0
    sizes: list[tuple[int, str, str]] = field(default_factory=list)  # (size, set id, medoid id), largest first
    tier2_sets: int = 0  # sets that tier 2 joined or grew
    tier2_members: int = 0  # members only tier 2 joined
    tier2_unjoined: int = 0  # verified tier-2 pairs between groups they were too few to join (scan.tier2_set_edges)
    merges: list[str] = field(default_factory=list)
    seconds: float = 0.0


def _tiers_present(outdir: Path, state: store.State, tier: int) -> list[int]:
    done = [t for t in (1, 2) if t <= tier and all(f"verify{t}" in b.done for b in state.batches)]
    return done or [1]


def finalise(
    client: Any,
    outdir: Path,
    state: store.State,
    tier: int,
    review_members: int,
    progress: Any,
    set_edges: int = 2,
) -> Final:
    """Sets from the kept pairs (tier-2 pairs join tier-1 groups on ``set_edges`` pairs: :mod:`.joins`)."""
    import pyarrow as pa

    started = time.perf_counter()
    final = Final()
    tiers = _tiers_present(outdir, state, tier)
    batches = len(state.batches)
    a1, b1 = load_edges(outdir, 1, batches)
    a2, b2 = load_edges(outdir, 2, batches) if 2 in tiers else (np.zeros(0, np.int64), np.zeros(0, np.int64))
    sets, inside = joined_sets(a1, b1, a2, b2, set_edges)
    in_tier1: set[int] = set()
    for members in components(a1, b1).values():
        in_tier1.update(members.tolist())
    final.merges = _merges(outdir, sets, batches)

    items = list(sets.values())
    tier_of = [np.array([1 if r in in_tier1 else 2 for r in m.tolist()], dtype=np.int8) for m in items]
    chunks = [
        list(zip(items[i : i + SETS_PER_TASK], tier_of[i : i + SETS_PER_TASK]))
        for i in range(0, len(items), SETS_PER_TASK)
    ]
    progress.begin("sets", len(chunks))
    offsets = state.offsets()
    futures = client.map(
        finalise_sets,
        [outdir] * len(chunks),
        [offsets] * len(chunks),
        chunks,
        [tiers] * len(chunks),
        [review_members] * len(chunks),
        pure=False,
    )
    from srccompare.scan.pipeline import _gather

    rows = [r for chunk in _gather(client, futures, progress) for r in chunk]
    clear_stale(outdir / "review", {set_id(int(r)) for r in sets})

    table = pa.table(
        {
            "set_id": pa.array([r["set_id"] for r in rows], pa.string()),
            "article_id": pa.array([r["id"] for r in rows], pa.string()),
            "tier": pa.array([r["tier"] for r in rows], pa.int8()),
            "similarity": pa.array([r["similarity"] for r in rows], pa.float64()),
            "is_medoid": pa.array([r["is_medoid"] for r in rows], pa.bool_()),
            **{c: pa.array([r.get(c) for r in rows], pa.string()) for c in SET_COLUMNS},
        }
    )
    store.write_table(outdir / "sets.parquet", table)
    id_of = {r["row"]: r["id"] for r in rows}
    _write_pairs(outdir, batches, tiers, id_of, inside)
    store.write_table(store.stages_dir(outdir) / ROOTS_FILE, pa.table({"root": pa.array(list(sets), pa.int64())}))

    final.sets = len(sets)
    final.members = len(rows)
    medoids = {r["set_id"]: r["id"] for r in rows if r["is_medoid"]}
    final.sizes = sorted(
        ((len(m), set_id(root), medoids.get(set_id(root), "")) for root, m in sets.items()), key=lambda x: (-x[0], x[1])
    )
    final.tier2_members = sum(int((t == 2).sum()) for t in tier_of)
    final.tier2_sets = sum(1 for t in tier_of if (t == 2).any())
    final.tier2_unjoined = int((~inside).sum())
    final.seconds = time.perf_counter() - started
    return final


def _merges(outdir: Path, sets: dict[int, np.ndarray], batches: int) -> list[str]:
    """Old sets that this run's pairs joined to an older one: logged, and their review folders retired."""
    path = store.stages_dir(outdir) / ROOTS_FILE
    if not path.exists():
        return []
    old_roots = store.read_table(path).column("root").to_numpy()
    root_of: dict[int, int] = {}
    for root, members in sets.items():
        for row in members.tolist():
            root_of[row] = root
    lines = []
    stamp = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    for old in old_roots.tolist():
        new = root_of.get(old, old)
        if new != old:
            old_id, new_id = set_id(old), set_id(new)
            what = retire(outdir / "review" / old_id, outdir / "review" / new_id)
            lines.append(f"{stamp} batch {batches}: set {old_id} merged into {new_id}; {what}")
    if lines:
        log = outdir / "merges.log"
        previous = log.read_text(encoding="utf-8") if log.is_file() and not log.is_symlink() else ""
        from srccompare.core.atomic import atomic_write_text

        atomic_write_text(log, previous + "".join(line + "\n" for line in lines))
    return lines


def _write_pairs(outdir: Path, batches: int, tiers: list[int], id_of: dict[int, str], inside2: np.ndarray) -> None:
    """pairs.parquet: every tier-1 pair, and the tier-2 pairs inside a set (``inside2``, in the order
    :func:`.pipeline.load_edges` reads them); a tier-2 pair too weak to join its groups is left out."""
    import pyarrow as pa

    tables = []
    for tier in tiers:
        read = [
            store.read_table(path)
            for number in range(1, batches + 1)
            if (path := store.batch_file(outdir, f"edges{tier}", number)).exists()
        ]
        if tier == 2 and read:
            read = [pa.concat_tables(read).filter(pa.array(inside2, pa.bool_()))]
        tables += read
    if tables:
        edges = pa.concat_tables(tables)
    else:
        edges = pa.table(
            {
                "a": pa.array([], pa.int64()),
                "b": pa.array([], pa.int64()),
                "tier": pa.array([], pa.int8()),
                "jaccard_estimate": pa.array([], pa.float64()),
                "score": pa.array([], pa.float64()),
                "evidence": pa.array([], pa.string()),
            }
        )
    a = [id_of[r] for r in edges.column("a").to_pylist()]
    b = [id_of[r] for r in edges.column("b").to_pylist()]
    out = edges.set_column(0, "a", pa.array(a, pa.string())).set_column(1, "b", pa.array(b, pa.string()))
    store.write_table(outdir / "pairs.parquet", out)
