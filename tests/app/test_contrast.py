"""Text and marks read at 4.5:1 or better (WCAG AA) in every theme the app offers, cursor row included;
and no mark covers a whole paragraph."""

from __future__ import annotations

import pytest

from srccompare.app.app import UNOFFERED_THEMES
from srccompare.app.contrast import contrast_ratio, readable
from srccompare.app.marks import without_whole_paragraphs
from srccompare.core.model import Paragraph
from tests.app.support import SAMPLE, settle, view_of
from tests.app.test_first_screen import sample_app

needs_sample = pytest.mark.skipif(not SAMPLE.is_dir(), reason="the bundled sample story is missing")


def test_contrast_ratios_follow_wcag():
    assert contrast_ratio((0, 0, 0), (255, 255, 255)) == pytest.approx(21.0)
    assert contrast_ratio((18, 52, 86), (18, 52, 86)) == pytest.approx(1.0)
    assert contrast_ratio((0x77, 0x77, 0x77), (255, 255, 255)) == pytest.approx(4.48, abs=0.01)
    assert contrast_ratio((0x76, 0x76, 0x76), (255, 255, 255)) >= 4.5


@pytest.mark.parametrize(
    ("colour", "background"),
    [((0xD1, 0x7E, 0x92), (0x01, 0x78, 0xD4)), ((0xFF, 0xC4, 0x73), (0xE0, 0xE0, 0xE0)), ((9, 9, 9), (0, 0, 0))],
)
def test_an_unreadable_colour_is_moved_just_enough(colour, background):
    fixed = readable(colour, background)
    assert contrast_ratio(fixed, background) >= 4.5
    assert readable(fixed, background) == fixed
    assert readable((224, 224, 224), (18, 18, 18)) == (224, 224, 224), "a readable colour is kept as it is"


def _is_text(text: str) -> bool:
    """Visible characters other than box drawing and block elements (rules, scrollbars, heat shades)."""
    return any(not ch.isspace() and not 0x2500 <= ord(ch) <= 0x259F for ch in text)


def poorest(app) -> tuple[float, str]:
    """The lowest contrast of any text on the screen, and where it is."""
    worst, where = 21.0, ""
    for y, strip in enumerate(app.screen._compositor.render_strips()):
        x = 0
        for segment in strip:
            style = segment.style
            if style is not None and _is_text(segment.text):
                colour, back = style.color, style.bgcolor
                assert colour is not None and colour.triplet is not None, f"{segment.text!r}: no RGB colour"
                assert back is not None and back.triplet is not None, f"{segment.text!r}: no RGB background"
                ratio = contrast_ratio(tuple(colour.triplet), tuple(back.triplet))
                if ratio < worst:
                    worst, where = ratio, f"{segment.text!r} at {x},{y} in {style}"
            x += segment.cell_length
    return worst, where


async def check_every_theme(app, pilot, state: str) -> None:
    themes = sorted(app.available_themes)
    assert not set(UNOFFERED_THEMES) & set(themes)
    assert len(themes) >= 15
    for theme in themes:
        app.theme = theme
        await settle(pilot, rounds=1)
        worst, where = poorest(app)
        assert worst >= 4.5, f"{theme}, {state}: {worst:.2f}:1 for {where}"


@needs_sample
async def test_the_first_screen_reads_in_every_theme(tmp_path):
    app = sample_app(tmp_path)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot, rounds=5)
        await pilot.press("slash", *"strike", "enter")
        await settle(pilot)
        await check_every_theme(app, pilot, "first screen with search hits")


@needs_sample
async def test_a_flagged_cursor_row_reads_in_every_theme(tmp_path):
    """The cursor on the critical number flag, the translation focused (its words marked against the
    base), the sentence cursor on, furniture shown, the flag list open."""
    app = sample_app(tmp_path)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot, rounds=5)
        await pilot.press("o", "f")
        await settle(pilot)
        view = view_of(app)
        assert any(f.severity == "critical" for f in view.visible_flags(view.current_row))
        await pilot.press("tab", "tab", "tab", "tab", "right_square_bracket", "h", "l")
        await settle(pilot)
        await check_every_theme(app, pilot, "flagged cursor row")


def test_marks_that_cover_a_paragraph_whole_are_dropped():
    text = "One two three.\n\nFour five six."
    paragraphs = [Paragraph(0, 14), Paragraph(16, 30)]
    marks = [(0, 3, "missing"), (4, 14, "missing"), (21, 25, "replaced")]
    assert without_whole_paragraphs(text, marks, paragraphs) == [(21, 25, "replaced")]
    assert without_whole_paragraphs(text, [(0, 30, "flag")], paragraphs) == [], "across both"
    assert without_whole_paragraphs(text, [(0, 7, "flag")], paragraphs) == [(0, 7, "flag")]


@needs_sample
async def test_no_mark_covers_a_whole_paragraph_on_the_sample(tmp_path):
    app = sample_app(tmp_path)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot, rounds=5)
        view = view_of(app)
        alignment = view.alignment
        for focused in [s.id for s in alignment.sources]:
            view.focus_column(focused)
            await settle(pilot, rounds=1)
            for index, row in enumerate(alignment.rows):
                columns, summary = view.painter._row_cells(index)
                if summary is not None:
                    continue  # folded furniture: one line, no marks
                for source_id, (_text, _lines, diff, hits, _sentences, _style) in zip(
                    view.geometry.columns, columns, strict=True
                ):
                    source = alignment.source(source_id)
                    for p in (source.paragraphs[i] for i in row.cells.get(source_id) or ()):
                        for start, end, kind in diff + hits:
                            assert not (start <= p.start and end >= p.end), (
                                f"row {index + 1}, {source_id}: a {kind} mark covers the paragraph"
                            )
