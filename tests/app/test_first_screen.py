"""The first screen of the bundled five-version sample: the story's text, not a scraped page's menus."""

from __future__ import annotations

import pytest

from srccompare.app.app import SrcCompareApp
from srccompare.cli.prepare import prepare
from tests.app.support import SAMPLE, screen_text, settle, view_of

pytestmark = pytest.mark.skipif(not SAMPLE.is_dir(), reason="the bundled sample story is missing")


def sample_app(tmp_path) -> SrcCompareApp:
    args, config, sources, base = prepare([str(SAMPLE), "--annotations", str(tmp_path / "review.yaml")])
    return SrcCompareApp(sources, config, base, annotations_path=args.annotations, annotations=args.annotation_store)


@pytest.mark.parametrize("size", [(160, 48), (80, 24)])
async def test_the_first_screen_opens_on_the_base_text_with_furniture_folded(tmp_path, size):
    app = sample_app(tmp_path)
    async with app.run_test(size=size) as pilot:
        await settle(pilot, rounds=5)
        view = view_of(app)
        alignment = view.alignment
        base = alignment.source(alignment.base)
        row = view.current_row
        assert row is not None and row.cells.get(alignment.base), "the cursor is on a row with base text"
        assert all(not r.cells.get(alignment.base) for r in alignment.rows[: view.cursor]), "the first such row"
        assert view.folded, "page furniture is folded"
        first_words = " ".join(base.paragraph_text(row.cells[alignment.base][0]).split()[:3])
        assert first_words in screen_text(app), "the base text is on screen"
        top, height = round(view.scroll_offset.y), view.scrollable_content_region.height
        assert top <= view.row_span(view.cursor)[0] < top + height, "its row is on screen"
        menu = next(i for i, r in enumerate(alignment.rows) if r.kind == "boilerplate")
        assert view.row_span(menu)[1] - view.row_span(menu)[0] == 1, "a furniture row is one line"
        await pilot.press("h")
        await settle(pilot)
        assert not view.folded
        assert view.row_span(menu)[1] - view.row_span(menu)[0] >= 2, "h shows furniture whole"
