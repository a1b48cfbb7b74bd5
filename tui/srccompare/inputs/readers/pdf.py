"""PDF text via pypdf (pure Python, well kept): the text layer, page by page.

pypdf's plain mode keeps a page's reading order (columns one after another) but
drops the vertical gaps between paragraphs; its layout mode keeps the gaps but
sets columns side by side. So a page is read in layout mode when both agree on
its lines (a single column), and in plain mode otherwise; hard-wrapped lines
are rejoined into paragraphs later, by the segmenter.
"""

from __future__ import annotations

import io
import logging
import re
from pathlib import Path
from typing import Any

from srccompare.core.errors import UserError

CONVERT_HINT = "convert it with `pdftotext -layout FILE out.txt` and compare the .txt"
_SPACES = re.compile(r"[ \t\u00a0]+")


def _open(data: bytes, path: str):
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise UserError(f"is a password-protected PDF; remove the password, or {CONVERT_HINT}", path)
        _ = len(reader.pages)
    except UserError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, IndexError, AttributeError, OSError):
        raise UserError(f"is not a readable PDF (damaged or incomplete); {CONVERT_HINT}", path) from None
    except Exception as exc:  # pypdf also raises dependency errors for some encryption schemes
        raise UserError(f"cannot be read as a PDF ({exc}); {CONVERT_HINT}", path) from None
    return reader


def _collapse(line: str) -> str:
    return _SPACES.sub(" ", line).strip()


def page_text(page) -> str:
    """One page's text: layout mode's blank lines and indents when it matches plain mode's lines."""
    plain = page.extract_text() or ""
    try:
        layout = page.extract_text(extraction_mode="layout") or ""
    except Exception:  # layout mode is an extra; plain text is still good
        return plain
    plain_lines = [_collapse(line) for line in plain.splitlines() if line.strip()]
    layout_lines = layout.splitlines()
    if [_collapse(line) for line in layout_lines if line.strip()] != plain_lines:
        return plain
    margin = min((len(line) - len(line.lstrip()) for line in layout_lines if line.strip()), default=0)
    out = []
    for line in layout_lines:
        if not line.strip():
            out.append("")
            continue
        indent = min(len(line) - len(line.lstrip()) - margin, 8)
        out.append(" " * indent + _collapse(line))
    return "\n".join(out).strip("\n")


def read_pdf(path: Path, data: bytes) -> tuple[str, dict[str, Any]]:
    """Read a PDF's text layer into ``(text, meta)``."""
    name = str(path)
    logging.getLogger("pypdf").setLevel(logging.ERROR)  # pypdf warns about harmless quirks on stderr
    reader = _open(data, name)
    pages = []
    try:
        for page in reader.pages:
            pages.append(page_text(page))
    except Exception:
        raise UserError(f"is not a readable PDF (a page cannot be decoded); {CONVERT_HINT}", name) from None
    text = "\n".join(p for p in pages if p.strip())
    if not text.strip():
        raise UserError("has no text layer (a scanned PDF?); run OCR on it first (e.g. `ocrmypdf FILE out.pdf`)", name)
    meta: dict[str, Any] = {"format": "pdf", "pages": len(reader.pages)}
    info = _info(reader)
    meta.update(info)
    return text + "\n", meta


def _info(reader) -> dict[str, Any]:
    try:
        info = reader.metadata
    except Exception:
        return {}
    if not info:
        return {}
    out: dict[str, Any] = {}
    if info.title and str(info.title).strip():
        out["title"] = " ".join(str(info.title).split())
    if info.author and str(info.author).strip():
        out["author"] = " ".join(str(info.author).split())
    try:
        created = info.creation_date
    except Exception:
        created = None
    if created is not None:
        out["date"] = created.date().isoformat()
    return out
