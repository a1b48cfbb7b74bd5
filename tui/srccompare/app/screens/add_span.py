"""Add a target from another row to the annotation being written (``ctrl+r`` in the annotation dialog).

One discrepancy can span rows: a number given in one paragraph and contradicted
three rows further down, a quote split across paragraphs. The reviewer names a
row and a column (as the gutter and the headings number them); the words of
that cell that differ from the others are proposed, to narrow like any target.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from srccompare.app.screens.annotate import TargetChoice
from srccompare.core.model import Alignment

if TYPE_CHECKING:
    from srccompare.app.annotation_keeper import AnnotationKeeper


def choice_from_row(alignment: Alignment, row: int, column: int) -> TargetChoice | str:
    """The proposed target of column ``column`` (1-based) in row ``row`` (0-based), or why there is none."""
    from srccompare.review.placement import cell_span, row_targets

    if not 0 <= row < len(alignment.rows):
        return f"No row {row + 1}: rows go from 1 to {len(alignment.rows)}."
    if not 1 <= column <= len(alignment.sources):
        return f"No column {column}: columns go from 1 to {len(alignment.sources)}."
    source = alignment.sources[column - 1]
    aligned = alignment.rows[row]
    scope = cell_span(alignment, aligned, source.id)
    target = next((t for t in row_targets(alignment, aligned) if t.source == source.id), None)
    if target is None or scope is None:
        return f"Column {column} has no text in row {row + 1}."
    return TargetChoice(target, f"{column} {source.id} · row {row + 1}", True, scope)


class AddSpanScreen(ModalScreen[TargetChoice | None]):
    """Asks for a row and a column; dismisses with the proposed target there, or None."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="add_span_cancel")]

    def __init__(self, keeper: AnnotationKeeper, column: int | None = None) -> None:
        super().__init__()
        self.keeper = keeper
        self.column = column

    def compose(self) -> ComposeResult:
        alignment = self.keeper.alignment
        rows = len(alignment.rows) if alignment else 0
        columns = len(alignment.sources) if alignment else 0
        with Vertical(id="add-span"):
            yield Label("Add a span from another row (Enter adds, Esc cancels)")
            with Horizontal(id="add-span-fields"):
                yield Label("row ")
                yield Input(placeholder=f"1–{rows}", type="integer", id="add-span-row")
                yield Label(" column ")
                yield Input(
                    str(self.column) if self.column else "",
                    placeholder=f"1–{columns}",
                    type="integer",
                    id="add-span-column",
                )
            yield Static("", id="add-span-problem")

    def on_mount(self) -> None:
        self.query_one("#add-span-row", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        alignment = self.keeper.alignment
        row_text = self.query_one("#add-span-row", Input).value.strip()
        column_text = self.query_one("#add-span-column", Input).value.strip()
        if event.input.id == "add-span-row" and row_text and not column_text:
            self.query_one("#add-span-column", Input).focus()
            return
        if alignment is None or not row_text.isdigit() or not column_text.isdigit():
            self._problem("Give a row number and a column number.")
            return
        found = choice_from_row(alignment, int(row_text) - 1, int(column_text))
        if isinstance(found, str):
            self._problem(found)
            return
        self.dismiss(found)

    def _problem(self, message: str) -> None:
        self.query_one("#add-span-problem", Static).update(message)
        self.app.bell()

    def action_cancel(self) -> None:
        self.dismiss(None)
