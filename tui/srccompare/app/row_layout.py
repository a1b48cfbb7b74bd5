"""Row offsets of the side-by-side view for one column geometry (plain Python, no Textual).

Every row is wrapped per column and takes the height of its tallest cell. Big
alignments first get a provisional layout (exact around the cursor, estimated
elsewhere) so the first screen is right at once; a worker then wraps every row.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass

from srccompare.app.layout import Geometry, Wrapper, estimate_heights, offsets_of, row_heights
from srccompare.core.model import Alignment

PROVISIONAL_ABOVE = 300
"""Alignments with more rows are wrapped in a worker thread, after a provisional layout that
makes the first screen right at once; smaller ones are wrapped in place."""
PROVISIONAL_WINDOW = 80
"""Rows either side of the cursor laid out exactly in a provisional layout."""


@dataclass(frozen=True, slots=True)
class RowLayout:
    """Row offsets for one geometry; replaced as a whole so readers never see half of one."""

    geometry: Geometry
    folded: bool
    wrapper: Wrapper
    offsets: list[int]
    keep: tuple[str, ...] = ()
    """In focus mode, the sources whose rows are shown (rows empty in all of them take no lines)."""

    @property
    def total(self) -> int:
        return self.offsets[-1]

    def row_at(self, line: int) -> int:
        """Index of the row drawn on virtual line ``line``."""
        rows = len(self.offsets) - 1
        return max(0, min(rows - 1, bisect_right(self.offsets, line) - 1))

    def span(self, index: int) -> tuple[int, int]:
        """First virtual line of row ``index`` and one past its last."""
        return self.offsets[index], self.offsets[index + 1]

    def height(self, index: int) -> int:
        return self.offsets[index + 1] - self.offsets[index]

    def scroll_for(self, index: int, top: int, height: int, jump: bool = False) -> int | None:
        """Where to scroll (from line ``top``, ``height`` lines shown) so row ``index`` shows:
        the least needed, or the row at the top after a jump; None if it shows already."""
        first, end = self.span(index)
        if first >= top and end <= top + height:
            return None
        if jump or first < top or end - first > height:
            return first
        return end - height

    def page_from(self, top: int, height: int, direction: int) -> tuple[int, int] | None:
        """A screenful down (1) or up (-1) from line ``top``: the new top line and the first row
        starting on it; None if the view cannot scroll further that way."""
        height = max(1, height)
        y = max(0, min(max(0, self.total - height), top + direction * height))
        if y == top:
            return None
        index = self.row_at(y)
        if self.offsets[index] < y and index + 1 < len(self.offsets) - 1:
            index += 1
        return y, index


def wrapper_for(geometry: Geometry, current: RowLayout | None) -> Wrapper:
    """The current layout's wrapper when the column width is unchanged (it caches wrapped paragraphs)."""
    return current.wrapper if current and current.wrapper.width == geometry.width else Wrapper(geometry.width)


def exact_layout(
    alignment: Alignment,
    geometry: Geometry,
    wrapper: Wrapper,
    folded: bool,
    cancelled: Callable[[], bool] = lambda: False,
    keep: tuple[str, ...] = (),
) -> RowLayout | None:
    """Every row wrapped; None if ``cancelled`` said stop."""
    heights = row_heights(alignment, geometry.columns, wrapper, folded, cancelled=cancelled, keep=keep)
    if heights is None:
        return None
    return RowLayout(geometry, folded, wrapper, offsets_of(heights), keep)


def provisional_layout(
    alignment: Alignment, geometry: Geometry, wrapper: Wrapper, folded: bool, cursor: int, keep: tuple[str, ...] = ()
) -> RowLayout:
    """Exact heights around the cursor, estimates elsewhere: the screen is right at once,
    and only the scrollbar is approximate until every row has been wrapped."""
    heights = estimate_heights(alignment, geometry.columns, geometry.width, folded, keep)
    lo = max(0, cursor - PROVISIONAL_WINDOW)
    hi = min(len(heights), cursor + PROVISIONAL_WINDOW)
    exact = row_heights(alignment, geometry.columns, wrapper, folded, start=lo, stop=hi, keep=keep)
    assert exact is not None
    heights[lo:hi] = exact
    return RowLayout(geometry, folded, wrapper, offsets_of(heights), keep)
