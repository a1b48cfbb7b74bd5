"""Small terminals (80x24): the column a flag is about comes into view, the focused column stays on
screen after a resize, and focus mode hides rows that are empty in both columns it keeps."""

from __future__ import annotations

import pytest

from srccompare.app.flag_index import flag_source
from srccompare.app.view_state import ViewState
from tests.app.support import SAMPLE, settle, story, story_app, view_lines, view_of
from tests.app.test_first_screen import sample_app

needs_sample = pytest.mark.skipif(not SAMPLE.is_dir(), reason="the bundled sample story is missing")


@needs_sample
async def test_f_brings_the_column_of_the_flag_into_view(tmp_path):
    app = sample_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, rounds=5)
        view = view_of(app)
        assert len(view.geometry.columns) < len(view.alignment.sources), "not every column fits"
        hidden_before = [sid for sid in view.shown_order() if sid not in view.geometry.columns]
        for _ in range(6):
            await pilot.press("f")
            await settle(pilot)
            flags = [f for f in view.visible_flags(view.current_row) if f.kind != "boilerplate"]
            assert view.geometry is not None
            assert flag_source(view.alignment, flags[0]) in view.geometry.columns, f"row {view.cursor + 1}"
            assert view.focused in view.geometry.columns
        assert any(sid in view.geometry.columns for sid in hidden_before), "a column off-screen was brought in"


async def test_after_a_resize_the_focused_column_is_still_on_screen(tmp_path):
    app = story_app(tmp_path=tmp_path)
    async with app.run_test(size=(150, 40)) as pilot:
        await settle(pilot)
        view = view_of(app)
        await pilot.press("tab", "tab")
        assert view.focused == "c" and view.geometry.columns == ("a", "b", "c")
        await pilot.resize_terminal(60, 30)
        await settle(pilot)
        assert view.geometry.hidden_right + view.geometry.hidden_left >= 1, "not every column fits now"
        assert "c" in view.geometry.columns, "the focused column is scrolled into view"
        await pilot.resize_terminal(35, 30)
        await settle(pilot)
        assert view.geometry.columns == ("c",), "one column fits: the focused one"
        await pilot.resize_terminal(150, 40)
        await settle(pilot)
        assert view.geometry.columns == ("a", "b", "c")


async def test_focus_mode_hides_rows_empty_in_both_columns_it_keeps(tmp_path):
    app = story_app(tmp_path=tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        view = view_of(app)
        await pilot.press("z")
        await settle(pilot)
        assert view.geometry.columns == ("a", "b")
        top, bottom = view.row_span(5)
        assert bottom == top, "row 6 is only in c: no lines"
        assert "Residents can comment" not in "\n".join(view_lines(view))
        await pilot.press("G")
        assert view.cursor == 4, "the last row shown"
        await pilot.press("tab", "tab")  # c focused: focus mode keeps a and c
        await settle(pilot)
        assert view.geometry.columns == ("a", "c")
        top, bottom = view.row_span(2)
        assert bottom == top, "row 3 is only in b (furniture): no lines"
        assert view.row_span(5)[1] > view.row_span(5)[0], "row 6 is back"
        await pilot.press("g", "j", "j")
        assert view.cursor == 3, "j passes over the hidden row"
        await pilot.press("k")
        assert view.cursor == 1
        await pilot.press("z")
        await settle(pilot)
        assert all(view.row_span(i)[1] > view.row_span(i)[0] for i in range(len(view.rows))), "all rows again"


def test_in_focus_mode_the_keys_pass_over_hidden_rows():
    state = ViewState()
    state.set_alignment(story(), cursor=5)
    state.toggle_zoom()
    assert state.kept_sources() == ("a", "b")
    assert state.cursor == 4, "the cursor leaves the row focus mode hides"
    assert [i for i in range(6) if state.hidden(i)] == [5]
    state.search("comment")
    assert state.next_match(1) is None, "the only hit is in a hidden row"
    state.move(3)
    assert state.next_divergence(1) is None, "row 6, the last divergent one, is hidden"
    assert state.move(5) and state.cursor == 4, "the last row is hidden: the nearest one shown"
    state.focus("c")
    assert state.kept_sources() == ("a", "c") and state.hidden(2) and not state.hidden(5)
    assert state.next_divergence(1) == 5
    state.move(1)
    assert state.move(2) and state.cursor == 3, "down from row 2 passes over row 3 (only b)"
