"""What users of Meld, KDiff3 and Juxta expect: go to row N (:), copy (c), undo an annotation change (u),
next/previous annotation (. and ,), and the annotations counted by status in the status line."""

from __future__ import annotations

from pathlib import Path

from srccompare.app.annotation_undo import UndoLog, restore
from srccompare.app.screens.annotate import AnnotateScreen
from srccompare.app.screens.confirm import ConfirmScreen
from srccompare.app.screens.go_to_row import GoToRowScreen
from srccompare.app.widgets.status_line import StatusLine
from srccompare.review.model import Annotation
from srccompare.review.store import AnnotationStore
from tests.app.support import settle, story_app, view_of


def status_text(app) -> str:
    return str(app.screen.query_one(StatusLine).render())


async def test_colon_goes_to_the_row_typed(tmp_path):
    app = story_app(tmp_path=tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        view = view_of(app)
        await pilot.press("colon")
        await settle(pilot)
        assert isinstance(app.screen, GoToRowScreen)
        await pilot.press("9", "9", "enter")
        await settle(pilot)
        assert isinstance(app.screen, GoToRowScreen), "no row 99: the dialog stays and says so"
        assert "rows go from 1 to 6" in str(app.screen.query_one("#go-to-row-problem").render())
        await pilot.press("backspace", "backspace", "4", "enter")
        await settle(pilot)
        assert not isinstance(app.screen, GoToRowScreen)
        assert view.cursor == 3, "row 4 as the gutter numbers it"
        await pilot.press("colon", "escape")
        await settle(pilot)
        assert view.cursor == 3 and view.has_focus


async def test_c_copies_the_focused_cell_or_the_cursor_sentence(tmp_path):
    app = story_app(tmp_path=tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        view = view_of(app)
        await pilot.press("j", "tab", "c")
        b = view.alignment.source("b")
        assert app.clipboard == b.paragraph_text(1), "the focused column's cell"
        await pilot.press("colon", "6", "enter")
        await settle(pilot)
        await pilot.press("c")
        assert app.clipboard == b.paragraph_text(1), "no text in the focused column there: nothing copied"
        await pilot.press("g", "shift+tab", "right_square_bracket", "c")
        assert app.clipboard == "Harbour council approves new ferry route", "the sentence under the sentence cursor"


def test_the_undo_log_keeps_only_what_a_change_touched():
    log = UndoLog(limit=2)
    store = AnnotationStore(Path("review.yaml"))
    first = Annotation(category="wrong-number", note="one")
    before = log.snapshot(store.annotations)
    store.put(first)
    log.record(before, store.annotations, "add")
    before = log.snapshot(store.annotations)
    store.put(first.touched(status="confirmed"))
    log.record(before, store.annotations, "confirm")
    before = log.snapshot(store.annotations)
    log.record(before, store.annotations, "nothing")
    assert [s.description for s in log.steps] == ["add", "confirm"], "a change that changed nothing is not kept"
    restore(log.pop(), store)
    assert store.get(first.id).status == "open"
    restore(log.pop(), store)
    assert store.annotations == [] and log.pop() is None
    for n in range(3):
        before = log.snapshot(store.annotations)
        store.put(Annotation(category="other", note=str(n)))
        log.record(before, store.annotations, str(n))
    assert [s.description for s in log.steps] == ["1", "2"], "the oldest steps go first"


async def annotate(app, pilot) -> None:
    await pilot.press("a")
    await settle(pilot)
    assert isinstance(app.screen, AnnotateScreen)
    await pilot.press(*"a note", "ctrl+s")  # a blank note on the untouched proposal is not saved
    await settle(pilot)


async def test_u_undoes_adding_editing_and_deleting_and_the_status_line_counts(tmp_path):
    app = story_app(tmp_path=tmp_path)
    review = tmp_path / "review.yaml"
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        keeper = app.keeper
        assert "✎" not in status_text(app)
        await pilot.press("j")
        await annotate(app, pilot)
        assert "✎ 1 open, 0 confirmed, 0 dismissed, 0 resolved" in status_text(app)
        ann = keeper.annotations[0]
        keeper.update(ann.id, "confirm", status="confirmed")
        await settle(pilot)
        assert "✎ 0 open, 1 confirmed, 0 dismissed, 0 resolved" in status_text(app)
        await pilot.press("u")
        await settle(pilot)
        assert keeper.annotations[0].status == "open", "the status change is undone"
        assert AnnotationStore.load(review).annotations[0].status == "open", "and saved"
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await settle(pilot)
        assert keeper.annotations == []
        await pilot.press("u")
        await settle(pilot)
        assert [a.id for a in keeper.annotations] == [ann.id], "the deleted annotation is back"
        await pilot.press("u")
        await settle(pilot)
        assert keeper.annotations == [] and len(AnnotationStore.load(review)) == 0, "adding it is undone"
        assert "✎" not in status_text(app)
        await pilot.press("u")
        await settle(pilot)
        assert keeper.annotations == [] and keeper.undo.last is None, "nothing more to undo"


async def test_full_stop_and_comma_go_through_the_annotated_rows(tmp_path):
    app = story_app(tmp_path=tmp_path)
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        view = view_of(app)
        for row in (1, 4):
            await pilot.press("colon", str(row + 1), "enter")
            await settle(pilot)
            await annotate(app, pilot)
        await pilot.press("g", "full_stop")
        assert view.cursor == 1
        await pilot.press("full_stop")
        assert view.cursor == 4
        await pilot.press("full_stop")
        assert view.cursor == 1, "round to the first at the end"
        await pilot.press("comma")
        assert view.cursor == 4
