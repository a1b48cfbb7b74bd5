"""Highlight ranges and search: which characters get which mark."""

from __future__ import annotations

import itertools

from hypothesis import given
from hypothesis import strategies as st

from srccompare.app.layout import wrap_text
from srccompare.app.marks import find_matches, line_pieces, match_rows, paragraph_rows, search_pattern
from srccompare.output.marks import merge_marks, row_marks
from tests.app.support import story


def test_overlapping_marks_merge_with_the_stronger_kind_winning():
    merged = merge_marks([(0, 10, "deleted"), (5, 15, "replaced"), (20, 25, "inserted"), (25, 30, "inserted")])
    assert merged == [(0, 5, "deleted"), (5, 15, "replaced"), (20, 30, "inserted")]


@given(
    st.lists(st.tuples(st.integers(0, 50), st.integers(0, 50), st.sampled_from(["inserted", "deleted", "replaced"])))
)
def test_merged_marks_are_sorted_disjoint_and_cover_the_same_positions(raw):
    marks = [(min(s, e), max(s, e), k) for s, e, k in raw]
    merged = merge_marks(marks)
    for (_s1, e1, _), (s2, _e2, _) in itertools.pairwise(merged):
        assert e1 <= s2
    covered = {p for s, e, _ in marks for p in range(s, e)}
    assert covered == {p for s, e, _ in merged for p in range(s, e)}


def test_row_marks_show_the_replaced_number_in_both_columns():
    alignment = story()
    marks = row_marks(alignment, alignment.rows[1], ["a", "b", "c"])
    a, b = alignment.source("a"), alignment.source("b")
    assert any(a.text[s:e] == "2" and kind == "replaced" for s, e, kind in marks["a"])
    assert any(b.text[s:e] == "3" and kind == "replaced" for s, e, kind in marks["b"])


def test_line_pieces_rebuild_the_wrapped_line_and_mark_only_marked_text():
    text = "alpha beta gamma delta"
    line = wrap_text(text, 0, len(text), 40)[0]
    diff = [(6, 16, "replaced")]  # "beta gamma"
    hits = [(17, 19, "match")]  # "de"
    pieces = line_pieces(text, line, diff, hits)
    assert "".join(p for p, _, _ in pieces) == text
    marked = "".join(p for p, kind, _ in pieces if kind == "replaced")
    assert marked == "beta gamma", "the space inside one mark is marked too"
    assert "".join(p for p, _, hit in pieces if hit) == "de"


def test_search_ignores_case_quote_and_dash_styles():
    pattern = search_pattern("Workers' union - vote")
    assert pattern.search("the WORKERS’ Union — vote")
    assert pattern.search("workers'  union\n-  vote")
    assert search_pattern("   ") is None


def test_search_finds_offsets_in_every_source_and_maps_them_to_rows():
    alignment = story()
    found = find_matches(alignment, "ferry")
    for source_id, spans in found.items():
        text = alignment.source(source_id).text
        assert all(text[s.start : s.end].lower() == "ferry" for s in spans)
    assert set(found) == {"a", "b", "c"}
    rows = match_rows(alignment, found, paragraph_rows(alignment))
    assert rows == [0, 1]


def test_line_runs_keep_every_channel_apart():
    from srccompare.app.marks import line_runs

    text = "alpha beta gamma delta"
    line = wrap_text(text, 0, len(text), 40)[0]
    runs = line_runs(text, line, [[(6, 10, "replaced")], [], [(0, 16, "sentence"), (17, 22, "linked")]])
    assert "".join(p for p, _ in runs) == text
    assert "".join(p for p, kinds in runs if kinds[2] == "sentence") == "alpha beta gamma"
    assert "".join(p for p, kinds in runs if kinds[2] == "linked") == "delta"
    assert [p for p, kinds in runs if kinds[0]] == ["beta"]
    assert all(kinds[1] is None for _, kinds in runs)
