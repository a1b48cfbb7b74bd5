"""Read one planned piece of the archive into an Arrow table of articles (runs on a worker).

Each article is checked against the per-article cap (``scan.max_article_mb``)
before it is decoded: a larger one is skipped and counted, never read whole.
A folder's files go through srccompare's own readers (encodings, HTML, .docx,
PDF, each with the same cap), and srccompare's own files (a review, an export)
are left out as the app leaves them out. A JSON line that is not an article
is an input error, reported with its line number.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import msgspec

from srccompare.core.errors import UserError
from srccompare.scan.inputs import META_COLUMNS, Piece

SKIP_EXAMPLES = 5


@dataclass
class ReadResult:
    """Articles of a piece, with what was left out, or the input error that stops the scan."""

    ids: list[str] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    meta: dict[str, list[str | None]] = field(default_factory=lambda: {c: [] for c in META_COLUMNS})
    paths: list[str | None] = field(default_factory=list)
    skipped: int = 0
    skip_examples: list[str] = field(default_factory=list)
    lines: int = 0
    error: tuple[int, str] | None = None  # (line within the piece, problem): JSON Lines only

    def add(self, article_id: str, text: str, meta: dict[str, Any], path: str | None = None) -> None:
        self.ids.append(article_id)
        self.texts.append(text)
        for column in META_COLUMNS:
            value = meta.get(column)
            self.meta[column].append(None if value is None else str(value))
        self.paths.append(path)

    def skip(self, what: str) -> None:
        self.skipped += 1
        if len(self.skip_examples) < SKIP_EXAMPLES:
            self.skip_examples.append(what)


def read_piece(piece: Piece, max_bytes: int) -> ReadResult:
    if piece.kind == "files":
        return _read_files(piece, max_bytes)
    if piece.kind == "jsonl":
        return _read_jsonl(piece, max_bytes)
    return _read_parquet(piece, max_bytes)


def _read_files(piece: Piece, max_bytes: int) -> ReadResult:
    from srccompare.inputs.own_files import recognise
    from srccompare.inputs.reading import read_source_bytes
    from srccompare.inputs.sources import normalize_newlines, reader_for

    out = ReadResult()
    root = Path(piece.input)
    for name in piece.paths:
        path = Path(name)
        article_id = path.relative_to(root).as_posix()
        try:
            data = read_source_bytes(path, max_bytes)
            if not data or recognise(data):
                continue  # empty, or a review or export srccompare wrote: not an article
            text, meta = reader_for(path, data, max_bytes=max_bytes)(path, data)
        except UserError as exc:
            out.skip(f"{article_id}: {exc.problem}")
            continue
        except Exception as exc:  # a reader library failing on a broken file: that file is left out
            out.skip(f"{article_id}: cannot be read ({type(exc).__name__})")
            continue
        text = normalize_newlines(text)
        if text.strip():
            out.add(article_id, text, {"title": meta.get("title")}, os.path.abspath(name))
    return out


class _Line(msgspec.Struct):
    id: str | int
    text: str
    date: str | int | float | None = None
    source: str | None = None
    title: str | None = None
    url: str | None = None


_DECODER = msgspec.json.Decoder(_Line)


def _read_jsonl(piece: Piece, max_bytes: int) -> ReadResult:
    out = ReadResult()
    with open(piece.paths[0], "rb") as handle:
        handle.seek(piece.start)
        position = piece.start
        while position < piece.end:
            line = handle.readline(max_bytes + 1)
            if not line:
                break
            position += len(line)
            out.lines += 1
            if len(line) > max_bytes and not line.endswith(b"\n"):
                position += _skip_rest_of_line(handle)
                out.skip(f"line {out.lines} of this part: larger than scan.max_article_mb")
                continue
            if not line.strip():
                continue
            try:
                record = _DECODER.decode(line)
            except msgspec.ValidationError as exc:
                out.error = (out.lines, f"is not an article ({exc}; each line needs 'id' and 'text')")
                return out
            except msgspec.DecodeError:
                out.error = (out.lines, "is not valid JSON")
                return out
            text = record.text.replace("\r\n", "\n").replace("\r", "\n")
            if text.strip():
                meta = {c: getattr(record, c) for c in META_COLUMNS}
                out.add(str(record.id), text, meta)
    return out


def _skip_rest_of_line(handle) -> int:
    skipped = 0
    while True:
        chunk = handle.readline(1 << 20)
        skipped += len(chunk)
        if not chunk or chunk.endswith(b"\n"):
            return skipped


def _read_parquet(piece: Piece, max_bytes: int) -> ReadResult:
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    out = ReadResult()
    handle = pq.ParquetFile(piece.paths[0])
    present = [c for c in ("id", "text", *META_COLUMNS) if c in handle.schema_arrow.names]
    table = handle.read_row_groups(list(piece.row_groups), columns=present)
    sizes = pc.binary_length(table.column("text")).to_pylist()
    columns = {c: (table.column(c).cast(pa.string()) if c != "text" else table.column(c)).to_pylist() for c in present}
    for i, size in enumerate(sizes):
        article_id = columns["id"][i]
        text = columns["text"][i]
        if article_id is None or text is None:
            out.skip(f"row {i} of this part: no id or no text")
            continue
        if size > max_bytes:
            out.skip(f"{article_id}: larger than scan.max_article_mb")
            continue
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        if text.strip():
            out.add(str(article_id), text, {c: columns[c][i] for c in META_COLUMNS if c in columns})
    return out
