"""Saved web pages: the article comes out with its metadata; menus, banners, teasers and comments do not."""

from __future__ import annotations

from pathlib import Path

import pytest

from srccompare.core.config import default_config
from srccompare.core.errors import UserError
from srccompare.engine.pipeline import build_alignment
from srccompare.inputs.readers.html import read_html
from srccompare.inputs.sources import read_source, read_sources
from tests.readers.builders import (
    ARTICLE,
    AUTHOR,
    COMMENTS,
    COOKIE,
    DATE,
    FOOTER,
    MENU,
    SITE,
    TEASERS,
    TITLE,
    article_page,
)

FURNITURE = [COOKIE, *TEASERS, *COMMENTS, FOOTER, "Privacy policy", "hidden script text", "font-family"]


@pytest.fixture
def page(tmp_path: Path) -> Path:
    path = tmp_path / "courier.html"
    path.write_text(article_page(), encoding="utf-8")
    return path


def paragraph_texts(source) -> list[str]:
    return [source.paragraph_text(i) for i in range(len(source.paragraphs))]


def test_article_paragraphs_come_out_in_order_and_nothing_else(page):
    source = read_source(page)
    assert paragraph_texts(source) == [TITLE, *ARTICLE]
    for junk in FURNITURE:
        assert junk not in source.text
    assert not any(p in MENU for p in paragraph_texts(source))


def test_teasers_captions_newsletter_and_ads_inside_the_article_are_left_out(tmp_path):
    path = tmp_path / "messy.html"
    path.write_text(article_page(inline_furniture=True), encoding="utf-8")
    source = read_source(path)
    assert paragraph_texts(source) == [TITLE, *ARTICLE]
    for junk in ("Read more", "low tide", "newsletter", "Advertisement", *FURNITURE):
        assert junk not in source.text


def test_a_short_article_keeps_its_paragraphs(tmp_path):
    brief = ["The ferry to Holm will not sail on Friday because of the storm.", "Services resume on Saturday."]
    path = tmp_path / "brief.html"
    path.write_text(article_page(brief), encoding="utf-8")
    assert paragraph_texts(read_source(path)) == [TITLE, *brief]


def test_title_author_site_and_date_become_metadata(page):
    source = read_source(page)
    assert source.title == TITLE
    assert source.meta["author"] == AUTHOR
    assert source.meta["site"] == SITE
    assert source.meta["date"] == DATE
    assert source.meta["format"] == "html"
    assert source.byline == f"{SITE} · {AUTHOR} · {DATE}"  # the column heading's second line
    shown = source.to_dict()
    assert (shown["title"], shown["author"], shown["site"], shown["date"]) == (TITLE, AUTHOR, SITE, DATE)


def test_spans_point_into_the_extracted_text(page):
    source = read_source(page)
    for para in source.paragraphs:
        chunk = source.text[para.start : para.end]
        assert chunk == chunk.strip() and chunk in [TITLE, *ARTICLE]
    assert "\n\n".join(paragraph_texts(source)) == source.text.strip()


def test_raw_keeps_the_whole_visible_page_but_no_scripts_or_styles(page):
    source = read_source(page, raw=True)
    texts = paragraph_texts(source)
    for expected in [COOKIE, *MENU, TITLE, *ARTICLE, *TEASERS, *COMMENTS, FOOTER]:
        assert expected in texts
    assert "hidden script text" not in source.text and "font-family" not in source.text
    assert source.meta["extract"] == "raw" and source.title == TITLE


def test_raw_drops_hidden_elements_and_keeps_table_rows_on_one_line(tmp_path):
    path = tmp_path / "t.html"
    path.write_text(
        "<html><body><p>Visible words here.</p><div hidden>secret text</div>"
        '<p style="display: none">also secret</p>'
        "<table><tr><th>Year</th><th>Ships</th></tr><tr><td>2024</td><td>312</td></tr></table>"
        "<p>Line one<br>line two</p></body></html>",
        encoding="utf-8",
    )
    source = read_source(path, raw=True)
    assert paragraph_texts(source) == ["Visible words here.", "Year | Ships", "2024 | 312", "Line one\nline two"]


def test_page_without_article_text_is_a_user_error_suggesting_raw(tmp_path):
    path = tmp_path / "empty.html"
    path.write_text("<html><head><title>Nothing</title></head><body><nav><a href='/'>Home</a></nav></body></html>")
    with pytest.raises(UserError) as caught:
        read_source(path)
    assert str(path) in str(caught.value) and "--raw" in str(caught.value)


def test_declared_legacy_charset_is_honoured(tmp_path):
    paragraphs = [p.replace("Oduya", "Øduyà") for p in ARTICLE]
    html = article_page(paragraphs).replace('<meta charset="utf-8">', '<meta charset="windows-1252">')
    path = tmp_path / "legacy.htm"
    path.write_bytes(html.encode("cp1252"))
    source = read_source(path)
    assert "Øduyà" in source.text and paragraph_texts(source)[1:] == paragraphs


def test_a_page_saved_without_a_suffix_is_recognised_by_content(tmp_path):
    path = tmp_path / "saved-page"
    path.write_text(article_page(), encoding="utf-8")
    assert paragraph_texts(read_source(path)) == [TITLE, *ARTICLE]


def test_assets_folder_beside_the_page_is_ignored(tmp_path, page):
    assets = tmp_path / "courier_files"
    assets.mkdir()
    (assets / "style.css").write_text("body { color: red }")
    (tmp_path / "story.txt").write_text("\n\n".join([TITLE, *ARTICLE]), encoding="utf-8")
    skipped = []
    sources = read_sources([str(tmp_path)], on_skip=skipped.append)
    assert [Path(s.path).name for s in sources] == ["courier.html", "story.txt"]
    assert skipped == []


def test_saved_page_aligns_one_to_one_with_the_same_article_as_plain_text(tmp_path, page):
    plain = tmp_path / "article.txt"
    plain.write_text("\n\n".join([TITLE, *ARTICLE]) + "\n", encoding="utf-8")
    sources = read_sources([str(page), str(plain)])
    alignment = build_alignment(sources, None, default_config())
    web, text = (s.id for s in sources)
    pairs = sorted((tuple(r.cells.get(web, [])), tuple(r.cells.get(text, []))) for r in alignment.rows)
    assert pairs == [((i,), (i,)) for i in range(len(ARTICLE) + 1)]
    assert all(r.kind == "match" for r in alignment.rows)


def test_reader_returns_blank_line_separated_paragraphs():
    text, meta = read_html(Path("x.html"), article_page().encode("utf-8"))
    assert text.endswith("\n") and text.rstrip("\n").split("\n\n") == [TITLE, *ARTICLE]
    assert meta["extract"] == "article"


def test_an_html_fragment_is_read_as_a_page(tmp_path):
    path = tmp_path / "fragment.html"
    path.write_text(f"<div><p>{ARTICLE[0]}</p></div>", encoding="utf-8")
    assert paragraph_texts(read_source(path)) == [ARTICLE[0]]


def test_no_date_is_invented_from_a_copyright_line(tmp_path):
    html = article_page().replace(f'<meta property="article:published_time" content="{DATE}T09:30:00Z">', "")
    html = html.replace(f'<time datetime="{DATE}">4 March 2025</time>', "")
    path = tmp_path / "undated.html"
    path.write_text(html, encoding="utf-8")
    assert "date" not in read_source(path).meta


def test_a_date_written_in_the_byline_is_found(tmp_path):
    html = article_page().replace(f'<meta property="article:published_time" content="{DATE}T09:30:00Z">', "")
    path = tmp_path / "byline-dated.html"
    path.write_text(html, encoding="utf-8")
    assert read_source(path).meta["date"] == DATE
