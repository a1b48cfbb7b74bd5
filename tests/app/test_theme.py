"""Theme colours: the flag panel, the overview and the annotations list follow the theme."""

from __future__ import annotations

from rich.color import Color as RichColor
from rich.text import Text
from textual.color import Color

from srccompare.app.screens.annotate import AnnotateScreen
from srccompare.app.screens.annotations_list import AnnotationsScreen
from srccompare.app.widgets.flag_panel import FlagPanel
from srccompare.app.widgets.overview import Overview
from tests.app.support import settle, story_app


def theme_colour(app, variable: str) -> str:
    return Color.parse(app.get_css_variables()[variable]).hex


def hex_of(colour: RichColor | Color | None) -> str | None:
    if isinstance(colour, RichColor):
        return Color.from_rich_color(colour).hex
    return colour.hex if colour is not None else None


def span_colour(text, words: str) -> str | None:
    """The colour of the span of ``text`` (Rich Text or Textual Content) that covers ``words``."""
    start = text.plain.index(words)
    for span in text.spans:
        style = span.style
        if span.start <= start < span.end and not isinstance(style, str):
            colour = getattr(style, "color", None) or getattr(style, "foreground", None)
            if colour is not None:
                return hex_of(colour)
    return None


def overview_colours(overview: Overview) -> set[str | None]:
    return {
        hex_of(segment.style.color)
        for y in range(1, overview.size.height)
        for segment in overview.render_line(y)
        if segment.style and segment.style.color and segment.text.strip() in ("·", "░", "▒", "▓", "█", "!")
    }


async def test_a_theme_change_recolours_the_flag_panel_and_the_overview(tmp_path):
    app = story_app(tmp_path=tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("f")  # row 2: a major flag
        panel, overview = app.screen.query_one(FlagPanel), app.screen.query_one(Overview)
        assert span_colour(panel.render(), "[major]") == theme_colour(app, "text-error")
        dark = overview_colours(overview)
        assert theme_colour(app, "text-success") in dark, "rows that agree are in the theme's success colour"
        app.theme = "textual-light"
        await settle(pilot)
        assert span_colour(panel.render(), "[major]") == theme_colour(app, "text-error")
        light = overview_colours(overview)
        assert theme_colour(app, "text-success") in light
        assert light != dark


async def test_a_theme_change_recolours_the_annotations_list(tmp_path):
    app = story_app(tmp_path=tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("j", "m")  # annotate row 2's flag: a major one
        await settle(pilot)
        assert isinstance(app.screen, AnnotateScreen)
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("A")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, AnnotationsScreen)
        table = screen.query_one("DataTable")

        def severity_colour() -> str | None:
            cell = table.get_row_at(0)[2]
            assert isinstance(cell, Text) and cell.plain == "major"
            return hex_of(cell.style.color) if not isinstance(cell.style, str) else None

        assert severity_colour() == theme_colour(app, "text-error")
        app.theme = "textual-light"
        await settle(pilot)
        assert severity_colour() == theme_colour(app, "text-error")
