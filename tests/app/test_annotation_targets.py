"""Annotation targets: proposed at word and name boundaries, ending alike in every source, and a
span added from another row (ctrl+r in the annotation dialog)."""

from __future__ import annotations

from textual.widgets import Input

from srccompare.app.screens.add_span import AddSpanScreen
from srccompare.app.screens.annotate import AnnotateScreen
from srccompare.review.store import AnnotationStore
from tests.app.support import settle, story_app
from tests.app.test_annotate import make_app, ready, wait_for

ONE = (
    "Talks resume\n\n"
    "On Monday President Volodymyr Zelensky met the union leaders in Kyiv and praised the walkout.\n\n"
    "The port stayed shut.\n"
)
TWO = ONE.replace("Volodymyr", "Volodimir").replace("walkout.", "strike.")


async def test_a_proposes_whole_names_and_full_stops_in_every_source(tmp_path):
    one, two = tmp_path / "one.txt", tmp_path / "two.txt"
    one.write_text(ONE, encoding="utf-8")
    two.write_text(TWO, encoding="utf-8")
    app = make_app(str(one), str(two), "--annotations", str(tmp_path / "review.yaml"))
    async with app.run_test(size=(140, 40)) as pilot:
        await ready(app, pilot)
        await pilot.press("n", "a")
        await wait_for(pilot, lambda: isinstance(app.screen, AnnotateScreen), "the dialog")
        quotes = [app.screen.query_one(f"#quote-{i}", Input).value for i in range(2)]
        assert quotes == [
            "President Volodymyr Zelensky met the union leaders in Kyiv and praised the walkout.",
            "President Volodimir Zelensky met the union leaders in Kyiv and praised the strike.",
        ]


async def test_ctrl_r_adds_a_span_from_another_row(tmp_path):
    app = story_app(tmp_path=tmp_path)
    async with app.run_test(size=(140, 44)) as pilot:
        await settle(pilot)
        await pilot.press("j", "a")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, AnnotateScreen) and len(dialog.choices) == 3
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert isinstance(app.screen, AddSpanScreen)
        await pilot.press("6", "enter", "1", "enter")
        await settle(pilot)
        assert "Column 1 has no text in row 6." in str(app.screen.query_one("#add-span-problem").render())
        await pilot.press("backspace", "3", "enter")
        await settle(pilot)
        assert app.screen is dialog
        assert len(dialog.choices) == 4
        assert dialog.query_one("#quote-3", Input).value == "Residents can comment on the timetable until Friday."
        await pilot.press("ctrl+s")
        await settle(pilot)
        saved = AnnotationStore.load(tmp_path / "review.yaml").annotations[0]
        assert [(t.source, t.exact) for t in saved.targets][-1] == (
            "c",
            "Residents can comment on the timetable until Friday.",
        )
        assert saved.row == 1, "the annotation stays on the row it was made on"
