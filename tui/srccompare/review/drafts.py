"""Unfinished notes: what the annotation dialog holds, kept in the rescue folder until it is saved or dropped.

A note being typed lives only in the dialog until the reviewer saves it. So that
a crash, ``kill -9``, a closed terminal or a full disk costs at most a few seconds
of typing, the app keeps a *draft* of an open dialog every few seconds, and at
once on SIGTERM, SIGHUP and the like, in the rescue folder
(:func:`~srccompare.review.paths.rescue_folder`):
``<review name>-<hash of its path>.draft-<hash of the annotation id>.yaml``.

A draft is an annotation file (the same format, one annotation) with a ``draft``
mapping saying which review it belongs to, when it was kept and by which
process. The next session on that review offers it back; it is removed when
the annotation is saved in the review, or the reviewer drops it.
"""

from __future__ import annotations

import glob
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from srccompare import __version__
from srccompare.core.errors import UserError
from srccompare.review.codec import dump_review, parse_annotation_file, review_to_dict
from srccompare.review.model import Annotation, utc_now
from srccompare.review.paths import rescue_folder, review_key

DRAFT_SECONDS = 2.0
"""How often an open annotation dialog is kept as a draft (only when it changed)."""


@dataclass(slots=True)
class Draft:
    """An unfinished note found in the rescue folder."""

    path: Path
    annotation: Annotation
    new: bool
    """A new annotation (else an edit of the one with the same id in the review)."""
    kept: str
    """When it was kept (UTC, ISO 8601)."""


def _alive(pid: int) -> bool:
    """Is another process with this id running (its open dialog is not ours to offer)?"""
    if pid <= 0 or pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # it exists, owned by someone else
        return True
    return True


class DraftBox:
    """The drafts of one review, named by the review file the reviewer opened."""

    def __init__(self, review: str | os.PathLike[str], folder: Path | None = None) -> None:
        self.review = Path(review)
        self.folder = folder or rescue_folder()
        self._key = review_key(self.review)

    def path_for(self, annotation_id: str) -> Path:
        tag = hashlib.sha256(annotation_id.encode("utf-8")).hexdigest()[:12]
        return self.folder / f"{self._key}.draft-{tag}.yaml"

    def keep(self, annotation: Annotation, *, new: bool) -> Path:
        """Write (atomically) the dialog's current state; raises OSError when it cannot be written."""
        from srccompare.core import atomic  # looked up at call time: tests stand in a failing writer

        path = self.path_for(annotation.id)
        info = {"review": str(self.review.resolve()), "new": new, "kept": utc_now(), "pid": os.getpid()}
        data = review_to_dict([], [annotation], {"draft": info}, f"srccompare {__version__}")
        self.folder.mkdir(parents=True, exist_ok=True)
        atomic.atomic_write_bytes(path, dump_review(data).encode("utf-8"))
        return path

    def drop(self, annotation_id: str) -> None:
        """Forget the draft of ``annotation_id`` (saved, or cancelled by the reviewer)."""
        try:
            self.path_for(annotation_id).unlink()
        except FileNotFoundError:
            pass
        except OSError:
            pass  # a draft that cannot be removed is offered again, never lost

    def pending(self) -> list[Draft]:
        """Drafts left by earlier sessions on this review, oldest first.

        A draft another running srccompare is still writing is not offered; a
        draft that cannot be read is skipped (and left where it is).
        """
        found = []
        for path in self.folder.glob(f"{glob.escape(self._key)}.draft-*.yaml"):
            try:
                parsed = parse_annotation_file(path.read_bytes(), str(path))
            except (OSError, UserError):
                continue
            info = parsed.extra.get("draft")
            if not isinstance(info, dict) or len(parsed.annotations) != 1:
                continue
            pid = info.get("pid")
            if isinstance(pid, int) and _alive(pid):
                continue
            found.append(Draft(path, parsed.annotations[0], bool(info.get("new", True)), str(info.get("kept", ""))))
        return sorted(found, key=lambda d: d.kept)
