"""``omission`` / ``addition`` / ``boilerplate`` flags: content some sources have and others lack.

- A paragraph one source of a pair has and the other has no partner for at all is
  found pair by pair (:mod:`.pairwise`); the same paragraph missing from several
  sources becomes one flag (:mod:`.merge`): ``omission`` when most of the sources
  have it, ``addition`` when few do, never depending on the base. Between sources
  that are not close copies it is one step lower, and flagged only when it carries
  a fact (a figure, a name, a quote, a negation); so are sentences of a linked
  paragraph that found no partner.
- Inside a close copy, a clause of several words, a figure or a name that only
  one side has is a (one step lower) omission or addition. Paraphrases are left
  alone: they leave things out all the time.
- Page furniture gets one minor ``boilerplate`` flag a paragraph (``flags/__init__``).
"""

from __future__ import annotations

from srccompare.core.model import Flag, Span
from srccompare.engine.flags.cells import Cell, Pair, excerpt, make_flag
from srccompare.engine.flags.dates import date_differences
from srccompare.engine.flags.names import name_differences
from srccompare.engine.flags.numbers import number_differences

CLAUSE_WORDS = 5
"""Fewest words a dropped or added run must have to count as a clause (three of them content
words the other side does not use anywhere)."""
_LIGHT = frozenset(
    "the a an of to in on at by for and or but that which who with as is was were are be been has have had "
    "it its this these those from than so also said says will would could should may might".split()
)


def flag_partial(pair: Pair, covered: list[tuple[str, Span]], concerns: set[str] | None = None) -> list[Flag]:
    """Facts and clauses on one side only, in close copies; ``covered`` spans are already flagged.

    ``concerns`` names the kinds of fact worth looking at (numbers, dates, names); None means all.
    """
    if not pair.close and not pair.linked:
        return []
    concerns = {"numbers", "dates", "names"} if concerns is None else concerns
    if not pair.close:
        concerns = concerns - {"names"}  # linked sentences of a paraphrase: only figures and dates count
    rules = pair.rules
    flags: list[Flag] = []
    taken = list(covered)

    def free(sid: str, span: Span) -> bool:
        return not any(s == sid and c.start < span.end and span.start < c.end for s, c in taken)

    def add(kind: str, cell: Cell, span: Span, what: str) -> None:
        taken.append((cell.id, span))
        if kind == "omission":
            message = f"{what} in {pair.ref.id}, missing from {pair.other.id}"
        else:
            message = f"{what} in {pair.other.id}, not in {pair.ref.id}"
        severity = rules.severity_of(kind, lower=True)
        flags.append(make_flag(kind, severity, message, {cell.id: [span]}))

    for tag, i1, i2, j1, j2 in pair.word_ops if pair.close else ():
        if tag == "delete" and i2 - i1 >= CLAUSE_WORDS:
            cell, lo, hi, kind, elsewhere = pair.ref, i1, i2, "omission", pair.other.key_set
        elif tag == "insert" and j2 - j1 >= CLAUSE_WORDS:
            cell, lo, hi, kind, elsewhere = pair.other, j1, j2, "addition", pair.ref.key_set
        else:
            continue
        keys = [k for k in cell.words.keys[lo:hi] if k not in _LIGHT]
        missing = [k for k in keys if k not in elsewhere]
        if len(missing) < 3 or len(missing) <= len(keys) / 2:
            continue  # its words moved within the paragraph, or only light words changed
        span = cell.words.cover(lo, hi)
        if free(cell.id, span):
            add(kind, cell, span, f"“{excerpt(cell.slice(span), 60)}”")
    _pairs, lost, gained = number_differences(pair) if "numbers" in concerns else ([], [], [])
    for q in lost:
        if free(pair.ref.id, q.span):
            add("omission", pair.ref, q.span, f"figure {q.text}")
    for q in gained:
        if free(pair.other.id, q.span):
            add("addition", pair.other, q.span, f"figure {q.text}")
    _date_pairs, lost_dates, gained_dates = date_differences(pair) if "dates" in concerns else ([], [], [])
    for d in lost_dates:
        if free(pair.ref.id, d.span):
            add("omission", pair.ref, d.span, f"date {' '.join(d.text.split())}")
    for d in gained_dates:
        if free(pair.other.id, d.span):
            add("addition", pair.other, d.span, f"date {' '.join(d.text.split())}")
    if "names" not in concerns:
        return flags
    names = name_differences(pair)
    for e in names.lost:
        if free(pair.ref.id, e.span):
            add("omission", pair.ref, e.span, f"name {' '.join(pair.ref.slice(e.span).split())}")
    for e in names.gained:
        if free(pair.other.id, e.span):
            add("addition", pair.other, e.span, f"name {' '.join(pair.other.slice(e.span).split())}")
    return flags


def _keys_in(cell: Cell, span: Span) -> tuple[str, ...]:
    lo, hi = cell.word_index(span.start), cell.word_index(span.end - 1) + 1
    return cell.words.keys[lo:hi]


GAP_COVERAGE = 0.25
"""A paragraph of a merged cell whose content words the other side covers less than this is missing there."""


def flag_merged_gaps(ref: Cell, other: Cell, closeness: dict[str, float], rules) -> list[Flag]:
    """A whole paragraph missing inside a merged row (the base has two paragraphs, the copy one)."""
    flags: list[Flag] = []
    if closeness.get(other.id, 0.0) < rules.close_copy:
        return flags  # a paraphrase spreads its content differently: the row is 'changed', not a gap
    for cell, counter, kind in ((ref, other, "omission"), (other, ref, "addition")):
        if len(cell.paragraphs) < 2:
            continue
        have = set(counter.words.keys)
        for piece in cell.pieces:
            keys = {k for k in _keys_in(cell, piece) if k not in _LIGHT}
            if len(keys) < 6 or sum(k in have for k in keys) >= GAP_COVERAGE * len(keys):
                continue
            shown = excerpt(cell.slice(piece), 60)
            if kind == "omission":
                message = f"“{shown}” in {ref.id}, missing from {other.id}"
                severity = rules.severity_of(kind, lower=closeness.get(other.id, 0.0) < rules.close_copy)
            else:
                message = f"“{shown}” in {other.id}, not in {ref.id}"
                severity = rules.severity_of(kind)
            flags.append(make_flag(kind, severity, message, {cell.id: [piece]}))
    return flags
