"""``title`` flags: the same person given another role or title ("former minister" vs "minister").

For each name found in both cells, the title words right before it ("Former U.S.
President Joe Biden") or in an apposition after it ("Jerzy Górecki, a former
transport minister") are collected as a set (synonyms merged) and compared. A
side that gives no title at all is not a change: paraphrases drop titles.
"""

from __future__ import annotations

import re

from srccompare.core.model import Flag, Span
from srccompare.engine.flags.cells import Cell, Pair, make_flag, strip_possessive
from srccompare.engine.flags.names import Entity, cell_entities
from srccompare.text.normalize import fold_word

_FILLERS = frozenset({"of", "the", "for", "and"})
ROLE_AGREEMENT = 0.5
"""Least agreement of two cells for a differently worded role (not a modifier) to be flagged."""
LINKED_ROLE_AGREEMENT = 0.2
"""The same for linked sentences naming two specific offices: the aligner found they say the same
thing, so the same person given another office there is a change however loosely the rest is worded."""
_APPOSITION = re.compile(r"\s*,\s*(?:the\s+|a\s+|an\s+)?", re.IGNORECASE)
_GAP = re.compile(r"[ \t\n\-]{1,2}")
_COMMA_GAP = re.compile(r",[ \t\n]")
_SAME_OFFICE = (
    (frozenset({"general", "director"}), frozenset({"chief", "executive"})),
    (frozenset({"gen", "director"}), frozenset({"chief", "executive"})),
)
"""Offices named in several words that translations render otherwise ("general director" = "chief executive")."""


def _office(title: frozenset[str]) -> frozenset[str]:
    for words, canon in _SAME_OFFICE:
        if words <= title:
            return (title - words) | canon
    return title


def _title_before(cell: Cell, entity: Entity, pair: Pair) -> tuple[frozenset[str], Span | None]:
    spans, text = cell.words.spans, cell.text
    rules = pair.rules
    i = cell.word_index(entity.span.start) - 1
    found: list[str] = []
    first: int | None = None
    skipped = 0
    next_to_name = i
    while i >= 0:
        abbreviation = spans[i].end - spans[i].start <= 3 and text.startswith(". ", spans[i].end)
        # "Litovel's mayor, Zdeňka Horáková": a title word right before the name, set off by a comma.
        comma = i == next_to_name and _COMMA_GAP.fullmatch(text, spans[i].end, spans[i + 1].start) is not None
        if comma and fold_word(strip_possessive(text[spans[i].start : spans[i].end])) not in rules.title_words:
            break
        if not (_GAP.fullmatch(text, spans[i].end, spans[i + 1].start) or abbreviation or comma):
            break  # "U.S. President": the dot of a short abbreviation does not end the title
        key = fold_word(strip_possessive(text[spans[i].start : spans[i].end]))
        if key in rules.title_words:
            found.append(key)
            first = i
            skipped = 0
        elif key in _FILLERS or (text[spans[i].start].isupper() and skipped < 2):
            skipped += 1  # "Minister of Infrastructure", "U.S. President"
        else:
            break
        i -= 1
    span = Span(spans[first].start, spans[cell.word_index(entity.span.start) - 1].end) if first is not None else None
    return _office(frozenset(rules.title_canon.get(k, k) for k in found)), span


def _title_after(cell: Cell, entity: Entity, pair: Pair) -> tuple[frozenset[str], Span | None]:
    text, spans = cell.text, cell.words.spans
    rules = pair.rules
    m = _APPOSITION.match(text, entity.span.end)
    if not m or m.end() == entity.span.end:
        return frozenset(), None
    i = cell.word_index(m.end())
    found: list[str] = []
    last: int | None = None
    first = i
    pending = 0
    while i < len(spans) and (i == first or _GAP.fullmatch(text, spans[i - 1].end, spans[i].start)):
        key = fold_word(strip_possessive(text[spans[i].start : spans[i].end]))
        if key in rules.title_words:
            found.append(key)
            last = i
            pending = 0
        elif key in _FILLERS and pending < 2:
            pending += 1
        else:
            break
        i += 1
    if last is None or spans[first].start != m.end():
        return frozenset(), None
    return _office(frozenset(rules.title_canon.get(k, k) for k in found)), Span(spans[first].start, spans[last].end)


def _titles(cell: Cell, pair: Pair) -> dict[str, tuple[frozenset[str], Span, Entity]]:
    """Name word key -> (title words, title span, entity) for the names that carry a title."""

    def build(c: Cell) -> dict:
        out: dict = {}
        for entity in cell_entities(c, pair):
            before, span_b = _title_before(c, entity, pair)
            after, span_a = _title_after(c, entity, pair)
            title = before | after
            if not title:
                continue
            span = span_b or span_a
            # Keyed by the surname: "Donald Trump" and "Donald Tusk" are not one person.
            out.setdefault(entity.words[-1].vkey, (title, span, entity))
        return out

    return cell.facts("titles", build)


_GENERIC = frozenset({"leader", "head", "chief", "official", "officer", "representative"})
"""Role words a paraphrase uses for any office ("the Ukrainian leader" for the president)."""


def _other_office(title: frozenset[str], o_title: frozenset[str], modifiers: frozenset[str]) -> bool:
    """Both name a specific office, and not the same one (chairman / executive, not president / leader)."""
    mine, theirs = title - modifiers - _GENERIC, o_title - modifiers - _GENERIC
    return bool(mine) and bool(theirs) and not (mine & theirs)


def _same_person(entity: Entity, other_t: dict) -> tuple | None:
    """The titled name of the other side that is this person with the surname spelled otherwise
    (Kovács-Szőke / Kovach-Seke): another word in common, and surnames alike."""
    from srccompare.engine.flags.names import _similar

    mine = {w.vkey for w in entity.words[:-1]}
    for title, span, other in other_t.values():
        if mine & {w.vkey for w in other.words[:-1]} and _similar(entity.words[-1].key, other.words[-1].key):
            return title, span, other
    return None


def flag_titles(pair: Pair) -> list[Flag]:
    ref_t = _titles(pair.ref, pair)
    if not ref_t:
        return []
    other_t = _titles(pair.other, pair)
    flags: list[Flag] = []
    done: set[tuple[int, int]] = set()
    for vkey, (title, span, entity) in ref_t.items():
        hit = other_t.get(vkey) or _same_person(entity, other_t)
        if hit is None:
            continue
        o_title, o_span, _o_entity = hit
        if o_title == title or (span.start, o_span.start) in done:
            continue
        modifiers = pair.rules.title_modifiers
        least = ROLE_AGREEMENT
        if pair.ref.spans is not None and pair.other.spans is not None and _other_office(title, o_title, modifiers):
            least = LINKED_ROLE_AGREEMENT
        if (title & modifiers) == (o_title & modifiers) and pair.agreement < least:
            continue  # only the role's wording differs, in a loose paraphrase
        done.add((span.start, o_span.start))
        name = " ".join(pair.ref.slice(entity.span).split())
        message = (
            f"{' '.join(pair.ref.slice(span).split())} ({pair.ref.id}) vs "
            f"{' '.join(pair.other.slice(o_span).split())} ({pair.other.id}) — {name}"
        )
        flags.append(
            make_flag("title", pair.rules.severity_of("title"), message, {pair.ref.id: [span], pair.other.id: [o_span]})
        )
    return flags
