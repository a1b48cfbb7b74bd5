"""The mouse over every widget of the review screen: double-click, right-click, wheel; nothing may crash."""

from __future__ import annotations

from textual import events

from srccompare.app.screens.review import ReviewScreen
from tests.app.support import long_story, settle, story_app, view_of


def targets(screen: ReviewScreen) -> list[tuple[str, tuple[int, int]]]:
    """Every widget shown on the screen, with the middle of its region (screen coordinates)."""
    out = []
    for widget in screen.query("*"):
        region = widget.region
        if region.area and widget.display and widget.visible:
            out.append(
                (f"{type(widget).__name__}#{widget.id}", (region.x + region.width // 2, region.y + region.height // 2))
            )
    return out


async def wheel(pilot, event_type: type[events.MouseEvent], x: int, y: int) -> None:
    """A wheel turn at (x, y), posted to the app the way the terminal driver posts it (Pilot has no helper)."""
    app = pilot.app
    app.post_message(event_type(None, x, y, 0, 0, 0, False, False, False, screen_x=x, screen_y=y))
    await pilot.pause()


async def back_to_review(pilot, screen: ReviewScreen) -> None:
    """A click may run a key bar action that opens a dialog: close it again."""
    app = pilot.app
    while app.screen is not screen:
        app.pop_screen()
        await pilot.pause()


async def test_double_right_click_and_wheel_on_every_widget(tmp_path):
    app = story_app(tmp_path=tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        found = targets(screen)
        assert {"AlignedView#aligned", "Overview#overview", "FlagPanel#flags", "KeyBar#keys"} <= {n for n, _ in found}
        for name, (x, y) in found:
            # As from the terminal: the click goes to the innermost widget under the mouse.
            under, _ = app.get_widget_at(x, y)
            offset = (x - under.region.x, y - under.region.y)
            await pilot.click(under, offset=offset, times=2)
            await settle(pilot, rounds=1)
            await back_to_review(pilot, screen)
            under, _ = app.get_widget_at(x, y)
            await pilot.click(under, offset=(x - under.region.x, y - under.region.y), button=3)
            await back_to_review(pilot, screen)
            for event_type in (events.MouseScrollDown, events.MouseScrollDown, events.MouseScrollUp):
                await wheel(pilot, event_type, x, y)
            assert app.is_running, f"the app stopped after mouse actions on {name}"
        await settle(pilot)
        view = view_of(app)
        assert view.alignment is not None and 0 <= view.cursor < len(view.rows)


async def test_double_click_on_the_view_moves_the_cursor_there(tmp_path):
    app = story_app(tmp_path=tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        view = view_of(app)
        top = view.row_span(3)[0]
        await pilot.click(view, offset=(view.geometry.gutter + 2, top), times=2)
        await pilot.pause()
        assert view.cursor == 3


async def test_the_wheel_over_the_view_scrolls_it_and_leaves_the_cursor(tmp_path):
    app = story_app(long_story(), tmp_path=tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        view = view_of(app)
        x, y = view.region.x + view.region.width // 2, view.region.y + 5
        for _ in range(3):
            await wheel(pilot, events.MouseScrollDown, x, y)
        assert view.scroll_offset.y > 0 and view.cursor == 0
