"""Word-level divergences and agreement ratios inside an aligned row."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from srccompare.core.model import Alignment, Row
from srccompare.engine.compare import (
    agreement,
    cell_words,
    diff_words,
    reference_source,
    row_divergences,
)
from srccompare.inputs.sources import build_source


def make_alignment(texts: dict[str, str], cells: list[dict[str, list[int]]], base: str | None = None) -> Alignment:
    taken: set[str] = set()
    sources = []
    for name, text in texts.items():
        src = build_source(f"{name}.txt", text, {}, taken)
        sources.append(src)
    rows = [Row(id=i, kind="changed", score=0.5, cells=c) for i, c in enumerate(cells)]
    return Alignment(base=base or sources[0].id, sources=sources, rows=rows)


def words_at(alignment: Alignment, sid: str, span) -> str:
    return alignment.source(sid).text[span.start : span.end]


def test_identical_after_normalisation_has_no_divergence():
    a = "The mayor said \u201cwe will rebuild\u201d \u2014 in 30\u2013day steps.\n\nSecond paragraph here."
    b = 'The MAYOR said "we will\nrebuild"  - in 30-day steps.\n\nSecond paragraph here.'
    al = make_alignment({"a": a, "b": b}, [{"a": [0], "b": [0]}])
    div = row_divergences(al, al.rows[0])
    assert div.reference == "a"
    assert div.ops == {"b": []}
    assert agreement(al, al.rows[0]) == {"a": 1.0, "b": 1.0}


def test_a_word_hyphenated_at_a_line_end_is_one_word():
    a = "Ferry crews stopped work on Monday and met the operator in Gdańsk-Istanbul talks.\n\nEnd."
    b = "Ferry crews stopped work on Mon-\nday and met the oper-\nator in Gdańsk-\nIstanbul talks.\n\nEnd."
    al = make_alignment({"a": a, "b": b}, [{"a": [0], "b": [0]}])
    assert row_divergences(al, al.rows[0]).ops == {"b": []}
    # A compound at a line end ("30-\nday") still splits like "30-day", and real edits are still seen.
    c = "Ferry crews stopped work on Tues-\nday for a 30-\nday strike.\n\nEnd."
    d = "Ferry crews stopped work on Monday for a 30-day strike.\n\nEnd."
    al = make_alignment({"c": c, "d": d}, [{"c": [0], "d": [0]}])
    (op,) = row_divergences(al, al.rows[0]).ops["d"]
    assert words_at(al, "c", op.ref) == "Tues-\nday"
    assert words_at(al, "d", op.other) == "Monday"


def test_replace_insert_delete_spans_point_at_the_words():
    a = "Officials said 3,000 jobs would be cut next year."
    b = "Officials said only 300 jobs would be cut."
    al = make_alignment({"a": a, "b": b}, [{"a": [0], "b": [0]}])
    ops = row_divergences(al, al.rows[0]).ops["b"]
    seen = [(d.op, d.ref and words_at(al, "a", d.ref), d.other and words_at(al, "b", d.other)) for d in ops]
    assert seen == [("replace", "3,000", "only 300"), ("delete", "next year", None)]


def test_digit_grouping_is_not_a_divergence():
    al = make_alignment({"a": "About 3,000 people.", "b": "About 3000 people."}, [{"a": [0], "b": [0]}])
    assert row_divergences(al, al.rows[0]).ops["b"] == []


def test_multi_paragraph_cell_uses_absolute_offsets():
    a = "Intro line.\n\nThe council voted to close the harbour on Monday."
    b = "Other text first.\n\nThe council voted\n\nto open the harbour on Monday."
    al = make_alignment({"a": a, "b": b}, [{"a": [0]}, {"a": [1], "b": [1, 2]}, {"b": [0]}])
    div = row_divergences(al, al.rows[1])
    (only,) = div.ops["b"]
    assert only.op == "replace"
    assert words_at(al, "a", only.ref) == "close"
    assert words_at(al, "b", only.other) == "open"


def test_reference_falls_back_when_base_is_absent():
    al = make_alignment(
        {"a": "Only in a.", "b": "Shared text b.", "c": "Shared text c."},
        [{"a": [0]}, {"b": [0], "c": [0]}],
    )
    assert reference_source(al, al.rows[1]) == "b"
    div = row_divergences(al, al.rows[1])
    assert div.reference == "b" and set(div.ops) == {"c"}
    agree = agreement(al, al.rows[1])
    assert agree["a"] is None and agree["b"] == 1.0
    assert agree["c"] == pytest.approx(4 / 6)  # "shared text" kept, "b"/"c" replaced
    lone = row_divergences(al, al.rows[0])
    assert lone.reference == "a" and lone.ops == {}


def test_nothing_in_common_scores_zero():
    al = make_alignment({"a": "alpha beta gamma", "b": "one two"}, [{"a": [0], "b": [0]}])
    assert agreement(al, al.rows[0])["b"] == 0.0


_word = st.sampled_from(["the", "mayor", "said", "3,000", "jobs", "cut", "Kyiv", "Zelensky", "not", "30-day"])


@settings(max_examples=150, deadline=None)
@given(st.lists(_word, max_size=25), st.lists(_word, max_size=25))
def test_words_outside_divergences_are_the_same_in_both(ref_words, other_words):
    """The words no divergence covers are equal, in order, on both sides; spans are word-aligned."""
    a = " ".join(ref_words) or "x"
    b = " ".join(other_words) or "x"
    al = make_alignment({"a": a, "b": b}, [{"a": [0], "b": [0]}])
    ra, rb = cell_words(al.sources[0], [0]), cell_words(al.sources[1], [0])
    ops = diff_words(ra, rb)
    ref_cover = [d.ref for d in ops if d.ref is not None]
    other_cover = [d.other for d in ops if d.other is not None]
    for cover, words in ((ref_cover, ra), (other_cover, rb)):
        edges = {s.start for s in words.spans}, {s.end for s in words.spans}
        assert all(c.start in edges[0] and c.end in edges[1] for c in cover)

    def kept(words, cover):
        return [k for k, s in zip(words.keys, words.spans) if not any(c.start <= s.start < c.end for c in cover)]

    assert kept(ra, ref_cover) == kept(rb, other_cover)
    common = len(kept(ra, ref_cover))
    score = agreement(al, al.rows[0])["b"]
    # The diff keeps a common subsequence; the score counts the longest one, so it is never lower.
    assert score >= 2 * common / (len(ra.keys) + len(rb.keys)) - 1e-9
    assert (score == 1.0) == (ra.keys == rb.keys)
