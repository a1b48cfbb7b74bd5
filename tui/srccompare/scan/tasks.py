"""The work a Dask worker does: one partition or one shard in, a file and a small summary out.

Each function reads what it needs from OUTDIR/.stages and writes its output
there (atomically), so the client only ever holds summaries, candidate pairs
and verified edges, and a stage interrupted half-way resumes at its first
missing file. Input problems are returned, not raised, so Dask does not log a
traceback for a user's broken file.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from srccompare.scan import store
from srccompare.scan.inputs import META_COLUMNS, Piece
from srccompare.scan.lsh import Buckets, band_keys, bucket_pairs, shard_of, usable
from srccompare.scan.reading import read_piece
from srccompare.scan.signing import TierSettings, content_token_hashes, document_frequencies, sign, sign_tokens


def read_part(outdir: Path, piece: Piece, part: int, max_bytes: int) -> dict[str, Any]:
    """Read one piece of the input into ``articles/part-N.parquet``; its row count and what was skipped."""
    import pyarrow as pa

    path = store.part_file(outdir, "articles", part)
    if path.exists():
        return _part_summary(path)
    result = read_piece(piece, max_bytes)
    if result.error is not None:
        return {"error": result.error, "lines": result.lines}
    columns: dict[str, Any] = {
        "id": pa.array(result.ids, pa.string()),
        "text": pa.array(result.texts, pa.large_string()),
    }
    for column in META_COLUMNS:
        columns[column] = pa.array(result.meta[column], pa.string())
    columns["path"] = pa.array(result.paths, pa.string())
    summary = {
        "rows": len(result.ids),
        "skipped": result.skipped,
        "examples": result.skip_examples,
        "lines": result.lines,
    }
    table = pa.table(columns).replace_schema_metadata({"summary": _json(summary)})
    store.write_table(path, table)
    return summary


def _json(value: Any) -> str:
    import msgspec

    return msgspec.json.encode(value).decode()


def _part_summary(path: Path) -> dict[str, Any]:
    import msgspec
    import pyarrow.parquet as pq

    meta = pq.read_schema(path).metadata or {}
    summary: dict[str, Any] = msgspec.json.decode(meta.get(b"summary", b"{}"))
    return summary


def tokens_part(outdir: Path, part: int) -> tuple[np.ndarray, np.ndarray]:
    """The tier-2 content tokens of one partition, kept as hashes in ``tokens2/part-N.parquet``; returns the
    partition's document frequencies (each distinct token hash, and how many of its articles carry it)."""
    path = store.part_file(outdir, "tokens2", part)
    if path.exists():
        values, _ = store.tokens_of(outdir, part)
    else:
        texts = store.read_table(store.part_file(outdir, "articles", part), ["text"]).column("text").to_pylist()
        values, offsets = content_token_hashes(texts)
        store.write_table(path, store.token_table(values, offsets))
    return document_frequencies(values)


def sign_part(
    outdir: Path, part: int, first_row: int, settings: TierSettings, shards: int, common: np.ndarray | None = None
) -> int:
    """Signatures of one partition, and its band keys split by shard; the number of articles signed.

    Tier 2 signs the token hashes :func:`tokens_part` kept, less ``common`` (sorted hashes)."""
    import pyarrow as pa

    sig_path = store.part_file(outdir, f"sig{settings.tier}", part)
    if sig_path.exists():
        return 0
    if settings.tier == 1:
        texts = store.read_table(store.part_file(outdir, "articles", part), ["text"]).column("text").to_pylist()
        sig, counts = sign(texts, settings)
    else:
        values, offsets = store.tokens_of(outdir, part)
        empty = np.zeros(0, dtype=np.uint32)
        sig, counts = sign_tokens(values, offsets, settings, empty if common is None else common)
    n = sig.shape[0]
    keys = band_keys(sig, settings.bands, settings.rows)
    rows = np.repeat(np.arange(first_row, first_row + n, dtype=np.int64), settings.bands)
    keep = np.repeat(usable(sig), settings.bands)
    flat_keys, rows = keys.reshape(-1)[keep], rows[keep]
    shard = shard_of(flat_keys, shards)
    for s in range(shards):
        mine = shard == s
        table = pa.table({"key": pa.array(flat_keys[mine], pa.uint64()), "row": pa.array(rows[mine], pa.int64())})
        store.write_table(store.band_file(outdir, settings.tier, s, part), table)
    store.write_table(sig_path, store.signature_table(sig, counts))  # last: its presence means the part is done
    return n


def shard_candidates(outdir: Path, tier: int, shard: int, parts: int, max_bucket: int, new_from: int) -> Buckets:
    """Candidate pairs from one shard of the band tables of partitions ``0..parts-1``."""
    import pyarrow as pa

    tables = [store.read_table(store.band_file(outdir, tier, shard, p)) for p in range(parts)]
    table = pa.concat_tables(tables) if tables else None
    if table is None or table.num_rows == 0:
        empty = np.zeros(0, dtype=np.int64)
        return Buckets(empty, empty)
    keys = table.column("key").to_numpy()
    rows = table.column("row").to_numpy()
    return bucket_pairs(keys, rows, max_bucket, new_from)
