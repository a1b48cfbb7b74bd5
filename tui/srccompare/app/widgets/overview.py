"""The overview strip: per row and per source, how far each agrees with the base.

A heat map a reviewer reads at a glance (shade and colour, so it survives
NO_COLOR), with the cursor and flagged rows marked; a click jumps to the row.
The colours are the theme's, through component classes (see srccompare.tcss); the
figures are read as the HTML report reads them (``srccompare.output.overview``).
"""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.message import Message
from textual.strip import Strip
from textual.widget import Widget

from srccompare.app.widgets.aligned_view import AlignedView
from srccompare.output.overview import HEAT, flag_level, heat_level, is_furniture, shade


def proxy_agreement(view: AlignedView, index: int) -> dict[str, float | None]:
    """A quick estimate from the row kind and score, shown until the real figures arrive."""
    alignment = view.alignment
    assert alignment is not None
    row = alignment.rows[index]
    out: dict[str, float | None] = {}
    for source in alignment.sources:
        if not row.cells.get(source.id):
            out[source.id] = None
        elif row.kind == "match" or source.id == alignment.base:
            out[source.id] = 1.0
        else:
            out[source.id] = row.score
    return out


class Overview(Widget):
    """One line per slice of rows; one cell per source, then a flag mark."""

    COMPONENT_CLASSES = {
        *(f"overview--{level}" for _, level in HEAT),
        "overview--missing",
        "overview--flag-minor",
        "overview--flag-major",
    }

    DEFAULT_CSS = """
    Overview { width: 9; background: $panel; }
    """

    class Jump(Message):
        def __init__(self, row: int) -> None:
            super().__init__()
            self.row = row

    def __init__(self, view: AlignedView, id: str | None = None) -> None:
        super().__init__(id=id)
        self.view = view
        self.agreement: list[dict[str, float | None]] | None = None
        self._cells: dict[tuple[int, int], list[Segment]] = {}
        self._base_style: Style | None = None
        self._styles: dict[str, Style] = {}
        self._shown_key: tuple | None = None
        self._shown = (0, 0)
        self._rows: list[tuple[tuple[float | None, ...] | None, int]] | None = None

    def set_agreement(self, agreement: list[dict[str, float | None]] | None) -> None:
        self.agreement = agreement
        self.reset()

    def reset(self) -> None:
        """Forget the drawn heat cells (new alignment, figures, size or severity filter)."""
        self._cells.clear()
        self._rows = None
        self.refresh()

    def on_resize(self) -> None:
        self._cells.clear()

    def fit_width(self) -> None:
        alignment = self.view.alignment
        if alignment is not None:
            self.styles.width = len(alignment.sources) + 3

    def _slice(self, y: int) -> tuple[int, int]:
        """The rows summarised on line ``y`` (header on line 0)."""
        total = len(self.view.rows)
        lines = max(1, min(total, self.size.height - 1))
        lo = (y - 1) * total // lines
        hi = max(lo + 1, y * total // lines)
        return lo, min(hi, total)

    @property
    def base_style(self) -> Style:
        if self._base_style is None:
            self._base_style = self.rich_style
        return self._base_style

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._base_style = None
        self._styles.clear()
        self._cells.clear()  # drawn with the old theme's colours

    def _style(self, name: str) -> Style:
        style = self._styles.get(name)
        if style is None:
            style = self._styles[name] = self.get_component_rich_style(f"overview--{name}", partial=True)
        return style

    def render_line(self, y: int) -> Strip:
        view, width = self.view, self.size.width
        alignment = view.alignment
        if alignment is None:
            return Strip.blank(width, self.base_style)
        order = [s.id for s in alignment.sources]
        if y == 0:
            head = " " + "".join(str(i + 1) for i in range(len(order))) + " "
            return (
                Strip([Segment(head, Style(bold=True))])
                .apply_style(self.base_style)
                .crop_extend(0, width, self.base_style)
            )
        total = len(alignment.rows)
        if y > min(total, self.size.height - 1):
            return Strip.blank(width, self.base_style)
        lo, hi = self._slice(y)
        on_cursor = lo <= view.cursor < hi
        first_shown, last_shown = self._shown_rows()
        in_view = hi > first_shown and lo <= last_shown
        marker = "▶" if on_cursor else ("│" if in_view else " ")
        segments = [Segment(marker, Style(bold=True, reverse=on_cursor))]
        key = (y, self.size.height)
        cells = self._cells.get(key)
        if cells is None:
            cells = self._heat_cells(order, lo, hi)
            self._cells[key] = cells
        segments.extend(cells)
        strip = Strip(segments)
        if on_cursor:
            strip = strip.apply_style(Style(underline=True))
        return strip.apply_style(self.base_style).crop_extend(0, width, self.base_style)

    def _summary(self) -> list[tuple[tuple[float | None, ...] | None, int]]:
        """Per row: agreement per source (None for a furniture row) and its flags (0 none, 1 minor, 2 major+)."""
        if self._rows is None:
            view = self.view
            alignment = view.alignment
            assert alignment is not None
            order = [s.id for s in alignment.sources]
            rows = []
            for i, row in enumerate(alignment.rows):
                values = None
                if not is_furniture(alignment, row):
                    found = self.agreement[i] if self.agreement else proxy_agreement(view, i)
                    values = tuple(found.get(sid) for sid in order)
                flags = view.visible_flags(row)
                rows.append((values, flag_level(flags)))
            self._rows = rows
        return self._rows

    def _shown_rows(self) -> tuple[int, int]:
        """First and last row on the view's screen (looked up once per scroll position)."""
        view = self.view
        top = round(view.scroll_offset.y)
        key = (top, view.size.height, view.geometry)
        if self._shown_key != key:
            self._shown_key = key
            self._shown = (view.row_at_line(top), view.row_at_line(top + view.scrollable_content_region.height - 1))
        return self._shown

    def _heat_cells(self, order: list[str], lo: int, hi: int) -> list[Segment]:
        """One shade per source (the worst agreement in rows lo..hi), then the flag mark."""
        summary = self._summary()[lo:hi]
        content = [values for values, _ in summary if values is not None]
        segments: list[Segment] = []
        for n in range(len(order)):
            if not content:
                segments.append(Segment(" "))
                continue
            present = [value for value in (values[n] for values in content) if value is not None]
            lowest = min(present) if present else None
            segments.append(Segment(shade(lowest), self._style(heat_level(lowest))))
        flagged = max((flag for _, flag in summary), default=0)
        segments.append(Segment(" ·!"[flagged], self._style("flag-major" if flagged == 2 else "flag-minor")))
        annotated = any(i in self.view.annotated for i in range(lo, hi))
        segments.append(Segment("✎" if annotated else " ", Style(bold=True)))
        return segments

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or offset.y < 1 or not self.view.rows:
            return
        if offset.y > min(len(self.view.rows), self.size.height - 1):
            return
        lo, _ = self._slice(offset.y)
        self.post_message(self.Jump(lo))
