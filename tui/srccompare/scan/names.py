"""Article ids made safe as file names, and the set ids of the output.

An article id comes from the archive (a path in a folder, a JSON field) and may
hold anything: ``../../etc/passwd``, a newline, an escape sequence, 10,000
characters, or two ids that differ only in case. Before one names a file in
``review/<set-id>/`` it loses separators and controls, leading dots and
Windows' reserved names, is cut to a bounded length (a hash of the whole id
keeps cut ids apart), and collisions get a number.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

MAX_NAME_CHARS = 100
"""Characters kept of an id (file systems allow 255 bytes; UTF-8 may need 4 a character)."""

_UNSAFE = re.compile(r'[/\\<>:"|?*\x00-\x1f\x7f]')
_RESERVED = re.compile(r"^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$", re.IGNORECASE)
SET_ID_DIGITS = 6


def _visible(ch: str) -> str:
    """A character kept in a file name, or ``_`` for one that is a control or invisible formatting."""
    return "_" if unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp") else ch


def safe_stem(article_id: str) -> str:
    """``article_id`` as one safe file name component (not yet unique)."""
    text = unicodedata.normalize("NFC", article_id)
    text = "".join(_visible(ch) for ch in _UNSAFE.sub("_", text))
    text = re.sub(r"\s+", " ", text).strip(" .")
    text = re.sub(r"\.{2,}", ".", text)
    if not text:
        text = "article"
    if _RESERVED.match(text):
        text = "_" + text
    if len(text) > MAX_NAME_CHARS:
        digest = hashlib.sha256(article_id.encode("utf-8", "surrogatepass")).hexdigest()[:8]
        text = text[: MAX_NAME_CHARS - 9].rstrip(" .") + "-" + digest
    return text


def member_file_name(article_id: str, taken: set[str]) -> str:
    """A unique (case-insensitively, for macOS and Windows) ``.txt`` file name for ``article_id``."""
    stem = safe_stem(article_id)
    if stem.lower().endswith(".txt"):
        stem = stem[:-4] or "article"
    name, n = f"{stem}.txt", 2
    while name.lower() in taken:
        name = f"{stem}-{n}.txt"
        n += 1
    taken.add(name.lower())
    return name


def set_id(first_row: int) -> str:
    """A set's id: ``s`` and the archive position of its first article.

    A set's first article never changes when later batches add members, and
    when two sets merge the merged set's first article is the older one's, so
    ids stay stable under ``scan --add`` and a merged set keeps the lower id;
    one full run and a run in batches give the same ids.
    """
    return f"s{first_row:0{SET_ID_DIGITS}d}"
