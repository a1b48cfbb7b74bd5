"""The set members' records, read one partition at a time: the set stage's only pass over the kept articles.

A set's members lie in any partitions, so reading per set read each partition
again for every set it touched (857 of 989 s at 100k articles). Here all the
members are grouped by partition and each partition is read once by a worker:
first its metadata columns and signatures (for the medoids), later only the
texts of the members chosen for review. The client gets rows in archive order.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from srccompare.scan import store

MEMBER_COLUMNS = ["id", "date", "source", "title", "url", "path"]

Mapper = Callable[..., list[Any]]
"""``client.map`` and gather, in order: ``mapper(fn, *iterables)``."""


def member_part(outdir: Path, part: int, local: np.ndarray, tiers: list[int]) -> tuple[Any, list[np.ndarray]]:
    """Worker task: the metadata (:data:`MEMBER_COLUMNS`) and each tier's signatures of rows ``local`` of a partition."""
    import pyarrow as pa

    table = store.read_table(store.part_file(outdir, "articles", part), MEMBER_COLUMNS).take(pa.array(local))
    sigs = [store.signatures_of(outdir, tier, part)[0][local] for tier in tiers]
    return table, sigs


def text_part(outdir: Path, part: int, local: np.ndarray) -> list[str]:
    """Worker task: the texts of rows ``local`` of a partition."""
    import pyarrow as pa

    column = store.read_table(store.part_file(outdir, "articles", part), ["text"]).column("text")
    texts: list[str] = column.take(pa.array(local)).to_pylist()
    return texts


def by_partition(offsets: np.ndarray, rows: np.ndarray) -> list[tuple[int, np.ndarray]]:
    """``(partition, local rows)`` of sorted archive ``rows``, in partition order."""
    parts = np.searchsorted(offsets, rows, side="right") - 1
    starts = np.flatnonzero(np.diff(parts, prepend=-1))
    stops = np.append(starts[1:], len(rows))
    return [(int(parts[i]), rows[i:j] - offsets[parts[i]]) for i, j in zip(starts.tolist(), stops.tolist())]


@dataclass
class Members:
    """The records of all set members, one per row of ``rows`` (sorted archive rows)."""

    rows: np.ndarray
    table: Any  # pyarrow Table of MEMBER_COLUMNS
    sigs: list[np.ndarray]  # per tier: (members, permutations)

    def index(self, rows: np.ndarray) -> np.ndarray:
        """Positions of archive ``rows`` among the members."""
        return np.searchsorted(self.rows, rows)


def gather_members(mapper: Mapper, outdir: Path, offsets: np.ndarray, rows: np.ndarray, tiers: list[int]) -> Members:
    import pyarrow as pa

    rows = np.unique(rows)
    groups = by_partition(offsets, rows)
    n = len(groups)
    results = mapper(member_part, [outdir] * n, [g[0] for g in groups], [g[1] for g in groups], [tiers] * n)
    if not results:
        empty = pa.table({c: pa.array([], pa.string()) for c in MEMBER_COLUMNS})
        return Members(rows, empty, [np.zeros((0, 1), dtype=np.uint32) for _ in tiers])
    table = pa.concat_tables([r[0] for r in results])
    sigs = [np.concatenate([r[1][t] for r in results]) for t in range(len(tiers))]
    return Members(rows, table, sigs)


def gather_texts(mapper: Mapper, outdir: Path, offsets: np.ndarray, rows: Sequence[int]) -> dict[int, str]:
    """Texts of archive ``rows``, each partition read once."""
    wanted = np.unique(np.asarray(rows, dtype=np.int64))
    groups = by_partition(offsets, wanted)
    n = len(groups)
    results = mapper(text_part, [outdir] * n, [g[0] for g in groups], [g[1] for g in groups])
    return dict(zip(wanted.tolist(), (t for texts in results for t in texts)))
