"""Column planning and wrapping: what lands on which screen line (no terminal needed)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from srccompare.app.layout import (
    MIN_COLUMN_WIDTH,
    SEPARATOR_WIDTH,
    Wrapper,
    count_lines,
    estimate_heights,
    is_furniture,
    offsets_of,
    plan_columns,
    row_heights,
    wrap_text,
)
from tests.app.support import story

IDS = ["a", "b", "c", "d", "e", "f"]


@given(
    count=st.integers(1, 6),
    offset=st.integers(-3, 8),
    width=st.integers(10, 300),
    gutter=st.integers(0, 8),
)
def test_columns_never_overlap_or_overflow_and_hidden_ones_are_counted(count, offset, width, gutter):
    order = IDS[:count]
    geometry = plan_columns(order, offset, width, gutter)
    shown = len(geometry.columns)
    assert shown >= 1
    assert len(set(geometry.columns)) == shown
    assert shown + geometry.hidden_left + geometry.hidden_right == count
    right_edge = geometry.x_of(shown - 1) + geometry.width
    if width - gutter >= MIN_COLUMN_WIDTH:
        assert right_edge <= width
    if shown > 1:
        assert geometry.columns[0] == "a", "the base stays pinned on the left"
        assert geometry.width >= MIN_COLUMN_WIDTH
    for i in range(shown):
        assert geometry.column_at(geometry.x_of(i)) == i
        assert geometry.column_at(geometry.x_of(i) + geometry.width - 1) == i


def test_five_sources_in_80_columns_scroll_sideways():
    geometry = plan_columns(IDS[:5], 0, 80 - 9, 5)
    assert geometry.columns == ("a", "b", "c")
    assert (geometry.hidden_left, geometry.hidden_right) == (0, 2)
    moved = plan_columns(IDS[:5], 2, 80 - 9, 5)
    assert moved.columns == ("a", "d", "e")
    assert (moved.hidden_left, moved.hidden_right) == (2, 0)


def test_wide_terminal_shows_every_column_sharing_the_width():
    geometry = plan_columns(IDS[:5], 0, 160, 5)
    assert geometry.columns == tuple(IDS[:5])
    assert geometry.width == (160 - 5 - 4 * SEPARATOR_WIDTH) // 5


words = st.lists(st.text(alphabet="abcdé漢-,.’", min_size=1, max_size=14), max_size=25)
spaces = st.sampled_from([" ", "  ", "\n", " \n ", "\t"])


@settings(max_examples=300)
@given(words=words, gaps=st.lists(spaces, min_size=25, max_size=25), width=st.integers(1, 40))
def test_wrapping_keeps_every_word_in_order_within_the_width(words, gaps, width):
    text = "".join(w + g for w, g in zip(words, gaps))
    lines = wrap_text(text, 0, len(text), width)
    pieces = [text[s:e] for line in lines for s, e in line]
    assert "".join(pieces) == "".join(words), "words come back in order, only whitespace dropped"
    for line in lines:
        drawn = " ".join(text[s:e] for s, e in line)
        assert cell_len(drawn) <= max(width, 2), "a line never spills into the next column"
    assert count_lines(text, 0, len(text), width) == len(lines), "the fast count agrees with the wrap"


def test_reflowed_and_respaced_paragraphs_wrap_the_same():
    one = "Dock workers walked off the job on Monday, starting a strike."
    two = "Dock  workers walked\noff the job on Monday,\n  starting a strike."
    for width in (12, 20, 33):
        assert [[one[s:e] for s, e in line] for line in wrap_text(one, 0, len(one), width)] == [
            [two[s:e] for s, e in line] for line in wrap_text(two, 0, len(two), width)
        ]


def test_row_heights_pad_to_the_tallest_cell_and_fold_furniture():
    alignment = story()
    wrapper = Wrapper(20)
    heights = row_heights(alignment, ("a", "b", "c"), wrapper, folded=False)
    for row, height in zip(alignment.rows, heights):
        tallest = max(
            wrapper.cell_height(alignment.source(s), row.cells.get(s, []), s in row.moved) for s in ("a", "b", "c")
        )
        assert height == tallest + 1
    folded = row_heights(alignment, ("a", "b", "c"), wrapper, folded=True)
    for row, before, after in zip(alignment.rows, heights, folded):
        assert after == (1 if is_furniture(alignment, row) else before)
    assert offsets_of([3, 1, 2]) == [0, 3, 4, 6]


def test_moved_and_empty_cells_say_so():
    alignment = story()
    wrapper = Wrapper(30)
    moved = wrapper.cell(alignment.source("b"), [4], moved=True, column=2)
    assert moved[0].kind == "note" and moved[0].note == "¶5 of col 2, moved", "the column, as messages name it"
    gap = wrapper.cell(alignment.source("c"), [], moved=False)
    assert gap[0].kind == "gap" and "not in this source" in gap[0].note


def test_estimates_are_replaced_by_exact_heights_for_the_same_rows():
    alignment = story()
    exact = row_heights(alignment, ("a", "b"), Wrapper(25), folded=False)
    rough = estimate_heights(alignment, ("a", "b"), 25, folded=False)
    assert len(rough) == len(exact)
    part = row_heights(alignment, ("a", "b"), Wrapper(25), folded=False, start=2, stop=5)
    assert part == exact[2:5]
