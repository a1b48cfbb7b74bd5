"""The go-to-row dialog (``:``): type a row number (as the gutter shows it), Enter goes there."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static


class GoToRowScreen(ModalScreen[int | None]):
    """Dismisses with the chosen row's index (0-based), or None when cancelled."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="go_to_row_cancel")]

    def __init__(self, rows: int, current: int) -> None:
        super().__init__()
        self.rows = rows
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(id="go-to-row"):
            yield Label(f"Go to row (1–{self.rows}; Enter goes, Esc cancels)")
            yield Input(placeholder=str(self.current + 1), type="integer", id="row-number")
            yield Static("", id="go-to-row-problem")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        value = event.value.strip()
        number = int(value) if value.lstrip("-").isdigit() else None
        if number is None or not 1 <= number <= self.rows:
            self.query_one("#go-to-row-problem", Static).update(
                f"No row {value or '?'}: rows go from 1 to {self.rows}."
            )
            self.app.bell()
            return
        self.dismiss(number - 1)

    def action_cancel(self) -> None:
        self.dismiss(None)
