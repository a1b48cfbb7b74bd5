"""Making another column the base reuses the pairs' work: only the rows are made again."""

from __future__ import annotations

import pytest

import srccompare.engine.align as align
from srccompare.app.app import SrcCompareApp
from srccompare.app.widgets.column_header import ColumnHeader
from srccompare.core.config import Config
from srccompare.engine.pipeline import build_alignment
from srccompare.inputs.sources import read_sources
from srccompare.output.render import render_alignment
from tests.app.support import settle, view_of
from tests.samples import story_dir


def _read():
    return read_sources(sorted(str(p) for p in story_dir("harbour-strike").glob("*.txt")))


async def test_b_shows_the_new_base_without_aligning_the_pairs_again(tmp_path, monkeypatch: pytest.MonkeyPatch):
    first = build_alignment(_read(), None, Config())
    app = SrcCompareApp(first.sources, Config(), alignment=first, annotations_path=tmp_path / "review.yaml")
    async with app.run_test(size=(160, 44)) as pilot:
        await settle(pilot)
        searches: list[int] = []
        real = align._align_sources
        monkeypatch.setattr(align, "_align_sources", lambda *a, **k: searches.append(1) or real(*a, **k))
        view = view_of(app)
        await pilot.press("tab", "tab")
        target = view.focused
        assert target != first.base
        await pilot.press("b")
        await settle(pilot)
        assert view.alignment.base == target and view.geometry.columns[0] == target
        assert searches == [], "the pairs' links hold under every base"
        fresh = build_alignment(_read(), target, Config())
        assert render_alignment(view.alignment, "json") == render_alignment(fresh, "json")
        assert any(row.flags for row in view.alignment.rows)


async def test_the_headings_are_redrawn_with_the_rows_of_a_new_alignment(tmp_path, monkeypatch: pytest.MonkeyPatch):
    """Not a message later: on a long alignment the rows' wrapping worker held that message back
    long enough (0.2-0.4 s on two New Testaments) to show the new base under the old headings."""
    first = build_alignment(_read(), None, Config())
    app = SrcCompareApp(first.sources, Config(), alignment=first, annotations_path=tmp_path / "review.yaml")
    async with app.run_test(size=(160, 44)) as pilot:
        await settle(pilot)
        header = app.screen.query_one(ColumnHeader)
        other = build_alignment(first.sources, first.sources[2].id, Config(), reuse=first)
        asked: list[int] = []
        monkeypatch.setattr(header, "refresh", lambda *a, **k: asked.append(1))
        app.screen._show(other)
        assert asked, "asked to redraw in the same step as the rows"
        assert header.render_line(0).text.split("│")[0].split()[0] == "3", "the new base's heading comes first"
        monkeypatch.undo()
        await settle(pilot)
