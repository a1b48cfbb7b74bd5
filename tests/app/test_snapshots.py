"""Snapshots of the review screen on the bundled sample story (pytest-textual-snapshot).

Regenerate after a deliberate change to the view or the engine's output with
``pytest tests/app/test_snapshots.py --snapshot-update`` and look at the SVGs.
"""

from __future__ import annotations

import pytest

from srccompare.app.app import SrcCompareApp
from srccompare.cli.prepare import prepare
from tests.app.support import SAMPLE, screen_text, settle, view_of

pytestmark = pytest.mark.skipif(not SAMPLE.is_dir(), reason="the bundled sample story is missing")


def sample_app(tmp_path) -> SrcCompareApp:
    args, config, sources, base = prepare([str(SAMPLE), "--annotations", str(tmp_path / "review.yaml")])
    return SrcCompareApp(sources, config, base, annotations_path=args.annotations, annotations=args.annotation_store)


async def wait_until_ready(pilot) -> None:
    """Alignment, layout and overview figures all finished, so the picture never depends on timing."""
    await settle(pilot, rounds=5)


async def first_screen(pilot) -> None:
    """The first screen as it opens: furniture folded, the cursor on the first row with base text,
    and that text on screen."""
    await wait_until_ready(pilot)
    view = view_of(pilot.app)
    alignment = view.alignment
    row = view.current_row
    assert row is not None and row.cells.get(alignment.base), "the cursor is on a row with base text"
    words = alignment.source(alignment.base).paragraph_text(row.cells[alignment.base][0]).split()[:3]
    assert " ".join(words) in screen_text(pilot.app), "the base text is on screen"


def test_main_screen_80x24(snap_compare, tmp_path):
    """The first screen of the five-version sample on a small terminal."""
    assert snap_compare(sample_app(tmp_path), terminal_size=(80, 24), run_before=first_screen)


def test_main_screen_160x48(snap_compare, tmp_path):
    """The first screen of the five-version sample on a large terminal."""
    assert snap_compare(sample_app(tmp_path), terminal_size=(160, 48), run_before=first_screen)


def test_flag_list_80x24(snap_compare, tmp_path):
    """The flag list open on a small terminal, most serious flags first."""

    async def run_before(pilot) -> None:
        await wait_until_ready(pilot)
        await pilot.press("l")
        await settle(pilot)

    assert snap_compare(sample_app(tmp_path), terminal_size=(80, 24), run_before=run_before)


def test_focus_mode_80x24_on_the_worst_flag(snap_compare, tmp_path):
    """o, f: the critical number in the translation, its column brought into view; z: focus mode keeps
    the base and the translation and leaves out the rows neither has (the scraped page's furniture)."""

    async def run_before(pilot) -> None:
        await wait_until_ready(pilot)
        await pilot.press("o", "f", "z")
        await settle(pilot)
        pilot.app.clear_notifications()  # the note on what o did would cover the status line
        await settle(pilot)

    assert snap_compare(sample_app(tmp_path), terminal_size=(80, 24), run_before=run_before)


def test_main_screen_160x48_after_next_divergence(snap_compare, tmp_path):
    async def run_before(pilot) -> None:
        await wait_until_ready(pilot)
        await pilot.press("n", "n")
        await settle(pilot)

    assert snap_compare(sample_app(tmp_path), terminal_size=(160, 48), run_before=run_before)


def test_help_screen(snap_compare, tmp_path):
    async def run_before(pilot) -> None:
        await wait_until_ready(pilot)
        await pilot.press("question_mark")
        await settle(pilot)

    assert snap_compare(sample_app(tmp_path), terminal_size=(120, 48), run_before=run_before)


def test_main_screen_160x48_sentence_cursor(snap_compare, tmp_path):
    """The paraphrase focused, the sentence cursor on row 12: its sentence, the linked ones, missing ones."""

    async def run_before(pilot) -> None:
        await wait_until_ready(pilot)
        await pilot.press("n", "j", "tab", "tab", "tab")  # from row 5, where the view opens
        await settle(pilot)
        await pilot.press("right_square_bracket", "right_square_bracket")
        await settle(pilot)

    assert snap_compare(sample_app(tmp_path), terminal_size=(160, 48), run_before=run_before)
