"""The annotation model and its YAML store: exact round-trips, safety against broken files and conflicts."""

from __future__ import annotations

import os
import string
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from srccompare.core.errors import UserError
from srccompare.review.codec import dump_yaml
from srccompare.review.model import CONTEXT_CHARS, Annotation, SourceRecord, Target
from srccompare.review.store import AnnotationStore, ConflictError

TEXT = "The mayor said on Monday that 3,000 jobs would be cut by next year.\n\nUnions called it a betrayal.\n"

TRICKY_NOTES = [
    "no",
    "on",
    "yes",
    "null",
    "~",
    "1.10",
    "12:30",
    "0x1F",
    "1e3",
    "# not a comment",
    "- not a list",
    "key: value",
    "ends with colon:",
    "'single' and \"double\"",
    "multi\nline\nnote",
    "trailing newlines\n\n\n",
    "trailing spaces   \nsecond  ",
    "  leading spaces\n    and indent",
    "\ttab first",
    "unicode: Zürich — «quoted» 東京 🙂",
    "odd breaks\u2028line sep\u2029para sep\x85next line\rcarriage",
    "",
    "2026-01-02T10:05:00Z",
]


def _store(tmp_path: Path, notes: list[str]) -> AnnotationStore:
    store = AnnotationStore(tmp_path / "review.yaml")
    for i, note in enumerate(notes):
        start = TEXT.index("3,000")
        store.add(
            Annotation(
                category="wrong-number", note=note, row=i, targets=[Target.from_text("a", TEXT, start, start + 23)]
            )
        )
    return store


@pytest.mark.parametrize("note", TRICKY_NOTES)
def test_tricky_notes_round_trip_exactly(tmp_path, note):
    store = _store(tmp_path, [note])
    store.save()
    again = AnnotationStore.load(store.path)
    assert again.annotations[0].note == note
    assert again.annotations == store.annotations


def test_file_has_the_documented_shape_and_key_order(tmp_path):
    store = _store(tmp_path, ["Wire says 3,000;\nthe reprint says 300.\n"])
    store.sources = [SourceRecord("a", "wire.txt", "ab" * 32)]
    store.save()
    raw = store.path.read_text(encoding="utf-8")
    data = yaml.safe_load(raw)
    assert list(data) == ["format", "schema_version", "generator", "sources", "annotations"]
    assert data["format"] == "srccompare-annotations"
    assert data["schema_version"] == 1
    assert data["sources"] == [{"id": "a", "path": "wire.txt", "sha256": "ab" * 32}]
    ann = data["annotations"][0]
    assert list(ann) == [
        "id",
        "row",
        "category",
        "severity",
        "status",
        "note",
        "author",
        "created",
        "modified",
        "targets",
    ]
    assert list(ann["targets"][0]) == ["source", "start", "end", "exact", "prefix", "suffix", "anchor"]
    assert "note: |\n" in raw  # multi-line notes are block scalars
    assert f"created: {store.annotations[0].created}\n" in raw  # timestamps unquoted, ISO with Z
    assert store.annotations[0].created.endswith("Z")


def test_target_quotes_its_span_and_context():
    start = TEXT.index("3,000")
    target = Target.from_text("a", TEXT, start, start + 5)
    assert target.exact == "3,000"
    assert start < CONTEXT_CHARS and target.prefix == TEXT[:start]
    later = Target.from_text("a", TEXT, len(TEXT) - 10, len(TEXT) - 2)
    assert later.prefix == TEXT[len(TEXT) - 10 - CONTEXT_CHARS : len(TEXT) - 10]
    assert later.suffix == TEXT[-2:]
    assert target.suffix == TEXT[start + 5 : start + 5 + CONTEXT_CHARS]
    assert target.holds(TEXT)
    with pytest.raises(ValueError):
        Target.from_text("a", TEXT, 5, len(TEXT) + 1)


notes = st.text(st.characters(blacklist_categories=("Cs",)), max_size=200)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    note=notes,
    author=notes,
    category=st.text(min_size=1, max_size=30),
    spans=st.lists(st.tuples(st.integers(0, len(TEXT)), st.integers(0, len(TEXT))), max_size=4),
    row=st.none() | st.integers(0, 10**6),
)
def test_yaml_round_trip_of_arbitrary_notes_and_spans(tmp_path, note, author, category, spans, row):
    store = AnnotationStore(tmp_path / "prop.yaml")
    targets = [Target.from_text("a", TEXT, min(a, b), max(a, b)) for a, b in spans]
    store.add(Annotation(category=category, note=note, author=author, row=row, targets=targets))
    store.save(force=True)
    again = AnnotationStore.load(store.path)
    assert again.annotations == store.annotations
    for target in again.annotations[0].targets:
        assert target.exact == TEXT[target.start : target.end]


def test_missing_file_is_an_empty_store_created_on_save(tmp_path):
    store = AnnotationStore.load(tmp_path / "new.yaml")
    assert len(store) == 0
    assert not store.path.exists()
    store.add(Annotation(category="other", note="x"))
    store.save()
    assert len(AnnotationStore.load(tmp_path / "new.yaml")) == 1


@pytest.mark.parametrize(
    "content, words",
    [
        ("format: srccompare-annotations\nschema_version: 1\nannotations: [\n", ["broken YAML", "line"]),
        ("format: something-else\nschema_version: 1\n", ["format", "something-else"]),
        ("title: my own notes\nitems: [a, b]\n", ["'format' is missing", "not a srccompare annotation file"]),
        ("format: srccompare-annotations\nschema_version: 2\nannotations: []\n", ["newer", "schema_version 2"]),
        ("- just\n- a list\n", ["mapping"]),
        (
            "format: srccompare-annotations\nschema_version: 1\nannotations:\n- id: x\n  targets:\n  - source: a\n    start: five\n    end: 9\n",
            ["annotations[0].targets[0].start", "whole number"],
        ),
    ],
)
def test_unreadable_file_is_reported_and_never_overwritten(tmp_path, content, words):
    path = tmp_path / "review.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(UserError) as err:
        AnnotationStore.load(path)
    message = str(err.value)
    assert message.startswith(str(path))
    assert "\n" not in message
    for word in words:
        assert word in message
    # A store that never read it (e.g. one made before the file broke) refuses to save over it, even forced.
    store = AnnotationStore(path)
    store.add(Annotation(category="other"))
    with pytest.raises(UserError):
        store.save(force=True)
    assert path.read_text(encoding="utf-8") == content


def test_file_broken_after_loading_is_not_overwritten(tmp_path):
    store = _store(tmp_path, ["first"])
    store.save()
    store.path.write_text("format: [broken\n", encoding="utf-8")
    store.add(Annotation(category="other"))
    with pytest.raises(UserError):
        store.save(force=True)
    assert store.path.read_text(encoding="utf-8") == "format: [broken\n"


def test_change_by_another_process_raises_conflict(tmp_path):
    mine = _store(tmp_path, ["mine"])
    mine.save()
    theirs = AnnotationStore.load(mine.path)
    theirs.add(Annotation(category="other", note="theirs"))
    theirs.save()
    mine.add(Annotation(category="other", note="mine again"))
    with pytest.raises(ConflictError):
        mine.save()
    assert [a.note for a in AnnotationStore.load(mine.path).annotations] == ["mine", "theirs"]
    # keep mine: write anyway
    mine.save(force=True)
    assert [a.note for a in AnnotationStore.load(mine.path).annotations] == ["mine", "mine again"]


def test_same_size_rewrite_is_still_a_conflict(tmp_path):
    mine = _store(tmp_path, ["aaaa"])
    mine.save()
    stat = mine.path.stat()
    raw = mine.path.read_text(encoding="utf-8").replace("note: aaaa", "note: bbbb")
    mine.path.write_text(raw, encoding="utf-8")
    os.utime(mine.path, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # same size, same mtime
    with pytest.raises(ConflictError):
        mine.save()


def test_file_created_meanwhile_is_a_conflict_and_reload_takes_theirs(tmp_path):
    mine = AnnotationStore.load(tmp_path / "r.yaml")
    other = AnnotationStore.load(tmp_path / "r.yaml")
    other.add(Annotation(category="omission", note="theirs"))
    other.save()
    mine.add(Annotation(category="other", note="mine"))
    with pytest.raises(ConflictError):
        mine.save()
    mine.reload()
    assert [a.note for a in mine.annotations] == ["theirs"]
    mine.save()  # no conflict after reload


def test_unknown_keys_are_kept(tmp_path):
    path = tmp_path / "r.yaml"
    path.write_text(
        "format: srccompare-annotations\nschema_version: 1\nreviewer_team: desk\nannotations:\n"
        "- id: abc\n  category: other\n  colour: red\n  created: 2026-01-02T10:05:00Z\n",
        encoding="utf-8",
    )
    store = AnnotationStore.load(path)
    assert store.annotations[0].created == "2026-01-02T10:05:00Z"
    assert store.annotations[0].modified == "2026-01-02T10:05:00Z"
    store.save()
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert data["reviewer_team"] == "desk"
    assert data["annotations"][0]["colour"] == "red"


def test_source_paths_are_relative_to_the_annotation_file(tmp_path):
    (tmp_path / "story").mkdir()
    src = tmp_path / "story" / "wire.txt"
    src.write_text(TEXT, encoding="utf-8")

    class Src:
        id, path, sha256 = "wire", str(src), "f" * 64

    store = AnnotationStore(tmp_path / "review.yaml")
    store.record_sources([Src()])
    assert store.sources[0].path == "story/wire.txt"
    assert store.source_path(store.sources[0]) == src.resolve()


def test_store_edits_by_id(tmp_path):
    store = _store(tmp_path, ["one", "two"])
    first = store.annotations[0]
    changed = first.touched(status="confirmed")
    store.put(changed)
    assert store.get(first.id).status == "confirmed"
    assert store.annotations[0].id == first.id
    assert store.remove(first.id) is changed
    assert store.get(first.id) is None
    assert [a.note for a in store.for_row(1)] == ["two"]


def test_dump_yaml_keeps_long_lines_whole():
    long = " ".join(string.ascii_lowercase * 10)
    assert yaml.safe_load(dump_yaml({"x": long})) == {"x": long}
    assert dump_yaml({"x": long}).count("\n") == 1


def test_repeated_ids_from_a_hand_merge_are_both_kept(tmp_path):
    path = tmp_path / "r.yaml"
    path.write_text(
        "format: srccompare-annotations\nschema_version: 1\nannotations:\n"
        "- {id: same, category: other, note: first}\n- {id: same, category: other, note: second}\n",
        encoding="utf-8",
    )
    store = AnnotationStore.load(path)
    assert [a.note for a in store.annotations] == ["first", "second"]
    assert store.annotations[0].id == "same" and store.annotations[1].id != "same"


def test_a_lone_surrogate_in_a_note_is_saved_as_a_replacement_character_not_a_crash(tmp_path):
    # Not Unicode text (it cannot be UTF-8), but a broken paste must not take the review down with it.
    store = _store(tmp_path, ["before \ud800 after", "fine"])
    store.save()
    again = AnnotationStore.load(store.path)
    assert [a.note for a in again.annotations] == ["before \ufffd after", "fine"]


def test_a_review_of_a_piped_source_says_how_to_reopen_it(tmp_path):
    from srccompare.inputs.sources import STDIN_NAME
    from srccompare.review.store import recorded_sources

    class Piped:
        id, path, sha256 = "stdin", STDIN_NAME, "0" * 64

    store = AnnotationStore(tmp_path / "review.yaml")
    store.record_sources([Piped()])
    assert store.sources[0].path == STDIN_NAME  # not turned into a file path that never existed
    with pytest.raises(UserError) as err:
        recorded_sources(store)
    message = str(err.value)
    assert message.startswith(str(store.path)) and "standard input" in message and "--annotations" in message
