"""Discrepancy flags: point the reviewer at the divergences that may change the facts.

:func:`flag_alignment` fills ``row.flags`` for every row of an alignment. Each
row's sources are compared with the row's reference (the base when it has text
there), one detector per concern: numbers, dates, names (and harmless spelling
variants), quotes, negations, titles, omissions/additions, page furniture.
Flags are ordered so that changes of fact come first (severity, then kind).
"""

from __future__ import annotations

import re

from srccompare.core.config import Config
from srccompare.core.model import Alignment, Flag, Row
from srccompare.engine.flags.cells import Cell, NameLexicon, Pair
from srccompare.engine.flags.rules import KIND_ORDER, SEVERITY_RANK, Rules, compile_rules

__all__ = ["filter_flags", "flag_alignment", "flag_rows", "severity_at_least", "sort_flags"]

_KIND_RANK = {kind: i for i, kind in enumerate(KIND_ORDER)}


def sort_flags(flags: list[Flag]) -> list[Flag]:
    """Most severe first; within a severity, changes of fact before omissions, spelling, furniture."""

    def key(flag: Flag) -> tuple:
        first = min((s.start for spans in flag.spans.values() for s in spans), default=0)
        return (-SEVERITY_RANK.get(flag.severity, 0), _KIND_RANK.get(flag.kind, len(_KIND_RANK)), first)

    return sorted(flags, key=key)


def severity_at_least(flag: Flag, minimum: str) -> bool:
    return SEVERITY_RANK.get(flag.severity, 0) >= SEVERITY_RANK[minimum]


def filter_flags(alignment: Alignment, minimum: str) -> None:
    """Drop the flags below ``minimum`` severity (minor | major | critical)."""
    for row in alignment.rows:
        row.flags = [f for f in row.flags if severity_at_least(f, minimum)]


def _cells(alignment: Alignment, row: Row) -> dict[str, Cell]:
    return {src.id: Cell(src, list(row.cells[src.id])) for src in alignment.sources if row.cells.get(src.id)}


def _reference(alignment: Alignment, cells: dict[str, Cell]) -> str | None:
    if alignment.base in cells:
        return alignment.base
    return next(iter(cells), None)


def _detectors() -> dict[str, object]:
    """The per-pair detectors by the concern they need, in the order they run (imported on first use)."""
    from srccompare.engine.flags.dates import flag_dates
    from srccompare.engine.flags.names import flag_names
    from srccompare.engine.flags.negation import flag_negations
    from srccompare.engine.flags.numbers import flag_numbers
    from srccompare.engine.flags.quotes import flag_quotes
    from srccompare.engine.flags.titles import flag_titles

    return {
        "numbers": flag_numbers,
        "dates": flag_dates,
        "names": flag_names,
        "quotes": flag_quotes,
        "negation": flag_negations,
        "titles": flag_titles,
    }


_MONTHS_WEEKDAYS = frozenset(
    "january february march april may june july august september october november december jan feb mar apr "
    "jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday mondays tuesdays "
    "wednesdays thursdays fridays saturdays sundays noon midnight midday".split()
)
_NUMERIC_WORDS = frozenset(
    "half halves third thirds quarter quarters fifth fifths sixth sixths seventh sevenths eighth eighths ninth "
    "ninths tenth tenths percent per cent bn m k mn second seconds minute minutes hour hours day days week "
    "weeks month months year years dollar dollars euro euros pound pounds zloty lira hryvnia hryvnias ruble "
    "rubles rouble roubles yen yuan franc francs krona kronor krone kroner".split()
)
"""Words whose change can change a figure: fractions, percent, magnitudes, durations, currencies."""
_NON_ASCII_LETTER = re.compile(r"[^\x00-\x7f\W]")
_WORD = re.compile(r"\w+")


def _concerns(pair: Pair) -> set[str]:
    """Which detectors can find anything: facts equal on both sides cancel out, so only the words
    the diff shows as changed (and diacritics, which folding hides) can make a difference."""
    ops = pair.word_ops
    if not ops:
        return {"names"} if _accents_differ(pair) else set()
    ref_keys, other_keys = pair.ref.words.keys, pair.other.words.keys
    changed = {k for _t, i1, i2, _j1, _j2 in ops for k in ref_keys[i1:i2]}
    changed.update(k for _t, _i1, _i2, j1, j2 in ops for k in other_keys[j1:j2])
    rules = pair.rules
    out = {"quotes", "negation"}
    numeric = any(k[:1].isdigit() or k[-1:].isdigit() for k in changed)
    if numeric or not changed.isdisjoint(rules.number_words) or not changed.isdisjoint(_NUMERIC_WORDS):
        out.add("numbers")
    if numeric or not changed.isdisjoint(_MONTHS_WEEKDAYS):
        out.add("dates")
    if not changed.isdisjoint(pair.lexicon.names) or not changed.isdisjoint(rules.title_words) or _accents_differ(pair):
        out.update(("names", "titles"))
    return out


def _accents_differ(pair: Pair) -> bool:
    def build(c: Cell) -> frozenset[str]:
        text = c.text
        if not any(_NON_ASCII_LETTER.search(text, p.start, p.end) for p in c.pieces):
            return frozenset()
        return frozenset(w for p in c.pieces for w in _WORD.findall(text, p.start, p.end) if not w.isascii())

    def accented(cell: Cell) -> frozenset[str]:
        return cell.facts("accented", build)

    return accented(pair.ref) != accented(pair.other)


def _flag_pair(pair: Pair, detectors: dict) -> list[Flag]:
    from srccompare.engine.flags.omissions import flag_partial

    concerns = _concerns(pair)
    flags: list[Flag] = []
    for concern, detector in detectors.items():
        if concern in concerns:
            flags += detector(pair)
    covered = [(sid, s) for f in flags if f.kind != "spelling" for sid, spans in f.spans.items() for s in spans]
    flags += flag_partial(pair, covered, concerns)
    return flags


def _same_words(cells: dict[str, Cell], reference: str) -> bool:
    """All cells hold the reference's words (identical text is checked first: it is cheaper)."""
    ref = cells[reference]
    ref_text = "\n\n".join(ref.slice(p) for p in ref.pieces)
    for cell in cells.values():
        if cell is ref or "\n\n".join(cell.slice(p) for p in cell.pieces) == ref_text:
            continue
        if cell.words.keys != ref.words.keys:
            return False
    return True


def _inside_any(flag: Flag, gaps: list[Flag]) -> bool:
    """An omission/addition already covered by a whole missing paragraph."""
    if flag.kind not in ("omission", "addition"):
        return False
    return any(
        all(
            any(g.start <= s.start and s.end <= g.end for g in gap.spans.get(sid, []))
            for sid, spans in flag.spans.items()
            for s in spans
        )
        for gap in gaps
    )


def flag_rows(alignment: Alignment, rows: list[Row], rules: Rules) -> None:
    """Fill ``flags`` of ``rows`` (all of the alignment's rows, or some of them)."""
    from srccompare.engine.flags.omissions import flag_boilerplate, flag_merged_gaps, flag_paragraph_presence

    ids = [src.id for src in alignment.sources]
    detectors = _detectors()
    lexicon: NameLexicon | None = None
    scores: dict[str, list[float]] = {sid: [] for sid in ids}
    later: list[tuple[Row, dict[str, Cell], str]] = []
    for row in rows:
        row.flags = []
        cells = _cells(alignment, row)
        reference = _reference(alignment, cells)
        if reference is None:
            continue
        if row.kind == "boilerplate":
            row.flags = flag_boilerplate(cells, rules)
            continue
        later.append((row, cells, reference))
        if row.kind == "match" and _same_words(cells, reference):
            # Same words (a 'match' row may still differ in a word of a very long paragraph).
            for sid in cells:
                scores[sid].append(1.0)
            continue
        if len(cells) < 2:
            continue
        if lexicon is None:
            lexicon = NameLexicon([src.text for src in alignment.sources])
        for sid, cell in cells.items():
            if sid == reference:
                continue
            pair = Pair(cells[reference], cell, rules, lexicon)
            if reference == alignment.base:
                scores[sid].append(pair.agreement)
            row.flags += _flag_pair(pair, detectors)
    closeness = {sid: (sum(v) / len(v) if v else 0.0) for sid, v in scores.items()}
    for row, cells, reference in later:
        row.flags += flag_paragraph_presence(cells, ids, alignment.base, closeness, rules)
        for sid, cell in cells.items():
            if sid != reference:
                gaps = flag_merged_gaps(cells[reference], cell, closeness, rules)
                if gaps:
                    row.flags = [f for f in row.flags if not _inside_any(f, gaps)] + gaps
    for row in rows:
        row.flags = sort_flags(row.flags)


def flag_alignment(alignment: Alignment, config: Config) -> None:
    """Fill ``row.flags`` for every row (nothing when ``flags.enabled`` is off)."""
    if not config.flags.enabled:
        for row in alignment.rows:
            row.flags = []
        return
    flag_rows(alignment, alignment.rows, compile_rules(config.flags))
