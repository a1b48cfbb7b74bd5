"""What a scan reads, planned on the client: each INPUT cut into pieces a worker reads on its own.

INPUT is a folder of files srccompare reads (text, Markdown, HTML, .docx,
PDF; read recursively, article id = path relative to the folder), a JSON
Lines file (one article a line: ``id`` and ``text``, optional ``date``,
``source``, ``title``, ``url``), or a Parquet file or folder with the same
columns. Everything that would make the scan fail later (a missing path, a
Parquet file without ``text``, a folder with nothing to read) fails here,
before a worker starts, as one line naming the input.
"""

from __future__ import annotations

import itertools
import os
from dataclasses import dataclass
from pathlib import Path

from srccompare.core.errors import UserError
from srccompare.inputs.sources import is_supported

JSONL_SUFFIXES = {".jsonl", ".ndjson", ".jsonlines"}
PARQUET_SUFFIXES = {".parquet", ".parq", ".pq"}
META_COLUMNS = ("date", "source", "title", "url")
SCAN_MARK = ".srccompare-scan"
"""The file that marks a scan's OUTDIR: a folder holding one is never read as input (its review copies)."""
_SAMPLE_BYTES = 1 << 22
_TYPICAL_LINE = 3000


@dataclass(frozen=True)
class Piece:
    """One partition of the input: what one worker task reads into one Arrow table."""

    kind: str  # "files", "jsonl" or "parquet"
    input: str  # the INPUT as given
    paths: tuple[str, ...] = ()  # files: the files; jsonl / parquet: the one file
    start: int = 0  # jsonl: byte range [start, end)
    end: int = 0
    row_groups: tuple[int, ...] = ()  # parquet


def plan(inputs: list[str], partition_articles: int) -> list[Piece]:
    """The pieces of every INPUT, in archive order; a :class:`UserError` for an input that cannot be read."""
    pieces: list[Piece] = []
    for arg in inputs:
        pieces.extend(_plan_one(arg, partition_articles))
    return pieces


def _plan_one(arg: str, partition_articles: int) -> list[Piece]:
    path = Path(arg)
    if not path.exists():
        raise UserError("no such file or folder", arg)
    if path.is_dir():
        parquet = _parquet_files(path)
        if parquet is not None:
            return _plan_parquet(arg, parquet, partition_articles)
        return _plan_folder(arg, path, partition_articles)
    if not path.is_file():
        raise UserError("is not a file or a folder; give a folder, a JSON Lines file or a Parquet file", arg)
    suffix = path.suffix.lower()
    if suffix in PARQUET_SUFFIXES or _starts_with(path, b"PAR1"):
        return _plan_parquet(arg, [path], partition_articles)
    if suffix in JSONL_SUFFIXES or suffix == ".json":
        return _plan_jsonl(arg, path, partition_articles)
    raise UserError(
        "is neither a folder, a JSON Lines file (.jsonl) nor a Parquet file; "
        "to scan single files, put them in a folder and give the folder",
        arg,
    )


def _starts_with(path: Path, magic: bytes) -> bool:
    try:
        with open(path, "rb") as handle:
            return handle.read(len(magic)) == magic
    except OSError as exc:
        raise UserError(f"cannot be read ({exc.strerror or exc})", str(path)) from None


def _walk(folder: Path) -> list[Path]:
    """The files under ``folder`` in a stable order; hidden entries and scan outputs are passed over."""
    found: list[Path] = []

    def fail(exc: OSError) -> None:
        raise UserError(f"cannot be read ({exc.strerror or exc})", str(exc.filename or folder))

    for root, dirs, files in os.walk(folder, onerror=fail):
        if SCAN_MARK in files and Path(root) != folder:
            dirs[:] = []
            continue
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found.extend(Path(root) / f for f in sorted(files) if not f.startswith("."))
    return sorted(found, key=lambda p: p.relative_to(folder).parts)


def _parquet_files(folder: Path) -> list[Path] | None:
    """A folder's Parquet files when that is all it holds (a Parquet dataset), else None."""
    files = _walk(folder)
    parquet = [f for f in files if f.suffix.lower() in PARQUET_SUFFIXES]
    if parquet and not any(is_supported(f) for f in files if f.suffix.lower() not in PARQUET_SUFFIXES):
        return parquet
    return None


def _plan_folder(arg: str, folder: Path, partition_articles: int) -> list[Piece]:
    files = [str(f) for f in _walk(folder) if f.suffix.lower() not in (".yaml", ".yml") and is_supported(f)]
    if not files:
        raise UserError("folder has no articles to scan (text, Markdown, HTML, .docx or PDF files)", arg)
    return [
        Piece("files", arg, tuple(files[i : i + partition_articles])) for i in range(0, len(files), partition_articles)
    ]


def _plan_jsonl(arg: str, path: Path, partition_articles: int) -> list[Piece]:
    """Byte ranges of about ``partition_articles`` lines each, cut at line ends."""
    size = path.stat().st_size
    if size == 0:
        raise UserError("is empty: no articles to scan", arg)
    with open(path, "rb") as handle:
        sample = handle.read(_SAMPLE_BYTES)
        lines = sample.count(b"\n") or 1
        typical = len(sample) // lines if sample.count(b"\n") else _TYPICAL_LINE
        step = max(1, typical * partition_articles)
        bounds = [0]
        while bounds[-1] + step < size:
            handle.seek(bounds[-1] + step)
            cut = _next_line_start(handle, size)
            if cut >= size:
                break
            bounds.append(cut)
    bounds.append(size)
    return [Piece("jsonl", arg, (str(path),), start=a, end=b) for a, b in itertools.pairwise(bounds)]


def _next_line_start(handle, size: int) -> int:
    """The offset just after the next newline from the handle's position (``size`` if there is none)."""
    while True:
        chunk = handle.read(1 << 16)
        if not chunk:
            return size
        at = chunk.find(b"\n")
        if at >= 0:
            return handle.tell() - len(chunk) + at + 1


def _plan_parquet(arg: str, files: list[Path], partition_articles: int) -> list[Piece]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    pieces: list[Piece] = []
    for path in files:
        name = str(path)
        try:
            meta = pq.ParquetFile(path).metadata
        except (OSError, pa.ArrowException) as exc:
            raise UserError(f"is not a readable Parquet file ({_first_line(exc)})", name) from None
        schema = meta.schema.to_arrow_schema()
        for column in ("id", "text"):
            if column not in schema.names:
                raise UserError(f"has no '{column}' column (a Parquet archive needs 'id' and 'text')", name)
        if not (pa.types.is_string(schema.field("text").type) or pa.types.is_large_string(schema.field("text").type)):
            raise UserError(f"its 'text' column holds {schema.field('text').type}, not strings", name)
        groups: list[int] = []
        rows = 0
        for g in range(meta.num_row_groups):
            groups.append(g)
            rows += meta.row_group(g).num_rows
            if rows >= partition_articles:
                pieces.append(Piece("parquet", arg, (name,), row_groups=tuple(groups)))
                groups, rows = [], 0
        if groups:
            pieces.append(Piece("parquet", arg, (name,), row_groups=tuple(groups)))
    if not pieces:
        raise UserError("holds no Parquet row groups: no articles to scan", arg)
    return pieces


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__
