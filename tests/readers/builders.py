"""Small documents built in the tests: web pages, Word files, PDFs (all text written for this project)."""

from __future__ import annotations

import html
import io

ARTICLE = [
    "The harbour authority of Port Elsworth approved a plan on Tuesday to dredge the eastern "
    "channel, a project it says will cost 41 million crowns over three years.",
    "Board chair Miriam Oduya said the vote was not unanimous: two of the seven members opposed "
    "the plan, citing the risk to the seagrass beds north of the breakwater.",
    "\u201cWe cannot keep turning ships away,\u201d Oduya told reporters after the meeting. "
    "\u201cEvery month we wait costs the town jobs.\u201d",
    "Environmental groups said they would ask the regional court to halt the work until a new "
    "survey of the seabed is finished, which could take until spring.",
    "Fishermen in the town were divided. Some welcomed the larger ships; others said the dredging "
    "would drive the cod further offshore.",
]
TITLE = "Harbour board approves channel dredging"
AUTHOR = "Tomas Lindqvist"
SITE = "The Elsworth Courier"
DATE = "2025-03-04"

# Page furniture that must not come out as article text.
COOKIE = "We use cookies to improve your experience. Accept all cookies or manage your preferences."
MENU = ["Home", "News", "Sport", "Weather"]
TEASERS = ["Ferry timetable changes this summer", "Lighthouse restoration finally complete"]
COMMENTS = [
    "Reader1942: This is a disgrace and a waste of public money!",
    "SeaLover: Finally some progress in this town.",
]
FOOTER = "Copyright 2025 The Elsworth Courier. All rights reserved."


INLINE_FURNITURE = [
    '<div class="related-inline"><a href="/t9">Read more: Ferry timetable changes this summer</a></div>',
    '<figure><img src="channel.jpg"><figcaption>The eastern channel at low tide.</figcaption></figure>',
    '<div class="newsletter-signup"><p>Sign up for our daily newsletter and get the news first.</p>'
    '<form><input type="email"><button>Subscribe</button></form></div>',
    '<div class="ad">Advertisement</div>',
]


def article_page(paragraphs: list[str] = ARTICLE, title: str = TITLE, inline_furniture: bool = False) -> str:
    """A saved news page: cookie banner, menu, the article, teasers, comments, footer.

    With ``inline_furniture`` a teaser link, a photo caption, a newsletter box
    and an advertisement sit between the article's paragraphs, as on real pages.
    """
    blocks = [f"<p>{html.escape(p, quote=False)}</p>" for p in paragraphs]
    if inline_furniture:
        blocks[2:2] = INLINE_FURNITURE
    body = "\n".join(blocks)
    menu = "".join(f'<li><a href="/{m.lower()}">{m}</a></li>' for m in MENU)
    teasers = "".join(f'<li><a href="/t{i}">{t}</a></li>' for i, t in enumerate(TEASERS))
    comments = "".join(f'<div class="comment"><p>{c}</p></div>' for c in COMMENTS)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{title} | {SITE}</title>
<meta property="og:title" content="{title}">
<meta property="og:site_name" content="{SITE}">
<meta name="author" content="{AUTHOR}">
<meta property="article:published_time" content="{DATE}T09:30:00Z">
<script>var tracking = "hidden script text";</script>
<style>body {{ font-family: serif; }}</style>
</head><body>
<div id="cookie-banner" class="cookie-consent"><p>{COOKIE}</p><button>Accept</button></div>
<header><nav class="menu"><ul>{menu}</ul></nav></header>
<main><article>
<h1>{title}</h1>
<p class="byline">By {AUTHOR}, <time datetime="{DATE}">4 March 2025</time></p>
{body}
</article>
<aside class="related"><h2>Read more</h2><ul>{teasers}</ul></aside>
<section id="comments" class="comments"><h3>Comments</h3>{comments}</section>
</main>
<footer><p>{FOOTER}</p><a href="/privacy">Privacy policy</a></footer>
</body></html>
"""


def docx_bytes(paragraphs: list[str] = ARTICLE, title: str = TITLE, table: list[list[str]] | None = None) -> bytes:
    """A Word file: a heading, paragraphs with bold and italic runs, a bulleted list, a table."""
    import docx

    document = docx.Document()
    document.core_properties.title = title
    document.core_properties.author = AUTHOR
    document.add_heading(title, level=1)
    for text in paragraphs:
        first, _, rest = text.partition(" ")
        paragraph = document.add_paragraph()
        paragraph.add_run(first + " ").bold = True
        paragraph.add_run(rest).italic = True
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                grid.cell(r, c).text = value
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def pdf_bytes(*pages: list[str]) -> bytes:
    """A minimal PDF (Helvetica, one text line per entry, one list per page), written by hand.

    Building the bytes here keeps the test free of a PDF-writing dependency and
    lets it check the reader on a file whose content is known exactly.
    """

    def escape(text: str) -> str:
        return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    def content(lines: list[str]) -> bytes:
        ops = ["BT", "/F1 11 Tf", "14 TL", "72 760 Td"]
        for line in lines:  # an empty entry leaves a blank line, as between paragraphs
            ops.append(f"({escape(line)}) Tj T*" if line else "T*")
        ops.append("ET")
        stream = "\n".join(ops).encode("cp1252")  # WinAnsiEncoding
        return b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream"

    first_page = 4  # objects: 1 catalog, 2 page tree, 3 font, then a page and its content per page
    kids = " ".join(f"{first_page + 2 * i} 0 R" for i in range(len(pages))).encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % len(pages),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    for i, lines in enumerate(pages):
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents %d 0 R "
            b"/Resources << /Font << /F1 3 0 R >> >> >>" % (first_page + 2 * i + 1)
        )
        objects.append(content(lines))
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)
