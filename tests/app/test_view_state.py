"""The view's navigation and search state and its row layout, without a terminal."""

from __future__ import annotations

import pytest

from srccompare.app.layout import Geometry, Wrapper, plan_columns
from srccompare.app.row_layout import RowLayout, exact_layout, provisional_layout
from srccompare.app.view_state import StateField, ViewState, next_in
from srccompare.core.model import Alignment, Flag, Row
from tests.app.support import B, long_story, make_source, story


def state_of(alignment=None, **kwargs) -> ViewState:
    state = ViewState(**kwargs)
    state.set_alignment(alignment or story())
    return state


def test_a_new_alignment_puts_the_base_first_and_focuses_it():
    state = state_of()
    assert state.order == ["a", "b", "c"]
    assert state.focused == "a" and state.cursor == 0
    assert state.current_row is state.rows[0]
    assert state.gutter_width() == len("6") + 5


def test_the_cursor_starts_on_the_first_row_with_base_text():
    alignment = story()
    a, _b, c = alignment.sources
    furniture = make_source("b", ["Skip to main content", *B], {0, 3})
    rows = [
        Row(0, "boilerplate", 0.0, {"b": [0]}),
        Row(1, "only", 0.0, {"c": [2]}),
        Row(2, "changed", 0.6, {"a": [0], "b": [1], "c": [0]}),
    ]
    state = state_of(Alignment("a", [a, furniture, c], rows))
    assert state.cursor == 2, "past the page furniture and the paragraph only another version has"
    state.set_alignment(Alignment("a", [a, furniture, c], rows[:2]))
    assert state.cursor == 0, "no base text at all: the first row"


def test_the_focused_column_and_the_search_survive_a_new_alignment():
    alignment = story()
    state = state_of(alignment)
    state.focus("c")
    state.search("elm island")
    alignment.base = "b"
    state.set_alignment(alignment, cursor=99)
    assert state.order == ["b", "a", "c"]
    assert state.focused == "c", "still a source of the new alignment"
    assert state.cursor == len(alignment.rows) - 1, "the cursor is clamped to the rows"
    assert state.search_query == "elm island" and state.match_count == 3


@pytest.mark.parametrize(
    ("rows", "cursor", "direction", "expected"),
    [
        ([1, 3, 5], 0, 1, 1),
        ([1, 3, 5], 1, 1, 3),
        ([1, 3, 5], 5, 1, None),
        ([1, 3, 5], 4, -1, 3),
        ([1, 3, 5], 3, -1, 1),
        ([1, 3, 5], 1, -1, None),
        ([], 0, 1, None),
    ],
)
def test_next_in_a_sorted_list_of_rows(rows, cursor, direction, expected):
    assert next_in(rows, cursor, direction) == expected


def test_divergences_skip_identical_and_furniture_rows():
    state = state_of()
    assert state.divergent == [0, 1, 3, 5], "changed, moved and only-in-c rows; not furniture or identical"
    visited = []
    while (target := state.next_divergence(1)) is not None:
        state.move(target)
        visited.append(target)
    assert visited == [1, 3, 5]
    assert state.next_divergence(-1) == 3


def test_flagged_rows_follow_the_minimum_severity_and_skip_furniture_flags():
    alignment = story()
    alignment.rows[2].flags = [Flag("boilerplate", "minor", "page furniture in b", {})]
    state = state_of(alignment)
    assert state.flagged == [1, 5], "the furniture row is not a stop"
    assert state.visible_flags(alignment.rows[2]), "but its flag is shown"
    assert state.next_flag(1) == 1
    state.set_min_severity("major")
    assert state.flagged == [1]
    assert state.visible_flags(alignment.rows[5]) == []


def test_flags_are_listed_most_severe_first():
    alignment = story()
    minor = Flag("omission", "minor", "m", {})
    critical = Flag("number", "critical", "c", {})
    alignment.rows[0].flags = [minor, critical]
    assert state_of(alignment).visible_flags(alignment.rows[0]) == [critical, minor]


def test_search_finds_hits_in_every_source_and_wraps_around():
    state = state_of()
    assert state.search("elm island") == 3
    assert state.hit_rows == [1]
    assert set(state.hits) == {"a", "b", "c"}
    state.move(5)
    assert state.next_match(1) == 1, "past the last hit, back to the first"
    assert state.next_match(-1) == 1
    assert state.search("   ") == 0 and state.next_match(1) is None
    assert state.search("no such words anywhere") == 0 and state.hit_rows == []


def test_move_clamps_and_says_whether_the_cursor_moved():
    state = state_of()
    assert state.move(3) is True and state.cursor == 3
    assert state.move(3) is False
    assert state.move(-4) is True and state.cursor == 0
    assert state.move(1000) is True and state.cursor == len(state.rows) - 1


def test_columns_cycle_and_focus_mode_pairs_the_base_with_the_focused_one():
    state = state_of()
    assert state.column_after(1) == "b" and state.column_after(-1) == "c"
    assert state.focus("zz") is False and state.focus("a") is False, "unknown or already focused"
    assert state.shown_order() == ["a", "b", "c"]
    state.toggle_zoom()
    assert state.shown_order() == ["a", "b"], "base focused: the next column is its partner"
    assert state.focus("c") is True
    assert state.shown_order() == ["a", "c"]
    assert state.folded, "page furniture starts folded"
    state.toggle_fold()
    assert not state.folded


def test_columns_scroll_sideways_and_the_focused_one_is_revealed():
    state = state_of()
    geometry = plan_columns(state.shown_order(), state.column_offset, 60, state.gutter_width())
    assert geometry.columns == ("a", "b") and geometry.hidden_right == 1
    state.focus("c")
    state.reveal_focused(geometry)
    assert plan_columns(state.shown_order(), state.column_offset, 60, state.gutter_width()).columns == ("a", "c")
    state.column_offset = 0
    assert state.scroll_columns(geometry, 1) is True and state.column_offset == 1
    assert state.scroll_columns(geometry, -1) is False, "nothing hidden on the left of that geometry"
    assert state.scroll_columns(None, 1) is False


def test_paragraphs_know_their_rows():
    state = state_of()
    assert state.row_of_paragraph("b", 4) == 3, "b's fifth paragraph is the moved one"
    assert state.row_of_paragraph("c", 2) == 5
    assert state.row_of_paragraph("c", 99) is None and state.row_of_paragraph("zz", 0) is None


def test_state_fields_read_through_to_the_state():
    class Holder:
        cursor: StateField[int] = StateField()

        def __init__(self) -> None:
            self.state = state_of()

    holder = Holder()
    holder.state.move(2)
    assert holder.cursor == 2
    assert isinstance(Holder.cursor, StateField)


def layout_of(heights: list[int]) -> RowLayout:
    offsets = [sum(heights[:i]) for i in range(len(heights) + 1)]
    return RowLayout(Geometry(6, ("a",), 20), False, Wrapper(20), offsets)


def test_row_layout_finds_rows_by_line_and_scrolls_the_least_needed():
    layout = layout_of([3, 2, 10, 1])  # lines 0-2, 3-4, 5-14, 15
    assert layout.total == 16
    assert [layout.row_at(y) for y in (0, 2, 3, 5, 14, 15, 99)] == [0, 0, 1, 2, 2, 3, 3]
    assert layout.span(2) == (5, 15) and layout.height(2) == 10
    assert layout.scroll_for(1, top=0, height=6) is None, "already on screen"
    assert layout.scroll_for(3, top=0, height=6) == 10, "scrolled just enough to show its last line"
    assert layout.scroll_for(3, top=0, height=6, jump=True) == 15, "a jump puts the row at the top"
    assert layout.scroll_for(2, top=0, height=6) == 5, "taller than the screen: its top"
    assert layout.scroll_for(0, top=8, height=6) == 0, "above the screen: its top"


def test_row_layout_pages_a_screenful_to_the_first_row_starting_on_it():
    layout = layout_of([3, 2, 10, 1])
    assert layout.page_from(0, 4, 1) == (4, 2), "line 4 is inside row 1: the cursor goes to row 2"
    assert layout.page_from(4, 4, 1) == (8, 3), "row 2 starts above line 8: the next row that starts on the page"
    assert layout.page_from(12, 4, 1) is None, "at the bottom already"
    assert layout.page_from(0, 4, -1) is None
    assert layout.page_from(12, 4, -1) == (8, 3)
    assert layout.page_from(4, 4, -1) == (0, 0)


def test_a_provisional_layout_is_exact_around_the_cursor():
    alignment = long_story(400)
    geometry = Geometry(8, ("a", "b"), 30)
    exact = exact_layout(alignment, geometry, Wrapper(30), folded=False)
    assert exact is not None
    rough = provisional_layout(alignment, geometry, Wrapper(30), False, cursor=200)
    assert [rough.height(i) for i in range(150, 250)] == [exact.height(i) for i in range(150, 250)]
    assert exact_layout(alignment, geometry, Wrapper(30), False, cancelled=lambda: True) is None


def test_the_state_layout_and_marks_modules_do_not_need_textual():
    import subprocess
    import sys

    code = (
        "import sys\n"
        "import srccompare.app.view_state, srccompare.app.row_layout, srccompare.app.word_marks\n"
        "assert 'textual' not in sys.modules, sorted(m for m in sys.modules if m.startswith('textual'))\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_word_marks_compare_long_rows_in_the_background():
    from srccompare.app.word_marks import SYNC_MARKS_CHARS, WordMarks
    from srccompare.core.model import Alignment, Row
    from tests.app.support import make_source

    words = " ".join(f"word{i}" for i in range(SYNC_MARKS_CHARS // 4))
    a, b = make_source("a", [words, "short one"]), make_source("b", [words.replace("word3 ", "CHANGED "), "short two"])
    alignment = Alignment(
        "a", [a, b], [Row(0, "changed", 0.9, {"a": [0], "b": [0]}), Row(1, "changed", 0.5, {"a": [1], "b": [1]})]
    )
    asked = []
    marks = WordMarks(lambda al, index, focused: asked.append((index, focused)))
    assert marks.get(alignment, 1, "b"), "a short row is compared at once"
    assert marks.get(alignment, 0, "b") == {} and asked == [(0, "b")]
    assert marks.get(alignment, 0, "b") == {} and asked == [(0, "b")], "asked once while pending"
    marks.ready(0, "a", {"a": []}, current_focus="b")
    assert 0 not in marks.rows, "made for a focus that has moved on: dropped"
    marks.ready(0, "b", {"a": [(0, 1, "deleted")]}, current_focus="b")
    assert marks.rows[0] == {"a": [(0, 1, "deleted")]} and not marks.pending
