"""Hard-wrapped text is rejoined into paragraphs; spans still point into the original text."""

from __future__ import annotations

import textwrap

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from srccompare.text.segment import paragraph_spans
from tests.readers.builders import ARTICLE, TITLE

STORY = [TITLE, *ARTICLE]


def joined(text: str) -> list[str]:
    return [" ".join(text[s.start : s.end].split()) for s in paragraph_spans(text)]


def wrap(paragraph: str, width: int, indent: str = "") -> str:
    return "\n".join(textwrap.wrap(paragraph, width, initial_indent=indent))


@pytest.mark.parametrize("width", [40, 60, 72, 100])
def test_blank_line_separated_wrapped_paragraphs(width):
    text = "\n\n".join(wrap(p, width) for p in STORY)
    assert joined(text) == STORY


@pytest.mark.parametrize("width", [40, 60, 72, 80, 100])
def test_indented_first_lines_mark_paragraphs_without_blank_lines(width):
    text = "\n".join(wrap(p, width, indent="    ") for p in STORY)
    assert joined(text) == STORY


@pytest.mark.parametrize("width", [60, 72])
def test_short_last_lines_mark_paragraphs_without_blank_lines(width):
    # At these widths every paragraph's last line leaves room for the next word.
    text = "\n".join(wrap(p, width) for p in STORY) + "\n"
    assert joined(text) == STORY


def test_email_paste_with_crlf_free_lines_and_a_list():
    text = (
        "Dear editors,\n"
        "The harbour board met on Tuesday and approved the dredging plan after a\n"
        "long debate about the seagrass beds north of the breakwater.\n"
        "Points raised at the meeting:\n"
        "- the cost of 41 million crowns over three years, which several members\n"
        "  called too high for a town of this size;\n"
        "- the court case the environmental groups have announced.\n"
        "Kind regards,\n"
        "Tomas\n"
    )
    assert joined(text) == [
        "Dear editors,",
        "The harbour board met on Tuesday and approved the dredging plan after a long debate about the "
        "seagrass beds north of the breakwater.",
        "Points raised at the meeting:",
        "- the cost of 41 million crowns over three years, which several members called too high for a "
        "town of this size;",
        "- the court case the environmental groups have announced.",
        "Kind regards,",
        "Tomas",
    ]


def test_one_paragraph_per_line_news_stays_one_paragraph_per_line():
    text = "\n".join(STORY) + "\n"
    assert joined(text) == STORY


def test_short_headline_list_is_not_taken_for_wrapped_text():
    lines = [
        "Ferry timetable changes this summer",
        "Lighthouse restoration finally complete",
        "Council votes on new bus routes",
        "Harbour board approves channel dredging",
    ]
    assert joined("\n".join(lines)) == lines


def test_paragraph_span_covers_its_lines_with_inner_newlines():
    text = "\n\n".join(wrap(p, 50) for p in STORY)
    spans = paragraph_spans(text)
    second = text[spans[1].start : spans[1].end]
    assert second.count("\n") >= 2 and second.startswith("The harbour") and second.endswith("years.")


def test_hyphenated_line_ends_continue_the_paragraph():
    text = (
        "The talks between the union and the terminal operators broke down on Fri-\n"
        "day after the negotiations had lasted eleven months, and the mediator's\n"
        "latest proposal was rejected by the members in a vote that ended just af-\n"
        "ter midnight.\n"
        "A second round is planned for spring, the mediator said on Monday.\n"
    )
    spans = paragraph_spans(text)
    assert len(spans) == 2
    assert text[spans[0].start : spans[0].end].endswith("af-\nter midnight.")


def test_sources_say_they_were_hard_wrapped_and_keep_a_wrapped_headline_whole(tmp_path):
    from srccompare.inputs.sources import read_source

    headline = "Harbour board approves channel dredging after a long night of debate in the town hall"
    wrapped = tmp_path / "pasted.txt"
    wrapped.write_text("\n\n".join(wrap(p, 50) for p in [headline, *ARTICLE]) + "\n", encoding="utf-8")
    source = read_source(wrapped)
    assert source.meta["hard_wrapped"] is True and source.title == headline
    assert source.to_dict()["hard_wrapped"] is True

    clean = tmp_path / "clean.txt"
    clean.write_text("\n\n".join(STORY), encoding="utf-8")
    source = read_source(clean)
    assert "hard_wrapped" not in source.meta and source.title == TITLE


words = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=12)
sentences = st.lists(words, min_size=3, max_size=25).map(lambda ws: " ".join(ws).capitalize() + ".")
paragraphs = st.lists(sentences, min_size=1, max_size=5).map(" ".join)


@settings(max_examples=150, deadline=None)
@given(st.lists(paragraphs, min_size=2, max_size=6), st.integers(min_value=30, max_value=110))
def test_blank_line_wrapped_text_always_gives_back_its_paragraphs(paras, width):
    text = "\n\n".join(wrap(p, width) for p in paras)
    assert joined(text) == paras


@settings(max_examples=150, deadline=None)
@given(st.lists(paragraphs, min_size=1, max_size=6), st.integers(min_value=30, max_value=110))
def test_indented_wrapped_text_always_gives_back_its_paragraphs(paras, width):
    text = "\n".join(wrap(p, width, indent="   ") for p in paras)
    assert joined(text) == paras


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab c.\n\n  -,Xy\t"), max_size=300))
def test_spans_are_ordered_stripped_and_cover_every_visible_character(text):
    spans = paragraph_spans(text)
    previous_end = 0
    for span in spans:
        assert previous_end <= span.start < span.end <= len(text)
        chunk = text[span.start : span.end]
        assert chunk == chunk.strip()
        assert "\n\n" not in chunk.replace(" ", "").replace("\t", "")  # never across a blank line
        previous_end = span.end
    covered = set().union(*(range(s.start, s.end) for s in spans)) if spans else set()
    assert all(i in covered for i, ch in enumerate(text) if not ch.isspace())
