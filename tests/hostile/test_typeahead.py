"""Issue 13, item 8: keys typed straight after ``a`` land in the note, and an empty note is not an annotation.

A terminal delivers a fast typist's keys (or a paste without bracketed paste)
in one burst. The keys here are posted to the app in one go, without waiting
for the dialog to appear, as such a burst arrives; Pilot's ``press`` would wait
for the screen between keys and hide the race.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual import events
from textual.widgets import Input, Select, Static

from srccompare.app.screens.annotate import AnnotateScreen
from srccompare.review.store import AnnotationStore
from tests.app.support import settle, story_app


@pytest.fixture(autouse=True)
def _data_in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Drafts, rescued reviews and the app's state go to a temporary folder, never the real home."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("SRCCOMPARE_STATE_DIR", str(tmp_path / "state"))
    return tmp_path / "data" / "srccompare" / "rescued"


NOTE = "check the vote: 7 to 2 or 7 to 3? quote and headline both need a look"
"""Holds every letter the review screen binds (n j k h q z b f g m e d a /), and ``q`` above all."""


def key_for(character: str) -> str:
    names = {" ": "space", "?": "question_mark", ":": "colon", "/": "slash", "'": "apostrophe"}
    return names.get(character, character)


async def burst(app, keys: list[tuple[str, str | None]]) -> None:
    """Post ``keys`` to the app at once, the way a terminal delivers keys typed faster than the screen."""
    for key, character in keys:
        event = events.Key(key, character)
        event.set_sender(app)
        await app._post_message(event)


def typed(text: str) -> list[tuple[str, str | None]]:
    return [(key_for(c), c) for c in text]


CTRL_S = [("ctrl+s", None)]


async def test_keys_typed_straight_after_a_land_in_the_note_and_ctrl_s_waits_for_them(tmp_path: Path):
    app = story_app(tmp_path=tmp_path)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        view = app.screen.view
        folded = view.folded
        await burst(app, [("j", "j"), ("a", "a"), *typed(NOTE), *CTRL_S])
        await settle(pilot)
        assert not isinstance(app.screen, AnnotateScreen), "ctrl+s saved and closed the dialog"
        assert app.is_running, "the q in the note did not quit the app"
        # none of the note's letters acted on the review screen (n, j, f: move; h: fold; z: zoom)
        assert (view.cursor, view.folded, view.zoom) == (1, folded, False)
    store = AnnotationStore.load(tmp_path / "review.yaml")
    assert [a.note for a in store.annotations] == [NOTE]
    assert store.annotations[0].row == 1, "the j typed before a moved first: the row annotated is the one shown"


async def test_a_burst_then_a_pause_then_ctrl_s(tmp_path: Path):
    """The keys land in the note even when ctrl+s comes once the dialog is on screen."""
    app = story_app(tmp_path=tmp_path)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await burst(app, [("a", "a"), *typed("quick: 7 to 3"), ("enter", None), *typed("second line")])
        await pilot.pause(0.3)
        assert isinstance(app.screen, AnnotateScreen)
        await pilot.press("backspace", "ctrl+s")
        await settle(pilot)
    assert [a.note for a in AnnotationStore.load(tmp_path / "review.yaml").annotations] == ["quick: 7 to 3\nsecond lin"]


async def test_a_new_annotation_with_no_note_and_nothing_chosen_is_not_saved(tmp_path: Path):
    app = story_app(tmp_path=tmp_path)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await burst(app, [("a", "a"), *typed("   "), *CTRL_S])
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, AnnotateScreen), "the dialog stays open"
        assert "write a note" in str(dialog.query_one("#problem", Static).render())
        assert not (tmp_path / "review.yaml").exists()
        await pilot.press("escape")
        await settle(pilot)
    assert not (tmp_path / "review.yaml").exists()


async def test_a_category_chosen_without_a_note_is_a_deliberate_annotation(tmp_path: Path):
    """DESIGN.md: an annotation records a category; the note says why. Choosing one is a decision."""
    app = story_app(tmp_path=tmp_path)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, AnnotateScreen)
        dialog.query_one("#category", Select).value = "omission"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, AnnotateScreen)
    saved = AnnotationStore.load(tmp_path / "review.yaml").annotations
    assert [(a.category, a.note) for a in saved] == [("omission", "")]


async def test_annotating_a_flag_proposes_its_message_as_the_note(tmp_path: Path):
    app = story_app(tmp_path=tmp_path)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await burst(app, [("j", "j"), ("m", "m"), *CTRL_S])
        await settle(pilot)
    saved = AnnotationStore.load(tmp_path / "review.yaml").annotations
    assert [a.note for a in saved] == ["vote count: 7 to 2 vs 7 to 3"]


async def test_editing_may_empty_a_note(tmp_path: Path):
    """Clearing the note of an existing annotation is the reviewer's change, and is saved."""
    app = story_app(tmp_path=tmp_path)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await burst(app, [("a", "a"), *typed("to be cleared"), *CTRL_S])
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, AnnotateScreen)
        app.screen.query_one("#note").clear()
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, AnnotateScreen)
    assert [a.note for a in AnnotationStore.load(tmp_path / "review.yaml").annotations] == [""]


async def test_a_in_the_search_box_is_a_letter(tmp_path: Path):
    """The annotate keys act at once (priority bindings), but not while the search box has the focus."""
    app = story_app(tmp_path=tmp_path)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash", "a", "m", "e")
        await settle(pilot)
        assert not isinstance(app.screen, AnnotateScreen)
        assert app.screen.query_one("#search", Input).value == "ame"


async def test_a_paste_straight_after_a_lands_in_the_note_once(tmp_path: Path):
    app = story_app(tmp_path=tmp_path)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await burst(app, [("a", "a")])
        paste = events.Paste("pasted: 7 to 3\nsecond line")
        paste.set_sender(app)
        await app._post_message(paste)
        await burst(app, [*typed(" and typed"), *CTRL_S])
        await settle(pilot)
        assert not isinstance(app.screen, AnnotateScreen)
        await pilot.press("e")  # a paste once the note has the focus goes in once too
        await settle(pilot)
        assert isinstance(app.screen, AnnotateScreen)
        await pilot.press("ctrl+e")  # end of line
        late = events.Paste(" (checked)")
        late.set_sender(app)
        await app._post_message(late)
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
    notes = [a.note for a in AnnotationStore.load(tmp_path / "review.yaml").annotations]
    assert notes == ["pasted: 7 to 3\nsecond line and typed (checked)"]
