"""srccompare's own files: the mark each of its outputs carries, and how a file is recognised by it.

A review file or an export saved beside the sources must never be read as one
more source: the rows would re-align and the annotations move. A folder listing
or a shell glob cannot tell them from sources by name, so they are told apart
by content. The exports write these marks (``review/export.py``); the readers
(``inputs/sources.py``) look for them in the first bytes of every file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from srccompare import __version__

GENERATOR = f"srccompare {__version__}"
"""How srccompare names itself in what it writes (the review file's ``generator:`` says the same)."""

MARKDOWN_MARK = f"<!-- generator: {GENERATOR} -->"
"""The first line of a Markdown export: an HTML comment, invisible when the report is rendered."""

CSV_HEADER_START = "annotation_id,row,category,severity,status,note,"
"""How the CSV export's header line starts; a CSV has no comments, so its header is its mark."""

HEAD_BYTES = 8192
"""Every mark but the text table's sits near the top of its file."""


def html_generator_meta() -> str:
    """The ``<meta name="generator">`` every HTML page srccompare writes carries in its head."""
    return f'<meta name="generator" content="{GENERATOR}">'


@dataclass(frozen=True)
class OwnFile:
    """What srccompare wrote this file as; ``review`` for a review (annotation) file."""

    kind: str
    description: str

    @property
    def is_review(self) -> bool:
        return self.kind == "review"


_REVIEW_YAML = re.compile(r"""^format:[ \t]*["']?srccompare-annotations["']?[ \t]*(?:#.*)?$""", re.MULTILINE)
_REVIEW_JSON = re.compile(r'"format"\s*:\s*"srccompare-annotations"')
_ALIGNMENT = re.compile(r"""^\s*"?schema"?\s*:\s*["']?srccompare\.alignment/""", re.MULTILINE)
_W3C = re.compile(r'"generator"\s*:\s*\{[^{}]*"name"\s*:\s*"srccompare\b')
_MARKDOWN = re.compile(r"\A\s*<!--\s*generator:\s*srccompare\b")
_META = re.compile(r"<meta\b[^>]*>", re.IGNORECASE)
_META_GENERATOR = re.compile(r"""\bname\s*=\s*["']?generator\b""", re.IGNORECASE)
_META_SRCCOMPARE = re.compile(r"""\bcontent\s*=\s*["']?\s*srccompare\b""", re.IGNORECASE)
_TEXT_TABLE = re.compile(rb"(?:\A|\n) row kind score[^\n]*\n-{20,}")
"""The header of ``srccompare align --format text`` and the rule under it (after a digest of any length)."""
_TABLE_HEADER = b" row kind score"


def recognise(data: bytes) -> OwnFile | None:
    """What srccompare file ``data`` is, by its mark; None for anything else (a source)."""
    head = data[:HEAD_BYTES].decode("utf-8", errors="replace").lstrip("\ufeff")
    if _REVIEW_YAML.search(head):
        return OwnFile("review", "a srccompare review file")
    if _REVIEW_JSON.search(head):
        return OwnFile("export", "a srccompare review exported as JSON")
    if _ALIGNMENT.search(head):
        return OwnFile("alignment", "an alignment printed by 'srccompare align'")
    if _W3C.search(head):
        return OwnFile("export", "a srccompare review exported as W3C Web Annotations")
    if _MARKDOWN.search(head):
        return OwnFile("export", "a Markdown report written by srccompare")
    if head.startswith(CSV_HEADER_START):
        return OwnFile("export", "a CSV export of a srccompare review")
    if any(_META_GENERATOR.search(m) and _META_SRCCOMPARE.search(m) for m in _META.findall(head)):
        return OwnFile("export", "an HTML report written by srccompare")
    if _TABLE_HEADER in data and _TEXT_TABLE.search(data):  # (the plain search first: the pattern tries every line)
        return OwnFile("alignment", "an alignment table printed by 'srccompare align'")
    return None
