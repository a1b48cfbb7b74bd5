"""The data that flows from files to the view: sources, paragraphs, rows, flags.

Everything here is plain data with code-point offsets into ``Source.text``; the
JSON/YAML shape of an alignment (``srccompare.alignment/1``) is produced by
:meth:`Alignment.to_dict` and nowhere else.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from srccompare.core.kinds import ROW_KINDS, SEVERITIES  # noqa: F401  (re-exported)

ALIGNMENT_SCHEMA = "srccompare.alignment/1"


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open range ``[start, end)`` of code points in a source text."""

    start: int
    end: int

    def to_dict(self) -> dict[str, int]:
        return {"start": self.start, "end": self.end}


@dataclass(slots=True)
class Paragraph:
    """One paragraph of a source: its span, and whether it is page furniture."""

    start: int
    end: int
    boilerplate: bool = False

    @property
    def span(self) -> Span:
        return Span(self.start, self.end)


@dataclass(slots=True)
class Source:
    """One version of the story, decoded, with its paragraphs.

    ``text`` is the text all spans point into (for HTML or .docx, the extracted
    text). ``meta`` keeps what the reader learned about it (format, encoding,
    author, site, date).
    """

    id: str
    path: str
    text: str
    sha256: str
    title: str
    paragraphs: list[Paragraph] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)

    def paragraph_text(self, index: int) -> str:
        para = self.paragraphs[index]
        return self.text[para.start : para.end]

    @property
    def byline(self) -> str:
        """Where the text came from, for a column heading: "site · author · date" (what is known)."""
        return " · ".join(str(self.meta[k]) for k in ("site", "author", "date") if self.meta.get(k))

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id,
            "path": self.path,
            "sha256": self.sha256,
            "title": self.title,
        }
        for key, value in self.meta.items():
            if value is not None and key not in out:
                out[key] = value
        out["paragraphs"] = [{"start": p.start, "end": p.end, "boilerplate": p.boilerplate} for p in self.paragraphs]
        return out


@dataclass(slots=True)
class Flag:
    """A divergence that may change the facts (a number, a name, a quote...)."""

    kind: str
    severity: str
    message: str
    spans: dict[str, list[Span]] = field(default_factory=dict)
    id: str = ""
    """Stable id: the same flag (one discrepancy, every source it involves) on every row it touches."""
    between: tuple[tuple[str, str], ...] = ()
    """The pairs of sources it was seen between (not part of the JSON)."""

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "kind": self.kind,
            "severity": self.severity,
            "message": self.message,
            "spans": {sid: [s.to_dict() for s in spans] for sid, spans in self.spans.items()},
        }
        if self.id:
            out["id"] = self.id
        return out


@dataclass(slots=True)
class Link:
    """Text in two or more sources that says the same thing (usually whole sentences).

    Two paragraphs of different sources are linked when one link has spans in
    both; a row with links links exactly those pairs (DESIGN.md, ``links``).
    """

    score: float
    spans: dict[str, list[Span]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {  # written out (no Span.to_dict call per span): a long alignment has a million spans
            "score": round(self.score, 4),
            "spans": {sid: [{"start": s.start, "end": s.end} for s in spans] for sid, spans in self.spans.items()},
        }


@dataclass(slots=True)
class Row:
    """One line of the side-by-side view.

    ``cells`` maps a source id to the paragraph indices placed in this row; a
    source absent from ``cells`` (or with an empty list) has nothing here.
    """

    id: int
    kind: str
    score: float
    cells: dict[str, list[int]]
    moved: list[str] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)
    links: list[Link] | None = None
    """Which text says the same as which; None: every paragraph with every other (no ``links`` key)."""

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id,
            "kind": self.kind,
            "score": round(self.score, 4),
            "cells": {sid: list(ix) for sid, ix in self.cells.items() if ix},
        }
        if self.moved:
            out["moved"] = list(self.moved)
        if self.links is not None:
            out["links"] = [link.to_dict() for link in self.links]
        out["flags"] = [f.to_dict() for f in self.flags]
        return out


@dataclass(slots=True)
class Alignment:
    """Rows of aligned paragraphs over several sources, in the base's order."""

    base: str
    sources: list[Source]
    rows: list[Row]
    pair_links: list[Link] = field(default_factory=list)
    """Every pair's own links (two sources each), those rows hold and those dropped for a move alike.

    They depend on the two texts alone, never on the base, so what is computed
    from them (flags, sentence marks) is the same under every base.
    """
    paired: Any = field(default=None, repr=False, compare=False)
    """What the engine built the rows from (opaque here; never written out): the pairs' own work,
    which no base changes, so that the same sources under another base need no new search."""

    def source(self, source_id: str) -> Source:
        for src in self.sources:
            if src.id == source_id:
                return src
        raise KeyError(source_id)

    def to_dict(self) -> dict[str, Any]:
        return {**self.to_dict_without_rows(), "rows": [r.to_dict() for r in self.rows]}

    def to_dict_without_rows(self) -> dict[str, Any]:
        """Everything but ``rows``, which come last (a long alignment's JSON is written a row at a time)."""
        return {"schema": ALIGNMENT_SCHEMA, "base": self.base, "sources": [s.to_dict() for s in self.sources]}
