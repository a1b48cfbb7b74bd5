"""Helpers for driving the review app in tests: a small hand-built story and ways to read the screen."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from srccompare.app.app import SrcCompareApp
from srccompare.app.widgets.aligned_view import AlignedView
from srccompare.core.config import Config
from srccompare.core.model import Alignment, Flag, Paragraph, Row, Source, Span
from srccompare.text.segment import paragraph_spans

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "samples" / "harbour-strike"

# An original little story in three versions (written for these tests).
A = [
    "Harbour council approves new ferry route",
    "The council voted 7 to 2 on Tuesday to open a ferry route between the north quay and Elm Island.",
    "Mayor Ruth Alvarez said the service would start in May.",
    "Tickets will cost 4 euros for adults.",
]
B = [
    "Harbour council approves new ferry route",
    "The council voted 7 to 3 on Tuesday to open a ferry route between the north quay and Elm Island.",
    "Read more",
    "Tickets will cost 4 euros for adults.",
    "Mayor Ruth Alvarez said the service would start in May.",
]
C = [
    "Council backs ferry link",
    "Councillors backed a ferry link to Elm Island by seven votes to two on Tuesday.",
    "Residents can comment on the timetable until Friday.",
]


def make_source(source_id: str, paragraphs: list[str], furniture: set[int] = frozenset()) -> Source:
    text = "\n\n".join(paragraphs) + "\n"
    paras = [Paragraph(s.start, s.end, i in furniture) for i, s in enumerate(paragraph_spans(text))]
    return Source(source_id, f"{source_id}.txt", text, f"sha-{source_id}", f"Version {source_id.upper()}", paras)


def find(source: Source, words: str) -> Span:
    start = source.text.index(words)
    return Span(start, start + len(words))


def story() -> Alignment:
    """Rows: 0 changed, 1 changed + flag, 2 furniture, 3 moved, 4 match, 5 only in c."""
    a, b, c = make_source("a", A), make_source("b", B, {2}), make_source("c", C)
    number = Flag("number", "major", "vote count: 7 to 2 vs 7 to 3", {"a": [find(a, "2")], "b": [find(b, "3 on")]})
    omission = Flag("omission", "minor", "only c mentions the comment period", {"c": [find(c, "Residents")]})
    rows = [
        Row(0, "changed", 0.6, {"a": [0], "b": [0], "c": [0]}),
        Row(1, "changed", 0.7, {"a": [1], "b": [1], "c": [1]}, flags=[number]),
        Row(2, "boilerplate", 0.0, {"b": [2]}),
        Row(3, "match", 1.0, {"a": [2], "b": [4]}, moved=["b"]),
        Row(4, "match", 1.0, {"a": [3], "b": [3]}),
        Row(5, "only", 0.0, {"c": [2]}, flags=[omission]),
    ]
    return Alignment("a", [a, b, c], rows)


def flagged_story() -> Alignment:
    """The test story with a critical flag on row 4, a furniture flag on row 2, and row 1's flag
    listed again (same id) on row 3."""
    alignment = story()
    rows = alignment.rows
    number = replace(rows[1].flags[0], id="n1")
    rows[1].flags = [number]
    rows[3].flags = [number]
    rows[2].flags = [Flag("boilerplate", "minor", "page furniture in b", {"b": [Span(0, 4)]}, id="f1")]
    rows[4].flags = [Flag("negation", "critical", "“not” in a, missing from b", {"a": [Span(0, 3)]}, id="c1")]
    return alignment


def story_app(alignment: Alignment | None = None, tmp_path: Path | None = None, **kwargs) -> SrcCompareApp:
    alignment = alignment or story()
    annotations = tmp_path / "review.yaml" if tmp_path else None
    return SrcCompareApp(alignment.sources, Config(), alignment=alignment, annotations_path=annotations, **kwargs)


async def settle(pilot, rounds: int = 3) -> None:
    """Let workers finish and the screen repaint."""
    app = pilot.app
    for _ in range(rounds):
        await app.workers.wait_for_complete()
        await pilot.pause()
    from srccompare.app.widgets.overview import Overview

    def done() -> bool:
        screen = app.screen
        views, overviews = screen.query(AlignedView), screen.query(Overview)
        if not views:
            return True  # a modal screen is on top
        view = views.first()
        figures_in = not overviews or view.alignment is None or overviews.first().agreement is not None
        busy = any(not w.is_finished for w in app.workers)
        return view.layout_final and figures_in and not busy

    for _ in range(250):
        if done():
            break
        await pilot.pause(0.02)
    await pilot.pause()


def view_of(app: SrcCompareApp) -> AlignedView:
    return app.screen.query_one(AlignedView)


def view_lines(view: AlignedView) -> list[str]:
    """The text of every line the view shows now."""
    return [view.render_line(y).text for y in range(view.scrollable_content_region.height)]


def screen_text(app: SrcCompareApp) -> str:
    """Everything on the terminal, as plain text."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def long_story(rows: int = 420) -> Alignment:
    """Two generated sources of ``rows`` paragraphs each; every third one reworded (for big-layout tests)."""
    base = [
        f"Item {i}: the council discussed the ferry timetable with {i % 7 + 2} residents for a while."
        for i in range(rows)
    ]
    other = [p.replace("discussed", "debated") if i % 3 == 0 else p for i, p in enumerate(base)]
    a, b = make_source("a", base), make_source("b", other)
    out = [
        Row(i, "changed" if i % 3 == 0 else "match", 0.9 if i % 3 == 0 else 1.0, {"a": [i], "b": [i]})
        for i in range(rows)
    ]
    return Alignment("a", [a, b], out)
