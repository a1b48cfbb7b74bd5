"""``negation`` flags: one source says something did not happen, another that it did.

Only a negation word that the word diff shows as changed can start a flag (cheap:
most rows stop there). Its sentence is then matched with the most similar
sentence on the other side (negation words left out of the comparison); if their
counts of negation words differ in parity ("did not agree" vs "agreed", but not
"did not agree" vs "refused"), the statement was flipped.
"""

from __future__ import annotations

import re

from srccompare.flags.cells import Cell, Pair, make_flag
from srccompare.model import Flag, Span

_CONTRACTION = re.compile(r"n['’]t\b")
SIMILAR = 0.5
"""Similarity at which two sentences count as the same statement."""


def _cues(keys: tuple[str, ...], rules) -> list[int]:
    """Indices of the words that negate (exception phrases such as "not only" skipped)."""
    words, firsts, phrases = rules.negation_words, rules.negation_firsts, rules.negation_phrases
    out = []
    for i, k in enumerate(keys):
        if k in words or k[-3:] == "n't":
            pass
        elif not (k in firsts and any(keys[i : i + len(p)] == p for p in phrases)):
            continue
        if k in rules.exception_firsts and any(keys[i : i + len(p)] == p for p in rules.negation_exceptions):
            continue
        out.append(i)
    return out


def _cell_cues(cell: Cell, rules) -> set[int]:
    def build(c: Cell) -> set[int]:
        keys = c.key_set
        if (
            keys.isdisjoint(rules.negation_words)
            and keys.isdisjoint(rules.negation_firsts)
            and not any(_CONTRACTION.search(c.text, p.start, p.end) for p in c.pieces)
        ):
            return set()
        return set(_cues(c.words.keys, rules))

    return cell.facts("negation_cues", build)


def _sentence_ranges(cell: Cell) -> list[tuple[int, int]]:
    """Word-index ranges of the cell's sentences."""
    def build(c: Cell) -> list[tuple[int, int]]:
        ranges = []
        for s in c.sentences:
            lo, hi = c.word_index(s.start), c.word_index(s.end - 1)
            if hi < len(c.words.keys) and c.words.starts[hi] < s.end:
                hi += 1
            if hi > lo:
                ranges.append((lo, hi))
        return ranges

    return cell.facts("sentence_ranges", build)


def _ratio(a: tuple[str, ...], b: tuple[str, ...]) -> float:
    from rapidfuzz.distance import Indel

    return Indel.normalized_similarity(a, b)


def flag_negations(pair: Pair) -> list[Flag]:
    rules = pair.rules
    ref_keys, other_keys = pair.ref.words.keys, pair.other.words.keys
    ref_cues, other_cues = _cell_cues(pair.ref, rules), _cell_cues(pair.other, rules)
    if sorted(ref_keys[i] for i in ref_cues) == sorted(other_keys[i] for i in other_cues):
        return []  # the same negation words on both sides (the common case): nothing flipped
    ops = pair.word_ops
    if not ops:
        return []
    changed_ref = {i for _t, i1, i2, _j1, _j2 in ops for i in range(i1, i2)} & ref_cues
    changed_other = {j for _t, _i1, _i2, j1, j2 in ops for j in range(j1, j2)} & other_cues
    if not changed_ref and not changed_other:
        return []
    ref_sents, other_sents = _sentence_ranges(pair.ref), _sentence_ranges(pair.other)
    flags: list[Flag] = []
    done: set[tuple[int, int]] = set()
    for ref_side, changed in ((True, changed_ref), (False, changed_other)):
        mine, theirs = (ref_sents, other_sents) if ref_side else (other_sents, ref_sents)
        my_keys, their_keys = (ref_keys, other_keys) if ref_side else (other_keys, ref_keys)
        my_cues, their_cues = (ref_cues, other_cues) if ref_side else (other_cues, ref_cues)
        for cue in sorted(changed):
            sent = next(((lo, hi) for lo, hi in mine if lo <= cue < hi), None)
            if sent is None:
                continue
            plain = tuple(k for i, k in enumerate(my_keys[sent[0] : sent[1]], sent[0]) if i not in my_cues)
            best, best_ratio = None, 0.0
            for lo, hi in theirs:
                cand = tuple(k for i, k in enumerate(their_keys[lo:hi], lo) if i not in their_cues)
                r = _ratio(plain, cand)
                if r > best_ratio:
                    best, best_ratio = (lo, hi), r
            if best is None or best_ratio < SIMILAR:
                continue
            mine_n = sum(1 for i in range(*sent) if i in my_cues)
            theirs_n = sum(1 for i in range(*best) if i in their_cues)
            if mine_n % 2 == theirs_n % 2:
                continue
            key = (sent[0], best[0]) if ref_side else (best[0], sent[0])
            if key in done:
                continue
            done.add(key)
            flags.append(_flag(pair, ref_side, cue, sent, best))
    return flags


def _flag(pair: Pair, ref_side: bool, cue: int, sent: tuple[int, int], best: tuple[int, int]) -> Flag:
    """Spans: the negation word, and the words in its place on the other side."""
    neg_cell, plain_cell = (pair.ref, pair.other) if ref_side else (pair.other, pair.ref)
    neg_keys = neg_cell.words.keys[sent[0] : sent[1]]
    plain_keys = plain_cell.words.keys[best[0] : best[1]]
    # Where the negation word's neighbourhood lands in the other sentence.
    at = best[0]
    from difflib import SequenceMatcher

    for tag, i1, i2, j1, j2 in SequenceMatcher(None, neg_keys, plain_keys, autojunk=False).get_opcodes():
        if i1 <= cue - sent[0] < max(i2, i1 + 1):
            at = best[0] + (j1 if tag != "equal" else j1 + (cue - sent[0] - i1))
            break
    at = min(at, best[1] - 1)
    neg_span = neg_cell.words.cover(cue, cue + 1)
    plain_span = plain_cell.words.cover(at, at + 1)
    shown_neg = _window(neg_cell, cue, sent)
    shown_plain = _window(plain_cell, at, best)
    ref_shown, other_shown = (shown_neg, shown_plain) if ref_side else (shown_plain, shown_neg)
    message = f"“{ref_shown}” ({pair.ref.id}) vs “{other_shown}” ({pair.other.id})"
    spans = {neg_cell.id: [Span(neg_span.start, neg_span.end)], plain_cell.id: [Span(plain_span.start, plain_span.end)]}
    return make_flag("negation", pair.rules.severity_of("negation"), message, spans)


def _window(cell: Cell, at: int, sent: tuple[int, int], before: int = 2, after: int = 4) -> str:
    lo, hi = max(sent[0], at - before), min(sent[1], at + after + 1)
    text = cell.slice(cell.words.cover(lo, hi))
    return ("…" if lo > sent[0] else "") + " ".join(text.split()) + ("…" if hi < sent[1] else "")
