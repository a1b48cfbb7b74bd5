"""Reviewer annotations and the YAML file that keeps them safe.

The file shape (``format: srccompare-annotations``, ``schema_version: 1``) is fixed
by DESIGN.md. Safety rules kept here, not in the UI:

* writes are atomic (:mod:`srccompare.core.atomic`), so a crash leaves the old or the new file;
* a file that cannot be read (bad YAML, wrong ``format``, newer ``schema_version``,
  wrong shapes) is never overwritten: loading raises :class:`UserError`, and
  :meth:`AnnotationStore.save` re-checks the file on disk before replacing it;
* if another process changed the file since we read it, :meth:`AnnotationStore.save`
  raises :class:`ConflictError` instead of clobbering their work.
"""

from __future__ import annotations

import getpass
import hashlib
import os
import re
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from srccompare import __version__
from srccompare.core.errors import UserError
from srccompare.core.kinds import STDIN_NAME

FILE_FORMAT = "srccompare-annotations"
SCHEMA_VERSION = 1
CONTEXT_CHARS = 32
"""Code points of context kept before (``prefix``) and after (``suffix``) each quote."""
"""How a source read from standard input is named (as in :mod:`srccompare.inputs.sources`)."""
DEFAULT_FILE_NAME = "srccompare-review.yaml"
"""The annotation file used when ``--annotations`` is not given, beside the first source."""

ANCHOR_STATES = ("anchored", "relocated", "fuzzy", "orphan")
STALE_TEMP_SECONDS = 3600.0
"""Temp files of a save older than this are left over from a killed process and are removed on load."""


class WriteError(UserError):
    """The annotation file could not be written (read-only folder, missing folder, full disk)."""


class ConflictError(Exception):
    """The annotation file changed on disk since it was loaded; saving would clobber it."""

    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__(f"{path}: changed on disk since it was loaded (by another program or window)")


def utc_now() -> str:
    """The current time as an ISO 8601 UTC timestamp with a ``Z``, to the second."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def default_author() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name (containers, odd platforms)
        return ""


@dataclass(slots=True)
class Target:
    """One quoted span of one source that an annotation is about.

    ``exact`` is the quoted text; ``prefix``/``suffix`` hold up to 32 code points
    around it so the quote can be found again after the source is edited.
    """

    source: str
    start: int
    end: int
    exact: str
    prefix: str = ""
    suffix: str = ""
    anchor: str = "anchored"

    @classmethod
    def from_text(cls, source: str, text: str, start: int, end: int, anchor: str = "anchored") -> Target:
        """A target for ``text[start:end]`` with its context taken from ``text``."""
        if not 0 <= start <= end <= len(text):
            raise ValueError(f"span {start}-{end} is outside a text of {len(text)} code points")
        return cls(
            source=source,
            start=start,
            end=end,
            exact=text[start:end],
            prefix=text[max(0, start - CONTEXT_CHARS) : start],
            suffix=text[end : end + CONTEXT_CHARS],
            anchor=anchor,
        )

    def holds(self, text: str) -> bool:
        """Do this target's offsets still point at its quote in ``text``?"""
        return 0 <= self.start <= self.end <= len(text) and text[self.start : self.end] == self.exact

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "start": self.start,
            "end": self.end,
            "exact": self.exact,
            "prefix": self.prefix,
            "suffix": self.suffix,
            "anchor": self.anchor,
        }


@dataclass(slots=True)
class Annotation:
    """One discrepancy the reviewer recorded: what kind, how bad, why, and where."""

    category: str
    severity: str = "major"
    status: str = "open"
    note: str = ""
    targets: list[Target] = field(default_factory=list)
    row: int | None = None
    author: str = ""
    id: str = field(default_factory=lambda: str(uuid.uuid4()))
    created: str = field(default_factory=utc_now)
    modified: str = ""
    extra: dict[str, Any] = field(default_factory=dict)
    """Keys this version does not know, kept so that saving does not drop them."""

    def __post_init__(self) -> None:
        if not self.modified:
            self.modified = self.created

    def touched(self, **changes: Any) -> Annotation:
        """A copy with ``changes`` applied and ``modified`` set to now."""
        return replace(self, **changes, modified=utc_now())

    @property
    def orphaned(self) -> bool:
        return any(t.anchor == "orphan" for t in self.targets)

    @property
    def needs_review(self) -> bool:
        """Targets that were moved by a fuzzy match or lost, for the reviewer to confirm."""
        return any(t.anchor in ("fuzzy", "orphan") for t in self.targets)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id,
            "row": self.row,
            "category": self.category,
            "severity": self.severity,
            "status": self.status,
            "note": _Block(self.note),
            "author": self.author,
            "created": _Timestamp(self.created),
            "modified": _Timestamp(self.modified),
            "targets": [t.to_dict() for t in self.targets],
        }
        for key, value in self.extra.items():
            out.setdefault(key, value)
        return out


@dataclass(slots=True)
class SourceRecord:
    """A source as the annotation file remembers it: id, path and the hash of its text."""

    id: str
    path: str
    sha256: str

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "path": self.path, "sha256": self.sha256}


# --------------------------------------------------------------------------- YAML


class _Timestamp(str):
    """A str written as a plain YAML timestamp (``2026-01-02T10:05:00Z``), not quoted."""


class _Block(str):
    """A str written as a block scalar when it has several lines (reviewers' notes)."""


_ODD_BREAKS = ("\r", "\x85", "\u2028", "\u2029")
"""Line breaks PyYAML folds when reading quoted or block scalars; only "double quotes" escape them."""


_DUMPER: type | None = None


def _dumper() -> type:
    """A SafeDumper that writes notes as block scalars and timestamps unquoted.

    PyYAML itself falls back to a quoted style whenever a block scalar could not
    round-trip (trailing spaces on a line, control characters), and quotes any
    plain value it would read back as something else (``no``, ``1.10``, ``12:30``).
    """
    global _DUMPER
    if _DUMPER is not None:
        return _DUMPER
    import yaml

    base = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml's emitter when present: much faster

    class Dumper(base):  # type: ignore[valid-type,misc]
        def ignore_aliases(self, data: Any) -> bool:  # every value written in full, no &anchors
            return True

    def represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
        text = str(value)
        style = '"' if "\n" in text or any(b in text for b in _ODD_BREAKS) else None
        return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)

    def represent_block(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
        text = str(value)
        if "\n" not in text or any(b in text for b in _ODD_BREAKS):
            return represent_str(dumper, text)
        return dumper.represent_scalar("tag:yaml.org,2002:str", text, style="|")

    def represent_timestamp(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
        text = str(value)
        resolved = dumper.resolve(yaml.ScalarNode, text, (True, False))
        if resolved == "tag:yaml.org,2002:timestamp":
            return dumper.represent_scalar(resolved, text)
        return represent_str(dumper, text)

    Dumper.add_representer(str, represent_str)
    Dumper.add_representer(_Timestamp, represent_timestamp)
    Dumper.add_representer(_Block, represent_block)
    _DUMPER = Dumper
    return Dumper


def dump_yaml(data: Any) -> str:
    """``data`` as YAML in the order given, unicode kept readable, lines never folded."""
    import yaml

    return yaml.dump(
        data,
        Dumper=_dumper(),
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=2**30,  # never fold long lines (libyaml needs a whole number)
        indent=2,
    )


def _timestamp(value: Any, where: str, path: str) -> str:
    """A timestamp read from YAML (a datetime, or a string) as ``YYYY-MM-DDTHH:MM:SSZ``."""
    if isinstance(value, datetime):
        moment = value if value.tzinfo is None else value.astimezone(UTC)
        return moment.strftime("%Y-%m-%dT%H:%M:%SZ")
    if isinstance(value, date):
        return f"{value.isoformat()}T00:00:00Z"
    if isinstance(value, str):
        try:
            parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            raise UserError(f"'{where}' is not a date and time ({value!r})", path) from None
        return _timestamp(parsed, where, path)
    if value is None:
        return ""
    raise UserError(f"'{where}' is not a date and time", path)


# ------------------------------------------------------------------- reading a file


class _Reader:
    """Checks the parsed YAML field by field, so each problem is named by where it is."""

    def __init__(self, path: str) -> None:
        self.path = path

    def fail(self, problem: str) -> UserError:
        return UserError(f"is not a readable annotation file: {problem}; it was left untouched", self.path)

    def mapping(self, value: Any, where: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(f"'{where}' must be a mapping")
        return value

    def items(self, value: Any, where: str) -> list[Any]:
        if value is None:
            return []
        if not isinstance(value, list):
            raise self.fail(f"'{where}' must be a list")
        return value

    def text(self, data: dict[str, Any], key: str, where: str, default: str | None = None) -> str:
        value = data.get(key, default)
        if value is None and default is not None:
            return default
        if not isinstance(value, str):
            if default is None and key not in data:
                raise self.fail(f"'{where}.{key}' is missing")
            raise self.fail(f"'{where}.{key}' must be text (put values like no, on or 1.10 in quotes)")
        return value

    def integer(self, data: dict[str, Any], key: str, where: str) -> int:
        value = data.get(key)
        if not isinstance(value, int) or isinstance(value, bool):
            raise self.fail(f"'{where}.{key}' must be a whole number")
        if value < 0:
            raise self.fail(f"'{where}.{key}' must not be negative")
        return value

    def target(self, value: Any, where: str) -> Target:
        data = self.mapping(value, where)
        start = self.integer(data, "start", where)
        end = self.integer(data, "end", where)
        if end < start:
            raise self.fail(f"'{where}' ends before it starts")
        anchor = self.text(data, "anchor", where, "anchored")
        if anchor not in ANCHOR_STATES:
            raise self.fail(f"'{where}.anchor' must be one of {', '.join(ANCHOR_STATES)}")
        return Target(
            source=self.text(data, "source", where),
            start=start,
            end=end,
            exact=self.text(data, "exact", where, ""),
            prefix=self.text(data, "prefix", where, ""),
            suffix=self.text(data, "suffix", where, ""),
            anchor=anchor,
        )

    def annotation(self, value: Any, where: str) -> Annotation:
        data = self.mapping(value, where)
        row = data.get("row")
        if row is not None and (not isinstance(row, int) or isinstance(row, bool)):
            raise self.fail(f"'{where}.row' must be a whole number")
        ident = data.get("id")
        if not isinstance(ident, (str, int)) or isinstance(ident, bool) or not str(ident):
            raise self.fail(f"'{where}.id' is missing")
        created = _timestamp(data.get("created"), f"{where}.created", self.path) or utc_now()
        known = {"id", "row", "category", "severity", "status", "note", "author", "created", "modified", "targets"}
        return Annotation(
            id=str(ident),
            row=row,
            category=self.text(data, "category", where, "other"),
            severity=self.text(data, "severity", where, "major"),
            status=self.text(data, "status", where, "open"),
            note=self.text(data, "note", where, ""),
            author=self.text(data, "author", where, ""),
            created=created,
            modified=_timestamp(data.get("modified"), f"{where}.modified", self.path) or created,
            targets=[
                self.target(t, f"{where}.targets[{i}]")
                for i, t in enumerate(self.items(data.get("targets"), f"{where}.targets"))
            ],
            extra={k: v for k, v in data.items() if k not in known},
        )

    def source(self, value: Any, where: str) -> SourceRecord:
        data = self.mapping(value, where)
        return SourceRecord(
            id=self.text(data, "id", where),
            path=self.text(data, "path", where, ""),
            sha256=self.text(data, "sha256", where, ""),
        )


@dataclass(slots=True)
class _Parsed:
    sources: list[SourceRecord]
    annotations: list[Annotation]
    extra: dict[str, Any]


def parse_annotation_file(raw: bytes, path: str) -> _Parsed:
    """Parse the bytes of an annotation file, or raise :class:`UserError` saying what is wrong."""
    import yaml

    reader = _Reader(path)
    if not raw.strip():
        return _Parsed([], [], {})  # an empty file (just created by hand) is an empty review
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise reader.fail("it is not UTF-8 text") from None
    try:
        data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark else ""
        raise reader.fail(f"broken YAML{where}") from None
    except (RecursionError, ValueError) as exc:
        raise reader.fail(f"broken YAML ({exc})") from None
    if not isinstance(data, dict):
        raise reader.fail("expected a mapping with 'format: srccompare-annotations'")
    if "format" not in data:
        raise reader.fail(
            f"'format' is missing (not a srccompare annotation file? they start with 'format: {FILE_FORMAT}')"
        )
    if data.get("format") != FILE_FORMAT:
        raise reader.fail(f"'format' is {data.get('format')!r}, expected {FILE_FORMAT!r}")
    version = data.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise reader.fail("'schema_version' must be a whole number from 1")
    if version > SCHEMA_VERSION:
        raise UserError(
            f"was written by a newer srccompare (schema_version {version}; this version reads "
            f"{SCHEMA_VERSION}); upgrade srccompare — the file was left untouched",
            path,
        )
    sources = [reader.source(s, f"sources[{i}]") for i, s in enumerate(reader.items(data.get("sources"), "sources"))]
    annotations = [
        reader.annotation(a, f"annotations[{i}]")
        for i, a in enumerate(reader.items(data.get("annotations"), "annotations"))
    ]
    seen: set[str] = set()
    for ann in annotations:  # a hand-merged file may repeat an id: keep both, tell them apart
        if ann.id in seen:
            ann.id = str(uuid.uuid4())
        seen.add(ann.id)
    known = {"format", "schema_version", "generator", "sources", "annotations"}
    return _Parsed(sources, annotations, {k: v for k, v in data.items() if k not in known})


# ------------------------------------------------------------------------ the store


_SURROGATE = re.compile("[\ud800-\udfff]")


def _without_surrogates(value: Any) -> Any:
    """``value`` with every lone surrogate in its strings replaced by U+FFFD (the rest kept exactly)."""
    if isinstance(value, str):
        return type(value)(_SURROGATE.sub("\ufffd", value)) if _SURROGATE.search(value) else value
    if isinstance(value, dict):
        return {k: _without_surrogates(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_without_surrogates(v) for v in value]
    return value


@dataclass(frozen=True, slots=True)
class _Fingerprint:
    """What the file looked like when we last read or wrote it."""

    mtime_ns: int
    size: int
    sha256: str


def _fingerprint_of(path: Path, data: bytes | None = None) -> _Fingerprint | None:
    try:
        stat = path.stat()
        if data is None:
            data = path.read_bytes()
    except FileNotFoundError:
        return None
    return _Fingerprint(stat.st_mtime_ns, stat.st_size, hashlib.sha256(data).hexdigest())


class AnnotationStore:
    """The annotations of one review, bound to their YAML file.

    Mutating methods change memory only; :meth:`save` writes the whole file
    atomically. The app saves after every change.
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self.sources: list[SourceRecord] = []
        self.annotations: list[Annotation] = []
        self.extra: dict[str, Any] = {}
        self._seen: _Fingerprint | None = None
        self.rescued_from: Path | None = None
        """The file this review was meant to be saved in, when it had to be kept elsewhere."""

    # -- reading

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> AnnotationStore:
        """Read ``path``; a missing file gives an empty store that will create it on save."""
        store = cls(path)
        store.reload()
        store.remove_stale_temp_files()
        return store

    def remove_stale_temp_files(self, older_than: float = STALE_TEMP_SECONDS) -> int:
        """Delete temp files of interrupted saves (a killed process leaves them; the file itself is whole)."""
        import glob
        import time

        removed = 0
        pattern = f".{glob.escape(self.path.name)}.*.tmp"
        for temp in self.path.parent.glob(pattern):
            try:
                if time.time() - temp.stat().st_mtime > older_than:
                    temp.unlink()
                    removed += 1
            except OSError:
                pass
        return removed

    def reload(self) -> None:
        """Replace what is in memory with what is on disk (e.g. after a conflict)."""
        name = str(self.path)
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            self.sources, self.annotations, self.extra, self._seen = [], [], {}, None
            return
        except IsADirectoryError:
            raise UserError("is a folder, not an annotation file", name) from None
        except OSError as exc:
            raise UserError(f"cannot be read ({exc.strerror or exc})", name) from None
        parsed = parse_annotation_file(raw, name)
        self.sources, self.annotations, self.extra = parsed.sources, parsed.annotations, parsed.extra
        self._seen = _fingerprint_of(self.path, raw)

    # -- writing

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "format": FILE_FORMAT,
            "schema_version": SCHEMA_VERSION,
            "generator": f"srccompare {__version__}",
            "sources": [s.to_dict() for s in self.sources],
            "annotations": [a.to_dict() for a in self.annotations],
        }
        for key, value in self.extra.items():
            out.setdefault(key, value)
        return out

    def dumps(self) -> str:
        data = self.to_dict()
        try:
            return dump_yaml(data)
        except UnicodeEncodeError:  # a lone surrogate (a broken paste) cannot be written as UTF-8
            return dump_yaml(_without_surrogates(data))

    def changed_on_disk(self) -> bool:
        """Has the file changed (created, edited, removed) since we read or wrote it?

        Size and modification time answer quickly; the hash of the bytes settles
        it, so a rewrite within the same clock tick is still noticed.
        """
        try:
            stat = self.path.stat()
        except FileNotFoundError:
            return self._seen is not None
        if self._seen is None:
            return True
        if stat.st_size != self._seen.size:
            return True
        now = _fingerprint_of(self.path)
        return now is None or now.sha256 != self._seen.sha256

    def save(self, *, force: bool = False) -> None:
        """Write the file atomically.

        Raises :class:`ConflictError` when the file changed on disk since it was
        read (``force=True`` writes anyway: the reviewer chose to keep theirs),
        and :class:`UserError` when the file on disk is not a readable annotation
        file — that one is never overwritten, forced or not.
        """
        from srccompare.core.atomic import atomic_write_bytes

        name = str(self.path)
        if self.path.exists():
            try:
                raw = self.path.read_bytes()
            except OSError as exc:
                raise UserError(f"cannot be read, so it is not overwritten ({exc.strerror or exc})", name) from None
            unchanged = self._seen is not None and self._seen.sha256 == hashlib.sha256(raw).hexdigest()
            if not unchanged:  # someone else wrote it: it must be readable, and theirs is not clobbered unasked
                parse_annotation_file(raw, name)  # raises if the file is broken or newer: it is kept
                if not force:
                    raise ConflictError(self.path)
        # A file removed behind our back is simply written again: that loses nothing.
        data = self.dumps().encode("utf-8")
        try:
            atomic_write_bytes(self.path, data)
        except OSError as exc:
            raise WriteError(f"cannot be written ({exc.strerror or exc})", name) from None
        self._seen = _fingerprint_of(self.path, data)

    # -- sources

    def record_sources(self, sources: Iterable[Any]) -> None:
        """Remember the sources under review (objects with ``id``, ``path``, ``sha256``).

        Paths are kept relative to the annotation file's folder when that is
        possible, so a review folder can be moved or shared as a whole.
        """
        records = {s.id: s for s in self.sources}
        for src in sources:
            records[src.id] = SourceRecord(src.id, self.relative_path(src.path), src.sha256)
        self.sources = list(records.values())

    def relative_path(self, path: str) -> str:
        if path == STDIN_NAME:
            return path  # piped in: there is no file to point at
        absolute = Path(path).resolve()
        try:
            relative = Path(os.path.relpath(absolute, self.path.resolve().parent))
        except ValueError:  # another drive on Windows
            return str(absolute)
        if relative.parts[:3] == ("..", "..", ".."):
            return str(absolute)  # far away: a relative path would only confuse
        return relative.as_posix()

    def source_path(self, record: SourceRecord) -> Path:
        """Where a recorded source is: relative paths are taken from the annotation file's folder."""
        path = Path(record.path)
        return path if path.is_absolute() else self.path.resolve().parent / path

    def source_record(self, source_id: str) -> SourceRecord | None:
        return next((s for s in self.sources if s.id == source_id), None)

    # -- annotations

    def get(self, annotation_id: str) -> Annotation | None:
        return next((a for a in self.annotations if a.id == annotation_id), None)

    def add(self, annotation: Annotation) -> None:
        self.annotations.append(annotation)

    def put(self, annotation: Annotation) -> None:
        """Add ``annotation``, or replace the one with the same id in place."""
        for i, existing in enumerate(self.annotations):
            if existing.id == annotation.id:
                self.annotations[i] = annotation
                return
        self.annotations.append(annotation)

    def remove(self, annotation_id: str) -> Annotation | None:
        for i, existing in enumerate(self.annotations):
            if existing.id == annotation_id:
                return self.annotations.pop(i)
        return None

    def for_row(self, row: int) -> list[Annotation]:
        return [a for a in self.annotations if a.row == row]

    def __len__(self) -> int:
        return len(self.annotations)


# ------------------------------------------------------------------- opening a review


def default_annotation_path(first_source: str | os.PathLike[str]) -> Path:
    """Where a review's annotations go without ``--annotations``: beside the first source."""
    first = Path(first_source)
    if str(first_source) == "-" or not str(first_source):
        return Path.cwd() / DEFAULT_FILE_NAME
    folder = first if first.is_dir() else first.parent
    return folder / DEFAULT_FILE_NAME


def rescue_path(path: str | os.PathLike[str]) -> Path:
    """Where a review goes when its own file cannot be written: the user's data folder.

    The name is derived from the intended path, so running the same command again
    finds the rescued review (see :func:`open_review_file`).
    """
    from platformdirs import user_data_dir

    intended = Path(path).resolve()
    digest = hashlib.sha256(str(intended).encode("utf-8")).hexdigest()[:10]
    return Path(user_data_dir("srccompare")) / "rescued" / f"{intended.stem}-{digest}.yaml"


def open_review_file(path: str | os.PathLike[str], *, must_exist: bool = False) -> AnnotationStore:
    """Load the annotation file of a review; a missing file is an empty review unless ``must_exist``.

    When the file is missing but an earlier session had to rescue it (its folder
    could not be written), the rescued review is opened instead, with
    ``rescued_from`` naming the intended file.
    """
    target = Path(path)
    if not target.exists():
        rescued = rescue_path(target)
        if rescued.is_file():
            store = AnnotationStore.load(rescued)
            store.rescued_from = target
            return store
        if must_exist:
            raise UserError("no such file (give the sources to start a new review)", str(path))
    return AnnotationStore.load(target)


def recorded_sources(store: AnnotationStore) -> list[tuple[str, str]]:
    """``(id, path)`` of each source the review file names, paths resolved from the file's folder."""
    if not store.sources:
        raise UserError("names no sources to reopen; give the source files as well", str(store.path))
    piped = [rec.id for rec in store.sources if rec.path == STDIN_NAME]
    if piped:
        raise UserError(
            f"source '{piped[0]}' was read from standard input, so it cannot be reopened from the file; "
            "give the sources again with --annotations (use - for the piped one)",
            str(store.path),
        )
    return [(rec.id, str(store.source_path(rec))) for rec in store.sources]
