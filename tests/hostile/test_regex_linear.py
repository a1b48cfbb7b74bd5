"""Hostile text costs time in proportion to its length: no regular expression backtracks quadratically.

Each case of :mod:`tests.hostile.hostile_texts` goes through everything the text
layer does with a source (paragraphs, hard-wrap detection, words, sentences, the
flags' rough sentence split, the page-furniture patterns) at two sizes in one
run. Doubling the text may at most about 2.5x the CPU time: linear is 2x,
quadratic 4x. Sizes are interleaved and the best of five kept, so load that
comes and goes hits both alike (and a ratio over the limit is measured once more); a single pass over the small text that already
takes seconds fails at once rather than waiting for the large one.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable

import pytest

from srccompare.core.config import BoilerplateConfig
from srccompare.engine.align.boilerplate import is_pattern_line, lines_of, looks_like_furniture
from srccompare.engine.flags.cells import _SENTENCE_END
from srccompare.text.normalize import tokens
from srccompare.text.segment import sentence_spans, split_paragraphs
from tests.hostile.hostile_texts import HOSTILE

MAX_GROWTH = 2.5
"""Most the time may grow when the input doubles."""
GUARD_SECONDS = 1.0
"""One pass over the small text may take at most this long (a linear pass takes milliseconds)."""
MIN_SAMPLE_SECONDS = 0.03
"""Passes are repeated until one sample takes at least this long, so the clock's grain does not matter."""

SIZES = {"nested list": 100_000, "indented lines": 40_000, "photo credit": 20_000}
DEFAULT_SIZE = 8_000


def text_layer(text: str) -> None:
    """What reading and comparing a source does with its text, short of aligning it."""
    spans, _wrapped = split_paragraphs(text)
    tokens(text)  # the whole text too: the Markdown patterns look at every line start
    config = BoilerplateConfig()
    for span in spans:
        tokens(text, span.start, span.end)
        sentence_spans(text, span.start, span.end)
        paragraph = text[span.start : span.end]
        looks_like_furniture(paragraph, config)
        for line in lines_of(paragraph):
            is_pattern_line(line, config)
    for _match in _SENTENCE_END.finditer(text):
        pass


def _cost(work: Callable[[str], None], text: str, repeats: int) -> float:
    start = time.process_time()
    for _ in range(repeats):
        work(text)
    return time.process_time() - start


def growth(work: Callable[[str], None], make: Callable[[int], str], size: int) -> float:
    """How much longer ``work`` takes on ``make(2 * size)`` than on ``make(size)`` (CPU time, best of five)."""
    small, large = make(size), make(2 * size)
    once = _cost(work, small, 1)
    assert once < GUARD_SECONDS, f"{len(small):,} characters took {once:.2f} s (super-linear?)"
    repeats = max(1, math.ceil(MIN_SAMPLE_SECONDS / max(once, 1e-6)))
    small_best = large_best = math.inf
    for _ in range(5):
        small_best = min(small_best, _cost(work, small, repeats))
        large_best = min(large_best, _cost(work, large, repeats))
    return large_best / small_best


@pytest.mark.parametrize("name", list(HOSTILE))
def test_doubling_a_hostile_text_at_most_about_doubles_the_time(name: str) -> None:
    size = SIZES.get(name, DEFAULT_SIZE)
    ratio = growth(text_layer, HOSTILE[name], size)
    if ratio > MAX_GROWTH:  # a burst of load on a shared machine: measure again (quadratic stays near 4x)
        ratio = min(ratio, growth(text_layer, HOSTILE[name], size))
    assert ratio <= MAX_GROWTH, f"{name}: twice the text took {ratio:.1f}x the time (linear is 2x, quadratic 4x)"


def test_the_texts_are_what_they_claim() -> None:
    """Each text really holds its hostile part at the size asked (else the test above proves nothing)."""
    for name, make in HOSTILE.items():
        size = SIZES.get(name, DEFAULT_SIZE)
        small, large = make(size), make(2 * size)
        assert len(small) >= size * 0.9, name
        assert 1.8 < len(large) / len(small) < 2.2, name
