"""The scan, stage by stage, on a Dask client: read, sign and band, find candidates, verify, then the sets.

Tier 2 begins with a pass of its own (``tokens2``): every article's content
tokens, kept per partition, and how many articles carry each token, from which
the tokens too common to tell stories apart are left out of its signatures.

Each stage maps a batch-in, batch-out function of :mod:`.tasks` over the
partitions (or shards, or chunks of pairs) with ``client.map`` and collects
small summaries; the bulky outputs stay in OUTDIR/.stages. A stage marked done
in the state is skipped when a run resumes, and a batch added with ``--add``
runs the stages for its own partitions only: old articles are never read or
signed again (candidates pair the new articles with the old band tables).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

import numpy as np

from srccompare.core.errors import UserError
from srccompare.scan import outdir as outdirs
from srccompare.scan import store, tasks
from srccompare.scan.inputs import plan
from srccompare.scan.lsh import dedupe_pairs
from srccompare.scan.progress import Progress
from srccompare.scan.signing import tier_settings
from srccompare.scan.tier2 import Tier2Settings, estimate_chunk, shortlist, verify_chunk2
from srccompare.scan.verify import Thresholds, Verified, verify_chunk

VERIFY_CHUNK = 20_000
"""Tier-1 candidate pairs per verification task."""
VERIFY2_CHUNK = 100
"""Tier-2 candidate pairs per task (each may run the aligner)."""
CAPPED_KEPT = 100
"""Capped buckets listed per batch (all are counted)."""


@dataclass
class ScanRequest:
    inputs: list[str]
    outdir: Path
    scan: Any  # the ``scan:`` config section
    tier: int = 2
    add: bool = False


@dataclass
class ScanRun:
    """What one run did, for summary.md and the command's last lines."""

    state: store.State
    seconds: dict[str, float] = field(default_factory=dict)
    kept: list[str] = field(default_factory=list)  # stages resumed from an earlier run


StageHook = Callable[[str], None]


def _gather(client: Any, futures: list[Any], progress: Progress) -> list[Any]:
    """Results of ``futures`` in their order, advancing the progress as each finishes."""
    from distributed import as_completed

    index = {f.key: i for i, f in enumerate(futures)}
    results: list[Any] = [None] * len(futures)
    for future in as_completed(futures):
        results[index[future.key]] = future.result()
        progress.advance()
    return results


class Pipeline:
    def __init__(self, client: Any, request: ScanRequest, progress: Progress, after_stage: StageHook | None = None):
        self.client = client
        self.request = request
        self.progress = progress
        self.after_stage = after_stage
        self.outdir = request.outdir
        self.run: ScanRun | None = None

    # -- bookkeeping -------------------------------------------------------------------------------------

    def _stage(self, name: str, batch: store.Batch, total: int | None, work: Callable[[], str]) -> None:
        """Run ``work`` unless the batch already did this stage; ``total`` None: ``work`` begins the bar itself."""
        assert self.run is not None
        key = f"{name}#{self.run.state.batches.index(batch) + 1}"
        if name in batch.done:
            self.run.kept.append(key)
            return
        if total is not None:
            self.progress.begin(name, total)
        started = time.perf_counter()
        note = work()
        seconds = time.perf_counter() - started
        self.run.seconds[name] = self.run.seconds.get(name, 0.0) + seconds
        batch.done.append(name)
        store.save_state(self.outdir, self.run.state)
        self.progress.end(name, seconds, note)
        if self.after_stage is not None:
            self.after_stage(name)

    def _map(self, fn: Callable[..., Any], *iterables: Sequence[Any], **kwargs: Any) -> list[Any]:
        futures = self.client.map(fn, *iterables, pure=False, **kwargs)
        try:
            return _gather(self.client, futures, self.progress)
        except BaseException:
            self.client.cancel(futures)
            raise

    # -- the run ----------------------------------------------------------------------------------------

    def execute(self) -> ScanRun:
        request = self.request
        outdir = outdirs.prepare(request.outdir)
        self.outdir = outdir
        state = outdirs.match_state(
            outdir,
            request.inputs,
            request.scan,
            request.add,
            lambda: plan(request.inputs, request.scan.partition_articles),
        )
        while len(state.part_rows) < sum(b.parts for b in state.batches):
            state.part_rows.append(-1)
        store.save_state(outdir, state)
        self.run = ScanRun(state)
        for batch in state.batches:
            self._stage("read", batch, batch.parts, partial(self._read, batch))
        self._check_articles()
        if state.shards == 0:
            total = int(state.offsets()[-1])
            state.shards = int(min(1024, max(8, 2 ** np.ceil(np.log2(max(1, total * request.scan.bands / 2e6))))))
            store.save_state(outdir, state)
        for tier in (1, 2) if request.tier == 2 else (1,):
            for batch in state.batches:
                if tier == 2:
                    self._stage("tokens2", batch, batch.parts, partial(self._tokens, batch))
                self._stage(f"signatures{tier}", batch, batch.parts, partial(self._sign, batch, tier))
                self._stage(f"candidates{tier}", batch, state.shards, partial(self._candidates, batch, tier))
                self._stage(f"verify{tier}", batch, None, partial(self._verify, batch, tier))
        return self.run

    # -- stages -----------------------------------------------------------------------------------------

    def _read(self, batch: store.Batch) -> str:
        assert self.run is not None
        parts = list(range(batch.first_part, batch.first_part + batch.parts))
        cap = self.request.scan.max_article_bytes
        results = self._map(tasks.read_part, [self.outdir] * len(parts), batch.pieces, parts, [cap] * len(parts))
        lines_before: dict[str, int] = {}
        for piece, result in zip(batch.pieces, results):
            if result.get("error"):
                line, problem = result["error"]
                raise UserError(f"line {lines_before.get(piece.paths[0], 0) + line} {problem}", piece.paths[0])
            lines_before[piece.paths[0]] = lines_before.get(piece.paths[0], 0) + int(result.get("lines", 0))
        for part, result in zip(parts, results):
            self.run.state.part_rows[part] = int(result["rows"])
        skipped = sum(int(r.get("skipped", 0)) for r in results)
        examples = [e for r in results for e in r.get("examples", [])][:5]
        batch.stats.update(articles=sum(int(r["rows"]) for r in results), skipped=skipped, skip_examples=examples)
        for example in examples:
            self.progress.message(f"skipped {example}")
        note = f"{batch.stats['articles']:,} articles"
        return note + (f", {skipped:,} skipped" if skipped else "")

    def _check_articles(self) -> None:
        """No articles at all, or one id used twice, is an input error (ids name the members of a set)."""
        import pyarrow as pa
        import pyarrow.compute as pc

        assert self.run is not None
        state = self.run.state
        if int(state.offsets()[-1]) == 0:
            raise UserError("no articles found to scan", " ".join(self.request.inputs))
        ids = pa.chunked_array(
            [
                store.read_table(store.part_file(self.outdir, "articles", p), ["id"]).column("id")
                for p in range(len(state.part_rows))
            ]
        )
        counts = pc.value_counts(ids)
        twice = counts.filter(pc.greater(counts.field("counts"), 1))
        if len(twice):
            first = twice[0]["values"].as_py()
            raise UserError(
                f"article id '{first}' is used more than once ({len(twice):,} ids are); ids must be unique "
                "(for folders: give their parent folder instead of two folders holding the same file names)",
                " ".join(self.request.inputs),
            )

    def _tokens(self, batch: store.Batch) -> str:
        """Tier 2's first pass: every article's content tokens (kept per partition), and how many of the batch's
        articles carry each token (kept per batch), from which :meth:`_common` chooses the tokens left out."""
        import pyarrow as pa

        from srccompare.scan.signing import merge_frequencies

        assert self.run is not None
        parts = list(range(batch.first_part, batch.first_part + batch.parts))
        found = self._map(tasks.tokens_part, [self.outdir] * len(parts), parts)
        tokens, articles = merge_frequencies(found)
        number = self.run.state.batches.index(batch) + 1
        table = pa.table({"token": pa.array(tokens, pa.uint32()), "articles": pa.array(articles, pa.int64())})
        store.write_table(store.batch_file(self.outdir, "df2", number), table)
        return f"{len(tokens):,} distinct content tokens"

    def _common(self, batch: store.Batch) -> np.ndarray:
        """The tier-2 tokens left out of this batch's signatures: carried by more articles than the caps allow,
        counted over this batch and the ones before it."""
        from srccompare.scan.signing import common_tokens, df_limit, merge_frequencies

        assert self.run is not None
        state = self.run.state
        number = state.batches.index(batch) + 1
        tables = [store.read_table(store.batch_file(self.outdir, "df2", k)) for k in range(1, number + 1)]
        tokens, articles = merge_frequencies(
            [(t.column("token").to_numpy(), t.column("articles").to_numpy()) for t in tables]
        )
        scan = self.request.scan
        limit = df_limit(
            int(state.offsets()[batch.first_part + batch.parts]), scan.tier2_max_df, scan.tier2_max_df_share
        )
        common = common_tokens(tokens, articles, limit)
        batch.stats["tokens2"] = len(tokens)
        batch.stats["tokens2_common"] = len(common)
        batch.stats["tokens2_limit"] = limit
        return common

    def _sign(self, batch: store.Batch, tier: int) -> str:
        assert self.run is not None
        state = self.run.state
        offsets = state.offsets()
        settings = tier_settings(self.request.scan, tier)
        parts = list(range(batch.first_part, batch.first_part + batch.parts))
        n = len(parts)
        common = self._common(batch) if tier == 2 else None
        signed = self._map(
            tasks.sign_part,
            [self.outdir] * n,
            parts,
            [int(offsets[p]) for p in parts],
            [settings] * n,
            [state.shards] * n,
            [common] * n,
        )
        note = f"{sum(signed):,} articles signed"
        if common is not None and len(common):
            note += f", {len(common):,} tokens carried by over {batch.stats['tokens2_limit']:,} articles left out"
        return note

    def _candidates(self, batch: store.Batch, tier: int) -> str:
        assert self.run is not None
        state = self.run.state
        offsets = state.offsets()
        parts = batch.first_part + batch.parts
        new_from = int(offsets[batch.first_part])
        shards = list(range(state.shards))
        n = len(shards)
        found = self._map(
            tasks.shard_candidates,
            [self.outdir] * n,
            [tier] * n,
            shards,
            [parts] * n,
            [self.request.scan.max_bucket] * n,
            [new_from] * n,
        )
        a, b = dedupe_pairs(np.concatenate([f.a for f in found]), np.concatenate([f.b for f in found]))
        capped = sorted((c for f in found for c in f.capped), reverse=True)
        store.write_table(
            store.batch_file(self.outdir, f"candidates{tier}", state.batches.index(batch) + 1), _pairs(a, b)
        )
        batch.stats[f"candidates{tier}"] = len(a)
        batch.stats[f"capped{tier}"] = len(capped)
        batch.stats[f"capped{tier}_list"] = [list(c) for c in capped[:CAPPED_KEPT]]
        return f"{len(a):,} candidate pairs" + (f", {len(capped):,} buckets capped" if capped else "")

    def _verify(self, batch: store.Batch, tier: int) -> str:
        assert self.run is not None
        state = self.run.state
        number = state.batches.index(batch) + 1
        offsets = state.offsets()
        table = store.read_table(store.batch_file(self.outdir, f"candidates{tier}", number))
        a, b = table.column("a").to_numpy(), table.column("b").to_numpy()
        scan = self.request.scan
        if tier == 1:
            chunks = [(a[i : i + VERIFY_CHUNK], b[i : i + VERIFY_CHUNK]) for i in range(0, len(a), VERIFY_CHUNK)]
            self.progress.begin("verify1", len(chunks))
            n = len(chunks)
            limits = Thresholds(scan.accept_jaccard, scan.reject_similarity, scan.min_text_similarity)
            results = self._map(
                verify_chunk,
                [self.outdir] * n,
                [offsets] * n,
                [c[0] for c in chunks],
                [c[1] for c in chunks],
                [limits] * n,
            )
        else:
            a, b = self._not_joined_by_tier1(a, b, number)
            batch.stats["candidates2_unjoined"] = len(a)
            a, b, j = shortlist(a, b, self._estimates(a, b), scan.tier2_min_jaccard, scan.tier2_per_article)
            starts = range(0, len(a), VERIFY2_CHUNK)
            self.progress.begin("verify2", len(starts))
            n = len(starts)
            settings = Tier2Settings(scan.tier2_min_linked, scan.tier2_min_share)
            results = self._map(
                verify_chunk2,
                [self.outdir] * n,
                [offsets] * n,
                [a[i : i + VERIFY2_CHUNK] for i in starts],
                [b[i : i + VERIFY2_CHUNK] for i in starts],
                [j[i : i + VERIFY2_CHUNK] for i in starts],
                [settings] * n,
            )
        edges = _edges(results, tier)
        store.write_table(store.batch_file(self.outdir, f"edges{tier}", number), edges)
        batch.stats[f"verified{tier}"] = edges.num_rows
        batch.stats[f"read{tier}"] = sum(r.read for r in results)
        return f"{edges.num_rows:,} of {len(a):,} pairs verified"

    def _estimates(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        """Estimated content-token Jaccard of every tier-2 candidate (from the signatures, on the workers)."""
        offsets = self.run.state.offsets() if self.run else np.zeros(1, dtype=np.int64)
        starts = list(range(0, len(a), VERIFY_CHUNK))
        if not starts:
            return np.zeros(0, dtype=float)
        futures = self.client.map(
            estimate_chunk,
            [self.outdir] * len(starts),
            [offsets] * len(starts),
            [a[i : i + VERIFY_CHUNK] for i in starts],
            [b[i : i + VERIFY_CHUNK] for i in starts],
            pure=False,
        )
        try:
            return np.concatenate(self.client.gather(futures))
        except BaseException:
            self.client.cancel(futures)
            raise

    def _not_joined_by_tier1(self, a: np.ndarray, b: np.ndarray, upto: int) -> tuple[np.ndarray, np.ndarray]:
        """Tier-2 candidates whose articles are not already in one tier-1 set (of batches up to ``upto``)."""
        from srccompare.scan.sets import components

        ea, eb = load_edges(self.outdir, 1, upto)
        root = np.arange(int(self.run.state.offsets()[-1]) if self.run else 0, dtype=np.int64)
        for r, members in components(ea, eb).items():
            root[members] = r
        keep = root[a] != root[b]
        return a[keep], b[keep]


def _pairs(a: np.ndarray, b: np.ndarray) -> Any:
    import pyarrow as pa

    return pa.table({"a": pa.array(a, pa.int64()), "b": pa.array(b, pa.int64())})


def _edges(results: list[Verified], tier: int) -> Any:
    import pyarrow as pa

    def cat(name: str, dtype: Any) -> np.ndarray:
        parts = [getattr(r, name) for r in results]
        return np.concatenate(parts).astype(dtype) if parts else np.zeros(0, dtype=dtype)

    return pa.table(
        {
            "a": pa.array(cat("a", np.int64)),
            "b": pa.array(cat("b", np.int64)),
            "tier": pa.array(np.full(sum(len(r.a) for r in results), tier, dtype=np.int8)),
            "jaccard_estimate": pa.array(cat("jaccard", np.float64)),
            "score": pa.array(cat("score", np.float64)),
            "evidence": pa.array([e for r in results for e in r.evidence], pa.string()),
        }
    )


def load_edges(outdir: Path, tier: int, upto: int) -> tuple[np.ndarray, np.ndarray]:
    """Verified pairs of a tier from batches ``1..upto``."""
    a: list[np.ndarray] = []
    b: list[np.ndarray] = []
    for number in range(1, upto + 1):
        path = store.batch_file(outdir, f"edges{tier}", number)
        if path.exists():
            table = store.read_table(path, ["a", "b"])
            a.append(table.column("a").to_numpy())
            b.append(table.column("b").to_numpy())
    if not a:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    return np.concatenate(a), np.concatenate(b)
