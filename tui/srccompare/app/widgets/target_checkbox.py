"""The checkbox of an annotation target: ticked or not is told by its shape, not by its colour alone."""

from __future__ import annotations

from textual.widgets import Checkbox


class TargetCheckbox(Checkbox):
    """A checkbox drawn ``✓`` when ticked and blank when not (Textual's draws ``X`` both ways,
    told apart only by colour, which ``NO_COLOR`` and many eyes cannot see)."""

    @property
    def BUTTON_INNER(self) -> str:  # type: ignore[override]  # Textual reads this class attribute per draw
        return "✓" if self.value else " "
