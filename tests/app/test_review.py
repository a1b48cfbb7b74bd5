"""Driving the review screen with the keyboard and mouse, and checking what it shows."""

from __future__ import annotations

from srccompare.app.screens.help import HelpScreen
from srccompare.app.widgets.column_header import ColumnHeader
from srccompare.app.widgets.flag_panel import FlagPanel
from srccompare.app.widgets.overview import Overview
from srccompare.core.config import Config
from tests.app.support import settle, story, story_app, view_lines, view_of


def segments_of(view, text: str):
    """(segment text, style) pairs shown in the columns (not the gutter) whose text contains ``text``."""
    out = []
    for y in range(view.scrollable_content_region.height):
        x = 0
        for segment in view.render_line(y):
            if text in segment.text and x >= view.geometry.gutter:
                out.append((segment.text, segment.style))
            x += segment.cell_length
    return out


async def test_first_screen_shows_every_source_side_by_side(tmp_path):
    app = story_app(tmp_path=tmp_path)
    async with app.run_test(size=(150, 40)) as pilot:
        await settle(pilot)
        view = view_of(app)
        assert view.geometry.columns == ("a", "b", "c")
        lines = view_lines(view)
        assert "Harbour council approves new ferry route" in lines[0]
        assert "Council backs ferry link" in lines[0], "matching paragraphs start on the same line"
        assert lines[0].startswith("▶"), "the cursor is visible without colour"
        header = app.screen.query_one(ColumnHeader)
        assert "Version A" in header.render_line(0).text and "★ base" in header.render_line(1).text
        screen = "\n".join(lines)
        assert "¶5 of col 2, moved" in screen, "a moved paragraph's note names its column by number, not its id"
        assert "(not in this source)" in screen


async def test_rows_stay_aligned_across_columns(tmp_path):
    app = story_app(tmp_path=tmp_path)
    async with app.run_test(size=(100, 60)) as pilot:
        await settle(pilot)
        view = view_of(app)
        await pilot.press("h")  # furniture shown whole, like every other row
        await settle(pilot)
        geometry = view.geometry
        lines = view_lines(view)
        for index in range(len(view.rows)):
            top, _ = view.row_span(index)
            starts = [lines[top][geometry.x_of(i) : geometry.x_of(i) + geometry.width] for i in range(3)]
            assert all(cell.strip() for cell in starts), f"row {index}: every column starts on the row's first line"


async def test_row_and_divergence_and_flag_navigation(tmp_path):
    app = story_app(tmp_path=tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        view = view_of(app)
        await pilot.press("j")
        assert view.cursor == 1
        await pilot.press("k", "k")
        assert view.cursor == 0
        visited = []
        for _ in range(4):
            await pilot.press("n")
            visited.append(view.cursor)
        assert visited == [1, 3, 5, 5], "n skips furniture and identical rows, stops at the last divergence"
        await pilot.press("N")
        assert view.cursor == 3
        await pilot.press("g")
        await pilot.press("f")
        assert view.cursor == 1
        panel = app.screen.query_one(FlagPanel)
        assert "number" in str(panel.render()) and "vote count" in str(panel.render())
        await pilot.press("f")
        assert view.cursor == 5
        await pilot.press("F")
        assert view.cursor == 1
        await pilot.press("G")
        assert view.cursor == 5
        gutter = view_lines(view)[view.row_span(5)[0] - round(view.scroll_offset.y)]
        assert gutter.startswith("▶") and gutter[3] == "·", "a minor flag is a dot in the gutter"
        await pilot.press("g")
        assert view_lines(view)[view.row_span(1)[0] - round(view.scroll_offset.y)][3] == "!", "a major flag is a !"


async def test_min_severity_hides_minor_flags(tmp_path):
    app = story_app(tmp_path=tmp_path, min_severity="major")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        view = view_of(app)
        await pilot.press("f", "f")
        assert view.cursor == 1, "the minor omission flag on row 6 is filtered out"
        await pilot.press("G")
        assert "below" in str(app.screen.query_one(FlagPanel).render())


async def test_divergent_words_are_marked_without_relying_on_colour(tmp_path):
    app = story_app(tmp_path=tmp_path)
    async with app.run_test(size=(150, 40)) as pilot:
        await settle(pilot)
        view = view_of(app)
        await pilot.press("j")
        await pilot.pause()
        replaced = [style for text, style in segments_of(view, "3") if text.strip() == "3"]
        assert replaced and all(style.reverse or style.bold for style in replaced)
        unchanged = [style for text, style in segments_of(view, "Tuesday")]
        assert unchanged and not any(style.reverse or style.strike for style in unchanged[:2])


async def test_tab_focuses_columns_and_b_makes_the_focused_one_the_base(tmp_path):
    app = story_app(tmp_path=tmp_path)
    async with app.run_test(size=(150, 40)) as pilot:
        await settle(pilot)
        view = view_of(app)
        await pilot.press("j")
        await pilot.press("tab")
        assert view.focused == "b"
        assert "◆" in app.screen.query_one(ColumnHeader).render_line(1).text
        await pilot.press("b")
        await settle(pilot)
        assert view.alignment.base == "b"
        assert view.geometry.columns[0] == "b", "the base column moves to the left"
        row = view.current_row
        assert 1 in row.cells.get("b", []), "the cursor stays on the paragraph it was on"
        assert "★ base" in app.screen.query_one(ColumnHeader).render_line(1).text.split("│")[0]


async def test_search_highlights_hits_in_all_sources_and_moves_between_them(tmp_path):
    app = story_app(tmp_path=tmp_path)
    async with app.run_test(size=(150, 40)) as pilot:
        await settle(pilot)
        view = view_of(app)
        await pilot.press("G", "slash")
        await pilot.press(*"elm island", "enter")
        await pilot.pause()
        assert view.match_count == 3
        assert view.cursor == 1, "search wraps around to the first row with a hit"
        hits = [style for text, style in segments_of(view, "Elm") if "Elm" in text]
        assert len(hits) >= 3 and all(style.underline and style.bold for style in hits)
        await pilot.press("escape")
        assert not app.screen.query_one("#search").display
        await pilot.press("ctrl+g")
        assert view.cursor == 1, "only one row has hits, so the next hit is on it again"


async def test_focus_mode_shows_base_and_focused_column_wide(tmp_path):
    app = story_app(tmp_path=tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        view = view_of(app)
        narrow = view.geometry.width
        await pilot.press("tab", "tab", "z")
        await settle(pilot)
        assert view.geometry.columns == ("a", "c")
        assert view.geometry.width > narrow * 1.4
        assert "Council backs ferry link" in view_lines(view)[0]
        await pilot.press("z")
        await settle(pilot)
        assert view.geometry.columns == ("a", "b", "c")


async def test_page_furniture_starts_folded_to_one_line_and_h_shows_it(tmp_path):
    app = story_app(tmp_path=tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        view = view_of(app)
        assert view.folded, "furniture is folded from the start"
        top, bottom = view.row_span(2)
        assert bottom - top == 1
        line = view_lines(view)[top]
        assert "page furniture folded" in line and "Read more" in line
        await pilot.press("h")
        await settle(pilot)
        top, bottom = view.row_span(2)
        assert bottom - top >= 2
        assert "page furniture folded" not in "\n".join(view_lines(view))
        await pilot.press("h")
        await settle(pilot)
        top, bottom = view.row_span(2)
        assert bottom - top == 1


async def test_paging_moves_a_screenful(tmp_path):
    alignment = story()
    app = story_app(alignment, tmp_path=tmp_path)
    async with app.run_test(size=(60, 16)) as pilot:
        await settle(pilot)
        view = view_of(app)
        await pilot.press("pagedown")
        assert view.scroll_offset.y > 0
        assert view.cursor > 0
        top = view.row_span(view.cursor)[0]
        assert top >= view.scroll_offset.y, "the cursor lands on a row that starts on the new page"
        await pilot.press("pageup", "pageup")
        assert view.scroll_offset.y == 0 and view.cursor == 0


async def test_overview_click_jumps_to_the_row(tmp_path):
    app = story_app(tmp_path=tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        view = view_of(app)
        overview = app.screen.query_one(Overview)
        assert "▶" in overview.render_line(1).text
        await pilot.click(Overview, offset=(2, 6))
        await pilot.pause()
        assert view.cursor == 5
        assert "▶" in overview.render_line(6).text


async def test_help_lists_every_binding_with_its_id(tmp_path):
    app = story_app(tmp_path=tmp_path)
    async with app.run_test(size=(120, 50)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        ids = {entry.binding_id for entry in app.screen.entries}
        assert {
            "next_divergence",
            "prev_divergence",
            "next_flag",
            "next_column",
            "make_base",
            "search",
            "focus_mode",
            "fold_furniture",
            "quit",
            "help",
            "command_palette",
            "page_down",
            "top",
        } <= ids
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_config_keys_remap_bindings_by_id(tmp_path):
    alignment = story()
    config = Config(keys={"next_divergence": "x", "fold_furniture": "ctrl+f"})
    from srccompare.app.app import SrcCompareApp

    app = SrcCompareApp(alignment.sources, config, alignment=alignment, annotations_path=tmp_path / "r.yaml")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        view = view_of(app)
        await pilot.press("x")
        assert view.cursor == 1
        await pilot.press("n")
        assert view.cursor == 1, "the old key no longer applies"
        await pilot.press("ctrl+f")
        assert not view.folded, "furniture starts folded; the remapped key shows it"
        await pilot.press("question_mark")
        entry = next(e for e in app.screen.entries if e.binding_id == "next_divergence")
        assert entry.keys == "x"


async def test_command_palette_offers_the_screen_actions(tmp_path):
    app = story_app(tmp_path=tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        commands = {c.title: c for c in app.get_system_commands(app.screen)}
        assert {"Next diff", "Make base", "Search", "Focus mode", "Show/fold furniture"} <= set(commands)
        await commands["Show/fold furniture"].callback()
        await settle(pilot)
        assert not view_of(app).folded


async def test_resizing_rewraps_the_columns(tmp_path):
    app = story_app(tmp_path=tmp_path)
    async with app.run_test(size=(150, 40)) as pilot:
        await settle(pilot)
        view = view_of(app)
        wide = view.geometry.width
        await pilot.resize_terminal(70, 30)
        await settle(pilot)
        assert view.geometry.width < wide
        width = view.scrollable_content_region.width
        assert all(len(line) <= width for line in view_lines(view))
        assert view.geometry.hidden_right >= 1, "columns that do not fit are announced, not squeezed"
        assert f"{view.geometry.hidden_right}▶" in app.screen.query_one(ColumnHeader).render_line(0).text


async def test_base_column_marks_what_the_focused_source_changed(tmp_path):
    app = story_app(tmp_path=tmp_path)
    async with app.run_test(size=(150, 40)) as pilot:
        await settle(pilot)
        view = view_of(app)
        await pilot.press("j")
        base_width = view.geometry.x_of(1)

        def marked_in_base() -> str:
            top = view.row_span(1)[0]
            out = ""
            for y in range(top, view.row_span(1)[1]):
                x = 0
                for segment in view.render_line(y):
                    if (
                        view.geometry.gutter <= x < base_width
                        and segment.style
                        and (segment.style.reverse or segment.style.strike)
                    ):
                        out += segment.text
                    x += segment.cell_length
            return out.strip()

        assert marked_in_base() == "", "with the base focused, the base column has nothing to mark"
        await pilot.press("tab")
        assert marked_in_base() == "2", "against b only the vote count differs"
        await pilot.press("tab")
        assert len(marked_in_base()) > 20, "c rewrote the sentence"


async def test_no_color_leaves_only_greys_but_keeps_the_marks(tmp_path, monkeypatch):
    import re

    monkeypatch.setenv("NO_COLOR", "1")
    app = story_app(tmp_path=tmp_path)
    async with app.run_test(size=(150, 40)) as pilot:
        await settle(pilot)
        await pilot.press("tab")  # base column marks what b changed: a struck or reversed word
        await settle(pilot)
        svg = app.export_screenshot()
    assert app.no_color
    window_buttons = {"ff5f57", "febc2e", "28c840"}  # the screenshot's window frame, not the app
    colours = {c.lower() for c in re.findall(r"#([0-9a-fA-F]{6})\b", svg)} - window_buttons
    assert colours
    for colour in colours:
        r, g, b = (int(colour[i : i + 2], 16) for i in (0, 2, 4))
        assert max(r, g, b) - min(r, g, b) <= 4, f"#{colour} is not a grey"
    assert "underline" in svg or "line-through" in svg, "marks survive without colour"


async def test_long_alignments_are_rewrapped_off_the_ui_thread_on_resize(tmp_path):
    from srccompare.app.layout import Wrapper, row_heights
    from tests.app.support import long_story

    alignment = long_story()
    app = story_app(alignment, tmp_path=tmp_path)
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        view = view_of(app)
        await pilot.press("G")
        assert view.cursor == len(alignment.rows) - 1
        await pilot.resize_terminal(60, 30)
        await pilot.pause()
        assert view.layout_ready, "a provisional layout shows the screen at once"
        await settle(pilot)
        assert view.layout_final
        geometry = view.geometry
        exact = row_heights(alignment, geometry.columns, Wrapper(geometry.width), folded=False)
        assert [view.row_span(i)[1] - view.row_span(i)[0] for i in range(len(alignment.rows))] == exact
        top, _bottom = view.row_span(view.cursor)
        assert top <= round(view.scroll_offset.y) + view.scrollable_content_region.height, (
            "the cursor row stays on screen"
        )
        assert "Item 419" in "\n".join(view_lines(view))


async def test_words_a_flag_is_about_are_marked(tmp_path):
    app = story_app(tmp_path=tmp_path)
    async with app.run_test(size=(150, 40)) as pilot:
        await settle(pilot)
        view = view_of(app)
        base_end = view.geometry.x_of(1)
        top = view.row_span(1)[0]
        flagged = []
        for y in range(top, view.row_span(1)[1]):
            x = 0
            for segment in view.render_line(y):
                if view.geometry.gutter <= x < base_end and segment.style and segment.style.underline:
                    flagged.append(segment.text)
                x += segment.cell_length
        assert flagged == ["2"], "in the base column only the vote count the number flag points at"


async def test_overview_follows_scrolling(tmp_path):
    from tests.app.support import long_story, screen_text

    app = story_app(long_story(), tmp_path=tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        view = view_of(app)
        region = app.screen.query_one(Overview).region

        def shown_lines() -> list[int]:
            lines = screen_text(app).splitlines()[region.y + 1 : region.bottom]
            return [i for i, line in enumerate(lines) if line[region.x : region.x + 1] == "│"]

        assert shown_lines() == [], "at the top, the cursor line (▶) is the part on screen"
        view.scroll_to(y=view.virtual_size.height // 2, animate=False)  # as the mouse wheel does
        await pilot.pause()
        assert view.scroll_offset.y > 0 and view.cursor == 0, "scrolling does not move the cursor"
        after = shown_lines()
        assert after and after[0] > 5, "the overview marks the rows now on screen, halfway down"


async def test_palette_can_bring_a_hidden_column_into_view(tmp_path):
    app = story_app(tmp_path=tmp_path)
    async with app.run_test(size=(60, 30)) as pilot:
        await settle(pilot)
        view = view_of(app)
        assert "c" not in view.geometry.columns
        command = next(c for c in app.get_system_commands(app.screen) if c.title == "Show column 3: c")
        command.callback()
        await settle(pilot)
        assert "c" in view.geometry.columns and view.focused == "c"


async def test_flag_navigation_skips_rows_flagged_only_as_furniture(tmp_path):
    from srccompare.core.model import Flag

    alignment = story()
    alignment.rows[2].flags = [Flag("boilerplate", "minor", "page furniture in b", {})]
    app = story_app(alignment, tmp_path=tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        view = view_of(app)
        await pilot.press("f", "f")
        assert view.cursor == 5, "row 3 (furniture) is passed over"
        assert view.visible_flags(alignment.rows[2]), "but its flag is still listed when the cursor is there"


async def test_long_rows_are_compared_in_a_worker_and_marked_when_ready(tmp_path):
    from srccompare.core.model import Alignment, Row
    from tests.app.support import make_source

    words = [f"word{i}" for i in range(1200)]
    changed = list(words)
    changed[3] = "CHANGED"
    a, b = make_source("a", [" ".join(words)]), make_source("b", [" ".join(changed)])
    alignment = Alignment("a", [a, b], [Row(0, "changed", 0.99, {"a": [0], "b": [0]})])
    app = story_app(alignment, tmp_path=tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        view = view_of(app)
        await settle(pilot)
        assert 0 in view._marks, "the long row was compared (in a worker) and its marks kept"

        def marked() -> list[str]:
            out = []
            for y in range(view.scrollable_content_region.height):
                for segment in view.render_line(y):
                    if segment.style and segment.style.reverse and segment.text.strip():
                        out.append(segment.text)
            return out

        assert marked() == ["CHANGED"]
