"""``date`` flags: calendar dates, months, years, weekdays and clock times that differ.

Dates are compared by value within one type ("March 2" with "2 March", Thursday
with Tuesday); a date of one type is never paired with another type ("May 15" vs
"Thursday" may be the same day), so a paraphrase that names the weekday instead
of the date raises nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from srccompare.core.model import Flag, Span
from srccompare.engine.flags.cells import Cell, Pair, excerpt, make_flag
from srccompare.engine.flags.matching import pair_leftovers, unmatched

MONTHS = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[6-9]\d\d|20\d\d)"

# A month named alone counts after these words ("in April", "since March", "mid-June").
_PREPOSITIONS = ("in", "since", "until", "till", "by", "from", "early", "late", "mid", "last", "next", "this", "of")
_AFTER_PREPOSITION = "|".join(
    f"(?<=\\b{w}{sep})" for p in _PREPOSITIONS for w in {p, p.capitalize()} for sep in (" ", "-")
)

# Every branch starts with a digit, a month or weekday, midnight/midday or noon: the lookahead
# lets the scan skip every other position cheaply.
DATE = re.compile(
    r"(?=\d|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|Mon|Tue|Wed|Thu|Fri|Sat|Sun|mid|noon)"
    rf"(?:\b(?P<m1>{_MONTH})\s+(?P<d1>{_DAY})\b(?:,?\s+(?P<y1>{_YEAR})\b)?"
    rf"|\b(?P<d2>{_DAY})\s+(?:of\s+)?(?P<m2>{_MONTH})(?:,?\s+(?P<y2>{_YEAR})\b)?"
    rf"|\b(?P<m3>{_MONTH})\s+(?P<y3>{_YEAR})\b"
    rf"|(?:{_AFTER_PREPOSITION})(?P<m4>(?!May\b){_MONTH})\b(?!,?\s+\d)"
    rf"|\b(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)s?\b"
    r"|(?<![\d:.,])\b(?P<h1>[01]?\d|2[0-3]):(?P<mi1>[0-5]\d)(?:\s?(?P<ap1>[ap])\.?m\b\.?)?"
    r"|(?<![\d:.,])\b(?P<h2>1[0-2]|0?[1-9])\s?(?P<ap2>[ap])\.?m\b\.?"
    r"|\b(?P<noon>midnight|noon|midday)\b"
    rf"|(?<![\w.,$€£¥])(?<![A-Za-z]-)(?P<y4>{_YEAR})(?![\w%]|[.,]\d|\s?(?:%|per ?cent|percent)|\s(?:million|billion|thousand|hundred)\b))",
)


@dataclass(frozen=True, slots=True)
class DateFact:
    type: str
    """md (month+day), month, year, weekday or time."""
    value: tuple
    span: Span
    text: str


def _month(name: str) -> int:
    return MONTHS[name.rstrip(".").lower()]


def _day(text: str) -> int:
    digits = re.match(r"\d+", text)
    if digits is None:
        raise ValueError(f"not a day of the month: {text!r}")
    return int(digits.group())


_CUES = frozenset(MONTHS) | frozenset(WEEKDAYS) | {d + "s" for d in WEEKDAYS} | {"noon", "midnight", "midday"}
_DIGIT = re.compile(r"\d")


def extract_dates(cell: Cell) -> list[DateFact]:
    out: list[DateFact] = []
    text = cell.text
    named = not cell.key_set.isdisjoint(_CUES)
    for piece in cell.pieces:
        if not named and _DIGIT.search(text, piece.start, piece.end) is None:
            continue  # no month, weekday, time word or digit: nothing to find
        for m in DATE.finditer(text, piece.start, piece.end):
            g = m.groupdict()
            span = Span(m.start(), m.end())
            shown = m.group()
            if g["m1"] or g["m2"]:
                month = _month(g["m1"] or g["m2"])
                out.append(DateFact("md", (month, _day(g["d1"] or g["d2"])), span, shown))
                year = g["y1"] or g["y2"]
                if year:
                    out.append(DateFact("year", (int(year),), span, year))
            elif g["m3"]:
                out.append(DateFact("month", (_month(g["m3"]),), span, shown))
                out.append(DateFact("year", (int(g["y3"]),), span, g["y3"]))
            elif g["m4"]:
                span = Span(*m.span("m4"))
                out.append(DateFact("month", (_month(g["m4"]),), span, g["m4"]))
            elif g["wd"]:
                out.append(DateFact("weekday", (WEEKDAYS.index(g["wd"].lower()),), span, shown))
            elif g["h1"] or g["h2"]:
                hour = int(g["h1"] or g["h2"])
                minute = int(g["mi1"] or 0)
                ap = g["ap1"] or g["ap2"]
                if ap and hour != 12 and ap.lower() == "p":
                    hour += 12
                if ap and hour == 12 and ap.lower() == "a":
                    hour = 0
                out.append(DateFact("time", (hour, minute), span, shown))
            elif g["noon"]:
                out.append(DateFact("time", ((0 if g["noon"].lower() == "midnight" else 12), 0), span, shown))
            elif g["y4"]:
                out.append(DateFact("year", (int(g["y4"]),), span, shown))
    return out


def cell_dates(cell: Cell) -> list[DateFact]:
    return cell.facts("dates", extract_dates)


def date_spans(cell: Cell) -> list[Span]:
    """Spans taken by dates, so the number detector leaves "March 2" and "2014" alone."""
    return [d.span for d in cell_dates(cell)]


def date_differences(pair: Pair) -> tuple[list[tuple[DateFact, DateFact]], list[DateFact], list[DateFact]]:
    """Changed dates (paired), and dates found on one side only."""
    ref_dates, other_dates = cell_dates(pair.ref), cell_dates(pair.other)
    if not ref_dates and not other_dates:
        return [], [], []
    lost, gained = unmatched(ref_dates, other_dates, key=lambda d: (d.type, d.value))
    if not lost or not gained:
        return [], lost, gained
    pairs = pair_leftovers(pair, lost, gained, same_kind=lambda a, b: a.type == b.type)
    return pairs, lost, gained


def flag_dates(pair: Pair) -> list[Flag]:
    pairs, _lost, _gained = date_differences(pair)
    severity = pair.rules.severity_of("date")
    flags = []
    for a, b in pairs:
        message = f"{excerpt(a.text, 40)} ({pair.ref.id}) vs {excerpt(b.text, 40)} ({pair.other.id})"
        flags.append(make_flag("date", severity, message, {pair.ref.id: [a.span], pair.other.id: [b.span]}))
    return flags
