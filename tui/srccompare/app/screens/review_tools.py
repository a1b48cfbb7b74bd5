"""The review screen's tools beyond moving through the rows: the flag list, the severity filter
and the order of ``f``/``F``.

A base class of :class:`~srccompare.app.screens.review.ReviewScreen` (which owns
the view, the workers and the panels); kept apart so the screen stays readable.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.screen import Screen

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

    def tools_check(self, action: str) -> bool | None:
        """Whether one of these tools' actions applies now (see ``check_action``)."""
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
