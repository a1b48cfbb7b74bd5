"""A paragraph of thousands of sentences (a page with no paragraph breaks) costs time in proportion to its length."""

from __future__ import annotations

import random
import time

from srccompare.engine.align.pair import align_two
from srccompare.engine.align.pairwise import PairSettings
from srccompare.engine.align.sentence_search import CORRIDOR, LONG_BEAD, calibration_partners, corridor
from srccompare.engine.align.sentences import split_sentences
from tests.align.prose import source

WORDS = "the port union strike said ships minister wages talks harbour city council monday agreed crews".split()


def one_paragraph(sentences: int, seed: int) -> tuple[str, str]:
    """One paragraph of ``sentences`` sentences, and a copy with some sentences dropped and words changed."""
    rng = random.Random(seed)
    made = [
        " ".join(rng.choice(WORDS) for _ in range(rng.randint(6, 16))).capitalize() + f" {rng.randint(1, 9999)}."
        for _ in range(sentences)
    ]
    edited = [s.replace("port", "harbour", 1) if rng.random() < 0.1 else s for s in made if rng.random() > 0.03]
    return " ".join(made), " ".join(edited)


def _pair_cpu_seconds(sentences: int) -> float:
    text_a, text_b = one_paragraph(sentences, seed=sentences)
    a, b = source("a.txt", [text_a.strip()]), source("b.txt", [text_b.strip()])
    ta, tb = split_sentences(a), split_sentences(b)
    settings = PairSettings(threshold=0.2, max_group=3, candidates=12, detect_moves=True)
    start = time.process_time()
    result = align_two(a, b, ta, tb, set(), set(), settings)
    spent = time.process_time() - start
    assert len(result.links) > sentences // 2  # the sentences were linked, not given up on
    return spent


def test_one_long_paragraph_costs_time_in_proportion_to_its_length():
    # Quadrupling the sentences may at most 8x the time: linear is 4x, the whole square 16x.
    # Interleaved, best of three, so passing load hits both sizes alike.
    best_small = best_large = float("inf")
    for _ in range(3):
        best_small = min(best_small, _pair_cpu_seconds(150))
        best_large = min(best_large, _pair_cpu_seconds(600))
    assert best_large <= 8 * best_small, (best_small, best_large)


def test_short_beads_keep_the_whole_band():
    assert corridor([0, 0, 1, 1, 1], [0, 1, 1], 3) is None


def test_a_long_bead_keeps_near_its_diagonal():
    n = 4 * LONG_BEAD
    lanes = corridor([-1] + [0] * n, [0] * (2 * n) + [-2], 2 * n + 1)
    assert lanes is not None and lanes[0] == (0, 2 * n + 1)  # a sentence outside the bead: anywhere
    for i in range(n):
        first, last = lanes[1 + i]
        assert first <= 2 * i <= last and last - first <= 2 * CORRIDOR + 1


def _paragraph_pairs(count: int) -> tuple:
    """``count`` one-sentence paragraphs a side, paired one to one."""
    from srccompare.engine.align.beads import Bead

    texts = [f"Sentence number {k} of the story." for k in range(count)]
    a, b = source("a.txt", texts), source("b.txt", texts)
    beads = [Bead((k,), (k,), 1.0) for k in range(count)]
    return split_sentences(a), split_sentences(b), beads


def test_calibration_takes_every_bead_of_a_short_pair():
    ta, tb, beads = _paragraph_pairs(50)
    assert calibration_partners(beads, ta, tb) == [(k, k) for k in range(50)]
    assert calibration_partners([], ta, tb) == []  # (no bead at all: nothing to calibrate on)


def test_calibration_of_a_long_pair_samples_beads_evenly_over_the_whole_text(monkeypatch):
    import srccompare.engine.align.sentence_search as search

    monkeypatch.setattr(search, "CALIBRATION_PAIRS", 100)
    ta, tb, beads = _paragraph_pairs(1000)
    picked = calibration_partners(beads, ta, tb)
    assert 50 <= len(picked) <= 100
    firsts = [x for x, _y in picked]
    assert firsts == sorted(firsts) and firsts[0] == 0 and firsts[-1] >= 900  # from the start to the end
    assert calibration_partners(beads, ta, tb) == picked  # the texts alone decide
