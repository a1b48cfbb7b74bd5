"""One scan from start to end: the cluster, the stages, the sets, summary.md.

``run_scan`` takes an existing ``distributed.Client`` (tests share one) or
starts the cluster the settings describe, and stops what it started.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from srccompare.core.atomic import atomic_write_text
from srccompare.scan.cluster import ClusterSettings, dask_client
from srccompare.scan.finalise import Final, finalise
from srccompare.scan.pipeline import Pipeline, ScanRequest, StageHook
from srccompare.scan.progress import Progress
from srccompare.scan.summary import render


@dataclass
class ScanResult:
    final: Final
    seconds: dict[str, float]
    kept: list[str]
    workers: int


def run_scan(
    request: ScanRequest,
    cluster: ClusterSettings | None = None,
    *,
    client: Any = None,
    progress: Progress | None = None,
    after_stage: StageHook | None = None,
) -> ScanResult:
    progress = progress or Progress()
    if client is not None:
        return _run(client, request, progress, after_stage, 0.0)
    started = time.perf_counter()
    with dask_client(cluster or ClusterSettings()) as own:
        return _run(own, request, progress, after_stage, time.perf_counter() - started)


def _run(
    client: Any, request: ScanRequest, progress: Progress, after_stage: StageHook | None, startup: float
) -> ScanResult:
    pipeline = Pipeline(client, request, progress, after_stage)
    run = pipeline.execute()
    outdir = pipeline.outdir
    progress.begin("sets", 0)
    final = finalise(
        client, outdir, run.state, request.tier, request.scan.review_members, progress, request.scan.tier2_set_edges
    )
    seconds = (
        {"cluster start": startup, **run.seconds, "sets and output": final.seconds}
        if startup
        else {**run.seconds, "sets and output": final.seconds}
    )
    progress.end("sets", final.seconds, f"{final.sets:,} sets of {final.members:,} articles")
    for line in final.merges:
        progress.message(line.split(": ", 1)[-1])
    workers = len(client.scheduler_info().get("workers", {}))
    atomic_write_text(outdir / "summary.md", render(run.state, final, seconds, run.kept, workers, request.tier))
    return ScanResult(final, seconds, run.kept, workers)
