"""Small terminals (80x24): the column a flag is about comes into view, the focused column stays on
screen after a resize, and focus mode hides rows that are empty in both columns it keeps."""

from __future__ import annotations

import pytest

from srccompare.app.flag_index import flag_source
from tests.app.support import SAMPLE, settle, view_of
from tests.app.test_first_screen import sample_app

needs_sample = pytest.mark.skipif(not SAMPLE.is_dir(), reason="the bundled sample story is missing")


@needs_sample
async def test_f_brings_the_column_of_the_flag_into_view(tmp_path):
    app = sample_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, rounds=5)
        view = view_of(app)
        assert len(view.geometry.columns) < len(view.alignment.sources), "not every column fits"
        hidden_before = [sid for sid in view.shown_order() if sid not in view.geometry.columns]
        for _ in range(6):
            await pilot.press("f")
            await settle(pilot)
            flags = [f for f in view.visible_flags(view.current_row) if f.kind != "boilerplate"]
            assert view.geometry is not None
            assert flag_source(view.alignment, flags[0]) in view.geometry.columns, f"row {view.cursor + 1}"
            assert view.focused in view.geometry.columns
        assert any(sid in view.geometry.columns for sid in hidden_before), "a column off-screen was brought in"
