"""The review screen's tools beyond moving through the rows: the flag list, the severity filter,
the order of ``f``/``F``, going to a row, copying, undo and moving between annotations.

A base class of :class:`~srccompare.app.screens.review.ReviewScreen` (which owns
the view, the workers and the panels); kept apart so the screen stays readable.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.screen import Screen

from srccompare.app.source_names import column_number
from srccompare.app.view_state import next_in
from srccompare.app.widgets.flag_list import FlagList
from srccompare.app.widgets.flag_panel import FlagPanel
from srccompare.app.widgets.overview import Overview
from srccompare.app.widgets.status_line import StatusLine
from srccompare.core.kinds import SEVERITIES

if TYPE_CHECKING:
    from srccompare.app.app import SrcCompareApp
    from srccompare.app.widgets.aligned_view import AlignedView


class ReviewTools(Screen):
    """Actions of the review screen that work on the whole review rather than the cursor row."""

    view: AlignedView

    if TYPE_CHECKING:

        def _cursor_moved(self) -> None: ...

    @property
    def srcapp(self) -> SrcCompareApp:
        return self.app  # type: ignore[return-value]

    def on_mount(self) -> None:
        self.srcapp.keeper.watch(self._count_annotations)

    def _count_annotations(self) -> None:
        """Annotations changed: the status line counts them by status."""
        self.query_one(StatusLine).show(self.view)

    def tools_check(self, action: str) -> bool | None:
        """Whether one of these tools' actions applies now (see ``check_action``): None dims its key."""
        keeper = self.srcapp.keeper
        if action == "undo" and keeper.undo.last is None:
            return None
        if action == "next_annotation" and not keeper.rows:
            return None
        if action == "copy" and self.view.state.focused_text() is None:
            return None
        return True

    def follow_view(self) -> None:
        """The view changed (cursor, alignment, severity): bring the flag list in line."""
        flag_list = self.query_one(FlagList)
        view = self.view
        if flag_list.display and (
            flag_list.alignment is not view.alignment or flag_list.min_severity != view.state.min_severity
        ):
            flag_list.show_flags(view.alignment, view.state.min_severity, view.cursor)

    # ------------------------------------------------------------ the flag list

    def action_flag_list(self) -> None:
        """Open the flag list (the table takes the keys), or close it when it has them."""
        flag_list = self.query_one(FlagList)
        if flag_list.display and flag_list.table.has_focus:
            self._close_flag_list()
            return
        if not flag_list.display:
            flag_list.display = True
            self.query_one(FlagPanel).display = False  # the list says the same, and the room is needed
            flag_list.show_flags(self.view.alignment, self.view.state.min_severity, self.view.cursor)
        flag_list.table.focus()

    def _close_flag_list(self) -> None:
        self.query_one(FlagList).display = False
        self.query_one(FlagPanel).display = True
        self.view.focus()

    @on(FlagList.Closed)
    def _flag_list_closed(self) -> None:
        self._close_flag_list()

    @on(FlagList.Jump)
    def _flag_list_jump(self, event: FlagList.Jump) -> None:
        view = self.view
        view.move_cursor(event.row, jump=True)
        view.focus_column(event.source_id)
        self._cursor_moved()
        if event.final:
            view.focus()

    # ------------------------------------------------------------ which flags, in which order

    def action_severity_filter(self) -> None:
        """Show only stronger flags (minor, major, critical, and round again): gutter, panel, list, f/F."""
        view = self.view
        current = view.state.min_severity
        severity = SEVERITIES[(SEVERITIES.index(current) + 1) % len(SEVERITIES)] if current in SEVERITIES else "minor"
        view.set_min_severity(severity)
        self.query_one(Overview).reset()
        self.follow_view()
        self._cursor_moved()
        self.query_one(StatusLine).show(view)
        shown = "all flags" if severity == SEVERITIES[0] else f"{severity} flags and above"
        self.notify(f"Showing {shown} (v: change).", timeout=3)

    def action_flag_order(self) -> None:
        """f/F: most serious first, or top to bottom."""
        state = self.view.state
        state.toggle_worst_first()
        self.query_one(StatusLine).show(self.view)
        order = "most serious first, then by row" if state.worst_first else "top to bottom"
        self.notify(f"f/F now go through the flags {order} (o: change).", timeout=3)

    # ------------------------------------------------------------ rows, copying, annotations

    def action_go_to_row(self) -> None:
        """Ask for a row number and go there."""
        from srccompare.app.screens.go_to_row import GoToRowScreen

        view = self.view

        def chosen(index: int | None) -> None:
            if index is not None:
                view.move_cursor(index, jump=True)
                self._cursor_moved()
            view.focus()

        self.app.push_screen(GoToRowScreen(len(view.rows), view.cursor), chosen)

    def action_copy(self) -> None:
        """Copy the sentence under the sentence cursor, else the focused column's text in the row."""
        found = self.view.state.focused_text()
        if found is None:
            self.notify("Nothing to copy: the focused column has no text in this row.", timeout=3)
            return
        text, what = found
        self.app.copy_to_clipboard(text)
        alignment, focused = self.view.alignment, self.view.focused
        column = column_number(alignment, focused) if alignment is not None and focused is not None else 0
        self.notify(f"Copied the {what} of col {column} ({len(text)} characters).", timeout=3)

    def action_undo(self) -> None:
        """Take back the last annotation change (adding, editing, status, deleting)."""
        undone = self.srcapp.keeper.undo_last()
        if undone is None:
            self.notify("Nothing to undo.", timeout=2)
        else:
            self.notify(f"Undone: {undone}.", timeout=4)
        self.refresh_bindings()

    def action_next_annotation(self, direction: int) -> None:
        """The next (previous) annotated row; round to the first (last) at the end."""
        rows = sorted(self.srcapp.keeper.rows)
        if not rows:
            self.notify("No annotations yet: a annotates the row.", timeout=3)
            return
        view = self.view
        target = next_in(rows, view.cursor, direction)
        if target is None:
            target = rows[0] if direction > 0 else rows[-1]
        view.move_cursor(target, jump=True)
        self._cursor_moved()
