"""Annotating from the keyboard: the dialog, the saved file, reopening, the list, conflicts, broken files."""

from __future__ import annotations

from pathlib import Path

import pytest

from srccompare.app.app import SrcCompareApp
from srccompare.app.screens.annotate import AnnotateScreen
from srccompare.app.screens.annotations_list import AnnotationsScreen
from srccompare.app.screens.confirm import ConfirmScreen, ConflictScreen
from srccompare.app.source_names import flag_message
from srccompare.cli.prepare import prepare
from srccompare.review.model import Annotation
from srccompare.review.store import AnnotationStore

WIRE = (
    "Harbour workers strike\n\n"
    "Dock workers at the northern port began a strike on Monday over pay and hours.\n\n"
    "The union said 3,000 members would stay off work for thirty days unless talks resumed.\n\n"
    "The operator said it regretted the decision and hoped to meet the union soon.\n"
)
REPRINT = WIRE.replace("3,000 members", "300 members").replace("regretted", "welcomed")


@pytest.fixture
def story(tmp_path: Path) -> tuple[Path, Path, Path]:
    wire, reprint = tmp_path / "wire.txt", tmp_path / "reprint.txt"
    wire.write_text(WIRE, encoding="utf-8")
    reprint.write_text(REPRINT, encoding="utf-8")
    return wire, reprint, tmp_path / "review.yaml"


def make_app(*argv: str) -> SrcCompareApp:
    args, config, sources, base = prepare(list(argv))
    return SrcCompareApp(sources, config, base, annotations_path=args.annotations, annotations=args.annotation_store)


async def ready(app: SrcCompareApp, pilot) -> None:
    for _ in range(100):
        await pilot.pause(0.05)
        screen = app.screen
        if getattr(screen, "alignment", None) is not None and screen.view.layout_ready:
            return
    raise AssertionError("the alignment never showed")


async def wait_for(pilot, condition, what: str) -> None:
    for _ in range(100):
        if condition():
            return
        await pilot.pause(0.05)
    raise AssertionError(f"timed out waiting for {what}")


def row_with(app: SrcCompareApp, words: str) -> int:
    alignment = app.screen.alignment
    wire = alignment.source("wire")
    return next(
        i
        for i, row in enumerate(alignment.rows)
        if any(words in wire.paragraph_text(p) for p in row.cells.get("wire", []))
    )


async def go_to_row(app, pilot, index: int) -> None:
    while app.screen.view.cursor < index:
        await pilot.press("j")
    assert app.screen.view.cursor == index


async def test_annotate_a_row_from_the_keyboard_and_reopen_it(story):
    wire, reprint, review = story
    app = make_app(str(wire), str(reprint), "--annotations", str(review))
    async with app.run_test(size=(140, 40)) as pilot:
        await ready(app, pilot)
        index = row_with(app, "3,000")
        await go_to_row(app, pilot, index)
        await pilot.press("a")
        await wait_for(pilot, lambda: isinstance(app.screen, AnnotateScreen), "the dialog")
        assert app.focused.id == "note"
        await pilot.press(*"Wire 3,000; reprint 300.")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: not isinstance(app.screen, AnnotateScreen), "the dialog to close")
        assert index in app.screen.view.annotated

    store = AnnotationStore.load(review)
    assert len(store) == 1
    ann = store.annotations[0]
    assert ann.note == "Wire 3,000; reprint 300."
    assert ann.row == index and ann.category == "wrong-number"
    texts = {"wire": WIRE, "reprint": REPRINT}
    assert {t.source: t.exact for t in ann.targets} == {"wire": "3,000", "reprint": "300"}
    for t in ann.targets:
        assert texts[t.source][t.start : t.end] == t.exact
    assert {s.id for s in store.sources} == {"wire", "reprint"}

    # Reopen from the annotation file alone: the sources come from the file, the annotation lands on its row.
    again = make_app("--annotations", str(review))
    async with again.run_test(size=(140, 40)) as pilot:
        await ready(again, pilot)
        assert again.keeper.row_of(again.keeper.annotations[0]) == index
        assert again.screen.view.annotated == {index}


async def test_narrow_targets_untick_a_source_and_cancel(story):
    wire, reprint, review = story
    app = make_app(str(wire), str(reprint), "--annotations", str(review))
    async with app.run_test(size=(140, 40)) as pilot:
        await ready(app, pilot)
        index = row_with(app, "regretted")
        await go_to_row(app, pilot, index)
        await pilot.press("a")
        await wait_for(pilot, lambda: isinstance(app.screen, AnnotateScreen), "the dialog")
        await pilot.press("escape")
        await wait_for(pilot, lambda: not isinstance(app.screen, AnnotateScreen), "cancel")
        assert not review.exists()  # cancelling writes nothing

        await pilot.press("a")
        await wait_for(pilot, lambda: isinstance(app.screen, AnnotateScreen), "the dialog")
        dialog = app.screen
        from textual.widgets import Checkbox, Input

        dialog.query_one("#quote-0", Input).value = "regretted the decision"
        dialog.query_one("#use-1", Checkbox).value = False
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: not isinstance(app.screen, AnnotateScreen), "save")
    ann = AnnotationStore.load(review).annotations[0]
    assert [(t.source, t.exact) for t in ann.targets] == [("wire", "regretted the decision")]
    assert WIRE[ann.targets[0].start : ann.targets[0].end] == "regretted the decision"


async def test_words_not_in_the_source_keep_the_dialog_open(story):
    wire, reprint, review = story
    app = make_app(str(wire), str(reprint), "--annotations", str(review))
    async with app.run_test(size=(140, 40)) as pilot:
        await ready(app, pilot)
        await pilot.press("a")
        await wait_for(pilot, lambda: isinstance(app.screen, AnnotateScreen), "the dialog")
        from textual.widgets import Input, Static

        app.screen.query_one("#quote-0", Input).value = "words that are nowhere"
        await pilot.press("ctrl+s")
        await pilot.pause(0.1)
        assert isinstance(app.screen, AnnotateScreen)
        assert "does not occur" in str(app.screen.query_one("#problem", Static).render())
    assert not review.exists()


async def test_list_jumps_changes_status_and_deletes_with_confirm(story):
    wire, reprint, review = story
    app = make_app(str(wire), str(reprint), "--annotations", str(review))
    async with app.run_test(size=(140, 40)) as pilot:
        await ready(app, pilot)
        index = row_with(app, "3,000")
        await go_to_row(app, pilot, index)
        await pilot.press("a")
        await wait_for(pilot, lambda: isinstance(app.screen, AnnotateScreen), "the dialog")
        await pilot.press(*"300?", "ctrl+s")
        await wait_for(pilot, lambda: review.exists(), "the file")
        await pilot.press("g")  # back to the first row
        assert app.screen.view.cursor == 0

        await pilot.press("A")
        await wait_for(pilot, lambda: isinstance(app.screen, AnnotationsScreen), "the list")
        await pilot.press("s")  # open -> confirmed
        await wait_for(pilot, lambda: AnnotationStore.load(review).annotations[0].status == "confirmed", "status saved")
        await pilot.press("enter")
        await wait_for(pilot, lambda: not isinstance(app.screen, AnnotationsScreen), "the jump")
        assert app.screen.view.cursor == index

        await pilot.press("d")  # delete from the row, confirmed
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen), "the confirmation")
        await pilot.press("y")
        await wait_for(pilot, lambda: len(AnnotationStore.load(review)) == 0, "the deletion")
        assert app.screen.view.annotated == set()


@pytest.mark.parametrize(
    "key, notes",
    [("r", ["added elsewhere", "mine"]), ("k", ["mine"]), ("d", ["added elsewhere"])],
)
async def test_conflict_with_another_writer_asks_first(story, key, notes):
    wire, reprint, review = story
    app = make_app(str(wire), str(reprint), "--annotations", str(review))
    async with app.run_test(size=(140, 40)) as pilot:
        await ready(app, pilot)
        other = AnnotationStore.load(review)
        other.add(Annotation(category="other", note="added elsewhere"))
        other.save()
        await pilot.press("a")
        await wait_for(pilot, lambda: isinstance(app.screen, AnnotateScreen), "the dialog")
        await pilot.press(*"mine")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, ConflictScreen), "the conflict question")
        assert [a.note for a in AnnotationStore.load(review).annotations] == [
            "added elsewhere"
        ]  # nothing clobbered yet
        await pilot.press(key)
        await wait_for(pilot, lambda: not isinstance(app.screen, ConflictScreen), "the answer")
        await pilot.pause(0.1)
        assert sorted(a.note for a in app.keeper.annotations) == notes
    assert sorted(a.note for a in AnnotationStore.load(review).annotations) == notes


async def test_unreadable_annotation_file_is_never_overwritten_in_the_app(story):
    wire, reprint, review = story
    review.write_text("format: srccompare-annotations\nschema_version: 9\n", encoding="utf-8")
    _args, config, sources, base = prepare(
        [str(wire), str(reprint), "--annotations", str(wire.with_name("other.yaml"))]
    )
    app = SrcCompareApp(sources, config, base, annotations_path=review)  # the app reads the broken file itself
    async with app.run_test(size=(140, 40)) as pilot:
        await ready(app, pilot)
        assert app.keeper.problem and "newer" in app.keeper.problem
        await pilot.press("a")
        await pilot.pause(0.1)
        assert not isinstance(app.screen, AnnotateScreen)
    assert review.read_text(encoding="utf-8") == "format: srccompare-annotations\nschema_version: 9\n"


async def test_export_from_the_command_palette(story):
    wire, reprint, review = story
    store = AnnotationStore.load(review)
    store.add(Annotation(category="other", note="exported note"))
    store.save()
    app = make_app(str(wire), str(reprint), "--annotations", str(review))
    async with app.run_test(size=(140, 40)) as pilot:
        await ready(app, pilot)
        await pilot.press("ctrl+p")
        await pilot.pause(0.2)
        await pilot.press(*"Export annotations: CSV")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await wait_for(pilot, lambda: review.with_suffix(".csv").exists(), "the CSV export")
    assert "exported note" in review.with_suffix(".csv").read_text(encoding="utf-8")


def test_cli_refuses_a_broken_annotation_file_before_the_app_starts(story):
    import subprocess
    import sys

    wire, reprint, review = story
    review.write_text("format: srccompare-annotations\nannotations: [\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "srccompare", str(wire), str(reprint), "--annotations", str(review)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and str(review) in lines[0] and "broken YAML" in lines[0]
    assert review.read_text(encoding="utf-8") == "format: srccompare-annotations\nannotations: [\n"


def test_cli_reopen_needs_an_existing_file(tmp_path):
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "srccompare", "--annotations", str(tmp_path / "none.yaml")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert "none.yaml: no such file" in result.stderr


async def test_annotate_the_flag_of_a_row(story):
    wire, reprint, review = story
    app = make_app(str(wire), str(reprint), "--annotations", str(review))
    async with app.run_test(size=(140, 40)) as pilot:
        await ready(app, pilot)
        index = row_with(app, "3,000")
        await go_to_row(app, pilot, index)
        flag = app.screen.view.visible_flags(app.screen.view.current_row)[0]
        assert flag.kind == "number"
        shown = flag_message(app.screen.view.alignment, flag)
        await pilot.press("m")
        await wait_for(pilot, lambda: isinstance(app.screen, AnnotateScreen), "the dialog")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: review.exists(), "the file")
    ann = AnnotationStore.load(review).annotations[0]
    assert (ann.category, ann.severity, ann.note) == ("wrong-number", flag.severity, shown)
    assert "(wire)" in flag.message and "(wire)" not in ann.note and "col 1" in ann.note, (
        "the note starts from the message as the flag panel shows it: sources by column, not by id"
    )
    texts = {"wire": WIRE, "reprint": REPRINT}
    assert {t.source for t in ann.targets} == {s for s, spans in flag.spans.items() if spans}
    for t in ann.targets:
        assert "3" in t.exact and texts[t.source][t.start : t.end] == t.exact


async def test_changed_sources_are_reanchored_and_an_orphan_is_reattached(story):
    from srccompare.inputs.sources import read_sources
    from srccompare.review.model import Target

    wire, reprint, review = story
    sources = read_sources([str(wire), str(reprint)])
    store = AnnotationStore.load(review)
    store.record_sources(sources)
    at = WIRE.index("3,000 members")
    moved = Annotation(category="wrong-number", note="moves", targets=[Target.from_text("wire", WIRE, at, at + 13)])
    at = WIRE.index("regretted the decision")
    lost = Annotation(category="other", note="gets lost", row=3, targets=[Target.from_text("wire", WIRE, at, at + 22)])
    store.add(moved)
    store.add(lost)
    store.save()

    edited = "Update: talks are planned.\n\n" + WIRE.replace("regretted the decision", "noted the move")
    wire.write_text(edited, encoding="utf-8")
    before = review.read_bytes()
    app = make_app("--annotations", str(review))
    async with app.run_test(size=(140, 40)) as pilot:
        await ready(app, pilot)
        await wait_for(pilot, lambda: app.keeper.annotations[1].targets[0].anchor == "orphan", "re-anchoring")
        live = {a.note: a.targets[0] for a in app.keeper.annotations}
        assert live["moves"].anchor == "relocated"
        assert edited[live["moves"].start : live["moves"].end] == "3,000 members"
        assert live["gets lost"].anchor == "orphan" and live["gets lost"].exact == "regretted the decision"
        await pilot.pause(0.3)
        assert review.read_bytes() == before  # re-anchored in memory: opening a review never rewrites it

        await pilot.press("A")
        await wait_for(pilot, lambda: isinstance(app.screen, AnnotationsScreen), "the list")
        listing = app.screen
        assert "ORPHAN" in str(listing.query_one("#table").get_row(lost.id))
        while listing.current.id != lost.id:
            await pilot.press("down")
        await pilot.press("e")
        await wait_for(pilot, lambda: isinstance(app.screen, AnnotateScreen), "the edit dialog")
        from textual.widgets import Input

        app.screen.query_one("#quote-0", Input).value = "noted the move"
        await pilot.press("ctrl+s")
        await wait_for(
            pilot,
            lambda: AnnotationStore.load(review).get(lost.id).targets[0].anchor == "anchored",
            "the re-attached target",
        )
    target = AnnotationStore.load(review).get(lost.id).targets[0]
    assert edited[target.start : target.end] == "noted the move"
    relocated = AnnotationStore.load(review).get(moved.id).targets[0]  # the reviewer's change saved it all
    assert relocated.anchor == "relocated" and edited[relocated.start : relocated.end] == "3,000 members"


async def test_list_filters_by_category_and_source(story):
    from textual.widgets import Select

    from srccompare.review.model import Target

    wire, reprint, review = story
    store = AnnotationStore.load(review)
    at = WIRE.index("3,000")
    store.add(Annotation(category="wrong-number", targets=[Target.from_text("wire", WIRE, at, at + 5)]))
    store.add(Annotation(category="omission", targets=[Target.from_text("reprint", REPRINT, 0, 7)]))
    store.add(Annotation(category="omission", severity="critical", targets=[Target.from_text("wire", WIRE, 0, 7)]))
    store.save()
    app = make_app(str(wire), str(reprint), "--annotations", str(review))
    async with app.run_test(size=(140, 40)) as pilot:
        await ready(app, pilot)
        await pilot.press("A")
        await wait_for(pilot, lambda: isinstance(app.screen, AnnotationsScreen), "the list")
        listing = app.screen
        assert len(listing.shown) == 3
        listing.query_one("#f-category", Select).value = "omission"
        await pilot.pause(0.1)
        assert sorted(a.severity for a in listing.shown) == ["critical", "major"]
        listing.query_one("#f-source", Select).value = "wire"
        await pilot.pause(0.1)
        assert [a.severity for a in listing.shown] == ["critical"]
        await pilot.press("escape")
        await wait_for(pilot, lambda: not isinstance(app.screen, AnnotationsScreen), "close")


async def test_editing_keeps_a_lost_target_until_it_is_reattached(story):
    from srccompare.review.model import Target

    wire, reprint, review = story
    store = AnnotationStore.load(review)
    lost = Annotation(
        category="other", note="old", targets=[Target("wire", 5, 30, "words long gone from the wire", anchor="orphan")]
    )
    store.add(lost)
    store.save()
    app = make_app(str(wire), str(reprint), "--annotations", str(review))
    async with app.run_test(size=(140, 40)) as pilot:
        await ready(app, pilot)
        await pilot.press("A")
        await wait_for(pilot, lambda: isinstance(app.screen, AnnotationsScreen), "the list")
        await pilot.press("e")
        await wait_for(pilot, lambda: isinstance(app.screen, AnnotateScreen), "the edit dialog")
        await pilot.press(*" and new")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: AnnotationStore.load(review).get(lost.id).note != "old", "the edit")
    saved = AnnotationStore.load(review).get(lost.id)
    assert saved.targets == lost.targets and saved.targets[0].anchor == "orphan"
    assert saved.note.endswith(" and new") and saved.modified >= lost.modified


async def test_an_unwritable_review_folder_costs_no_annotation(story, tmp_path, monkeypatch):
    """Saving fails (read-only folder): the review goes to the user's data folder and reopens from there."""
    import srccompare.core.atomic

    wire, reprint, review = story
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    real_write = srccompare.core.atomic.atomic_write_bytes

    def read_only_folder(path, data):
        if Path(path).parent == review.parent:
            raise PermissionError(13, "Permission denied")
        real_write(path, data)

    monkeypatch.setattr(srccompare.core.atomic, "atomic_write_bytes", read_only_folder)
    app = make_app(str(wire), str(reprint), "--annotations", str(review))
    async with app.run_test(size=(140, 40)) as pilot:
        await ready(app, pilot)
        index = row_with(app, "3,000")
        await go_to_row(app, pilot, index)
        await pilot.press("a")
        await wait_for(pilot, lambda: isinstance(app.screen, AnnotateScreen), "the dialog")
        await pilot.press(*"kept safe")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: not isinstance(app.screen, AnnotateScreen), "the dialog to close")
        rescued = app.keeper.path
        assert rescued is not None and rescued.parent.parent == tmp_path / "data" / "srccompare"
        assert app.keeper.problem is None  # later changes are saved too
    assert not review.exists()
    store = AnnotationStore.load(rescued)
    assert [a.note for a in store.annotations] == ["kept safe"]
    assert {Path(store.source_path(s)) for s in store.sources} == {wire, reprint}

    # The same command again finds the rescued review.
    again = make_app(str(wire), str(reprint), "--annotations", str(review))
    async with again.run_test(size=(140, 40)) as pilot:
        await ready(again, pilot)
        assert [a.note for a in again.keeper.annotations] == ["kept safe"]
        assert again.keeper.row_of(again.keeper.annotations[0]) == index


async def test_a_file_broken_by_another_program_meanwhile_is_kept_and_the_note_rescued(story, tmp_path, monkeypatch):
    wire, reprint, review = story
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    app = make_app(str(wire), str(reprint), "--annotations", str(review))
    async with app.run_test(size=(140, 40)) as pilot:
        await ready(app, pilot)
        review.write_text("annotations: [half written by an editor\n", encoding="utf-8")
        await pilot.press("a")
        await wait_for(pilot, lambda: isinstance(app.screen, AnnotateScreen), "the dialog")
        await pilot.press(*"not lost")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: not isinstance(app.screen, AnnotateScreen), "the dialog to close")
        rescued = app.keeper.path
    assert review.read_text(encoding="utf-8") == "annotations: [half written by an editor\n"  # never written over
    assert rescued != review and [a.note for a in AnnotationStore.load(rescued).annotations] == ["not lost"]


async def test_export_from_the_app_never_replaces_a_source_named_like_the_review(tmp_path):
    story_md, other = tmp_path / "story.md", tmp_path / "other.md"
    story_md.write_text(WIRE, encoding="utf-8")
    other.write_text(REPRINT, encoding="utf-8")
    review = tmp_path / "story.yaml"  # the review named after its first source
    store = AnnotationStore.load(review)
    store.add(Annotation(category="other", note="exported note"))
    store.save()
    app = make_app(str(story_md), str(other), "--annotations", str(review))
    async with app.run_test(size=(140, 40)) as pilot:
        await ready(app, pilot)
        out = app.keeper.export("md")
    assert story_md.read_text(encoding="utf-8") == WIRE
    assert out is not None and out != story_md and "exported note" in out.read_text(encoding="utf-8")
