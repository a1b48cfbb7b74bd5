"""Column titles come from the story's headline, never from a page's menu."""

from __future__ import annotations

import html
import json
import subprocess
import sys

import pytest

from srccompare.inputs.sources import read_source
from srccompare.inputs.titles import looks_like_menu, reads_as_headline
from tests.readers.builders import ARTICLE, TITLE

BODY = "\n\n".join(ARTICLE)


def scraped_copy(headline: str = TITLE) -> str:
    """A page copied as text: menu items (one repeated), the headline twice, a reading time, the article."""
    return f"News Feed\nShow More\nNews Feed\n\n{headline}\n\n3 min read\n{headline}\n\n{BODY}\n"


@pytest.mark.parametrize(
    "line",
    ["News Feed", "Show More", "Opinion", "Skip to main content", "4 min read", "By Tomas Lindqvist",
     "Home · News · Sport · Weather", "Home | News | Sport | Weather", "Share this article"],
)  # fmt: skip
def test_menu_items_and_furniture_are_never_headlines(line):
    assert looks_like_menu(line) and not reads_as_headline(line)


@pytest.mark.parametrize("line", [TITLE, f"{TITLE} | The Elsworth Courier", "Will the channel be dredged?"])
def test_headlines_read_as_headlines(line):
    assert reads_as_headline(line)


def test_a_scraped_text_copy_is_titled_by_its_repeated_headline_not_its_menu(tmp_path):
    path = tmp_path / "scraped.txt"
    path.write_text(scraped_copy(), encoding="utf-8")
    assert read_source(path).title == TITLE


def test_a_text_starting_with_a_menu_and_no_headline_is_titled_by_its_file_name(tmp_path):
    path = tmp_path / "copy.txt"
    path.write_text(f"Home · News · Sport · Weather\n\nNews Feed\n\n{BODY}\n", encoding="utf-8")
    assert read_source(path).title == "copy.txt"
    path.write_text(f"Skip to main content\n\n{BODY}\n", encoding="utf-8")
    assert read_source(path).title == "copy.txt"


def test_a_plain_article_keeps_its_first_line_as_title(tmp_path):
    path = tmp_path / "wire.md"
    path.write_text(f"# {TITLE}\n\n{BODY}\n", encoding="utf-8")
    assert read_source(path).title == TITLE


def _page(head_title: str, headline: str | None) -> str:
    menu = "".join(f"<li><a href='/{i}'>{m}</a></li>" for i, m in enumerate(["News Feed", "Show More", "News Feed"]))
    h1 = f"<h1>{html.escape(headline)}</h1>" if headline else ""
    paragraphs = "".join(f"<p>{html.escape(p, quote=False)}</p>" for p in ARTICLE)
    return (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{head_title}</title></head><body>"
        f"<header><nav><ul>{menu}</ul></nav></header><main><article>{h1}{paragraphs}</article></main></body></html>"
    )


def test_a_page_titled_after_its_menu_section_takes_the_headline_from_trafilatura(tmp_path):
    page = tmp_path / "page.html"
    page.write_text(_page("News Feed", TITLE), encoding="utf-8")
    assert read_source(page).title == TITLE
    assert read_source(page, raw=True).title == TITLE  # the whole visible page starts with the menu


def test_a_page_whose_only_title_is_a_menu_item_is_titled_by_its_file_name(tmp_path):
    page = tmp_path / "page.html"
    page.write_text(_page("News Feed", None), encoding="utf-8")
    source = read_source(page)
    assert source.title == "page.html"
    assert "News Feed" not in source.text  # nor is the menu item put in front of the article as its headline


def test_align_json_titles_the_scraped_copy_by_its_headline(tmp_path):
    (tmp_path / "a-wire.txt").write_text(f"{TITLE}\n\n{BODY}\n", encoding="utf-8")
    (tmp_path / "b-scraped.txt").write_text(scraped_copy(), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "srccompare", "align", str(tmp_path), "--format", "json"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert [s["title"] for s in json.loads(done.stdout)["sources"]] == [TITLE, TITLE]
