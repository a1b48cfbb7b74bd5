"""What a reviewer records: annotations, the quoted spans they are about, and the sources reviewed.

Plain data only; the YAML shape is :mod:`srccompare.review.codec`'s business and
the file's safety :mod:`srccompare.review.store`'s.
"""

from __future__ import annotations

import getpass
import uuid
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any

CONTEXT_CHARS = 32
"""Code points of context kept before (``prefix``) and after (``suffix``) each quote."""

ANCHOR_STATES = ("anchored", "relocated", "fuzzy", "orphan")


def utc_now() -> str:
    """The current time as an ISO 8601 UTC timestamp with a ``Z``, to the second."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def default_author() -> str:
    """The login name, so annotations say who made them without asking."""
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


@dataclass(slots=True)
class SourceRecord:
    """A source as the annotation file remembers it: id, path and the hash of its text."""

    id: str
    path: str
    sha256: str
