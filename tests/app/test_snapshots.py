"""Snapshots of the review screen on the bundled sample story (pytest-textual-snapshot).

Regenerate after a deliberate change to the view or the engine's output with
``pytest tests/app/test_snapshots.py --snapshot-update`` and look at the SVGs.
"""

from __future__ import annotations

import pytest

from srccompare.app.app import SrcCompareApp
from srccompare.cli.prepare import prepare
from tests.app.support import SAMPLE, settle

pytestmark = pytest.mark.skipif(not SAMPLE.is_dir(), reason="the bundled sample story is missing")


def sample_app(tmp_path) -> SrcCompareApp:
    args, config, sources, base = prepare([str(SAMPLE), "--annotations", str(tmp_path / "review.yaml")])
    return SrcCompareApp(sources, config, base, annotations_path=args.annotations, annotations=args.annotation_store)


async def wait_until_ready(pilot) -> None:
    """Alignment, layout and overview figures all finished, so the picture never depends on timing."""
    await settle(pilot, rounds=5)


def test_main_screen_80x24(snap_compare, tmp_path):
    assert snap_compare(sample_app(tmp_path), terminal_size=(80, 24), run_before=wait_until_ready)


def test_main_screen_160x48(snap_compare, tmp_path):
    assert snap_compare(sample_app(tmp_path), terminal_size=(160, 48), run_before=wait_until_ready)


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
