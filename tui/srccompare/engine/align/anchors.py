"""Word-for-word identical paragraphs of a long pair, paired before any search (as patience diff does).

A long text set beside its copy, or beside a lightly edited revision, is mostly
paragraphs that are the same on both sides. Pairing first the same opening and
ending, then the paragraphs whose text is unique on each side, in order (the
longest run that is increasing on both sides), then growing those pairs over
identical neighbours, leaves the search
only what differs: its cost follows the edits, not the length. Short pairs
(most stories) skip this and are searched whole, as before.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Sequence

from srccompare.core.model import Source
from srccompare.engine.align.candidates import anchor_chain
from srccompare.text.normalize import fold_punctuation

ANCHOR_MIN_PARAGRAPHS = 2000
"""From this many paragraphs in a pair (both sides), identical paragraphs are paired before the search."""


def paragraph_key(source: Source, index: int) -> bytes:
    """A digest of a paragraph's words and punctuation, whatever its line breaks, spacing and quote styles."""
    text = " ".join(fold_punctuation(source.paragraph_text(index)).split())
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()


def identical_anchors(
    a: Source,
    b: Source,
    a_ids: Sequence[int],
    b_ids: Sequence[int],
    fits: Callable[[int, int], bool] = lambda p, q: True,
) -> list[tuple[int, int]]:
    """Pairs ``(p, q)`` of identical paragraphs, in order on both sides, that may be paired without a search.

    ``fits(p, q)`` vetoes a pair (the caller's own idea of "identical", e.g. the same sentence count).
    """
    keys_a = [paragraph_key(a, p) for p in a_ids]
    keys_b = [paragraph_key(b, q) for q in b_ids]
    # The same opening and the same ending, however repetitive (a copy, or a text that repeats itself).
    head = 0
    while head < min(len(keys_a), len(keys_b)) and keys_a[head] == keys_b[head] and fits(a_ids[head], b_ids[head]):
        head += 1
    tail = 0
    while (
        tail < min(len(keys_a), len(keys_b)) - head
        and keys_a[-1 - tail] == keys_b[-1 - tail]
        and fits(a_ids[-1 - tail], b_ids[-1 - tail])
    ):
        tail += 1
    run = [(x, x) for x in range(head)]
    # Between them, paragraphs unique on each side, in order on both.
    middle_a, middle_b = keys_a[head : len(keys_a) - tail], keys_b[head : len(keys_b) - tail]
    count_a, count_b = Counter(middle_a), Counter(middle_b)
    where_b = {key: y for y, key in enumerate(middle_b, head) if count_b[key] == 1}
    unique = [
        (x, where_b[key])
        for x, key in enumerate(middle_a, head)
        if count_a[key] == 1 and key in where_b and fits(a_ids[x], b_ids[where_b[key]])
    ]
    run += anchor_chain(unique)
    run += [(len(keys_a) - tail + t, len(keys_b) - tail + t) for t in range(tail)]
    if not run:
        return []
    # Grow each pair over identical neighbours (repeated paragraphs such as "Yes." or a rule line).
    taken_a, taken_b = {x for x, _ in run}, {y for _, y in run}
    grown = set(run)
    for step in (1, -1):
        for x, y in run if step == 1 else reversed(run):
            x, y = x + step, y + step
            while (
                0 <= x < len(keys_a)
                and 0 <= y < len(keys_b)
                and x not in taken_a
                and y not in taken_b
                and keys_a[x] == keys_b[y]
                and fits(a_ids[x], b_ids[y])
            ):
                grown.add((x, y))
                taken_a.add(x)
                taken_b.add(y)
                x, y = x + step, y + step
    return [(a_ids[x], b_ids[y]) for x, y in sorted(grown)]
