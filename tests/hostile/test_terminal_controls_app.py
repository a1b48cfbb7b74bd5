"""In the review app, no character from the data acts on the terminal (issue 13, item 1).

A source, its title and byline, a flag's message, a review's note, category,
author and quotes, file names in messages, a pasted search: each may hold
escape sequences. The app draws every control as one visible symbol (one
cell, so columns and marks still line up). Each screen is checked as it is
drawn: every strip the compositor would write, with no raw C0, C1 or bidi
control in its text.
"""

from __future__ import annotations

from pathlib import Path

import yaml
from textual import events

from srccompare.app.screens.annotate import AnnotateScreen
from srccompare.app.screens.annotations_list import AnnotationsScreen
from srccompare.app.screens.confirm import ConfirmScreen
from srccompare.app.widgets.note_area import NoteArea
from srccompare.core.model import Alignment, Flag, Paragraph, Row, Source, Span
from srccompare.review.model import Target
from srccompare.review.store import AnnotationStore
from srccompare.text.segment import paragraph_spans
from tests.app.support import screen_text, settle, story_app, view_lines, view_of
from tests.hostile.cli_checks import HOSTILE, assert_no_controls

EVIL = HOSTILE.replace("\r", "")  # a source's newlines are normalised when it is read; a note keeps its CR


def source(source_id: str, paragraphs: list[str], title: str, furniture: set[int] = frozenset(), **meta) -> Source:
    text = "\n\n".join(paragraphs) + "\n"
    paras = [Paragraph(s.start, s.end, i in furniture) for i, s in enumerate(paragraph_spans(text))]
    return Source(source_id, f"{source_id}.txt", text, f"sha-{source_id}", title, paras, meta)


def hostile_alignment() -> Alignment:
    """Three versions; the second holds every control in its text, title, byline, id, flags and furniture."""
    a = source(
        "a",
        ["Harbour council approves ferry", "The council voted 7 to 2 on Tuesday.", "Tickets cost 4 euros."],
        "Version A",
    )
    b = source(
        f"b{EVIL}",
        [
            f"Harbour council approves ferry {EVIL}",
            f"The council voted 7 to 3{EVIL} on Tuesday.",
            f"Read more {EVIL}",
            f"Tickets cost 4 {EVIL} euros.",
        ],
        f"Reprint {EVIL}",
        {2},
        site=f"Site{EVIL}",
        author=f"Author{EVIL}",
    )
    start = b.text.index("3\x1b")
    number = Flag(
        "number",
        "major",
        f"vote count: “2” vs “3{EVIL}”",
        {"a": [Span(a.text.index("2 on"), a.text.index("2 on") + 1)], b.id: [Span(start, start + 1 + len(EVIL))]},
    )
    rows = [
        Row(0, "changed", 0.6, {"a": [0], b.id: [0]}),
        Row(1, "changed", 0.7, {"a": [1], b.id: [1]}, flags=[number]),
        Row(2, "boilerplate", 0.0, {b.id: [2]}),
        Row(3, "changed", 0.8, {"a": [2], b.id: [3]}, moved=[b.id]),
    ]
    return Alignment("a", [a, b], rows)


def hostile_review(path: Path, alignment: Alignment) -> dict:
    b = alignment.sources[1]
    words = b.text.index("Tickets")
    target = Target.from_text(b.id, b.text, words, words + len("Tickets cost 4 ") + len(EVIL))
    data = {
        "format": "srccompare-annotations",
        "schema_version": 1,
        "sources": [{"id": s.id, "path": s.path, "sha256": s.sha256} for s in alignment.sources],
        "annotations": [
            {
                "id": "n1",
                "row": 3,
                "category": f"wrong-number{EVIL}",
                "severity": "major",
                "status": f"open{EVIL}",
                "note": f"Note {HOSTILE}\nsecond line {EVIL}",
                "author": f"me{EVIL}",
                "created": "2026-01-02T10:05:00Z",
                "modified": "2026-01-02T10:05:00Z",
                "targets": [
                    {
                        "source": target.source,
                        "start": target.start,
                        "end": target.end,
                        "exact": target.exact,
                        "prefix": target.prefix,
                        "suffix": target.suffix,
                        "anchor": "anchored",
                    }
                ],
            }
        ],
    }
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return data


def assert_screen_clean(app, what: str) -> str:
    text = screen_text(app)
    assert_no_controls(text, what)
    return text


async def wait_for(pilot, condition, what: str) -> None:
    for _ in range(200):
        if condition():
            return
        await pilot.pause(0.05)
    raise AssertionError(f"timed out waiting for {what}")


async def test_the_review_screen_draws_controls_as_symbols(tmp_path):
    alignment = hostile_alignment()
    review = tmp_path / "review.yaml"
    hostile_review(review, alignment)
    before = review.read_bytes()
    app = story_app(alignment, tmp_path)
    async with app.run_test(size=(160, 45), notifications=True) as pilot:
        await settle(pilot)
        text = assert_screen_clean(app, "the review screen")
        assert "Reprint ␛]0;pwned␇" in text  # the title, shown (and so really checked)
        assert "␛[2J" in "\n".join(view_lines(view_of(app)))
        widths = {len(line) for line in view_lines(view_of(app))}
        assert len(widths) == 1, widths  # one cell per control: every line of the view is as wide

        await pilot.press("f")  # the flagged row: the flag panel quotes the source
        await pilot.pause()
        assert "vote count" in assert_screen_clean(app, "the flag panel")

        await pilot.press("h", "h")  # show the furniture, then fold it again: its summary quotes it
        await pilot.pause()
        assert "page furniture folded" in assert_screen_clean(app, "the folded furniture")

        app.notify(f"Exported to review{HOSTILE}.md", title=f"Done{EVIL}")
        await pilot.pause(0.5)
        assert "Exported to" in assert_screen_clean(app, "a notification")
    assert review.read_bytes() == before


async def test_a_pasted_search_is_drawn_and_kept_without_controls(tmp_path):
    alignment = hostile_alignment()
    app = story_app(alignment, tmp_path)
    async with app.run_test(size=(160, 45), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        await pilot.pause()
        app.post_message(events.Paste(f"council{EVIL}"))
        await pilot.pause()
        await pilot.pause()
        search = app.screen.query_one("#search")
        assert search.value.startswith("council") and "␛" in search.value
        assert_no_controls(search.value, "the search field")
        assert_screen_clean(app, "the search")


async def test_the_annotation_list_dialogs_and_palette_draw_controls_as_symbols(tmp_path):
    alignment = hostile_alignment()
    review = tmp_path / "review.yaml"
    data = hostile_review(review, alignment)
    before = review.read_bytes()
    app = story_app(alignment, tmp_path)
    async with app.run_test(size=(160, 45), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("A")
        await wait_for(pilot, lambda: isinstance(app.screen, AnnotationsScreen), "the list")
        await pilot.pause()
        assert "wrong-number␛" in assert_screen_clean(app, "the annotation list")

        await pilot.press("d")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen), "the confirmation")
        assert_screen_clean(app, "the delete confirmation")
        await pilot.press("n")
        await wait_for(pilot, lambda: isinstance(app.screen, AnnotationsScreen), "the list again")

        await pilot.press("e")
        await wait_for(pilot, lambda: isinstance(app.screen, AnnotateScreen), "the dialog")
        await pilot.pause()
        assert "Note ␛]0;pwned␇" in assert_screen_clean(app, "the annotation dialog")
        assert app.screen.query_one(NoteArea).text == data["annotations"][0]["note"]  # drawn safe, kept exact
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, AnnotationsScreen), "the list again")
        await pilot.press("escape")
        await pilot.pause()

        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Show column")
        await pilot.pause(0.3)
        assert "Reprint" in assert_screen_clean(app, "the command palette")
    assert review.read_bytes() == before


async def test_an_edited_note_keeps_its_controls_exactly(tmp_path):
    alignment = hostile_alignment()
    review = tmp_path / "review.yaml"
    data = hostile_review(review, alignment)
    app = story_app(alignment, tmp_path)
    async with app.run_test(size=(160, 45), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("A")
        await wait_for(pilot, lambda: isinstance(app.screen, AnnotationsScreen), "the list")
        await pilot.press("e")
        await wait_for(pilot, lambda: isinstance(app.screen, AnnotateScreen), "the dialog")
        await pilot.press(*" ok")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: not isinstance(app.screen, AnnotateScreen), "the save")
    saved = AnnotationStore.load(review).annotations[0]
    assert saved.note == data["annotations"][0]["note"] + " ok"
    assert saved.targets[0].exact == data["annotations"][0]["targets"][0]["exact"]
