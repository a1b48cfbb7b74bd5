"""One local Dask cluster (2 worker processes, loopback, no dashboard) shared by the scan tests."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytest.importorskip("distributed")


@pytest.fixture(scope="session")
def dask_client():
    from srccompare.scan.cluster import ClusterSettings, dask_client

    with dask_client(ClusterSettings(workers=2)) as client:
        yield client


def write_jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def found_sets(outdir: Path) -> set[frozenset[str]]:
    import pyarrow.parquet as pq

    sets: dict[str, set[str]] = {}
    for row in pq.read_table(outdir / "sets.parquet").to_pylist():
        sets.setdefault(row["set_id"], set()).add(row["article_id"])
    return {frozenset(s) for s in sets.values()}


def sets_by_id(outdir: Path) -> dict[str, frozenset[str]]:
    import pyarrow.parquet as pq

    sets: dict[str, set[str]] = {}
    for row in pq.read_table(outdir / "sets.parquet").to_pylist():
        sets.setdefault(row["set_id"], set()).add(row["article_id"])
    return {k: frozenset(v) for k, v in sets.items()}
