"""Find annotation targets again after their source text changed.

The four steps of DESIGN.md, tried in order for each target:

1. the offsets still hold the quote (``exact``) -> ``anchored``;
2. the quote occurs elsewhere -> ``relocated`` to the best occurrence;
3. an approximate match scored on the quote, its prefix and suffix and its
   position, accepted only with a clear lead over the runner-up -> ``fuzzy``
   (the reviewer is asked to confirm);
4. otherwise ``orphan``: the target keeps its old offsets and quote, and the
   annotation is kept, listed and can be re-attached. Nothing is ever deleted.

Matching folds case and quote/dash styles one code point at a time, so every
offset found in the folded text is an offset in the real text.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import TYPE_CHECKING

from srccompare.review.model import CONTEXT_CHARS, Target

if TYPE_CHECKING:
    from srccompare.review.store import AnnotationStore

QUOTE_FLOOR = 0.75
"""Least similarity (0-1) of a fuzzy match to the old quote."""
TOTAL_FLOOR = 0.65
"""Least combined score (quote, context, position) of a fuzzy match."""
CLEAR_LEAD = 0.08
"""How far the best fuzzy candidate must score above the runner-up to be trusted."""
SHORT_QUOTE = 8
"""Quotes shorter than this are too common to trust without their context."""
SHORT_QUOTE_FLOOR = 0.5
"""Least similarity of a short quote's match: a changed number may share few characters with the old one."""
SHORT_CONTEXT_FLOOR = 0.75
"""How closely the prefix and suffix around a short quote's match must agree with the old ones."""

_WEIGHTS = {"quote": 0.55, "prefix": 0.175, "suffix": 0.175, "position": 0.1}


# ------------------------------------------------------------------- folding


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    from srccompare.text.normalize import fold_punctuation

    folded = fold_punctuation(ch)
    folded = folded if len(folded) == 1 else ch
    lower = folded.lower()
    return lower if len(lower) == 1 else folded


def fold(text: str) -> str:
    """Case, quote and dash styles folded, keeping exactly one code point per code point."""
    return "".join(map(_fold_char, text))


# ------------------------------------------------------------------- scoring


def _common_suffix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(reversed(a), reversed(b)):
        if x != y:
            break
        n += 1
    return n


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b):
        if x != y:
            break
        n += 1
    return n


def _context_agreement(target: Target, folded: str, start: int, end: int) -> int:
    """How many code points of the old prefix and suffix still surround ``[start, end)``."""
    before = folded[max(0, start - CONTEXT_CHARS) : start]
    after = folded[end : end + CONTEXT_CHARS]
    return _common_suffix(fold(target.prefix), before) + _common_prefix(fold(target.suffix), after)


@dataclass(slots=True)
class _Candidate:
    start: int
    end: int
    quote: float = 0.0
    prefix: float | None = None
    suffix: float | None = None
    position: float = 0.0
    total: float = 0.0


def _similarity(a: str, b: str) -> float:
    from rapidfuzz import fuzz

    if not a and not b:
        return 1.0
    return fuzz.ratio(a, b) / 100.0


def _score(cand: _Candidate, target: Target, folded: str) -> _Candidate:
    quote = fold(target.exact)
    cand.quote = _similarity(quote, folded[cand.start : cand.end]) if quote else 1.0
    if target.prefix:
        before = folded[max(0, cand.start - len(target.prefix)) : cand.start]
        cand.prefix = _similarity(fold(target.prefix), before)
    if target.suffix:
        cand.suffix = _similarity(fold(target.suffix), folded[cand.end : cand.end + len(target.suffix)])
    cand.position = 1.0 - min(1.0, abs(cand.start - target.start) / max(len(folded), 1))
    parts = {"quote": cand.quote, "prefix": cand.prefix, "suffix": cand.suffix, "position": cand.position}
    used = {k: v for k, v in parts.items() if v is not None and (k != "quote" or quote)}
    weight = sum(_WEIGHTS[k] for k in used)
    cand.total = sum(_WEIGHTS[k] * v for k, v in used.items()) / weight
    return cand


# ------------------------------------------------------------------- step 2: exact search


def _occurrences(needle: str, haystack: str) -> list[int]:
    found: list[int] = []
    at = haystack.find(needle)
    while at != -1:
        found.append(at)
        at = haystack.find(needle, at + 1)
    return found


def _exact_search(target: Target, text: str, folded: str) -> tuple[int, int] | None:
    """The best place where the quote occurs verbatim (or differs only in case and quote style).

    Candidates are ranked by how much of the old prefix and suffix still
    surround them, then by nearness to the old start: after text is inserted
    above a common phrase, the nearest copy is often the wrong one, while the
    one with its old neighbours is the one the reviewer meant.
    """
    if target.exact:
        starts = _occurrences(target.exact, text) or _occurrences(fold(target.exact), folded)
        spans = [(s, s + len(target.exact)) for s in starts]
    elif target.prefix or target.suffix:  # a point between two words (e.g. where text is missing)
        key = fold(target.prefix + target.suffix)
        spans = [(s + len(target.prefix), s + len(target.prefix)) for s in _occurrences(key, folded)]
    else:
        return None
    if not spans:
        return None
    return max(spans, key=lambda sp: (_context_agreement(target, folded, *sp), -abs(sp[0] - target.start)))


# ------------------------------------------------------------------- step 3: approximate search


def _windows(pattern: str, folded: str) -> list[tuple[int, int, float]]:
    """Best approximate placement of ``pattern`` in each overlapping window of the text."""
    from rapidfuzz import fuzz

    size = len(pattern)
    step = max(size, 16)
    span = 2 * size + 16
    out: list[tuple[int, int, float]] = []
    for offset in range(0, max(1, len(folded) - size + step), step):
        chunk = folded[offset : offset + span]
        if not chunk.strip():
            continue
        hit = fuzz.partial_ratio_alignment(pattern, chunk)
        if hit is None or hit.score <= 0:
            continue
        out.append((offset + hit.dest_start, offset + hit.dest_end, hit.score / 100.0))
    return out


def _map_index(opcodes: list, index: int) -> int:
    """Where position ``index`` of the pattern lands in the region it was aligned with."""
    for tag, i1, i2, j1, j2 in opcodes:
        if tag != "insert" and i1 <= index < i2:
            return j1 + min(index - i1, j2 - j1) if tag in ("equal", "replace") else j1
    return opcodes[-1][4] if opcodes else 0


def _context_candidates(target: Target, folded: str) -> list[tuple[int, int]]:
    """Places where the quote with its prefix and suffix roughly occurs; the quote's part of each."""
    from rapidfuzz.distance import Levenshtein

    pattern = fold(target.prefix + target.exact + target.suffix)
    if len(pattern) < SHORT_QUOTE:
        return []
    q0, q1 = len(target.prefix), len(target.prefix) + len(target.exact)
    out = []
    for start, end, score in _windows(pattern, folded):
        if score < QUOTE_FLOOR:
            continue
        ops = Levenshtein.opcodes(pattern, folded[start:end]).as_list()
        out.append((start + _map_index(ops, q0), start + _map_index(ops, q1)))
    return out


def _char_class(ch: str) -> str:
    if not ch or ch.isspace():
        return "space"  # the start or end of the text counts as blank space
    return "word" if ch.isalnum() else "punct"


def _edge(folded: str, at: int) -> tuple[str, str]:
    """What meets at position ``at``: the kind of character before and after it."""
    before = folded[at - 1] if at > 0 else ""
    after = folded[at] if at < len(folded) else ""
    return _char_class(before), _char_class(after)


def _refine(cand: tuple[int, int], target: Target, folded: str) -> tuple[int, int]:
    """Move the ends of a rough match to nearby places that fit the quote best.

    An end may only sit where the same kinds of character meet as at the old
    quote's end (a quote that began at a word's start begins at a word's start
    again), so "2,400" is not cut down to "400" because "400" looks closer.
    """
    from rapidfuzz import fuzz

    quote = fold(target.exact)
    start, end = cand
    if not quote:
        return cand
    reach = max(4, len(quote) // 3)
    want_start = (_char_class(target.prefix[-1:]), _char_class(quote[0]))
    want_end = (_char_class(quote[-1]), _char_class(target.suffix[:1]))
    starts = [
        p for p in range(max(0, start - reach), min(len(folded), start + reach) + 1) if _edge(folded, p) == want_start
    ] or [start]
    ends = [
        p for p in range(max(0, end - reach), min(len(folded), end + reach) + 1) if _edge(folded, p) == want_end
    ] or [end]

    prefix, suffix = fold(target.prefix), fold(target.suffix)

    def fit(s: int, e: int) -> float:
        """Likeness of the quote, and (less) of its old surroundings; a nudge towards the rough ends."""
        if e <= s:
            return -1.0
        score = fuzz.ratio(quote, folded[s:e])
        if prefix:
            score += 0.3 * fuzz.ratio(prefix, folded[max(0, s - len(prefix)) : s])
        if suffix:
            score += 0.3 * fuzz.ratio(suffix, folded[e : e + len(suffix)])
        return score - 0.01 * (abs(s - start) + abs(e - end))

    best_s = min(starts, key=lambda p: abs(p - start))
    best_e = min(ends, key=lambda p: abs(p - end))
    for _ in range(2):  # alternate: best start for this end, best end for that start
        best_s = max(starts, key=lambda p: fit(p, best_e))
        best_e = max(ends, key=lambda p: fit(best_s, p))
    return (best_s, best_e) if best_e > best_s else cand


def _fuzzy_search(target: Target, folded: str) -> tuple[int, int] | None:
    quote = fold(target.exact)
    rough: list[tuple[int, int]] = []
    if len(quote.strip()) >= SHORT_QUOTE:
        rough += [(s, e) for s, e, score in _windows(quote, folded) if score >= QUOTE_FLOOR]
    rough += _context_candidates(target, folded)
    if not rough:
        return None
    scored = [_score(_Candidate(*_refine(r, target, folded)), target, folded) for r in set(rough)]
    scored.sort(key=lambda c: c.total, reverse=True)
    distinct: list[_Candidate] = []
    for cand in scored:  # one candidate per place: overlapping ones are the same place
        if all(
            (cand.end <= d.start or cand.start >= d.end) and (cand.start, cand.end) != (d.start, d.end)
            for d in distinct
        ):
            distinct.append(cand)
    best = distinct[0]
    short = len(quote.strip()) < SHORT_QUOTE
    if best.quote < (SHORT_QUOTE_FLOOR if short else QUOTE_FLOOR) or best.total < TOTAL_FLOOR:
        return None
    if short:  # a short quote ("4,200" -> "2,400") is placed by its unchanged surroundings
        context = [v for v in (best.prefix, best.suffix) if v is not None]
        if not context or sum(context) / len(context) < SHORT_CONTEXT_FLOOR:
            return None
    if len(distinct) > 1 and best.total - distinct[1].total < CLEAR_LEAD:
        return None  # two places fit about as well: let the reviewer decide
    return best.start, best.end


# ------------------------------------------------------------------- the four steps


def locate(target: Target, text: str, *, same_hash: bool = False, folded: str | None = None) -> Target:
    """``target`` re-anchored in ``text`` (a new Target; the old one is not changed).

    ``same_hash`` says the source is byte-for-byte the text the target was made
    on; then a target that still holds its quote keeps a pending ``relocated`` or
    ``fuzzy`` state until the reviewer confirms it.
    """
    if target.holds(text):
        keep = same_hash and target.anchor in ("relocated", "fuzzy")
        if same_hash:
            return replace(target, anchor=target.anchor if keep else "anchored")
    folded = fold(text) if folded is None else folded
    found = _exact_search(target, text, folded)
    if found is not None:
        state = "anchored" if found[0] == target.start and target.holds(text) else "relocated"
        if state == "anchored" and target.anchor in ("relocated", "fuzzy"):
            state = target.anchor
        return Target.from_text(target.source, text, *found, anchor=state)
    found = _fuzzy_search(target, folded)
    if found is not None:
        return Target.from_text(target.source, text, *found, anchor="fuzzy")
    return replace(target, anchor="orphan")


@dataclass(slots=True)
class AnchorReport:
    """What re-anchoring did, for the status line and the annotations list."""

    counts: dict[str, int] = field(
        default_factory=lambda: dict.fromkeys(("anchored", "relocated", "fuzzy", "orphan"), 0)
    )
    changed: list[tuple[str, int, str, str]] = field(default_factory=list)
    """(annotation id, target index, old state, new state) for every target whose state or place changed."""
    missing_sources: list[str] = field(default_factory=list)

    @property
    def needs_review(self) -> int:
        return self.counts["fuzzy"] + self.counts["orphan"]

    def summary(self) -> str:
        parts = [f"{n} {state}" for state, n in self.counts.items() if n]
        return ", ".join(parts) if parts else "no targets"


def reanchor_store(store: AnnotationStore, sources: Iterable) -> AnchorReport:
    """Re-anchor every target of ``store`` against ``sources`` (objects with id, text, sha256).

    Targets on sources not given are left as they are. The store's source
    records are updated to the new hashes, so the next run starts from here.
    """
    by_id = {src.id: src for src in sources}
    old_hash: Mapping[str, str] = {rec.id: rec.sha256 for rec in store.sources}
    folded: dict[str, str] = {}
    report = AnchorReport()
    for annotation in store.annotations:
        for i, target in enumerate(annotation.targets):
            src = by_id.get(target.source)
            if src is None:
                if target.source not in report.missing_sources:
                    report.missing_sources.append(target.source)
                continue
            same = old_hash.get(src.id) == src.sha256
            if target.source not in folded and not (same and target.holds(src.text)):
                folded[target.source] = fold(src.text)
            new = locate(target, src.text, same_hash=same, folded=folded.get(target.source))
            if new != target:
                report.changed.append((annotation.id, i, target.anchor, new.anchor))
                annotation.targets[i] = new
            report.counts[new.anchor] += 1
    store.record_sources(by_id.values())
    return report
