"""The overview's figures: how far each source agrees with the base, row by row, and which rows are furniture.

Plain Python, no Textual: the app's overview strip and the HTML report's heat map
read agreement the same way (a shade character, so the map survives without
colour, and a heat level that picks the colour), so the rules live here once.
"""

from __future__ import annotations

from collections.abc import Sequence

from srccompare.core.model import Alignment, Flag, Row

SHADES = [(0.98, "·"), (0.85, "░"), (0.6, "▒"), (0.3, "▓"), (-1.0, "█")]
"""Agreement at or above the threshold -> the character drawn (darker = more different)."""

MISSING = "×"
"""Drawn for a source with nothing in the row."""

HEAT = [(0.98, "agrees"), (0.85, "close"), (0.6, "differs"), (-1.0, "far")]
"""Agreement at or above the threshold -> the heat level (the app's component class ``overview--<level>``)."""


def shade(agreement: float | None) -> str:
    if agreement is None:
        return MISSING
    for threshold, char in SHADES:
        if agreement >= threshold:
            return char
    return SHADES[-1][1]


def heat_level(agreement: float | None) -> str:
    if agreement is None:
        return "missing"
    return next(level for threshold, level in HEAT if agreement >= threshold)


def flag_level(flags: Sequence[Flag]) -> int:
    """0 no flag, 1 minor flags only, 2 a major or critical one (``flags`` most severe first)."""
    if not flags:
        return 0
    return 2 if flags[0].severity != "minor" else 1


def is_furniture(alignment: Alignment, row: Row) -> bool:
    """A row of page furniture: marked so by the engine, or made only of furniture paragraphs."""
    if row.kind == "boilerplate":
        return True
    any_para = False
    for source in alignment.sources:
        for index in row.cells.get(source.id) or ():
            any_para = True
            if not source.paragraphs[index].boilerplate:
                return False
    return any_para
