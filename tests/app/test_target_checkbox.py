"""A target's checkbox says ticked or not by its shape (readable under NO_COLOR)."""

from __future__ import annotations

from textual.app import App, ComposeResult

from srccompare.app.widgets.target_checkbox import TargetCheckbox


class _Boxes(App[None]):
    def compose(self) -> ComposeResult:
        yield TargetCheckbox("kept", True, id="kept")
        yield TargetCheckbox("left out", False, id="out")


def _text(box: TargetCheckbox) -> str:
    return box.render().plain


async def test_ticked_and_unticked_differ_in_shape() -> None:
    app = _Boxes()
    async with app.run_test() as pilot:
        kept, out = app.query_one("#kept", TargetCheckbox), app.query_one("#out", TargetCheckbox)
        assert "✓" in _text(kept) and "✓" not in _text(out) and "X" not in _text(out)
        out.focus()
        await pilot.press("space")
        await pilot.pause()
        assert out.value and "✓" in _text(out)
