"""A review's annotations bound to their YAML file, and the rules that keep that file safe.

* writes are atomic (:mod:`srccompare.core.atomic`), so a crash leaves the old or the new file;
* only a plain file is ever replaced: never a symbolic link, folder, pipe or device;
* a file that cannot be read (bad YAML, wrong ``format``, newer ``schema_version``,
  wrong shapes) is never overwritten: loading raises :class:`UserError`, and
  :meth:`AnnotationStore.save` re-checks the file on disk before replacing it;
* if another process changed the file since we read it, :meth:`AnnotationStore.save`
  raises :class:`ConflictError`; :meth:`AnnotationStore.resolve_conflict` applies
  the reviewer's answer;
* when the file cannot be written, :meth:`AnnotationStore.save_or_rescue` keeps the
  review in the user's data folder (:func:`~srccompare.review.paths.rescue_path`) rather than lose it.
"""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from srccompare import __version__
from srccompare.core.errors import UserError
from srccompare.core.kinds import STDIN_NAME
from srccompare.review.codec import dump_review, parse_annotation_file, review_to_dict
from srccompare.review.model import Annotation, SourceRecord
from srccompare.review.paths import free_name, rescue_path

STALE_TEMP_SECONDS = 3600.0
"""Temp files of a save older than this are left over from a killed process and are removed on load."""

RELOAD, KEEP, DISCARD = "reload", "keep", "discard"
"""The reviewer's answers to a conflict: take theirs and re-apply mine, write mine over theirs, take theirs only."""


class WriteError(UserError):
    """The annotation file could not be written (read-only folder, missing folder, full disk, not a plain file)."""


class ReloadError(UserError):
    """After a conflict, the file on disk could not be read back: the review cannot go on from it."""


class ConflictError(Exception):
    """The annotation file changed on disk since it was loaded; saving would clobber it."""

    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__(f"{path}: changed on disk since it was loaded (by another program or window)")


@dataclass(frozen=True, slots=True)
class Rescue:
    """The review could not be saved where it belongs and was kept elsewhere: where, and why."""

    intended: Path
    path: Path
    reason: str


@dataclass(frozen=True, slots=True)
class Settled:
    """How a conflict ended: ``saved`` is False when the reviewer's change was dropped for theirs."""

    saved: bool
    rescue: Rescue | None = None


Change = Callable[["AnnotationStore"], object]
"""A change the reviewer made, applied to the store (its result, if any, is ignored)."""


@dataclass(frozen=True, slots=True)
class _Fingerprint:
    """What the file looked like when we last read or wrote it."""

    mtime_ns: int
    size: int
    sha256: str


def _fingerprint_of(path: Path, data: bytes | None = None) -> _Fingerprint | None:
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            return None
        if data is None:
            data = path.read_bytes()
    except FileNotFoundError:
        return None
    return _Fingerprint(info.st_mtime_ns, info.st_size, hashlib.sha256(data).hexdigest())


def _not_plain(path: Path) -> str | None:
    """What ``path`` is when it is there but not a plain file (it is then never replaced), else None."""
    try:
        mode = os.lstat(path).st_mode
    except OSError:
        return None
    if stat.S_ISLNK(mode):
        return "is a symbolic link"
    if stat.S_ISDIR(mode):
        return "is a folder"
    if not stat.S_ISREG(mode):
        return "is not a regular file"
    return None


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
            mode = self.path.stat().st_mode
            if stat.S_ISDIR(mode):
                raise UserError("is a folder, not an annotation file", name)
            if not stat.S_ISREG(mode):  # a pipe or device: reading could block or never end
                raise UserError("is not a regular file, so it cannot be an annotation file", name)
            raw = self.path.read_bytes()
        except FileNotFoundError:
            self.sources, self.annotations, self.extra, self._seen = [], [], {}, None
            return
        except OSError as exc:
            raise UserError(f"cannot be read ({exc.strerror or exc})", name) from None
        parsed = parse_annotation_file(raw, name)
        self.sources, self.annotations, self.extra = parsed.sources, parsed.annotations, parsed.extra
        self._seen = _fingerprint_of(self.path, raw)

    # -- writing

    def to_dict(self) -> dict[str, Any]:
        return review_to_dict(self.sources, self.annotations, self.extra, f"srccompare {__version__}")

    def dumps(self) -> str:
        return dump_review(self.to_dict())

    def changed_on_disk(self) -> bool:
        """Has the file changed (created, edited, removed) since we read or wrote it?

        Size and modification time answer quickly; the hash of the bytes settles
        it, so a rewrite within the same clock tick is still noticed.
        """
        try:
            info = self.path.stat()
        except FileNotFoundError:
            return self._seen is not None
        if self._seen is None:
            return True
        if info.st_size != self._seen.size:
            return True
        now = _fingerprint_of(self.path)
        return now is None or now.sha256 != self._seen.sha256

    def save(self, *, force: bool = False) -> None:
        """Write the file atomically.

        Raises :class:`ConflictError` when the file changed on disk since it was
        read (``force=True`` writes anyway: the reviewer chose to keep theirs),
        and :class:`UserError` when the file on disk is not a readable annotation
        file or not a plain file — that one is never overwritten, forced or not.
        """
        from srccompare.core import atomic  # looked up at call time: tests stand in a failing writer

        name = str(self.path)
        odd = _not_plain(self.path)
        if odd:
            raise WriteError(f"{odd}, so it is not written over", name)
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
            atomic.atomic_write_bytes(self.path, data)
        except OSError as exc:
            raise WriteError(f"cannot be written ({exc.strerror or exc})", name) from None
        self._seen = _fingerprint_of(self.path, data)

    def save_or_rescue(self, *, force: bool = False, sources: Iterable[Any] | None = None) -> Rescue | None:
        """Save (recording ``sources`` first); if this file cannot be written, keep the review elsewhere.

        A read-only folder, or a file another program left broken (never written
        over), must not cost the reviewer the note just typed: the whole review
        goes to :func:`~srccompare.review.paths.rescue_path` and every later save follows it there.
        Returns where it went (None: saved in place). Raises :class:`ConflictError`
        for the reviewer to decide, and the first failure when even the rescue failed.
        """
        if sources is not None:
            self.record_sources(sources)
        try:
            self.save(force=force)
        except UserError as failure:
            rescue = self._rescue(failure)
            if rescue is None:
                raise
            return rescue
        return None

    def _rescue(self, failure: UserError) -> Rescue | None:
        if self.rescued_from is not None:
            return None  # the rescue file itself cannot be written
        intended, records = self.path, [(r, r.path) for r in self.sources]
        target = free_name(rescue_path(intended))  # another session's rescue of this review: never over it
        self.move_to(target)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            self.save()
        except (OSError, UserError, ConflictError):
            self.path = intended
            self.sources = [r for r, _path in records]
            for record, path in records:
                record.path = path
            return None
        self.rescued_from = intended
        return Rescue(intended, target, failure.problem)

    def move_to(self, path: str | os.PathLike[str]) -> None:
        """Bind the review to another file; recorded sources keep pointing at the same files."""
        where = [rec.path if rec.path == STDIN_NAME else str(self.source_path(rec)) for rec in self.sources]
        self.path = Path(path)
        for record, absolute in zip(self.sources, where):
            record.path = self.relative_path(absolute)

    def resolve_conflict(self, choice: str, change: Change | None, sources: Iterable[Any] | None = None) -> Settled:
        """Apply the reviewer's answer to a :class:`ConflictError` from saving ``change``.

        ``keep`` writes this review over theirs; ``discard`` takes theirs; ``reload``
        takes theirs, re-anchors it on ``sources`` and applies ``change`` to it, so
        both are kept. Raises :class:`ReloadError` when their file cannot be read
        (it is then never written), :class:`ConflictError` when it changed yet again.
        """
        if choice not in (RELOAD, KEEP, DISCARD):
            raise ValueError(f"unknown answer to a conflict: {choice!r}")
        sources = list(sources) if sources is not None else None
        if choice == KEEP:
            return Settled(True, self.save_or_rescue(force=True, sources=sources))
        try:
            self.reload()
        except UserError as exc:
            raise ReloadError(exc.problem, exc.path) from None
        if sources is not None:
            from srccompare.review.anchoring import reanchor_store

            reanchor_store(self, sources)
        if choice == DISCARD or change is None:
            return Settled(False)
        change(self)
        return Settled(True, self.save_or_rescue(sources=sources))

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


def open_review_file(path: str | os.PathLike[str], *, must_exist: bool = False) -> AnnotationStore:
    """Load the annotation file of a review; a missing file is an empty review unless ``must_exist``.

    When the file is missing but an earlier session had to rescue it (its folder
    could not be written), the rescued review is opened instead, with
    ``rescued_from`` naming the intended file. A symbolic link is refused at
    once: every save would refuse to replace it.
    """
    target = Path(path)
    if target.is_symlink():
        raise UserError(
            f"is a symbolic link (to {os.readlink(target)}); srccompare never writes through links, "
            "so give the file it points to",
            str(path),
        )
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


def sources_outside(store: AnnotationStore) -> list[str]:
    """The files a reopened review would read outside its own folder (real paths), for the reviewer to allow.

    A review file names its sources itself, so one from elsewhere could make
    srccompare read ``/etc/passwd`` or ``../../secret.txt``. Its own folder is
    the folder of the file the reviewer named (for a rescued review, the one it
    was meant for). Sources read from standard input name no file.
    """
    from srccompare.review.paths import outside_folder

    named = store.rescued_from or store.path
    paths = [str(store.source_path(rec)) for rec in store.sources if rec.path != STDIN_NAME]
    return outside_folder(named.resolve().parent, paths)
