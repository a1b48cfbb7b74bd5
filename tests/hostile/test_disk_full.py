"""Issue 13, item 7: a full disk with nowhere to rescue costs no note.

Every atomic write fails with ENOSPC (the review's folder and the rescue folder
alike). The changes stay in the session; once space is freed, ``ctrl+s`` (or
quitting) saves them. Quitting over changes not on disk, or over a note being
typed, always asks first.
"""

from __future__ import annotations

import errno
from pathlib import Path

import pytest

import srccompare.core.atomic
from srccompare.app.screens.annotate import AnnotateScreen
from srccompare.app.screens.drafts import DraftOfferScreen
from srccompare.app.screens.quit import QuitScreen
from srccompare.review.store import AnnotationStore
from tests.app.support import settle, story_app


class Disk:
    """Stands in for the atomic writer: full (every write fails with ENOSPC) until space is freed."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.real = srccompare.core.atomic.atomic_write_bytes
        self.full = True
        self.refused: list[Path] = []
        monkeypatch.setattr(srccompare.core.atomic, "atomic_write_bytes", self.write)

    def write(self, path, data: bytes) -> None:
        if self.full:
            self.refused.append(Path(path))
            raise OSError(errno.ENOSPC, "No space left on device")
        self.real(path, data)


@pytest.fixture(autouse=True)
def data_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The rescue folder (drafts, rescued reviews) and the app's state in a temporary folder."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("SRCCOMPARE_STATE_DIR", str(tmp_path / "state"))
    return tmp_path / "data" / "srccompare" / "rescued"


async def annotate(pilot, note: str) -> None:
    await pilot.press("a")
    await settle(pilot)
    assert isinstance(pilot.app.screen, AnnotateScreen)
    await pilot.press(*note, "ctrl+s")
    await settle(pilot)


def notes(path: Path) -> list[str]:
    return [a.note for a in AnnotationStore.load(path).annotations]


async def test_changes_wait_in_the_session_until_space_is_freed_then_ctrl_s_saves(tmp_path, data_home, monkeypatch):
    disk = Disk(monkeypatch)
    review = tmp_path / "review.yaml"
    app = story_app(tmp_path=tmp_path)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await annotate(pilot, "first")
        keeper = app.keeper
        assert keeper.unsaved is not None and "No space left" in keeper.unsaved
        assert {p.parent for p in disk.refused} == {tmp_path, data_home}, "the rescue folder was tried too"
        assert not review.exists() and not list(data_home.glob("*.yaml"))
        assert any("ctrl+s to save again" in n.message for n in app._notifications)

        # The session is not read-only: the next note is taken, and saving is tried again.
        await pilot.press("j")
        await annotate(pilot, "second")
        assert [a.note for a in keeper.annotations] == ["first", "second"]
        assert keeper.unsaved is not None

        disk.full = False  # space freed
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert keeper.unsaved is None
        assert notes(review) == ["first", "second"]
        await pilot.press("q")
        await settle(pilot)
    assert app.return_code == 0


async def test_quitting_over_unsaved_changes_asks_and_retries(tmp_path, data_home, monkeypatch):
    disk = Disk(monkeypatch)
    review = tmp_path / "review.yaml"
    app = story_app(tmp_path=tmp_path)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await annotate(pilot, "typed on a full disk")
        await pilot.press("q")
        await settle(pilot)
        assert isinstance(app.screen, QuitScreen), "quitting asks first"
        assert app.is_running
        await pilot.press("escape")  # back to the review
        await settle(pilot)
        assert not isinstance(app.screen, QuitScreen) and app.is_running

        await pilot.press("q")
        await settle(pilot)
        await pilot.press("r")  # still full: asked again
        await settle(pilot)
        assert isinstance(app.screen, QuitScreen) and app.is_running

        disk.full = False
        await pilot.press("r")  # room now: saved, and the app quits
        await settle(pilot)
    assert app.return_code == 0
    assert notes(review) == ["typed on a full disk"]


async def test_quitting_anyway_is_the_reviewers_choice(tmp_path, data_home, monkeypatch):
    Disk(monkeypatch)
    app = story_app(tmp_path=tmp_path)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await annotate(pilot, "lost on purpose")
        await pilot.press("q")
        await settle(pilot)
        assert isinstance(app.screen, QuitScreen)
        await pilot.press("y")
        await settle(pilot)
    assert not (tmp_path / "review.yaml").exists()


async def test_quitting_with_a_note_being_typed_asks_and_keeps_it_as_a_draft(tmp_path, data_home):
    review = tmp_path / "review.yaml"
    app = story_app(tmp_path=tmp_path)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        await pilot.press(*"half a thought", "ctrl+q")
        await settle(pilot)
        assert isinstance(app.screen, QuitScreen), "ctrl+q in the dialog asks first"
        assert app.is_running
        drafts = list(data_home.glob("*.draft-*.yaml"))
        assert len(drafts) == 1 and "half a thought" in drafts[0].read_text(encoding="utf-8")
        await pilot.press("y")
        await settle(pilot)
    assert not review.exists()

    # The next session on this review offers the note back; saving it removes the draft.
    again = story_app(tmp_path=tmp_path)
    async with again.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        assert isinstance(again.screen, DraftOfferScreen)
        await pilot.press("r")
        await settle(pilot)
        assert isinstance(again.screen, AnnotateScreen)
        await pilot.press(*", finished", "ctrl+s")
        await settle(pilot)
        assert not isinstance(again.screen, AnnotateScreen)
    assert notes(review) == ["half a thought, finished"]
    assert not list(data_home.glob("*.draft-*.yaml"))


async def test_a_signal_saves_again_and_the_rescue_folder_may_have_room(tmp_path, data_home, monkeypatch):
    """When a signal ends the app, saving is tried again: the rescue folder may be on a disk with room now."""
    disk = Disk(monkeypatch)
    app = story_app(tmp_path=tmp_path)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await annotate(pilot, "saved nowhere yet")
        assert app.keeper.unsaved is not None

        def other_disk_has_room(path, data: bytes) -> None:
            (disk.real if Path(path).parent == data_home else disk.write)(path, data)

        monkeypatch.setattr(srccompare.core.atomic, "atomic_write_bytes", other_disk_has_room)
        app.stop_for_signal(15)
        await settle(pilot)
    assert app.return_code == 143
    assert not (tmp_path / "review.yaml").exists()
    rescued = [p for p in data_home.glob("*.yaml") if ".draft-" not in p.name]
    assert len(rescued) == 1 and notes(rescued[0]) == ["saved nowhere yet"]
    assert any("stopped by SIGTERM" in line for line in app.farewell)
