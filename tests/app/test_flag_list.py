"""The flag list panel (l), the severity filter (v), f/F most serious first (o), sources named by column."""

from __future__ import annotations

import pytest

from srccompare.app.widgets.flag_list import FlagList
from srccompare.app.widgets.flag_panel import FlagPanel
from srccompare.app.widgets.status_line import StatusLine
from tests.app.support import SAMPLE, flagged_story, settle, story_app, view_of
from tests.app.test_first_screen import sample_app


def listed(flag_list: FlagList) -> list[tuple[str, str, str]]:
    """(severity, row, kind) of each line of the table."""
    table = flag_list.table
    return [tuple(str(c) for c in table.get_row_at(i)[:3]) for i in range(table.row_count)]


async def test_the_flag_list_sorts_filters_and_takes_the_view_to_each_flag(tmp_path):
    app = story_app(flagged_story(), tmp_path=tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        view = view_of(app)
        flag_list = app.screen.query_one(FlagList)
        assert not flag_list.display, "closed at the start"
        await pilot.press("l")
        await settle(pilot)
        assert flag_list.display and flag_list.table.has_focus
        assert not app.screen.query_one(FlagPanel).display
        assert listed(flag_list) == [
            ("critical", "5", "negation"),
            ("major", "2", "number"),
            ("minor", "6", "omission"),
        ]
        assert view.cursor == 0, "opening the list does not move the view"
        await pilot.press("down")
        await settle(pilot)
        assert view.cursor == 1 and view.focused == "b", "the view follows: the flag's row and column"
        assert flag_list.table.has_focus, "moving through the list keeps the keys in the list"
        await pilot.press("s")
        assert listed(flag_list)[0] == ("major", "2", "number") and "sorted by row" in str(
            flag_list.query_one("#flag-list-title").render()
        )
        await pilot.press("s")
        assert [kind for _, _, kind in listed(flag_list)] == ["negation", "number", "omission"]
        await pilot.press("v")
        await settle(pilot)
        assert view.state.min_severity == "major"
        assert [kind for _, _, kind in listed(flag_list)] == ["negation", "number"], "filtered while running"
        assert "flags: major+" in str(app.screen.query_one(StatusLine).render())
        await pilot.press("k", "enter")
        await settle(pilot)
        assert view.cursor == 4 and view.focused == "a", "enter goes to the critical flag's row (its column: a)"
        assert view.has_focus, "and gives the keys back to the view"
        await pilot.press("l")
        assert flag_list.table.has_focus, "l reaches the open list"
        await pilot.press("escape")
        await settle(pilot)
        assert not flag_list.display and view.has_focus and app.screen.query_one(FlagPanel).display
        await pilot.press("v", "v")
        assert view.state.min_severity == "minor", "v goes round: minor, major, critical, minor"


async def test_f_goes_most_serious_first_when_asked(tmp_path):
    app = story_app(flagged_story(), tmp_path=tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        view = view_of(app)
        await pilot.press("f")
        assert view.cursor == 1, "top to bottom by default"
        await pilot.press("g", "o", "f")
        assert view.cursor == 4, "the critical flag first"
        await pilot.press("f")
        assert view.cursor == 1
        await pilot.press("f")
        assert view.cursor == 3, "the same major flag, listed on another row"
        await pilot.press("f")
        assert view.cursor == 5, "the minor one last"
        await pilot.press("F", "F", "F")
        assert view.cursor == 4
        assert "f/F: worst first" in str(app.screen.query_one(StatusLine).render())


@pytest.mark.skipif(not SAMPLE.is_dir(), reason="the bundled sample story is missing")
async def test_on_the_sample_f_reaches_the_critical_flags_first_and_names_columns(tmp_path):
    app = sample_app(tmp_path)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot, rounds=5)
        view = view_of(app)
        await pilot.press("o")
        seen = []
        for _ in range(4):
            await pilot.press("f")
            flags = view.visible_flags(view.current_row)
            seen.append(max(("minor", "major", "critical").index(f.severity) for f in flags))
        assert seen[:2] == [2, 2] and seen[2:] == [1, 1], "both critical flags, then the major ones"
        panel = str(app.screen.query_one(FlagPanel).render())
        ids = [s.id for s in view.alignment.sources]
        assert "col " in panel and "“" in panel
        assert not any(f"({sid})" in panel or f"in {sid}" in panel for sid in ids), panel
