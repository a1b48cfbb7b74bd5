"""Markdown markup and line-end hyphenation do not count as differences; offsets still hold."""

from __future__ import annotations

import textwrap

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from srccompare.core.config import default_config
from srccompare.engine.pipeline import build_alignment
from srccompare.inputs.sources import read_sources
from srccompare.text.normalize import TOKEN, fold_word, normalize_text, tokens
from tests.readers.builders import ARTICLE, TITLE


def words(text: str) -> list[str]:
    return [w for w, _ in tokens(text)]


@pytest.mark.parametrize(
    "marked, plain",
    [
        ("# Harbour board approves dredging", "Harbour board approves dredging"),
        ("Setext heading\n==============", "Setext heading"),
        ("**Board chair** Miriam _Oduya_ said *no*", "Board chair Miriam Oduya said no"),
        ("__strong__ and ___both___", "strong and both"),
        ('see [the court filing](https://example.org/filing_2025?id=7 "Filing") today', "see the court filing today"),
        ("![the eastern channel](img/channel_low-tide.jpg)", "the eastern channel"),
        ("read <https://example.org/story> or <em>this</em>", "read or this"),
        ("- first point\n* second point\n+ third point", "first point\nsecond point\nthird point"),
        ("1. first point\n2) second point", "first point\nsecond point"),
        ("> quoted words", "quoted words"),
        ("a claim[^1]\n\n[1]: https://example.org/source", "a claim"),
        ("Fish &amp; chips", "Fish chips"),
        ("`code` words", "code words"),
    ],
)
def test_markdown_markup_yields_no_words(marked, plain):
    assert words(marked) == words(plain)


def test_numbers_inside_sentences_are_still_words():
    assert words("They cut 3,000 jobs in 2.5 years; 12 boats left.") == [
        "they",
        "cut",
        "3,000",
        "jobs",
        "in",
        "2.5",
        "years",
        "12",
        "boats",
        "left",
    ]


def test_snake_case_stays_one_word():
    assert words("file_name here") == ["file_name", "here"]


def test_line_end_hyphenation_is_undone_for_matching_but_spans_keep_the_original():
    text = "The negoti-\nations ended."
    (_first, _), (word, span), (_last, _) = tokens(text)
    assert word == "negotiations"
    assert text[span.start : span.end] == "negoti-\nations"
    assert normalize_text(text) == normalize_text("The negotiations ended.")


def test_a_capital_after_a_line_end_hyphen_keeps_the_hyphen():
    assert words("Anglo-\nSaxon") == words("Anglo-Saxon") == ["anglo-saxon"]


def test_a_dash_before_a_new_line_is_not_a_hyphenation():
    assert words("prices rose -\nsharply") == ["prices", "rose", "sharply"]
    assert words("prices rose\n\n-sharply") == ["prices", "rose", "sharply"]


def test_token_finditer_keeps_the_re_interface():
    text = "x [link](http://a.b/c) y"
    assert [(m.group(), m.start(), m.end()) for m in TOKEN.finditer(text, 1)] == [("link", 3, 7), ("y", 23, 24)]
    assert [m.group() for m in TOKEN.finditer(text, 0, 8)] == ["x", "link"]


def test_a_custom_word_pattern_can_be_made_markup_blind_and_hyphen_aware():
    from srccompare.text.normalize import LINE_END_HYPHEN_JOIN, MarkupBlindFinder

    diff_words = MarkupBlindFinder(rf"[^\W_]+(?:(?:{LINE_END_HYPHEN_JOIN}|['’.,:/])[^\W_]+)*")
    text = "the 30-day negoti-\nations [see](http://x.y/z) _too_"
    found = [m.group() for m in diff_words.finditer(text)]
    assert found == ["the", "30", "day", "negoti-\nations", "see", "too"]
    assert [fold_word(w) for w in found][3] == "negotiations"


lower_words = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=4, max_size=12)


@settings(max_examples=200, deadline=None)
@given(st.lists(lower_words, min_size=1, max_size=20), st.data())
def test_hyphenating_any_word_at_a_line_end_changes_no_token(ws, data):
    i = data.draw(st.integers(0, len(ws) - 1))
    cut = data.draw(st.integers(1, len(ws[i]) - 1))
    broken = ws[:i] + [ws[i][:cut] + "-\n" + ws[i][cut:]] + ws[i + 1 :]
    text = " ".join(broken)
    found = tokens(text)
    assert [w for w, _ in found] == ws
    for (_word, span), original in zip(found, broken):
        assert text[span.start : span.end] == original


@settings(max_examples=200, deadline=None)
@given(st.lists(lower_words, min_size=1, max_size=20), st.lists(st.sampled_from(["**", "_", "*", "[]"]), max_size=20))
def test_emphasis_and_links_around_words_change_no_token(ws, marks):
    marked = []
    for word, mark in zip(ws, marks + [""] * len(ws)):
        marked.append(f"[{word}](https://x.org/{word})" if mark == "[]" else f"{mark}{word}{mark}")
    text = " ".join(marked)
    assert [w for w, _ in tokens(text)] == ws
    for word, span in tokens(text):
        assert fold_word(text[span.start : span.end]) == word


def test_markdown_copy_matches_the_plain_text(tmp_path):
    markdown = tmp_path / "story.md"
    markdown.write_text(
        f"# {TITLE}\n\n" + "\n\n".join(f"**{p.split(' ', 1)[0]}** {p.split(' ', 1)[1]}" for p in ARTICLE) + "\n",
        encoding="utf-8",
    )
    plain = tmp_path / "story.txt"
    plain.write_text("\n\n".join([TITLE, *ARTICLE]) + "\n", encoding="utf-8")
    sources = read_sources([str(markdown), str(plain)])
    assert sources[0].meta["format"] == "markdown" and sources[0].text.startswith("# ")
    alignment = build_alignment(sources, None, default_config())
    assert [r.kind for r in alignment.rows] == ["match"] * (len(ARTICLE) + 1)


def test_hard_wrapped_hyphenated_copy_matches_the_plain_text(tmp_path):
    wrapped = tmp_path / "pasted.txt"
    wrapped.write_text(
        f"{TITLE}\n\n"
        "The union and the terminal operators said on Friday that the negoti-\n"
        "ations would resume next week under a mediator appointed by the min-\n"
        "istry, after eleven months without an agreement on pay.\n\n"
        + "\n\n".join(textwrap.fill(p, 64) for p in ARTICLE)
        + "\n",
        encoding="utf-8",
    )
    plain = tmp_path / "clean.txt"
    plain.write_text(
        f"{TITLE}\n\n"
        "The union and the terminal operators said on Friday that the negotiations would resume next "
        "week under a mediator appointed by the ministry, after eleven months without an agreement on pay.\n\n"
        + "\n\n".join(ARTICLE)
        + "\n",
        encoding="utf-8",
    )
    sources = read_sources([str(wrapped), str(plain)])
    assert len(sources[0].paragraphs) == len(sources[1].paragraphs) == len(ARTICLE) + 2
    alignment = build_alignment(sources, None, default_config())
    assert [r.kind for r in alignment.rows] == ["match"] * (len(ARTICLE) + 2)
