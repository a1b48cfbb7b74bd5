"""The flag list: every flag of the alignment in one table, under the view (``l`` opens it).

Sorted by severity (most serious first), row or kind (``s``), filtered by the
view's minimum severity (``v`` changes it while the app runs). Moving through
the list with the keys takes the view along to each flag's row and column, so
every flag is one keypress away; Enter goes there and returns to the view.
Severities are words first; their colours come from the theme (srccompare.tcss).
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.theme import Theme
from textual.widgets import DataTable, Static

from srccompare.app.flag_index import FlagEntry, flag_entries, flag_source, next_sort, shown_entries
from srccompare.app.source_names import column_number, flag_message
from srccompare.core.kinds import SEVERITIES
from srccompare.core.model import Alignment

HINT = "s sort · v severity · ↑↓ go · enter go and return · esc close"


class FlagTable(DataTable):
    """The table of the list: moving its cursor with the keys takes the view along."""

    BINDINGS = [
        Binding("j", "cursor_down", "Next flag in the list", id="flag_list_down", show=False),
        Binding("k", "cursor_up", "Previous flag in the list", id="flag_list_up", show=False),
    ]

    def _moved(self) -> None:
        parent = self.parent
        if isinstance(parent, FlagList):
            parent.go_to(self.cursor_row, final=False)

    def action_cursor_down(self) -> None:
        super().action_cursor_down()
        self._moved()

    def action_cursor_up(self) -> None:
        super().action_cursor_up()
        self._moved()

    def action_page_down(self) -> None:
        super().action_page_down()
        self._moved()

    def action_page_up(self) -> None:
        super().action_page_up()
        self._moved()


class FlagList(Vertical):
    """Every flag at or above the view's minimum severity, sorted as the reviewer chose."""

    COMPONENT_CLASSES = {f"flaglist--{severity}" for severity in SEVERITIES}

    BINDINGS = [
        Binding("s", "cycle_sort", "Sort flags (severity, row, kind)", id="flag_list_sort"),
        Binding("escape", "close", "Close the flag list", id="flag_list_close"),
    ]

    class Jump(Message):
        """Go to a flag's row and column; ``final``: and back to the view."""

        def __init__(self, row: int, source_id: str, final: bool) -> None:
            super().__init__()
            self.row = row
            self.source_id = source_id
            self.final = final

    class Closed(Message):
        """The reviewer closed the list."""

    def __init__(self, id: str | None = None) -> None:
        super().__init__(id=id)
        self.sort = "severity"
        self.min_severity = "minor"
        self.alignment: Alignment | None = None
        self.entries: list[FlagEntry] = []
        """Every flag of the alignment (one per discrepancy), before filtering and sorting."""
        self.shown: list[FlagEntry] = []
        """The rows of the table, in order."""

    def compose(self) -> ComposeResult:
        yield Static("", id="flag-list-title")
        yield FlagTable(cursor_type="row", zebra_stripes=False, id="flag-table")

    def on_mount(self) -> None:
        self.table.add_columns("severity", "row", "kind", "column", "message")
        self.app.theme_changed_signal.subscribe(self, self._theme_changed)

    def on_unmount(self) -> None:
        self.app.theme_changed_signal.unsubscribe(self)

    def _theme_changed(self, theme: Theme) -> None:
        self.refill()  # the cells hold the old theme's styles

    @property
    def table(self) -> FlagTable:
        return self.query_one(FlagTable)

    def show_flags(self, alignment: Alignment | None, min_severity: str, cursor_row: int | None = None) -> None:
        """List ``alignment``'s flags at ``min_severity`` or above; the table's cursor goes to the
        flag on ``cursor_row`` if there is one."""
        if alignment is not self.alignment:
            self.alignment = alignment
            self.entries = flag_entries(alignment) if alignment is not None else []
        self.min_severity = min_severity
        self.refill(cursor_row)

    def refill(self, cursor_row: int | None = None) -> None:
        if not self.is_mounted:
            return
        table = self.table
        keep = self.current
        self.shown = shown_entries(self.entries, self.min_severity, self.sort)
        table.clear()
        alignment = self.alignment
        for entry in self.shown:
            assert alignment is not None
            flag = entry.flag
            style = self.get_component_rich_style(f"flaglist--{flag.severity}", partial=True)
            column = column_number(alignment, flag_source(alignment, flag))
            table.add_row(
                Text(flag.severity, style),
                str(entry.row + 1),
                flag.kind,
                str(column) if column else "",
                " ".join(flag_message(alignment, flag).split()),
            )
        target = next((i for i, e in enumerate(self.shown) if e == keep), None)
        if cursor_row is not None:
            target = next((i for i, e in enumerate(self.shown) if e.row == cursor_row), target)
        if target is not None:
            table.move_cursor(row=target, animate=False)
        self.query_one("#flag-list-title", Static).update(self.title_text())

    def title_text(self) -> Text:
        total = len(self.entries)
        shown = len(self.shown)
        floor = "" if self.min_severity == "minor" else f", {self.min_severity} and above"
        text = Text(f"Flags: {shown} of {total}{floor} · sorted by {self.sort}", "bold")
        text.append(f"   {HINT}")
        return text

    @property
    def current(self) -> FlagEntry | None:
        if not self.shown or not self.is_mounted:
            return None
        index = self.table.cursor_row
        return self.shown[index] if 0 <= index < len(self.shown) else None

    def go_to(self, index: int, final: bool) -> None:
        """Take the view to the flag on line ``index`` of the table."""
        if self.alignment is None or not 0 <= index < len(self.shown):
            return
        entry = self.shown[index]
        self.post_message(self.Jump(entry.row, flag_source(self.alignment, entry.flag), final))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.go_to(event.cursor_row, final=True)

    def action_cycle_sort(self) -> None:
        self.sort = next_sort(self.sort)
        self.refill()

    def action_close(self) -> None:
        self.post_message(self.Closed())
