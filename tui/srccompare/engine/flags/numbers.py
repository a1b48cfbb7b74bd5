"""``number`` flags: quantities (digits or words), percentages, money and durations that differ.

Every quantity is reduced to its value ("3,000" == "3000" == "three thousand",
"a fifth" == "one fifth", "€10.4 million" == 10,400,000), and the two cells are
compared as multisets of values, so reordering or rewording around the same
figures raises nothing. Dates and years belong to the date detector.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from srccompare.core.model import Flag, Span
from srccompare.engine.flags.cells import Cell, Pair, make_flag
from srccompare.engine.flags.dates import date_spans
from srccompare.engine.flags.matching import pair_leftovers, unmatched
from srccompare.text.normalize import fold_word

_MAGNITUDE = {
    "thousand": 1e3,
    "million": 1e6,
    "billion": 1e9,
    "trillion": 1e12,
    "bn": 1e9,
    "m": 1e6,
    "k": 1e3,
    "mn": 1e6,
}

# The leading lookahead lets the scan skip positions that cannot start a figure.
DIGITS = re.compile(
    r"(?=[\d$€£¥₴₽₺UCA])(?:(?<![\w.,/\-])(?<![A-Za-z]-)"
    r"(?P<cur>US\$|C\$|A\$|[$€£¥₴₽₺])?\s?"
    r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d,.]\d)|\d+(?:\.\d+)?)"
    r"(?P<ord>st|nd|rd|th)?"
    r"(?:\s?(?P<mag>thousand|million|billion|trillion|bn|mn|m|k)\b)?"
    r"(?P<pct>\s?(?:%|per ?cent\b|percent\b))?"
    r"(?![\w]|[.,]\d)"
    r"|(?<![\w.,/\-])(?P<hyph>\d+(?:\.\d+)?)(?=-[^\W\d_]))"
)

# "a fifth", "one-third", "two thirds", "a half"
FRACTION = re.compile(
    r"\b(?P<n>a|an|one|two|three|four)[\s\-]+"
    r"(?P<d>halves|half|thirds?|quarters?|fifths?|sixths?|sevenths?|eighths?|ninths?|tenths?)\b",
    re.IGNORECASE,
)
_DENOMINATORS = {
    "half": 2,
    "halves": 2,
    "third": 3,
    "quarter": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
}
_NUMERATORS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4}
_FRACTION_WORDS = frozenset(_DENOMINATORS) | {d + "s" for d in _DENOMINATORS}
_DIGIT = re.compile(r"\d")

# Words after a number that say nothing about what it counts.
_NOT_UNITS = frozenset(
    "of the a an and or to in on at by for from with than as per about some more less over under nearly "
    "almost around up down were was are is had have has been be who which that this its their his her".split()
)
_AGE = re.compile(r"s?[\s\-]+old\b")
_NEXT_WORD = re.compile(r"[\s\-]*(?:[$€£%]\s*)?([^\W\d_][\w'’]*)")


@dataclass(frozen=True, slots=True)
class Quantity:
    value: float
    span: Span
    text: str
    """The figure as written, with the word it counts when there is one ("3,000 jobs")."""
    unit: str | None
    measure: float
    """What is compared: the value, in hours for durations ("72-hour" == "three-day")."""
    currency: str | None


# Durations are compared in hours; currencies by symbol ("45 million złoty" vs "45 million euros" differ).
_HOURS = {"second": 1 / 3600, "minute": 1 / 60, "hour": 1, "day": 24, "week": 168, "month": 730, "year": 8760}
_CURRENCY_WORDS = {
    "dollar": "$",
    "euro": "€",
    "pound": "£",
    "zloty": "zł",
    "lira": "₺",
    "hryvnia": "₴",
    "hryvnias": "₴",
    "ruble": "₽",
    "rouble": "₽",
    "yen": "¥",
    "yuan": "¥",
    "franc": "CHF",
    "krona": "kr",
    "krone": "kr",
}
_CURRENCY_SYMBOLS = {
    "US$": "$",
    "$": "$",
    "C$": "C$",
    "A$": "A$",
    "€": "€",
    "£": "£",
    "¥": "¥",
    "₴": "₴",
    "₽": "₽",
    "₺": "₺",
}


def _word_value(phrase: str, words: dict[str, int]) -> float | None:
    total, current = 0, 0
    parts = [p for p in re.split(r"[\s\-]+", phrase.lower()) if p and p != "and"]
    if not parts:
        return None
    for part in parts:
        v = words.get(fold_word(part))
        if v is None:
            return None
        if v >= 1000:
            total += max(current, 1) * v
            current = 0
        elif v == 100:
            current = max(current, 1) * 100
        else:
            current += v
    return float(total + current)


class _Taken:
    """Spans already read as a fact, kept sorted so overlap tests stay cheap in very long cells."""

    def __init__(self, spans: list[Span]) -> None:
        self.spans = sorted((s.start, s.end) for s in spans)

    def overlaps(self, span: Span) -> bool:
        from bisect import bisect_left

        k = bisect_left(self.spans, (span.start, span.end))
        for j in (k - 1, k):
            if 0 <= j < len(self.spans):
                a, b = self.spans[j]
                if a < span.end and span.start < b:
                    return True
        return False

    def add(self, span: Span) -> None:
        from bisect import insort

        insort(self.spans, (span.start, span.end))


def _unit(text: str, end: int, limit: int) -> str | None:
    m = _NEXT_WORD.match(text, end, min(limit, end + 40))
    if not m:
        return None
    word = fold_word(m.group(1))
    if word in _NOT_UNITS or word in _MAGNITUDE:
        return None
    word = word.rstrip("'’")
    if word.endswith("'s"):
        word = word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    return word


def _shown(text: str, span: Span, unit_word_end: int | None) -> str:
    shown = text[span.start : unit_word_end or span.end]
    return " ".join(shown.split())


def extract_quantities(cell: Cell, number_words: dict[str, int], number_words_re: re.Pattern[str]) -> list[Quantity]:
    text = cell.text
    taken = _Taken(date_spans(cell))
    out: list[Quantity] = []

    def add(value: float, start: int, end: int, piece_end: int, symbol: str | None = None) -> None:
        span = Span(start, end)
        taken.add(span)
        m = _NEXT_WORD.match(text, end, min(piece_end, end + 40))
        unit = _unit(text, end, piece_end)
        shown = _shown(text, span, m.end() if (m and unit) else None)
        measure = value * _HOURS.get(unit or "", 1)
        if unit == "year" and m and _AGE.match(text, m.end()):
            unit, measure = "year-old", value  # an age: "71-year-old" is "aged 71", not a duration
        currency = _CURRENCY_SYMBOLS.get(symbol or "") or _CURRENCY_WORDS.get(unit or "")
        out.append(Quantity(round(value, 6), span, shown, unit, round(measure, 6), currency))

    keys = cell.key_set
    has_fraction = not keys.isdisjoint(_FRACTION_WORDS)
    has_words = not keys.isdisjoint(number_words)
    for piece in cell.pieces:
        has_digits = _DIGIT.search(text, piece.start, piece.end) is not None
        if not (has_digits or has_words or has_fraction):
            continue
        for m in FRACTION.finditer(text, piece.start, piece.end) if has_fraction else ():
            span = Span(m.start(), m.end())
            if taken.overlaps(span):
                continue
            d = m.group("d").lower()
            if d not in _DENOMINATORS and d[:-1] in _DENOMINATORS:
                d = d[:-1]
            value = _NUMERATORS[m.group("n").lower()] / _DENOMINATORS[d]
            add(value, m.start(), m.end(), piece.end)
        for m in DIGITS.finditer(text, piece.start, piece.end) if has_digits else ():
            span = Span(m.start(), m.end())
            if taken.overlaps(span):
                continue
            raw = m.group("num") or m.group("hyph")
            value = float(raw.replace(",", "").replace(" ", "").replace("\u00a0", "").replace("\u202f", ""))
            mag = m.group("mag")
            if mag:
                value *= _MAGNITUDE[mag.lower()]
            add(value, m.start(), m.end(), piece.end, m.group("cur"))
        for m in number_words_re.finditer(text, piece.start, piece.end) if has_words else ():
            span = Span(m.start(), m.end())
            if taken.overlaps(span):
                continue
            phrase = m.group()
            if fold_word(phrase) == "one":
                continue  # "one of them", "no one": rarely a count
            spelled = _word_value(phrase, number_words)
            if spelled is None:
                continue
            add(spelled, m.start(), m.end(), piece.end)
    out.sort(key=lambda q: q.span.start)
    return out


def cell_quantities(cell: Cell, pair: Pair) -> list[Quantity]:
    rules = pair.rules
    return cell.facts("numbers", lambda c: extract_quantities(c, rules.number_words, rules.number_words_re))


def number_differences(pair: Pair) -> tuple[list[tuple[Quantity, Quantity]], list[Quantity], list[Quantity]]:
    """Changed figures (paired), and figures found on one side only."""
    ref_q, other_q = cell_quantities(pair.ref, pair), cell_quantities(pair.other, pair)
    if not ref_q and not other_q:
        return [], [], []
    lost, gained = unmatched(ref_q, other_q, key=lambda q: (q.measure, q.currency))
    for a in list(lost):  # "10.4 million" and "€10.4 million" are one figure
        for b in gained:
            if a.measure == b.measure and (a.currency is None or b.currency is None):
                lost.remove(a)
                gained.remove(b)
                break
    if not lost or not gained:
        return [], lost, gained
    pairs = pair_leftovers(pair, lost, gained, unit=lambda q: q.unit)
    return pairs, lost, gained


def flag_numbers(pair: Pair) -> list[Flag]:
    pairs, _lost, _gained = number_differences(pair)
    severity = pair.rules.severity_of("number")
    return [
        make_flag(
            "number",
            severity,
            f"{a.text} ({pair.ref.id}) vs {b.text} ({pair.other.id})",
            {pair.ref.id: [a.span], pair.other.id: [b.span]},
        )
        for a, b in pairs
    ]
