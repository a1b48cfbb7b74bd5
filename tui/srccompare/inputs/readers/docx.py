"""Word documents (.docx): paragraphs and table cells in reading order, via python-docx.

Styles, list numbering and emphasis live in the document's markup, not in its
text, so they never show up as differences. Headers and footers are page
furniture and are left out.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

from srccompare.core.errors import UserError

_BROKEN = (
    "is not a readable Word document (damaged, or not really .docx); "
    "open it in Word or LibreOffice and save it again as .docx"
)


def _check_unpacked_size(data: bytes, path: str, max_bytes: int | None) -> None:
    """Refuse a .docx whose parts would unpack to more than ``max_bytes`` (a zip bomb), before unpacking any.

    The sizes are those the zip declares; Python's zip reader stops at a part's
    declared size, so a part that lies about it cannot unpack to more.
    """
    if max_bytes is None:
        return
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            declared = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError, OSError):
        return  # not a readable zip: python-docx says so below
    if declared > max_bytes:
        raise UserError(
            f"would unpack to {declared / 1_000_000:,.1f} MB, more than the {max_bytes / 1_000_000:g} MB "
            "srccompare reads from one source (limits.max_source_mb in the config file raises it)",
            path,
        )


def _open(data: bytes, path: str):
    import docx

    try:
        return docx.Document(io.BytesIO(data))
    except Exception:  # a damaged zip fails in many ways (BadZipFile, KeyError, XML, zlib errors)
        raise UserError(_BROKEN, path) from None


def _blocks(container) -> list[str]:
    """Paragraph texts of ``container`` (a document body or a table cell), tables row by row."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    out: list[str] = []
    for child in container.iter_inner_content():
        if isinstance(child, Paragraph):
            text = child.text.strip()
            if text:
                out.append(text)
        elif isinstance(child, Table):
            out.extend(_table(child))
    return out


def _table(table) -> list[str]:
    """One paragraph per table row, cells separated by `` | `` (merged cells once)."""
    out: list[str] = []
    for row in table.rows:
        seen: list = []  # the cells' XML elements; merged cells repeat the same one
        cells: list[str] = []
        for cell in row.cells:
            if any(element is cell._tc for element in seen):
                continue
            seen.append(cell._tc)
            text = " ".join(" ".join(_blocks(cell)).split())
            if text:
                cells.append(text)
        if cells:
            out.append(" | ".join(cells))
    return out


def _heading_title(document) -> str | None:
    for paragraph in document.paragraphs[:10]:
        style = (paragraph.style.name if paragraph.style is not None else "") or ""
        if style == "Title" or style.startswith("Heading"):
            text = " ".join(paragraph.text.split())
            if text:
                return text
    return None


def _metadata(document) -> dict[str, Any]:
    props = document.core_properties
    meta: dict[str, Any] = {}
    title = (props.title or "").strip() or _heading_title(document)
    if title:
        meta["title"] = title
    if (props.author or "").strip():
        meta["author"] = props.author.strip()
    when = props.created or props.modified
    if when is not None:
        meta["date"] = when.date().isoformat()
    return meta


def read_docx(path: Path, data: bytes, max_bytes: int | None = None) -> tuple[str, dict[str, Any]]:
    """Read a .docx into ``(text, meta)``: one paragraph per block, blank line between.

    ``max_bytes`` caps what its parts may unpack to.
    """
    name = str(path)
    _check_unpacked_size(data, name, max_bytes)
    document = _open(data, name)
    try:
        paragraphs = _blocks(document)
        meta = _metadata(document)
    except Exception:  # malformed XML parts surface only while reading
        raise UserError(_BROKEN, name) from None
    if not paragraphs:
        raise UserError("has no text (an empty document, or only images)", name)
    meta["format"] = "docx"
    return "\n\n".join(paragraphs) + "\n", meta
