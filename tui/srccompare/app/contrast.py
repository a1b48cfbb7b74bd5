"""Readable text in every theme: a contrast floor of 4.5:1 (WCAG AA) for everything the app writes.

The colours of text and marks are theme variables (srccompare.tcss), and most
themes make them readable. Some combinations are not: a theme's warning colour
on its cursor row, dim text on a light panel. :class:`ContrastFilter` is a
Textual line filter the app adds after its own (which turn dim and ANSI colours
into RGB): every segment with visible characters whose colour is below the
floor against its background gets its colour moved, as little as needed,
towards white or black. Colours already readable are left exactly as the
theme made them; attributes (bold, underline, reverse, strike) are kept, so the
marks keep their shapes. Box-drawing rules are not text and are left alone.
"""

from __future__ import annotations

from functools import lru_cache

from rich.color import Color as RichColor
from rich.segment import Segment
from rich.style import Style
from textual.color import Color
from textual.filter import LineFilter

MINIMUM_CONTRAST = 4.5
"""WCAG 2 level AA for normal text."""

RGB = tuple[int, int, int]
WHITE: RGB = (255, 255, 255)
BLACK: RGB = (0, 0, 0)


def relative_luminance(rgb: RGB) -> float:
    """WCAG 2 relative luminance of an sRGB colour (0 black, 1 white)."""

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = rgb
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast_ratio(a: RGB, b: RGB) -> float:
    """WCAG 2 contrast ratio of two colours, from 1 (same) to 21 (black on white)."""
    la, lb = relative_luminance(a), relative_luminance(b)
    hi, lo = max(la, lb), min(la, lb)
    return (hi + 0.05) / (lo + 0.05)


def blend(a: RGB, b: RGB, t: float) -> RGB:
    return (round(a[0] + (b[0] - a[0]) * t), round(a[1] + (b[1] - a[1]) * t), round(a[2] + (b[2] - a[2]) * t))


@lru_cache(maxsize=4096)
def readable(colour: RGB, background: RGB, minimum: float = MINIMUM_CONTRAST) -> RGB:
    """``colour`` if it reads on ``background``; else the nearest colour towards white or black
    (whichever can go further from the background) that does."""
    if contrast_ratio(colour, background) >= minimum:
        return colour
    targets = sorted((WHITE, BLACK), key=lambda t: contrast_ratio(t, background), reverse=True)
    for target in targets:
        if contrast_ratio(target, background) < minimum:
            continue
        lo, hi = 0.0, 1.0  # the least blend towards the target that is readable
        for _ in range(12):
            mid = (lo + hi) / 2
            if contrast_ratio(blend(colour, target, mid), background) >= minimum:
                hi = mid
            else:
                lo = mid
        found = blend(colour, target, hi)
        if contrast_ratio(found, background) >= minimum:
            return found
        return target
    return targets[0]


def _is_text(text: str) -> bool:
    """Has a visible character other than box-drawing rules."""
    return any(not ch.isspace() and not 0x2500 <= ord(ch) <= 0x257F for ch in text)


@lru_cache(maxsize=4096)
def readable_style(style: Style, background: RGB, dim_factor: float) -> Style:
    """``style`` with its colour readable on its background (the segment's own, or ``background``)."""
    colour, bgcolor = style.color, style.bgcolor
    if colour is None or colour.triplet is None:
        return style
    back = bgcolor.triplet if bgcolor is not None and bgcolor.triplet is not None else None
    back_rgb: RGB = tuple(back) if back is not None else background  # type: ignore[assignment]
    fore: RGB = tuple(colour.triplet)  # type: ignore[assignment]
    if style.dim:  # what the terminal would show: the colour blended towards the background
        fore = blend(back_rgb, fore, dim_factor)
    fixed = readable(fore, back_rgb)
    if fixed == fore and not style.dim:
        return style
    return style + Style(color=RichColor.from_rgb(*fixed), dim=False)


class ContrastFilter(LineFilter):
    """Raises every text colour below :data:`MINIMUM_CONTRAST` against its background to it."""

    def __init__(self, dim_factor: float = 0.66, enabled: bool = True) -> None:
        super().__init__(enabled=enabled)
        self.dim_factor = dim_factor

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        back: RGB = (background.r, background.g, background.b)
        out = []
        for segment in segments:
            style = segment.style
            if style is not None and not segment.control and _is_text(segment.text):
                fixed = readable_style(style, back, self.dim_factor)
                if fixed is not style:
                    segment = Segment(segment.text, fixed)
            out.append(segment)
        return out
