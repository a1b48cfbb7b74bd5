"""PDF: the text layer through pypdf, wrapped lines rejoined into paragraphs."""

from __future__ import annotations

import textwrap

import pytest

from srccompare.core.errors import UserError
from srccompare.inputs.sources import read_source
from tests.readers.builders import ARTICLE, pdf_bytes


def wrapped_lines(paragraphs: list[str], width: int, gap: bool) -> list[str]:
    lines: list[str] = []
    for paragraph in paragraphs:
        lines += textwrap.wrap(paragraph, width)
        if gap:
            lines.append("")
    return lines


@pytest.mark.parametrize("gap", [True, False], ids=["gap-between-paragraphs", "short-last-lines"])
def test_paragraphs_come_back_from_wrapped_pdf_lines(tmp_path, gap):
    # Without a visual gap a paragraph end is seen from its short last line ending
    # a sentence: these widths leave every last line short.
    paragraphs = ARTICLE[:3] if gap else ARTICLE[1:3]
    path = tmp_path / "story.pdf"
    path.write_bytes(pdf_bytes(wrapped_lines(paragraphs, 60, gap)))
    source = read_source(path)
    texts = [" ".join(source.paragraph_text(i).split()) for i in range(len(source.paragraphs))]
    assert texts == paragraphs
    assert source.meta["format"] == "pdf" and source.meta["pages"] == 1


def test_spans_cover_the_original_lines(tmp_path):
    path = tmp_path / "story.pdf"
    path.write_bytes(pdf_bytes(wrapped_lines(ARTICLE[:2], 50, True)))
    source = read_source(path)
    first = source.paragraph_text(0)
    assert "\n" in first and first.replace("\n", " ") == ARTICLE[0]


@pytest.mark.parametrize(
    "data, needle",
    [
        (b"%PDF-1.4\n1 0 obj garbage without structure", "pdftotext -layout"),
        (pdf_bytes([]), "no text layer"),
    ],
    ids=["damaged", "scanned-no-text"],
)
def test_unreadable_pdf_is_one_user_error_saying_what_to_do(tmp_path, data, needle):
    path = tmp_path / "bad.pdf"
    path.write_bytes(data)
    with pytest.raises(UserError) as caught:
        read_source(path)
    assert needle in str(caught.value) and str(caught.value).startswith(str(path))


def test_a_paragraph_running_over_a_page_break_is_one_paragraph(tmp_path):
    lines = wrapped_lines(ARTICLE[:3], 60, True)
    cut = lines.index("") + 2  # inside the second paragraph
    path = tmp_path / "two-pages.pdf"
    path.write_bytes(pdf_bytes(lines[:cut], lines[cut:]))
    source = read_source(path)
    texts = [" ".join(source.paragraph_text(i).split()) for i in range(len(source.paragraphs))]
    assert texts == ARTICLE[:3] and source.meta["pages"] == 2


def test_parentheses_and_curly_quotes_survive(tmp_path):
    line = "\u201cWe agree (in part),\u201d she said."
    path = tmp_path / "quote.pdf"
    path.write_bytes(pdf_bytes([line]))
    assert read_source(path).text.strip() == line
