"""Reading a hand-edited annotation file: what is accepted as written, and how each mistake is named."""

from __future__ import annotations

import pytest
import yaml

from srccompare.core.errors import UserError
from srccompare.review.codec import parse_annotation_file
from srccompare.review.store import AnnotationStore

HEAD = "format: srccompare-annotations\nschema_version: 1\n"
ONE = HEAD + "annotations:\n- id: a\n"
TARGET = ONE + "  targets:\n  - source: wire\n"


@pytest.mark.parametrize(
    "body, message",
    [
        ("format: srccompare-annotations\nschema_version: one\n", "'schema_version' must be a whole number from 1"),
        (HEAD + "sources: {a: 1}\n", "'sources' must be a list"),
        (HEAD + "sources:\n- path: wire.txt\n", "'sources[0].id' is missing"),
        (HEAD + "annotations: [5]\n", "'annotations[0]' must be a mapping"),
        (HEAD + "annotations:\n- note: x\n", "'annotations[0].id' is missing"),
        (HEAD + "annotations:\n- id: ''\n", "'annotations[0].id' is missing"),
        (ONE + "  note: no\n", "'annotations[0].note' must be text (put values like no, on or 1.10 in quotes)"),
        (ONE + "  severity: 2\n", "'annotations[0].severity' must be text"),
        (ONE + "  row: third\n", "'annotations[0].row' must be a whole number"),
        (ONE + "  created: last tuesday\n", "'annotations[0].created' is not a date and time ('last tuesday')"),
        (ONE + "  targets: {source: wire}\n", "'annotations[0].targets' must be a list"),
        (TARGET + "    start: 1\n", "'annotations[0].targets[0].end' is missing"),
        (TARGET + "    start: -1\n    end: 2\n", "'annotations[0].targets[0].start' must not be negative"),
        (TARGET + "    start: 1.5\n    end: 2\n", "'annotations[0].targets[0].start' must be a whole number"),
        (TARGET + "    start: 9\n    end: 2\n", "'annotations[0].targets[0]' ends before it starts"),
        (
            TARGET + "    start: 1\n    end: 2\n    anchor: lost\n",
            "'annotations[0].targets[0].anchor' must be one of anchored, relocated, fuzzy, orphan",
        ),
    ],
)
def test_each_mistake_is_one_line_naming_the_file_and_the_field(body, message):
    with pytest.raises(UserError) as err:
        parse_annotation_file(body.encode(), "review.yaml")
    text = str(err.value)
    assert text.startswith("review.yaml: ") and "\n" not in text
    assert message in text
    assert "left untouched" in text


def test_what_a_person_may_write_by_hand_is_accepted_as_meant():
    body = ONE.replace("id: a", "id: 17") + (
        "  category: ~\n  severity: grave\n  status: parked\n  note: ~\n"
        "  created: 2026-01-02\n  modified: 2026-01-03T12:00:00+02:00\n"
        "  targets:\n  - {source: wire, start: 0, end: 4, exact: ~, anchor: ~}\n"
        "  3: a key that is a number\n"
    )
    parsed = parse_annotation_file(body.encode(), "review.yaml")
    ann = parsed.annotations[0]
    assert ann.id == "17"
    assert (ann.category, ann.severity, ann.status, ann.note) == ("other", "grave", "parked", "")
    assert (ann.created, ann.modified) == ("2026-01-02T00:00:00Z", "2026-01-03T10:00:00Z")
    assert (ann.targets[0].exact, ann.targets[0].anchor) == ("", "anchored")
    assert ann.extra == {3: "a key that is a number"}


def test_a_number_key_kept_from_a_hand_edit_survives_a_save(tmp_path):
    path = tmp_path / "r.yaml"
    path.write_text(HEAD + "7: top\nannotations:\n- {id: a, 8: inner}\n", encoding="utf-8")
    store = AnnotationStore.load(path)
    store.save()
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert data[7] == "top" and data["annotations"][0][8] == "inner"


def test_empty_lists_and_nulls_are_an_empty_review():
    parsed = parse_annotation_file((HEAD + "sources: ~\nannotations: ~\n").encode(), "r.yaml")
    assert (parsed.sources, parsed.annotations, parsed.extra) == ([], [], {})
    assert parse_annotation_file(b"  \n", "r.yaml").annotations == []
