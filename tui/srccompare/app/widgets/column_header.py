"""Column headings over the side-by-side view: number, title, id, base and focus marks."""

from __future__ import annotations

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip
from textual.widget import Widget

from srccompare.app.drawn import drawn
from srccompare.app.layout import fit_note
from srccompare.app.widgets.aligned_view import AlignedView


class ColumnHeader(Widget):
    """Two lines per column, drawn with the view's geometry so headings sit over their columns."""

    COMPONENT_CLASSES = {"columnheader--title", "columnheader--focused", "columnheader--base", "columnheader--more"}

    DEFAULT_CSS = """
    ColumnHeader { height: 2; background: $panel; }
    ColumnHeader > .columnheader--title { text-style: bold; }
    ColumnHeader > .columnheader--focused { text-style: bold reverse; }
    ColumnHeader > .columnheader--base { color: $text-accent; }
    ColumnHeader > .columnheader--more { color: $text-warning; text-style: bold; }
    """

    def __init__(self, view: AlignedView, id: str | None = None) -> None:
        super().__init__(id=id)
        self.view = view

    def number_of(self, source_id: str) -> int:
        """1-based position of a source in the alignment (the overview uses the same numbers)."""
        alignment = self.view.alignment
        assert alignment is not None
        return [s.id for s in alignment.sources].index(source_id) + 1

    def render_line(self, y: int) -> Strip:
        view, width = self.view, self.size.width
        geometry, alignment = view.geometry, view.alignment
        base_style = self.rich_style
        if geometry is None or alignment is None:
            return Strip.blank(width, base_style)
        more = self.get_component_rich_style("columnheader--more", partial=True)
        left = f"◀{geometry.hidden_left}" if geometry.hidden_left else ""
        segments = [Segment(left.ljust(geometry.gutter), more)]
        for i, source_id in enumerate(geometry.columns):
            source = alignment.source(source_id)
            is_base = source_id == alignment.base
            focused = source_id == view.focused
            last = i == len(geometry.columns) - 1
            room = geometry.width - (3 if last and geometry.hidden_right else 0)
            if y == 0:
                text = f"{self.number_of(source_id)} {drawn(source.title)}"
                style = self.get_component_rich_style(
                    "columnheader--focused" if focused else "columnheader--title", partial=True
                )
            else:
                marks = [source_id, "★ base" if is_base else "", "◆" if focused else "", source.byline]
                text = drawn(" · ".join(m for m in marks if m))
                style = self.get_component_rich_style("columnheader--base", partial=True) if is_base else Style()
            text = fit_note(text, room)
            segments.append(Segment(text, style))
            segments.append(Segment(" " * (room - cell_len(text)), style if y == 0 and focused else None))
            if last and geometry.hidden_right:
                segments.append(Segment(f" {geometry.hidden_right}▶" if y == 0 else "   ", more))
            if not last:
                segments.append(Segment("│"))
        return Strip(segments).apply_style(base_style).crop_extend(0, width, base_style)
