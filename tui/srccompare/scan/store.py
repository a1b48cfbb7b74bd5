"""The files a scan keeps in OUTDIR/.stages, so a run resumes and a batch adds without recomputing.

Every file is written atomically (:mod:`srccompare.core.atomic`: never through
a link, never half-written), so a file that exists is complete and a stage
that was interrupted resumes at its first missing file. Layout::

    .stages/state.json                  settings, batches, partitions, finished stages
    .stages/articles/part-00007.parquet  id, text, metadata of one partition
    .stages/sig1/part-00007.parquet      tier-1 signatures (sig2: tier 2)
    .stages/tokens2/part-00007.parquet   tier-2 content-token hashes of each article
    .stages/df2/batch-001.parquet        how many of a batch's articles carry each tier-2 token
    .stages/bands1/s003/part-00007.parquet  band keys of one partition falling in shard 3
    .stages/edges1/batch-001.parquet     verified pairs a batch added (edges2: tier 2)
"""

from __future__ import annotations

import io
import os
from collections import OrderedDict
from pathlib import Path
from typing import Any

import msgspec
import numpy as np

from srccompare.core.atomic import atomic_write_bytes
from srccompare.scan.inputs import Piece

STAGES = ".stages"
FORMAT = "srccompare-scan/2"
"""Version of the stage files: /2 hashes tier-1 words anew and keeps tier-2 tokens and their counts."""


class Batch(msgspec.Struct, kw_only=True):
    """One run's inputs: the first run's, then one per ``scan --add``."""

    inputs: list[str]
    pieces: list[Piece]
    first_part: int
    done: list[str] = msgspec.field(default_factory=list)
    stats: dict[str, Any] = msgspec.field(default_factory=dict)

    @property
    def parts(self) -> int:
        return len(self.pieces)


class State(msgspec.Struct, kw_only=True):
    format: str = FORMAT
    settings: dict[str, Any]
    shards: int
    batches: list[Batch] = msgspec.field(default_factory=list)
    part_rows: list[int] = msgspec.field(default_factory=list)
    """Articles in each partition, once read (-1 until then)."""

    def offsets(self) -> np.ndarray:
        """Archive position of each partition's first article (and the total at the end)."""
        rows = np.array([max(r, 0) for r in self.part_rows], dtype=np.int64)
        out = np.zeros(len(rows) + 1, dtype=np.int64)
        np.cumsum(rows, out=out[1:])
        return out


def stages_dir(outdir: Path) -> Path:
    return outdir / STAGES


def state_path(outdir: Path) -> Path:
    return stages_dir(outdir) / "state.json"


def load_state(outdir: Path) -> State | None:
    path = state_path(outdir)
    if not path.exists():
        return None
    return msgspec.json.decode(path.read_bytes(), type=State)


def save_state(outdir: Path, state: State) -> None:
    atomic_write_bytes(state_path(outdir), msgspec.json.format(msgspec.json.encode(state)))


def part_file(outdir: Path, kind: str, part: int) -> Path:
    return stages_dir(outdir) / kind / f"part-{part:05d}.parquet"


def band_file(outdir: Path, tier: int, shard: int, part: int) -> Path:
    return stages_dir(outdir) / f"bands{tier}" / f"s{shard:03d}" / f"part-{part:05d}.parquet"


def batch_file(outdir: Path, kind: str, batch: int) -> Path:
    return stages_dir(outdir) / kind / f"batch-{batch:03d}.parquet"


def write_table(path: Path, table: Any) -> None:
    """A pyarrow Table as a Parquet file, atomically (folders made as needed)."""
    import pyarrow.parquet as pq

    path.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    pq.write_table(table, buffer, compression="zstd")
    atomic_write_bytes(path, buffer.getvalue())


def read_table(path: Path, columns: list[str] | None = None) -> Any:
    import pyarrow.parquet as pq

    return pq.read_table(path, columns=columns)


class _Cache:
    """The last few partitions a worker read (keyed by file and modification time), so a task that needs
    rows of one partition after another does not read it again."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.items: OrderedDict[tuple[str, int, str], Any] = OrderedDict()

    def get(self, path: Path, what: str, load) -> Any:
        key = (str(path), os.stat(path).st_mtime_ns, what)
        if key in self.items:
            self.items.move_to_end(key)
            return self.items[key]
        value = load(path)
        self.items[key] = value
        while len(self.items) > self.size:
            self.items.popitem(last=False)
        return value


_SIGNATURES = _Cache(64)
_TEXTS = _Cache(8)


def signatures_of(outdir: Path, tier: int, part: int) -> tuple[np.ndarray, np.ndarray]:
    """``(signatures, value counts)`` of a partition: a (rows, permutations) uint32 array and int32 counts."""

    def load(path: Path) -> tuple[np.ndarray, np.ndarray]:
        table = read_table(path)
        sig = table.column("sig").combine_chunks()
        width = sig.type.list_size
        values = sig.flatten().to_numpy(zero_copy_only=False).reshape(-1, width)
        return values, table.column("n").to_numpy()

    result: tuple[np.ndarray, np.ndarray] = _SIGNATURES.get(part_file(outdir, f"sig{tier}", part), "sig", load)
    return result


def texts_of(outdir: Path, part: int) -> list[str]:
    def load(path: Path) -> list[str]:
        return read_table(path, ["text"]).column("text").to_pylist()

    result: list[str] = _TEXTS.get(part_file(outdir, "articles", part), "text", load)
    return result


def tokens_of(outdir: Path, part: int) -> tuple[np.ndarray, np.ndarray]:
    """``(values, offsets)`` of a partition's tier-2 token hashes: article ``i``'s are ``values[offsets[i]:offsets[i+1]]``."""
    column = read_table(part_file(outdir, "tokens2", part)).column("tokens").combine_chunks()
    offsets = column.offsets.to_numpy().astype(np.int64)
    values = column.values.to_numpy(zero_copy_only=False).astype(np.uint32, copy=False)
    return values[offsets[0] : offsets[-1]], offsets - offsets[0]


def token_table(values: np.ndarray, offsets: np.ndarray) -> Any:
    import pyarrow as pa

    tokens = pa.LargeListArray.from_arrays(pa.array(offsets, pa.int64()), pa.array(values, pa.uint32()))
    return pa.table({"tokens": tokens})


def signature_table(sig: np.ndarray, counts: np.ndarray) -> Any:
    import pyarrow as pa

    flat = pa.array(np.ascontiguousarray(sig).reshape(-1), type=pa.uint32())
    return pa.table({"sig": pa.FixedSizeListArray.from_arrays(flat, sig.shape[1]), "n": pa.array(counts, pa.int32())})
