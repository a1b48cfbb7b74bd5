"""``negation`` flags: one source says something did not happen, another that it did.

Only a negation word that the word diff shows as changed can start a flag (cheap:
most rows stop there). Its sentence is then matched with the most similar
sentence on the other side (negation words left out of the comparison); if their
counts of negation words differ in parity ("did not agree" vs "agreed", but not
"did not agree" vs "refused"), the statement was flipped.
"""

from __future__ import annotations

import re

from srccompare.core.model import Flag, Span
from srccompare.engine.compare import DIFF_WORD
from srccompare.engine.flags.cells import Cell, Pair, make_flag

_CONTRACTION = re.compile(r"n['’]t\b")
SIMILAR = 0.6
"""Similarity (of their words, negation words left out) at which two sentences count as one statement."""
LINKED_SIMILAR = 0.5
"""The same for linked sentences, whose pairing the aligner has already established."""


def _positions(keys: tuple[str, ...], word: str) -> list[int]:
    """Every index of ``word`` in ``keys`` (tuple.index scans in C)."""
    out: list[int] = []
    i = -1
    while True:
        try:
            i = keys.index(word, i + 1)
        except ValueError:
            return out
        out.append(i)


def _cues(keys: tuple[str, ...], key_set: frozenset[str], rules) -> list[int]:
    """Indices of the words that negate (exception phrases such as "not only" skipped)."""
    candidates = key_set & (rules.negation_words | rules.negation_firsts)
    candidates |= {k for k in key_set if k[-3:] == "n't"} if "n't" in "".join(key_set) else set()
    out = []
    for k in candidates:
        for i in _positions(keys, k):
            if k in rules.negation_firsts and k not in rules.negation_words and k[-3:] != "n't":
                if not any(keys[i : i + len(p)] == p for p in rules.negation_phrases):
                    continue
            exceptions = rules.exceptions_by_word.get(k)
            if exceptions and any(i >= off and keys[i - off : i - off + len(p)] == p for p, off in exceptions):
                continue
            out.append(i)
    return sorted(out)


def _cell_cues(cell: Cell, rules) -> set[int]:
    def build(c: Cell) -> set[int]:
        keys = c.key_set
        if (
            keys.isdisjoint(rules.negation_words)
            and keys.isdisjoint(rules.negation_firsts)
            and not any(_CONTRACTION.search(c.text, p.start, p.end) for p in c.pieces)
        ):
            return set()
        cues = set(_cues(c.words.keys, keys, rules))
        return {i for i in cues if not _answer(c, i)} if "no" in keys else cues

    return cell.facts("negation_cues", build)


_AFTER_ANSWER = frozenset(',.!;:—–"”’')


_BEFORE_ANSWER = frozenset(".!?:;\"“‘'(—–")


def _answer(cell: Cell, index: int) -> bool:
    """A "No" opening a sentence and followed by punctuation ("No, this is...", "“No,” he said")
    answers; it negates nothing. ("He said no." still counts.)"""
    if cell.words.keys[index] != "no":
        return False
    text, start, end = cell.text, cell.words.starts[index], cell.words.ends[index]
    if end >= len(text) or text[end] not in _AFTER_ANSWER:
        return False
    before = text[max(0, start - 40) : start].rstrip(" \t")
    return not before or before[-1] == "\n" or before[-1] in _BEFORE_ANSWER  # first on its line, or after a stop


Sentence = tuple[int, int, tuple[str, ...], int, Span]
_CORRELATIVES = frozenset({"neither", "nor"})


def _count(cues: list[int], keys: tuple[str, ...]) -> int:
    """Negations in one sentence: "neither ... nor ... nor" is one, and adds nothing to a "not"."""
    plain = sum(1 for i in cues if keys[i] not in _CORRELATIVES)
    return plain if plain or len(cues) == 0 else 1


def _sentences(cell: Cell, rules) -> list[Sentence]:
    """Per sentence: word range, its words without negation words, how many negation words, its span."""

    def build(c: Cell) -> list[Sentence]:
        from bisect import bisect_left

        cues = _cell_cues(c, rules)
        ordered = sorted(cues)
        keys = c.words.keys
        out = []
        lo = 0
        for s in c.sentences:
            # Only blank space lies between sentences, so counting each one's words gives the ranges.
            hi = lo + len(DIFF_WORD.findall(c.text, s.start, s.end))
            if hi > lo:
                inside = ordered[bisect_left(ordered, lo) : bisect_left(ordered, hi)]
                plain = tuple(k for i, k in enumerate(keys[lo:hi], lo) if i not in cues) if inside else keys[lo:hi]
                out.append((lo, hi, plain, _count(inside, keys), s))
            lo = hi
        if lo != len(keys):  # never expected; one sentence is a safe answer
            whole = Span(c.pieces[0].start, c.pieces[-1].end)
            return [(0, len(keys), tuple(k for i, k in enumerate(keys) if i not in cues), len(cues), whole)]
        return out

    return cell.facts("negation_sentences", build)


def _changed(cues: set[int], ops, side: int) -> list[int]:
    """The negation words that lie inside an edit op (side 0: reference, 1: other)."""
    from bisect import bisect_right

    spans = [(op[1], op[2]) if side == 0 else (op[3], op[4]) for op in ops]
    starts = [a for a, _b in spans]
    out = []
    for cue in sorted(cues):
        k = bisect_right(starts, cue) - 1
        if k >= 0 and spans[k][0] <= cue < spans[k][1]:
            out.append(cue)
    return out


def flag_negations(pair: Pair) -> list[Flag]:
    from rapidfuzz.distance import Indel

    rules = pair.rules
    ref_keys, other_keys = pair.ref.words.keys, pair.other.words.keys
    ref_cues, other_cues = _cell_cues(pair.ref, rules), _cell_cues(pair.other, rules)
    if sorted(ref_keys[i] for i in ref_cues) == sorted(other_keys[i] for i in other_cues):
        return []  # the same negation words on both sides (the common case): nothing flipped
    ops = pair.word_ops
    changed_ref, changed_other = _changed(ref_cues, ops, 0), _changed(other_cues, ops, 1)
    if not changed_ref and not changed_other:
        return []
    ref_sents, other_sents = _sentences(pair.ref, rules), _sentences(pair.other, rules)
    ref_whole: list[Sentence] = []
    other_whole: list[Sentence] = []
    similar = SIMILAR
    if pair.ref.spans is not None and pair.other.spans is not None:
        similar = LINKED_SIMILAR  # the aligner already found that these sentences say the same thing
        # Linked sentences: one sentence may say what two say on the other side.
        ref_whole, other_whole = _whole(pair.ref, ref_cues, ref_sents), _whole(pair.other, other_cues, other_sents)
    flags: list[Flag] = []
    done: set[tuple[int, int]] = set()
    from bisect import bisect_right

    for ref_side, changed in ((True, changed_ref), (False, changed_other)):
        mine, theirs = (ref_sents, other_sents) if ref_side else (other_sents, ref_sents)
        starts = [s[0] for s in mine]
        seen: set[int] = set()
        for cue in changed:
            k = bisect_right(starts, cue) - 1
            sent = mine[k] if k >= 0 and mine[k][0] <= cue < mine[k][1] else None
            if sent is None or sent[0] in seen:
                continue
            seen.add(sent[0])
            best, best_ratio = None, 0.0
            for cand in _nearby(theirs, k, len(mine)) + (other_whole if ref_side else ref_whole):
                r = Indel.normalized_similarity(sent[2], cand[2])
                if r > best_ratio:
                    best, best_ratio = cand, r
            if best is None or best_ratio < similar or sent[3] % 2 == best[3] % 2:
                continue
            key = (sent[0], best[0]) if ref_side else (best[0], sent[0])
            if key in done:
                continue
            neg_cell, plain_cell = (pair.ref, pair.other) if ref_side else (pair.other, pair.ref)
            if not _clause_shared(neg_cell, cue, sent, best):
                continue  # the negated clause is not in the other sentence at all: left out, not flipped
            at = _aligned(neg_cell, plain_cell, cue, sent, best)
            their_cues = other_cues if ref_side else ref_cues
            if any(at - NEAR <= i <= at + NEAR for i in their_cues):
                continue  # negated nearby in other words ("neither ... nor" / "do not"): same statement
            done.add(key)
            flags.append(_flag(pair, ref_side, cue, at, sent, best))
    return flags


def _whole(cell: Cell, cues: set[int], sentences: list[Sentence]) -> list[Sentence]:
    """The cell's sentences read as one (none when it has only one)."""
    if len(sentences) < 2:
        return []
    keys = cell.words.keys
    plain = tuple(k for i, k in enumerate(keys) if i not in cues)
    whole = Span(sentences[0][4].start, sentences[-1][4].end)
    return [(0, len(keys), plain, _count(sorted(cues), keys), whole)]


WINDOW = 12
"""Sentences on either side of the expected place that are searched for a counterpart (long cells)."""


def _nearby(items: list, index: int, count: int) -> list:
    """The items around the place matching ``index`` of ``count`` (aligned cells keep their order)."""
    if len(items) <= 2 * WINDOW + 1:
        return items
    centre = round(index * len(items) / max(1, count))
    return items[max(0, centre - WINDOW) : centre + WINDOW + 1]


CLAUSE = 3
"""Words on either side of a negation word that make up what it negates."""
STEM = 4
"""Leading letters two words share to count as one word inflected ("resign" / "resigned")."""
_LIGHT = frozenset(
    "the a an of to in on at by for and or but that which who with as is was were are be been has have had "
    "it its this these those from than so also said says will would could should may might do does did "
    "i you he she we they me him her us them my your his our their".split()
)


def _clause_shared(neg_cell: Cell, cue: int, sent: Sentence, best: Sentence) -> bool:
    """Whether the other sentence has any content word of the negated clause.

    A sentence can match well because the other side holds only part of it (a
    paragraph split mid-sentence puts the rest in another row); when the words
    around the negation are all missing there, that clause was left out, which is
    no flip of the statement.
    """
    keys = neg_cell.words.keys
    around = [k for k in keys[max(sent[0], cue - CLAUSE) : min(sent[1], cue + CLAUSE + 1)] if k not in _LIGHT]
    content = [k for k in around if k != keys[cue]]
    if not content:
        return True
    theirs = set(best[2])
    stems = {k[:STEM] for k in theirs if len(k) >= STEM}
    return any(k in theirs or (len(k) >= STEM and k[:STEM] in stems) for k in content)


NEAR = 4
"""Words around the negation's place on the other side where a negation of its own compensates."""


def _aligned(neg_cell: Cell, plain_cell: Cell, cue: int, sent: Sentence, best: Sentence) -> int:
    """Index of the word in the other sentence that stands where the negation word stands."""
    from rapidfuzz.distance import Levenshtein

    neg_keys = neg_cell.words.keys[sent[0] : sent[1]]
    plain_keys = plain_cell.words.keys[best[0] : best[1]]
    at = best[0]
    for op in Levenshtein.opcodes(neg_keys, plain_keys):
        tag, i1, i2, j1 = op.tag, op.src_start, op.src_end, op.dest_start
        if i1 <= cue - sent[0] < max(i2, i1 + 1):
            at = best[0] + (j1 if tag != "equal" else j1 + (cue - sent[0] - i1))
            break
    return min(at, best[1] - 1)


def _flag(pair: Pair, ref_side: bool, cue: int, at: int, sent: Sentence, best: Sentence) -> Flag:
    """Spans: the negation word, and the word in its place on the other side."""
    neg_cell, plain_cell = (pair.ref, pair.other) if ref_side else (pair.other, pair.ref)
    neg_words, plain_words = _located(neg_cell, sent), _located(plain_cell, best)
    neg_span, plain_span = Span(*neg_words[cue - sent[0]]), Span(*plain_words[at - best[0]])
    shown_neg = _window(neg_cell, neg_words, cue - sent[0])
    shown_plain = _window(plain_cell, plain_words, at - best[0])
    ref_shown, other_shown = (shown_neg, shown_plain) if ref_side else (shown_plain, shown_neg)
    message = f"“{ref_shown}” ({pair.ref.id}) vs “{other_shown}” ({pair.other.id})"
    spans = {neg_cell.id: [neg_span], plain_cell.id: [plain_span]}
    return make_flag("negation", pair.rules.severity_of("negation"), message, spans)


def _located(cell: Cell, sent: Sentence) -> list[tuple[int, int]]:
    """(start, end) of one sentence's words (locating only these is cheaper than the whole cell)."""
    span = sent[4]
    return [m.span() for m in DIFF_WORD.finditer(cell.text, span.start, span.end)]


def _window(cell: Cell, words: list[tuple[int, int]], at: int, before: int = 2, after: int = 4) -> str:
    lo, hi = max(0, at - before), min(len(words), at + after + 1)
    text = cell.text[words[lo][0] : words[hi - 1][1]]
    return ("…" if lo > 0 else "") + " ".join(text.split()) + ("…" if hi < len(words) else "")
