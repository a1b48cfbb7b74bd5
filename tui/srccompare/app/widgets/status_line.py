"""One line saying where the reviewer is and what is switched on."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from srccompare.app.drawn import drawn
from srccompare.app.source_names import column_number
from srccompare.app.widgets.aligned_view import AlignedView

LEGEND = [("inserted", "underline"), ("deleted", "strike"), ("replaced", "bold reverse"), ("missing", "dim italic")]


def describe(view: AlignedView, annotations: dict[str, int] | None = None) -> Text:
    """The status line; ``annotations``: how many annotations have each status (none: not shown)."""
    alignment, row, geometry = view.alignment, view.current_row, view.geometry
    if alignment is None or row is None:
        return Text("")
    parts = [
        f"row {view.cursor + 1}/{len(alignment.rows)} {row.kind}",
        f"base col {column_number(alignment, alignment.base)}",
    ]
    if view.focused and view.focused != alignment.base:
        parts.append(f"focused col {column_number(alignment, view.focused)}")
    if view.sentence is not None:
        here = view.state.row_sentences(view.cursor)
        if view.sentence in here:
            parts.append(f"sentence {here.index(view.sentence) + 1}/{len(here)}")
    if geometry is not None:
        shown, total = len(geometry.columns), len(view.shown_order())
        if shown < total:
            parts.append(f"{shown} of {total} columns (←/→ scroll)")
    if view.zoom:
        parts.append("focus mode")
    if view.state.min_severity != "minor":
        parts.append(f"flags: {view.state.min_severity}+")
    if view.state.worst_first:
        parts.append("f/F: worst first")
    if not view.folded:  # folded is the default, and each folded row says so
        parts.append("furniture shown")
    if view.search_query:
        parts.append(f"/{view.search_query}: {view.match_count} hits in {len(view.match_rows)} rows")
    if annotations and any(annotations.values()):
        parts.append("✎ " + ", ".join(f"{n} {status}" for status, n in annotations.items()))
    text = Text(drawn(" · ".join(parts)) + "   ")  # titles and the search come from the data and the reviewer
    for name, style in LEGEND:
        text.append(name, style)
        text.append(" ")
    return text


class StatusLine(Static):
    DEFAULT_CSS = """
    StatusLine { height: auto; max-height: 2; background: $panel; color: $text; padding: 0 1; }
    """

    _lines = 0

    def annotation_counts(self) -> dict[str, int]:
        """Annotations by status: the configured statuses in their order (open, confirmed, dismissed,
        resolved by default), then any other status a review file holds."""
        keeper = getattr(self.app, "keeper", None)
        if keeper is None:
            return {}
        counts = dict.fromkeys(keeper.settings.statuses, 0)
        for annotation in keeper.annotations:
            counts[annotation.status] = counts.get(annotation.status, 0) + 1
        return counts

    def show(self, view: AlignedView) -> None:
        """Redraw; re-layout the screen only when the line count changes (layout is costly)."""
        text = describe(view, self.annotation_counts())
        room = max(1, self.size.width - 2)
        lines = min(2, -(-text.cell_len // room)) if text.cell_len else 1
        self.update(text, layout=lines != self._lines)
        self._lines = lines
