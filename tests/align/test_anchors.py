"""Identical paragraphs of a long pair are paired before the search, and the search sees only the rest."""

from __future__ import annotations

import itertools
import random

from hypothesis import given, settings
from hypothesis import strategies as st

from srccompare.core.config import load_config
from srccompare.engine.align import align_sources
from srccompare.engine.align.anchors import ANCHOR_MIN_PARAGRAPHS, identical_anchors
from srccompare.engine.align.candidates import anchor_chain
from srccompare.engine.align.sentences import EAGER_SENTENCES, split_sentences
from srccompare.text.normalize import _QUOTES, fold_punctuation
from tests.align.prose import random_paragraphs, source, sources

CONFIG = load_config(None)


def long_story(n: int, seed: int = 7) -> list[str]:
    return random_paragraphs(random.Random(seed), n)


def test_a_copy_is_anchored_whole_however_repetitive():
    paragraphs = ["Yes.", "The pilots said no.", "Yes."] * 400  # nothing is unique: the opening and ending still pair
    a, b = sources(paragraphs, paragraphs)
    ids = list(range(len(paragraphs)))
    assert identical_anchors(a, b, ids, ids) == [(i, i) for i in ids]


def test_anchors_are_identical_paragraphs_in_order_on_both_sides():
    story = long_story(300)
    edited = list(story)
    edited[40] = edited[40].replace(".", " and more.")  # changed
    del edited[100]  # dropped
    edited.insert(200, "A paragraph only the copy has, about 77 tankers.")  # added
    edited[250], edited[251] = edited[251], edited[250]  # swapped
    a, b = sources(story, edited)
    anchors = identical_anchors(a, b, range(len(story)), range(len(edited)))
    assert all(a.paragraph_text(p) == b.paragraph_text(q) for p, q in anchors)
    assert [q for _, q in anchors] == sorted(q for _, q in anchors)
    anchored_a = {p for p, _ in anchors}
    assert 40 not in anchored_a and 100 not in anchored_a
    assert len(anchors) >= len(story) - 4  # all but the edits (and one of the swapped pair)


def test_repeated_paragraphs_next_to_an_anchor_are_paired_with_it():
    story = long_story(50)
    a_paras = story[:25] + ["Advertisement"] * 3 + story[25:]
    b_paras = story[:25] + ["Advertisement"] * 3 + ["An added line."] + story[25:]
    a, b = sources(a_paras, b_paras)
    anchors = dict(identical_anchors(a, b, range(len(a_paras)), range(len(b_paras))))
    assert [anchors.get(p) for p in (25, 26, 27)] == [25, 26, 27]


def test_a_veto_keeps_a_pair_out():
    story = long_story(30)
    a, b = sources(story, story)
    anchors = identical_anchors(a, b, range(30), range(30), lambda p, q: p != 10)
    assert (10, 10) not in anchors and len(anchors) == 29


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 40), st.integers(0, 40)), max_size=60, unique_by=lambda t: t[0]))
def test_the_increasing_run_is_increasing_and_as_long_as_any(pairs):
    pairs = sorted(pairs)
    run = anchor_chain(pairs)
    assert all(x in pairs for x in run)
    assert all(p[0] < q[0] and p[1] < q[1] for p, q in itertools.pairwise(run))
    # Longest, checked against the quadratic dynamic programme.
    best = [1] * len(pairs)
    for k in range(len(pairs)):
        for j in range(k):
            if pairs[j][1] < pairs[k][1]:
                best[k] = max(best[k], best[j] + 1)
    assert len(run) == max(best, default=0)


def test_a_long_edited_copy_aligns_as_the_full_search_would_on_its_edits():
    story = long_story(ANCHOR_MIN_PARAGRAPHS // 2 + 50)
    edited = list(story)
    edited[300] = edited[300].replace(".", ", said the council.")
    del edited[700]
    a, b = sources(story, edited)
    alignment = align_sources([a, b], None, CONFIG)
    rows = [row for row in alignment.rows if len(row.cells) == 2]
    assert len(rows) == len(story) - 1
    changed = [row for row in alignment.rows if row.kind == "changed"]
    assert [row.cells[a.id] for row in changed] == [[300]]
    only = [row for row in alignment.rows if row.kind == "only"]
    assert [row.cells for row in only] == [{a.id: [700]}]
    # Each identical pair is linked sentence by sentence.
    linked = {(link.spans[a.id][0].start, link.spans[b.id][0].start) for row in rows for link in row.links or []}
    assert (a.paragraphs[5].start, b.paragraphs[5].start) in linked


def test_a_long_text_computes_sentence_counts_only_when_asked():
    story = long_story(EAGER_SENTENCES + 10)
    table = split_sentences(source("long.txt", story))
    assert table.counts._done[0] is None
    assert table.counts[0] == table.counts[0] and table.counts._done[0] is not None
    short = split_sentences(source("short.txt", story[:50]))
    assert all(done is not None for done in short.counts._done)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab \n" + "".join(map(chr, _QUOTES))), max_size=300))
def test_folding_long_and_short_texts_is_the_same_table(text):
    assert fold_punctuation(text) == text.translate(_QUOTES)


def _copy_pair(n: int):
    """An ``n``-paragraph text and its copy, split into sentences, ready for the pair step."""
    a, b = sources(long_story(n, seed=n), long_story(n, seed=n))
    return a, b, split_sentences(a), split_sentences(b)


def _pair_cpu_seconds(pair) -> float:
    """CPU time of aligning a text with its copy (the pair step alone, in this process)."""
    import time

    from srccompare.engine.align.pair import align_two
    from srccompare.engine.align.pairwise import PairSettings

    a, b, ta, tb = pair
    settings = PairSettings(threshold=0.2, max_group=3, candidates=12, detect_moves=True)
    start = time.process_time()
    result = align_two(a, b, ta, tb, set(), set(), settings)
    spent = time.process_time() - start
    assert len(result.beads) == len(a.paragraphs)
    return spent


def test_a_long_copy_costs_time_in_proportion_to_its_length():
    # Quadrupling the text may at most 8x the time: linear is 4x, searching all of it 16x or more (and memory
    # caches make a larger input cost a little more than its share).
    # The sizes are interleaved and the best of three kept, so passing load hits both alike.
    small, large = _copy_pair(2 * ANCHOR_MIN_PARAGRAPHS), _copy_pair(8 * ANCHOR_MIN_PARAGRAPHS)
    best_small = best_large = float("inf")
    for _ in range(3):
        best_small = min(best_small, _pair_cpu_seconds(small))
        best_large = min(best_large, _pair_cpu_seconds(large))
    assert best_large <= 8 * best_small, (best_small, best_large)
