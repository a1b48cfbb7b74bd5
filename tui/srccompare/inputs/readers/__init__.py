"""Readers for formats that need extraction: web pages, Word documents, PDF.

Plain text and Markdown are read by :func:`srccompare.inputs.sources.read_plain`; this
package chooses the reader for everything else, by suffix and, for a file
without a known suffix (or standard input), by its first bytes. Formats that
cannot be read get a :class:`UserError` saying what to do instead. The
extraction libraries are imported only by the reader that needs them.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from srccompare.core.errors import UserError

Reader = Callable[[Path, bytes], tuple[str, dict[str, Any]]]

HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml"}
DOCX_SUFFIXES = {".docx"}
PDF_SUFFIXES = {".pdf"}
SUFFIXES = HTML_SUFFIXES | DOCX_SUFFIXES | PDF_SUFFIXES

_SAVE_AS = "open it in Word or LibreOffice and save it as .docx or plain text"
UNSUPPORTED: dict[str, str] = {
    ".doc": f"old Word .doc files are not supported; {_SAVE_AS}",
    ".odt": f"OpenDocument text is not supported; {_SAVE_AS}",
    ".rtf": f"RTF is not supported; {_SAVE_AS}",
    ".pages": "Apple Pages files are not supported; export it as .docx or plain text",
    ".epub": "e-books are not supported; convert it to plain text first (e.g. with Calibre)",
    ".xlsx": "spreadsheets are not supported; copy the text into a .txt file",
    ".xls": "spreadsheets are not supported; copy the text into a .txt file",
    ".ods": "spreadsheets are not supported; copy the text into a .txt file",
    ".pptx": "presentations are not supported; export the text as .docx or plain text",
    ".ppt": "presentations are not supported; export the text as .docx or plain text",
    ".zip": "is a zip archive; unpack it and give the files or their folder",
    ".mht": "single-file web archives are not supported; save the page as 'Web Page, complete' (.html)",
    ".mhtml": "single-file web archives are not supported; save the page as 'Web Page, complete' (.html)",
    ".webarchive": "Safari web archives are not supported; save the page as 'Page Source' (.html)",
}
_IMAGE = "is an image; srccompare compares text, so run OCR on it first (e.g. `tesseract FILE out`)"
for _suffix in (".png", ".jpg", ".jpeg", ".gif", ".tif", ".tiff", ".bmp", ".webp", ".heic", ".svg"):
    UNSUPPORTED[_suffix] = _IMAGE

_MAGIC: list[tuple[bytes, str]] = [
    (b"%PDF-", ".pdf"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", ".doc"),  # OLE2: old Word, Excel, PowerPoint
    (b"{\\rtf", ".rtf"),
    (b"\x89PNG\r\n\x1a\n", ".png"),
    (b"\xff\xd8\xff", ".jpg"),
    (b"GIF87a", ".gif"),
    (b"GIF89a", ".gif"),
    (b"II*\x00", ".tif"),
    (b"MM\x00*", ".tif"),
]


def sniff(data: bytes) -> str | None:
    """The suffix a file's content says it has, for a file whose name does not say."""
    for magic, suffix in _MAGIC:
        if data.startswith(magic):
            return suffix
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return ".webp"
    if data.startswith(b"PK\x03\x04"):
        return _sniff_zip(data)
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<!doctype html", b"<html")) or (head.startswith(b"<?xml") and b"<html" in head):
        return ".html"
    return None


def _sniff_zip(data: bytes) -> str:
    head = data[:4096]
    if b"word/" in head:
        return ".docx"
    if b"application/vnd.oasis.opendocument.text" in head:
        return ".odt"
    if b"xl/" in head:
        return ".xlsx"
    if b"ppt/" in head:
        return ".pptx"
    if b"application/epub+zip" in head:
        return ".epub"
    return ".docx" if b"[Content_Types].xml" in head else ".zip"


def kind_of(path: Path, data: bytes | None, text_suffixes: set[str]) -> str:
    """The suffix to read ``path`` by: its own, unless its content clearly says otherwise.

    A binary format's signature wins over a misleading name (a PDF saved as
    ``.txt``); HTML is recognised by content only when the name has no known suffix.
    """
    suffix = path.suffix.lower()
    if data is None:
        return suffix
    found = sniff(data)
    if found is None:
        return suffix
    if found == ".html":
        return found if suffix not in SUFFIXES and (suffix not in text_suffixes or suffix == "") else suffix
    if suffix in DOCX_SUFFIXES and found in (".zip", ".odt", ".xlsx", ".pptx", ".epub"):
        return suffix  # the docx reader explains a wrong or damaged zip
    return found


def is_supported(path: Path) -> bool:
    """Whether a folder's file is one of the formats read here (by name)."""
    return path.suffix.lower() in SUFFIXES


def unsupported_reason(path: Path) -> str | None:
    """What to do with a file format srccompare does not read, by name."""
    return UNSUPPORTED.get(path.suffix.lower())


def reader_for_kind(kind: str, *, raw: bool = False, max_bytes: int | None = None) -> Reader | None:
    """The reader for an extraction format; None for plain text; UserError for the unsupported.

    ``max_bytes`` caps what a .docx may unpack to (its parts are zip-compressed).
    """
    if kind in HTML_SUFFIXES:
        from srccompare.inputs.readers.html import read_html

        return partial(read_html, raw=raw)
    if kind in DOCX_SUFFIXES:
        from srccompare.inputs.readers.docx import read_docx

        return partial(read_docx, max_bytes=max_bytes)
    if kind in PDF_SUFFIXES:
        from srccompare.inputs.readers.pdf import read_pdf

        return read_pdf
    if kind in UNSUPPORTED:
        return partial(_refuse, UNSUPPORTED[kind])
    return None


def _refuse(reason: str, path: Path, data: bytes) -> tuple[str, dict[str, Any]]:
    raise UserError(reason, str(path))
