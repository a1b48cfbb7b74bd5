"""Issue 13, item 9 (the part Pilot can drive): an open annotation dialog is kept as a draft every few seconds,
and a draft left by a session that ended is offered back: restore, discard, or later."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from srccompare.app.screens.annotate import AnnotateScreen
from srccompare.app.screens.drafts import DraftOfferScreen
from srccompare.app.screens.quit import QuitScreen
from srccompare.review.drafts import DRAFT_SECONDS, DraftBox
from srccompare.review.model import Annotation
from srccompare.review.store import AnnotationStore
from tests.app.support import settle, story_app


@pytest.fixture(autouse=True)
def rescue(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("SRCCOMPARE_STATE_DIR", str(tmp_path / "state"))
    return tmp_path / "data" / "srccompare" / "rescued"


def drafts(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.draft-*.yaml"))


async def test_the_dialog_is_kept_every_few_seconds_once_something_is_typed(tmp_path: Path, rescue: Path):
    app = story_app(tmp_path=tmp_path)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await pilot.pause(DRAFT_SECONDS + 0.5)
        assert drafts(rescue) == [], "nothing typed: nothing to keep"
        await pilot.press(*"first words")
        await pilot.pause(DRAFT_SECONDS + 0.5)
        kept = drafts(rescue)
        assert len(kept) == 1 and "first words" in kept[0].read_text(encoding="utf-8")
        await pilot.press(*" and more")
        await pilot.pause(DRAFT_SECONDS + 0.5)
        assert "first words and more" in kept[0].read_text(encoding="utf-8")
        await pilot.press("escape")  # cancelled on purpose: the draft goes
        await settle(pilot)
        assert drafts(rescue) == []
    assert not (tmp_path / "review.yaml").exists()


def keep(tmp_path: Path, annotation: Annotation, *, new: bool = True) -> Path:
    return DraftBox(tmp_path / "review.yaml").keep(annotation, new=new)


async def test_later_keeps_the_draft_and_discard_removes_it(tmp_path: Path, rescue: Path):
    path = keep(tmp_path, Annotation(category="other", note="maybe later", row=1))
    for keys, left in (("l", [path]), ("x", [])):
        app = story_app(tmp_path=tmp_path)
        async with app.run_test(size=(140, 40)) as pilot:
            await settle(pilot)
            assert isinstance(app.screen, DraftOfferScreen)
            await pilot.press("d", "j", "q")  # review keys typed as it popped up (d deletes there) do nothing
            await settle(pilot)
            assert isinstance(app.screen, DraftOfferScreen) and drafts(rescue) == [path]
            await pilot.press(keys)
            await settle(pilot)
            assert not isinstance(app.screen, (DraftOfferScreen, AnnotateScreen))
        assert drafts(rescue) == left
    assert not (tmp_path / "review.yaml").exists()


async def test_a_restored_edit_replaces_its_annotation_and_quitting_over_it_asks(tmp_path: Path, rescue: Path):
    review = tmp_path / "review.yaml"
    store = AnnotationStore(review)
    original = Annotation(category="other", note="as saved", row=1)
    store.add(original)
    store.save()
    keep(tmp_path, original.touched(note="as saved, then edited"), new=False)

    app = story_app(tmp_path=tmp_path)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        assert isinstance(app.screen, AnnotateScreen)
        await pilot.press("q")  # typed into the note...
        await pilot.press("backspace", "ctrl+q")  # ...and taken back: the restored draft is still unsaved work
        await settle(pilot)
        assert isinstance(app.screen, QuitScreen)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
    saved = AnnotationStore.load(review).annotations
    assert [(a.id, a.note) for a in saved] == [(original.id, "as saved, then edited")]
    assert drafts(rescue) == []


def test_a_draft_another_running_srccompare_is_writing_is_not_offered(tmp_path: Path):
    box = DraftBox(tmp_path / "review.yaml")
    path = box.keep(Annotation(category="other", note="still being typed elsewhere"), new=True)
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        path.write_text(path.read_text(encoding="utf-8").replace(f"pid: {os.getpid()}", f"pid: {other.pid}"))
        assert box.pending() == []
    finally:
        other.kill()
        other.wait()
    assert [d.annotation.note for d in box.pending()] == ["still being typed elsewhere"]


def test_drafts_belong_to_their_review(tmp_path: Path):
    DraftBox(tmp_path / "a" / "review.yaml").keep(Annotation(category="other", note="for a"), new=True)
    DraftBox(tmp_path / "b" / "review.yaml").keep(Annotation(category="other", note="for b"), new=True)
    assert [d.annotation.note for d in DraftBox(tmp_path / "a" / "review.yaml").pending()] == ["for a"]
    broken = DraftBox(tmp_path / "a" / "review.yaml").path_for("x")
    broken.write_text("annotations: [not closed\n", encoding="utf-8")
    assert [d.annotation.note for d in DraftBox(tmp_path / "a" / "review.yaml").pending()] == ["for a"]
    assert broken.exists(), "an unreadable draft is skipped, never deleted"
