"""Saved web pages: the article's text (trafilatura), or with ``raw`` the page's full visible text.

The text returned here is what spans point into: one block per paragraph,
blocks separated by a blank line. Title, author, site and date go to the
source's metadata so the column heading can show where the text came from.
"""

from __future__ import annotations

import copy
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from srccompare.core.errors import UserError
from srccompare.inputs.titles import looks_like_menu

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.IGNORECASE)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
_DOCUMENT_TAG = re.compile(r"<(?:html|body|head)\b", re.IGNORECASE)
_SPACES = re.compile(r"[ \t\r\f\v\u00a0\u200b]+")
MIN_PROSE_WORDS = 8  # an article has at least one paragraph this long
MIN_ARTICLE_CHARS = 20

# Block elements of trafilatura's output tree (XML-TEI-like) and of ordinary HTML.
_EXTRACT_BLOCKS = {"p", "head", "item", "quote", "row", "code", "list", "table", "div"}
_HTML_BLOCKS = {
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "caption",
    "dd",
    "details",
    "dialog",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "li",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "tfoot",
    "thead",
    "tr",
    "ul",
    "option",
    "legend",
    "label",
    "button",
}
_INVISIBLE = {"script", "style", "noscript", "template", "svg", "head", "title", "meta", "link", "iframe", "object"}


def decode_html(data: bytes, path: str) -> str:
    """Decode a page: BOM, then the page's own ``<meta charset>``, then detection like any text."""
    if not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        declared = _META_CHARSET.search(data[:4096])
        if declared:
            try:
                return data.decode(declared.group(1).decode("ascii"), errors="replace")
            except LookupError:
                pass  # an unknown charset name: fall back to detection
    from srccompare.inputs.decoding import decode_bytes

    text, _encoding = decode_bytes(data, path)
    return text


def _parse(text: str, path: str):
    from trafilatura.utils import load_html

    text = _XML_DECLARATION.sub("", text, count=1)
    if not _DOCUMENT_TAG.search(text):  # a fragment ("<p>...</p>"): make it a document
        text = f"<html><body>{text}</body></html>"
    tree = load_html(text)
    if tree is None:
        raise UserError("cannot be read as an HTML page (it does not parse as HTML)", path)
    return tree


def _clean(text: str) -> str:
    """Collapse runs of spaces inside a line; keep explicit line breaks."""
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def _paragraphs(root, blocks: set[str], cells: set[str], breaks: set[str]) -> list[str]:
    """Text under ``root`` cut at block elements: each run of inline text is one paragraph.

    Table cells stay on their row's line, separated by `` | ``; line-break
    elements become a newline inside the paragraph.
    """
    out: list[str] = []
    buffer: list[str] = []

    def flush() -> None:
        cleaned = _clean("".join(buffer))
        buffer.clear()
        if cleaned:
            out.append(cleaned)

    def visit(element) -> None:
        tag = element.tag if isinstance(element.tag, str) else None
        if tag is None or tag in _INVISIBLE:  # comments, processing instructions, scripts
            return
        if tag in breaks:
            buffer.append("\n")
            return
        if tag in cells and "".join(buffer).strip():
            buffer.append(" | ")
        is_block = tag in blocks
        if is_block:
            flush()
        buffer.append(element.text or "")
        for child in element:
            visit(child)
            buffer.append(child.tail or "")
        if is_block:
            flush()

    visit(root)
    flush()
    return out


def _metadata(tree) -> dict[str, Any]:
    from trafilatura.metadata import extract_metadata

    # No extensive date search: it guesses a date from a "Copyright 2025" line,
    # and a made-up date is worse than none for someone checking a story.
    found = extract_metadata(copy.deepcopy(tree), date_config={"extensive_search": False, "original_date": True})
    meta: dict[str, Any] = {}
    for key, attr in (("title", "title"), ("author", "author"), ("site", "sitename"), ("date", "date")):
        value = getattr(found, attr, None)
        if value:
            meta[key] = " ".join(str(value).split())
    if "title" not in meta:
        title = tree.findtext(".//title")
        if title and title.strip():
            meta["title"] = " ".join(title.split())
    if "title" in meta and looks_like_menu(meta["title"]):
        del meta["title"]  # a section's name ("News Feed") is no headline: the text's own is looked for instead
    return meta


@lru_cache(maxsize=1)
def _trafilatura_config():
    """trafilatura's settings, but short articles are accepted.

    Below ``MIN_EXTRACTED_SIZE`` characters trafilatura falls back to a baseline
    that runs a whole short article into one paragraph; a two-paragraph brief
    is still an article to a reviewer.
    """
    from trafilatura.settings import use_config

    config = use_config()
    config.set("DEFAULT", "MIN_EXTRACTED_SIZE", str(MIN_ARTICLE_CHARS))
    return config


def article_paragraphs(tree, path: str) -> list[str]:
    """The article's paragraphs as trafilatura finds them (no menus, teasers, comments)."""
    from trafilatura import bare_extraction

    document = bare_extraction(
        copy.deepcopy(tree),
        config=_trafilatura_config(),
        include_comments=False,
        include_tables=True,
        include_images=False,
        include_links=False,
        include_formatting=False,
        with_metadata=False,
    )
    body = getattr(document, "body", None) if document is not None else None
    out = _paragraphs(body, _EXTRACT_BLOCKS, {"cell"}, {"lb"}) if body is not None else []
    if not any(len(p.split()) >= MIN_PROSE_WORDS for p in out):  # menu items or a lone link are no article
        raise UserError(
            "no article text found in this page (an index, a menu or a page built by scripts?); "
            "use --raw to compare all of its visible text",
            path,
        )
    return out


def visible_paragraphs(tree, path: str) -> list[str]:
    """All text a reader would see on the page, one block element per paragraph."""
    body = tree.find(".//body")
    root = body if body is not None else tree
    for hidden in root.xpath(".//*[@hidden or contains(translate(@style,' ',''),'display:none')]"):
        hidden.drop_tree()
    out = _paragraphs(root, _HTML_BLOCKS, {"td", "th"}, {"br"})
    if not out:
        raise UserError("has no visible text", path)
    return out


def read_html(path: Path, data: bytes, raw: bool = False) -> tuple[str, dict[str, Any]]:
    """Read a saved page into ``(text, meta)``: the article, or with ``raw`` everything visible."""
    name = str(path)
    tree = _parse(decode_html(data, name), name)
    meta = _metadata(tree)
    if raw:
        paragraphs = visible_paragraphs(copy.deepcopy(tree), name)
    else:
        paragraphs = article_paragraphs(tree, name)
        title = meta.get("title")
        if title and _fold(title) not in _fold(paragraphs[0]) and _fold(paragraphs[0]) not in _fold(title):
            paragraphs.insert(0, title)  # the headline is part of what a reviewer compares
    meta["format"] = "html"
    meta["extract"] = "raw" if raw else "article"
    return "\n\n".join(paragraphs) + "\n", meta


def _fold(text: str) -> str:
    return " ".join(text.casefold().split())
