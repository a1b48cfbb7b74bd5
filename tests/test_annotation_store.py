"""The store's own decisions, without a terminal: rescuing an unwritable review, settling conflicts, odd files."""

from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path

import pytest

import srccompare.core.atomic
from srccompare.core.errors import UserError
from srccompare.core.model import Source
from srccompare.review.model import Annotation, Target
from srccompare.review.paths import rescue_path
from srccompare.review.store import (
    DISCARD,
    KEEP,
    RELOAD,
    AnnotationStore,
    ConflictError,
    ReloadError,
    WriteError,
    open_review_file,
)

TEXT = "The union said 3,000 members would stay off work for thirty days unless talks resumed.\n"


def source(folder: Path, text: str = TEXT, source_id: str = "wire") -> Source:
    path = folder / f"{source_id}.txt"
    path.write_text(text, encoding="utf-8")
    return Source(source_id, str(path), text, hashlib.sha256(text.encode()).hexdigest(), source_id)


def note(text: str, target: Target | None = None) -> Annotation:
    return Annotation(category="other", note=text, targets=[target] if target else [])


def notes(path: Path) -> list[str]:
    return [a.note for a in AnnotationStore.load(path).annotations]


@pytest.fixture
def data_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The user's data folder, where rescued reviews go."""
    home = tmp_path / "data"
    monkeypatch.setenv("XDG_DATA_HOME", str(home))
    return home / "srccompare"


@pytest.fixture
def read_only(monkeypatch: pytest.MonkeyPatch):
    """Make folders unwritable for the store's atomic writes (a chmod does not stop root)."""
    folders: set[Path] = set()
    real_write = srccompare.core.atomic.atomic_write_bytes

    def write(path, data):
        if Path(path).parent in folders:
            raise PermissionError(13, "Permission denied")
        real_write(path, data)

    monkeypatch.setattr(srccompare.core.atomic, "atomic_write_bytes", write)
    return folders


# ------------------------------------------------------------------ rescue


def test_save_or_rescue_saves_in_place_when_it_can(tmp_path, data_home):
    store = AnnotationStore(tmp_path / "review.yaml")
    store.add(note("here"))
    assert store.save_or_rescue(sources=[source(tmp_path)]) is None
    assert store.path == tmp_path / "review.yaml" and store.rescued_from is None
    assert notes(store.path) == ["here"]
    assert [(s.id, s.path) for s in store.sources] == [("wire", "wire.txt")]
    assert not data_home.exists()


def test_an_unwritable_folder_moves_the_review_to_the_data_folder(tmp_path, data_home, read_only):
    review = tmp_path / "review" / "r.yaml"
    review.parent.mkdir()
    read_only.add(review.parent)
    wire = source(tmp_path)
    store = AnnotationStore.load(review)
    store.add(note("kept safe"))
    rescue = store.save_or_rescue(sources=[wire])
    assert rescue is not None
    assert rescue.intended == review and rescue.path == rescue_path(review) and rescue.path.parent.parent == data_home
    assert "cannot be written" in rescue.reason and "Permission denied" in rescue.reason
    assert (store.path, store.rescued_from) == (rescue.path, review)
    assert not review.exists()
    assert notes(rescue.path) == ["kept safe"]
    assert AnnotationStore.load(rescue.path).source_path(store.sources[0]) == Path(wire.path).resolve()

    store.add(note("later"))  # later saves follow the review to its new place
    assert store.save_or_rescue(sources=[wire]) is None
    assert notes(rescue.path) == ["kept safe", "later"]

    again = open_review_file(review)  # the same command again finds it
    assert again.path == rescue.path and again.rescued_from == review
    assert [a.note for a in again.annotations] == ["kept safe", "later"]


def test_a_file_broken_by_another_program_is_kept_and_the_review_rescued(tmp_path, data_home):
    review = tmp_path / "r.yaml"
    store = AnnotationStore.load(review)
    store.add(note("first"))
    store.save()
    review.write_text("annotations: [half written\n", encoding="utf-8")
    store.add(note("not lost"))
    rescue = store.save_or_rescue(force=True)
    assert rescue is not None and "not a readable annotation file" in rescue.reason
    assert review.read_text(encoding="utf-8") == "annotations: [half written\n"
    assert notes(rescue.path) == ["first", "not lost"]


def test_an_earlier_rescue_of_the_same_review_is_never_written_over(tmp_path, data_home, read_only):
    review = tmp_path / "r.yaml"
    read_only.add(tmp_path)
    earlier = AnnotationStore(rescue_path(review))
    earlier.path.parent.mkdir(parents=True)
    earlier.add(note("another session"))
    earlier.save()
    store = AnnotationStore(review)
    store.add(note("this session"))
    rescue = store.save_or_rescue()
    assert rescue is not None and rescue.path != earlier.path and rescue.path.parent == earlier.path.parent
    assert notes(earlier.path) == ["another session"]
    assert notes(rescue.path) == ["this session"]


def test_when_the_rescue_fails_too_the_first_failure_is_raised_and_nothing_moved(tmp_path, data_home, read_only):
    review = tmp_path / "review" / "r.yaml"
    review.parent.mkdir()
    read_only.update({review.parent, rescue_path(review).parent})
    store = AnnotationStore(review)
    store.record_sources([source(tmp_path)])
    store.add(note("x"))
    with pytest.raises(WriteError) as err:
        store.save_or_rescue()
    assert str(err.value).startswith(str(review)) and "cannot be written" in str(err.value)
    assert (store.path, store.rescued_from) == (review, None)
    assert [s.path for s in store.sources] == ["../wire.txt"]
    assert not review.exists() and not rescue_path(review).exists()


def test_a_rescued_review_that_cannot_be_written_is_not_rescued_again(tmp_path, data_home, read_only):
    store = AnnotationStore(tmp_path / "r.yaml")
    read_only.add(tmp_path)
    store.add(note("x"))
    first = store.save_or_rescue()
    assert first is not None
    read_only.add(first.path.parent)
    store.add(note("y"))
    with pytest.raises(WriteError):
        store.save_or_rescue()
    assert store.path == first.path and notes(first.path) == ["x"]


def test_a_conflict_is_not_rescued_but_asked_about(tmp_path, data_home):
    store = AnnotationStore.load(tmp_path / "r.yaml")
    other = AnnotationStore.load(tmp_path / "r.yaml")
    other.add(note("theirs"))
    other.save()
    store.add(note("mine"))
    with pytest.raises(ConflictError):
        store.save_or_rescue()
    assert store.rescued_from is None and not data_home.exists()


# ------------------------------------------------------------------ conflicts


@pytest.fixture
def conflict(tmp_path):
    """Mine and theirs, both loaded from one file; theirs saved an annotation since."""
    path = tmp_path / "r.yaml"
    mine = AnnotationStore.load(path)
    mine.add(note("shared"))
    mine.save()
    theirs = AnnotationStore.load(path)
    theirs.add(note("theirs"))
    theirs.save()
    return mine, theirs


def add_mine(store: AnnotationStore) -> None:
    store.add(note("mine"))


def test_keep_mine_writes_over_theirs(conflict):
    mine, _theirs = conflict
    add_mine(mine)
    with pytest.raises(ConflictError):
        mine.save()
    settled = mine.resolve_conflict(KEEP, add_mine)
    assert settled.saved and settled.rescue is None
    assert notes(mine.path) == ["shared", "mine"]


def test_reload_takes_theirs_and_re_applies_mine(conflict):
    mine, _theirs = conflict
    add_mine(mine)
    settled = mine.resolve_conflict(RELOAD, add_mine)
    assert settled.saved
    assert [a.note for a in mine.annotations] == ["shared", "theirs", "mine"]
    assert notes(mine.path) == ["shared", "theirs", "mine"]
    assert not mine.changed_on_disk()


def test_discard_takes_theirs_and_drops_mine(conflict):
    mine, _theirs = conflict
    add_mine(mine)
    before = mine.path.read_bytes()
    settled = mine.resolve_conflict(DISCARD, add_mine)
    assert not settled.saved
    assert [a.note for a in mine.annotations] == ["shared", "theirs"]
    assert mine.path.read_bytes() == before
    mine.add(note("next"))
    mine.save()  # no conflict any more


def test_an_unknown_answer_changes_nothing(conflict):
    mine, _theirs = conflict
    add_mine(mine)
    with pytest.raises(ValueError):
        mine.resolve_conflict("maybe", add_mine)
    assert [a.note for a in mine.annotations] == ["shared", "mine"]
    assert notes(mine.path) == ["shared", "theirs"]


def test_reload_without_a_change_to_re_apply_only_reloads(conflict):
    mine, _theirs = conflict
    settled = mine.resolve_conflict(RELOAD, None)
    assert not settled.saved and [a.note for a in mine.annotations] == ["shared", "theirs"]


def test_reload_re_anchors_their_annotations_on_the_sources_under_review(tmp_path):
    old = source(tmp_path)
    path = tmp_path / "r.yaml"
    mine = AnnotationStore.load(path)
    mine.record_sources([old])
    mine.save()
    theirs = AnnotationStore.load(path)
    at = TEXT.index("3,000")
    theirs.add(note("number", Target.from_text("wire", TEXT, at, at + 5)))
    theirs.save()
    edited = "Update: talks planned.\n\n" + TEXT
    new = source(tmp_path, edited)
    mine.resolve_conflict(RELOAD, add_mine, [new])
    target = mine.annotations[0].targets[0]
    assert target.anchor == "relocated" and edited[target.start : target.end] == "3,000"
    assert mine.source_record("wire").sha256 == new.sha256
    saved = AnnotationStore.load(path)
    assert [a.note for a in saved.annotations] == ["number", "mine"]
    assert saved.annotations[0].targets[0] == target


def test_reload_of_a_file_broken_meanwhile_refuses_and_keeps_it(conflict):
    mine, _theirs = conflict
    mine.path.write_text("format: [broken\n", encoding="utf-8")
    add_mine(mine)
    with pytest.raises(ReloadError) as err:
        mine.resolve_conflict(RELOAD, add_mine)
    assert isinstance(err.value, UserError) and str(err.value).startswith(str(mine.path))
    assert "broken YAML" in str(err.value)
    assert [a.note for a in mine.annotations] == ["shared", "mine"]  # memory untouched
    assert mine.path.read_text(encoding="utf-8") == "format: [broken\n"


def test_a_file_changed_yet_again_while_re_applying_is_another_conflict(conflict):
    mine, theirs = conflict

    def change_racing_another_writer(store: AnnotationStore) -> None:
        theirs.add(note("theirs again"))
        theirs.save(force=True)
        add_mine(store)

    with pytest.raises(ConflictError):
        mine.resolve_conflict(RELOAD, change_racing_another_writer)
    assert notes(mine.path) == ["shared", "theirs", "theirs again"]


def test_keep_mine_in_an_unwritable_folder_is_rescued(conflict, data_home, read_only):
    mine, _theirs = conflict
    read_only.add(mine.path.parent)
    add_mine(mine)
    settled = mine.resolve_conflict(KEEP, add_mine)
    assert settled.saved and settled.rescue is not None and settled.rescue.intended == mine.rescued_from
    assert notes(settled.rescue.path) == ["shared", "mine"]
    assert notes(settled.rescue.intended) == ["shared", "theirs"]


# ------------------------------------------------------------------ odd files


@pytest.mark.skipif(sys.platform == "win32", reason="symlinks need privileges on Windows")
def test_a_symlinked_review_is_never_replaced(tmp_path, data_home):
    real = tmp_path / "real.yaml"
    store = AnnotationStore(real)
    store.add(note("real"))
    store.save()
    link = tmp_path / "link.yaml"
    link.symlink_to(real)
    with pytest.raises(UserError) as err:
        open_review_file(link)
    assert str(err.value).startswith(str(link)) and "symbolic link" in str(err.value) and "\n" not in str(err.value)

    via_link = AnnotationStore.load(link)  # reading through it (an export) is fine
    via_link.add(note("more"))
    with pytest.raises(WriteError):
        via_link.save(force=True)
    assert link.is_symlink() and notes(real) == ["real"]
    rescue = via_link.save_or_rescue(force=True)
    assert rescue is not None and link.is_symlink() and notes(rescue.path) == ["real", "more"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_named_pipe_is_refused_without_reading_it(tmp_path):
    pipe = tmp_path / "review.yaml"
    os.mkfifo(pipe)
    with pytest.raises(UserError) as err:
        AnnotationStore.load(pipe)  # reading would wait for a writer forever
    assert "not a regular file" in str(err.value)
    store = AnnotationStore(pipe)
    with pytest.raises(WriteError):
        store.save(force=True)
    assert not pipe.is_file() and pipe.exists()
