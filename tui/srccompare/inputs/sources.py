"""Read files into :class:`Source` objects: decode, normalise newlines, hash, split.

Every problem a user can cause (missing, empty, binary or undecodable file, a
folder with nothing readable, a device, a source over ``limits.max_source_mb``)
becomes a :class:`UserError` naming the file.
"""

from __future__ import annotations

import hashlib
import re
import sys
from collections.abc import Callable, Iterable
from pathlib import Path

from srccompare.core.config import LimitsConfig
from srccompare.core.errors import UserError
from srccompare.core.kinds import STDIN_NAME
from srccompare.core.model import Paragraph, Source
from srccompare.inputs import readers
from srccompare.inputs.decoding import decode_bytes
from srccompare.inputs.own_files import OwnFile, recognise
from srccompare.inputs.reading import read_capped, read_source_bytes
from srccompare.inputs.titles import guess_title
from srccompare.text.segment import split_paragraphs

TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown", ".rst", ""}

Reader = Callable[[Path, bytes], tuple[str, dict]]
STDIN = "-"
DEFAULT_MAX_BYTES = LimitsConfig().max_source_bytes
"""The cap on one source's bytes when the caller passes none (``limits.max_source_mb``'s default)."""


class OwnFileGiven(UserError):
    """A file srccompare wrote (a review, an export, an alignment) was given as a source."""


def own_file_error(own: OwnFile, name: str) -> OwnFileGiven:
    """The one line that names such a file and says what to do with it instead."""
    if own.is_review:
        hint = f"to open the review, give it with --annotations {'FILE' if name == STDIN_NAME else name}"
    else:
        hint = "compare the sources it was made from"
    return OwnFileGiven(f"is {own.description}, not a source ({hint})", name)


def normalize_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_plain(path: Path, data: bytes) -> tuple[str, dict]:
    text, encoding = decode_bytes(data, str(path))
    fmt = "markdown" if path.suffix.lower() in {".md", ".markdown"} else "text"
    return normalize_newlines(text), {"format": fmt, "encoding": encoding}


def reader_for(
    path: Path, data: bytes | None = None, *, raw: bool = False, max_bytes: int = DEFAULT_MAX_BYTES
) -> Reader:
    """The function that turns this kind of file into text plus metadata.

    Chosen by the file's suffix, or by its first bytes when the name does not
    say (see :mod:`srccompare.inputs.readers`); ``raw`` makes a web page give all of
    its visible text instead of the article; ``max_bytes`` caps what a .docx may unpack to.
    """
    kind = readers.kind_of(path, data, TEXT_SUFFIXES)
    return readers.reader_for_kind(kind, raw=raw, max_bytes=max_bytes) or read_plain


def is_supported(path: Path) -> bool:
    """Whether a folder's file is one srccompare reads (by its name)."""
    return path.suffix.lower() in TEXT_SUFFIXES or readers.is_supported(path)


_SLUG = re.compile(r"[^a-z0-9]+")


def make_id(path: str, taken: set[str]) -> str:
    """A short stable id from the file name, made unique among ``taken``."""
    stem = Path(path).stem.lower() or "source"
    slug = _SLUG.sub("-", stem).strip("-") or "source"
    slug = slug[:16].rstrip("-")
    candidate, n = slug, 2
    while candidate in taken:
        candidate = f"{slug}-{n}"
        n += 1
    taken.add(candidate)
    return candidate


def build_source(path: str, text: str, meta: dict, taken: set[str]) -> Source:
    if not text.strip():
        raise UserError("has no text (it is empty or only blank space)", path)
    spans, wrapped = split_paragraphs(text)
    heading = None
    if len(spans) > 1 and wrapped:
        meta["hard_wrapped"] = True  # inner line breaks of its paragraphs are wraps
        heading = " ".join(text[spans[0].start : spans[0].end].split())  # a headline wrapped over two lines
    title = meta.pop("title", None) or guess_title(text, path, heading)
    return Source(
        id=make_id(path, taken),
        path=path,
        text=text,
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        title=title,
        paragraphs=[Paragraph(s.start, s.end) for s in spans],
        meta=meta,
    )


def read_source(
    path: str | Path, taken: set[str] | None = None, *, raw: bool = False, max_bytes: int = DEFAULT_MAX_BYTES
) -> Source:
    """Read one file (or ``-``, standard input) into a :class:`Source`, at most ``max_bytes`` of it."""
    if str(path) == STDIN:
        return _read_stdin(taken, raw, max_bytes)
    p = Path(path)
    name = str(path)
    data = read_source_bytes(p, max_bytes)
    if not data:
        raise UserError("is empty", name)
    if own := recognise(data):
        raise own_file_error(own, name)
    text, meta = reader_for(p, data, raw=raw, max_bytes=max_bytes)(p, data)
    return build_source(name, normalize_newlines(text), meta, taken if taken is not None else set())


def _read_stdin(taken: set[str] | None, raw: bool, max_bytes: int) -> Source:
    """Standard input as one source (id ``stdin``); its kind is told by its content."""
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None or stream.closed:
        raise UserError("standard input is not available", STDIN_NAME)
    data = read_capped(stream, max_bytes, STDIN_NAME)
    if not data:
        raise UserError("is empty (nothing was piped in)", STDIN_NAME)
    if own := recognise(data):
        raise own_file_error(own, STDIN_NAME)
    p = Path(STDIN_NAME)
    text, meta = reader_for(p, data, raw=raw, max_bytes=max_bytes)(p, data)
    return build_source(STDIN_NAME, normalize_newlines(text), meta, taken if taken is not None else set())


SUPPORTED_KINDS = "text, Markdown, HTML, .docx or PDF"

SkipReport = Callable[[UserError], None]

# Files that accompany sources in a folder and are never sources themselves, so
# leaving them out is not worth a "skipped" line.
COMPANION_SUFFIXES = {".yaml", ".yml"}


def report_skip(error: UserError) -> None:
    """Name a folder's file that was left out: one line on stderr."""
    print(f"srccompare: skipped {error}", file=sys.stderr)


def folder_files(folder: str, on_skip: SkipReport | None = None) -> list[str]:
    """A folder's supported files in name order.

    Documents and images of a kind srccompare cannot read (.doc, .odt, .png...)
    are reported to ``on_skip`` with what to do instead; other files (data,
    scripts, a page's stylesheets) are not sources and are passed over quietly.
    """
    out: list[str] = []
    for f in sorted(Path(folder).iterdir(), key=lambda f: f.name):
        if f.name.startswith(".") or not f.is_file():
            continue  # hidden files, and sub-folders such as a saved page's "_files" assets
        if f.suffix.lower() in COMPANION_SUFFIXES:
            continue  # a review's own YAML (annotations, expected results) lives beside its sources
        if is_supported(f):
            out.append(str(f))
        elif on_skip is not None and (reason := readers.unsupported_reason(f)):
            on_skip(UserError(reason, str(f)))
    return out


def expand_paths(args: Iterable[str], on_skip: SkipReport | None = None) -> list[str]:
    """Files as given; a folder stands for its supported files in name order."""
    out: list[str] = []
    for arg in args:
        if arg != STDIN and Path(arg).is_dir():
            files = folder_files(arg, on_skip)
            if not files:
                raise UserError(f"folder has no files to compare ({SUPPORTED_KINDS})", arg)
            out.extend(files)
        else:
            out.append(arg)
    return out


def read_sources(
    args: Iterable[str],
    *,
    raw: bool = False,
    on_skip: SkipReport | None = report_skip,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> list[Source]:
    """Read every source named on the command line: files, folders, ``-`` for standard input.

    A file named on its own must be readable; a folder's files that cannot be
    read are left out and reported to ``on_skip`` (by default one stderr line
    each), and a folder none of whose files can be read is an error. ``raw``
    compares web pages' full visible text instead of their article; no source
    may be larger than ``max_bytes``.

    srccompare's own files (a review, its exports, a printed alignment; see
    :mod:`.own_files`) are never sources: named (or reached by a shell glob) they
    are left out with a line to ``on_skip`` saying what to do instead; in a
    folder, where they sit beside the sources, quietly. If that leaves no source
    at all, it is an error.
    """
    args = list(args)
    if args.count(STDIN) > 1:
        raise UserError("standard input ('-') can be given only once")
    taken: set[str] = set()
    sources: list[Source] = []
    own_given: list[str] = []
    for arg in args:
        if arg == STDIN or not Path(arg).is_dir():
            try:
                sources.append(read_source(arg, taken, raw=raw, max_bytes=max_bytes))
            except OwnFileGiven as error:
                own_given.append(arg)
                if on_skip is not None:
                    on_skip(error)
            continue
        found = []
        for path in folder_files(arg, on_skip):
            try:
                found.append(read_source(path, taken, raw=raw, max_bytes=max_bytes))
            except OwnFileGiven:
                continue  # the review and its exports, saved beside the sources
            except UserError as error:
                if on_skip is not None:
                    on_skip(error)
        if not found:
            raise UserError(f"folder has no file that can be compared ({SUPPORTED_KINDS})", arg)
        sources.extend(found)
    if own_given and not sources:
        raise UserError(
            "no source left to compare: every file given was written by srccompare (a review or an export)",
            " ".join(own_given),
        )
    return sources
