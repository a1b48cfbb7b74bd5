"""The last stage, run on every scan: sets from all verified pairs, then sets.parquet, pairs.parquet, review/.

It depends on every batch, so it is never kept: a resumed or added run writes
the output afresh from the kept edges. It stays cheap by reading each kept
partition at most twice whatever the number of sets (:mod:`.members`: metadata
and signatures of the members, then the texts of those chosen for review), and
by choosing medoids from signatures, not texts (:mod:`.sets`).
Set ids are the sets' first archive rows, so a set keeps its id as batches
add members; when a batch joins two old sets the one with the lower id stays,
the merge goes to ``merges.log`` and summary.md, and the other set's review
folder moves with it (:func:`srccompare.scan.review_out.retire`).
"""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

from srccompare.scan import store
from srccompare.scan.joins import joined_sets
from srccompare.scan.members import by_partition, gather_members, gather_texts
from srccompare.scan.names import set_id
from srccompare.scan.pipeline import load_edges
from srccompare.scan.review_out import clear_stale, retire, write_set_folder
from srccompare.scan.sets import Choice, choose_members

WRITERS = 16
"""Threads writing review folders (the work is waiting for the disk, not computing)."""
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

    from srccompare.scan.pipeline import _gather

    def mapper(fn: Any, *iterables: Any) -> list[Any]:
        futures = client.map(fn, *iterables, pure=False)
        return _gather(client, futures, progress)

    started = time.perf_counter()
    final = Final()
    tiers = _tiers_present(outdir, state, tier)
    batches = len(state.batches)
    a1, b1 = load_edges(outdir, 1, batches)
    a2, b2 = load_edges(outdir, 2, batches) if 2 in tiers else (np.zeros(0, np.int64), np.zeros(0, np.int64))
    sets, inside = joined_sets(a1, b1, a2, b2, set_edges)
    final.merges = _merges(outdir, sets, batches)

    offsets = state.offsets()
    items = list(sets.values())
    all_rows = np.concatenate(items) if items else np.zeros(0, dtype=np.int64)
    in_tier1 = np.unique(np.concatenate([a1, b1]))
    progress.begin("sets", len(by_partition(offsets, np.unique(all_rows))))
    members = gather_members(mapper, outdir, offsets, all_rows, tiers)
    positions = [members.index(m) for m in items]
    dates = members.table.column("date").to_pylist()
    choices = choose_members(members.sigs, positions, dates, review_members)
    chosen_rows = [int(m[i]) for m, c in zip(items, choices) for i in c.chosen]
    progress.begin("sets", len(by_partition(offsets, np.unique(chosen_rows))))
    texts = gather_texts(mapper, outdir, offsets, chosen_rows)

    records = members.table.to_pylist()
    tier_of = [np.where(np.isin(m, in_tier1), 1, 2).astype(np.int8) for m in items]

    def write(root: int, rows: np.ndarray, where: np.ndarray, choice: Choice, tiers_here: np.ndarray) -> None:
        listed = [
            {**records[p], "row": r, "similarity": float(s), "is_medoid": i == choice.medoid, "tier": int(t)}
            for i, (r, p, s, t) in enumerate(zip(rows.tolist(), where.tolist(), choice.similarity, tiers_here))
        ]
        sid = set_id(root)
        write_set_folder(outdir / "review" / sid, sid, listed, choice.chosen, texts, outdir)

    # Each folder is its own; threads overlap the fsyncs of the atomic writes (9 ms a file one at a time here).
    with ThreadPoolExecutor(WRITERS) as pool:
        list(pool.map(write, sets, items, positions, choices, tier_of))
    clear_stale(outdir / "review", {set_id(int(r)) for r in sets})

    where_all = np.concatenate(positions) if positions else np.zeros(0, dtype=np.int64)
    take = pa.array(where_all, pa.int64())
    sizes = np.array([len(m) for m in items], dtype=np.int64)
    medoid_flags = np.zeros(len(where_all), dtype=bool)
    starts = np.concatenate([[0], np.cumsum(sizes)[:-1]]) if len(sizes) else sizes
    medoid_flags[starts + np.array([c.medoid for c in choices], dtype=np.int64)] = True
    table = pa.table(
        {
            "set_id": pa.array(np.repeat(np.array([set_id(r) for r in sets], dtype=object), sizes), pa.string()),
            "article_id": members.table.column("id").take(take),
            "tier": pa.array(np.concatenate(tier_of) if tier_of else np.zeros(0, np.int8), pa.int8()),
            "similarity": pa.array(
                np.concatenate([c.similarity for c in choices]) if choices else np.zeros(0), pa.float64()
            ),
            "is_medoid": pa.array(medoid_flags, pa.bool_()),
            **{c: members.table.column(c).take(take) for c in SET_COLUMNS},
        }
    )
    store.write_table(outdir / "sets.parquet", table)
    _write_pairs(outdir, batches, tiers, members.rows, members.table.column("id"), inside)
    store.write_table(store.stages_dir(outdir) / ROOTS_FILE, pa.table({"root": pa.array(list(sets), pa.int64())}))

    final.sets = len(sets)
    final.members = len(where_all)
    ids = members.table.column("id").to_pylist()
    medoid_ids = [ids[int(w[c.medoid])] for w, c in zip(positions, choices)]
    final.sizes = sorted(
        ((len(m), set_id(root), mid) for root, m, mid in zip(sets, items, medoid_ids)), key=lambda x: (-x[0], x[1])
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


def _write_pairs(outdir: Path, batches: int, tiers: list[int], rows: np.ndarray, ids: Any, inside2: np.ndarray) -> None:
    """pairs.parquet: every tier-1 pair, and the tier-2 pairs inside a set (``inside2``, in the order
    :func:`.pipeline.load_edges` reads them; a tier-2 pair too weak to join its groups is left out), with
    archive rows turned into article ids (``ids`` of the member ``rows``)."""
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
    a = ids.take(pa.array(np.searchsorted(rows, edges.column("a").to_numpy()), pa.int64()))
    b = ids.take(pa.array(np.searchsorted(rows, edges.column("b").to_numpy()), pa.int64()))
    out = edges.set_column(0, "a", a).set_column(1, "b", b)
    store.write_table(outdir / "pairs.parquet", out)
