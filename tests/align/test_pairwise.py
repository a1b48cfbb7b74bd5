import random

from srccompare.engine.align.features import build_space
from srccompare.engine.align.pairwise import (
    WEAK_EVIDENCE_RAISE,
    Bead,
    PairSettings,
    align_pair,
    attach_leftovers,
    pair_threshold,
    prepare,
)
from srccompare.engine.align.similarity import PairSimilarity
from tests.align.prose import REWORDED, STORY, random_paragraphs

SETTINGS = PairSettings(threshold=0.25, max_group=3, candidates=12, detect_moves=True)


def run(a, b, settings=SETTINGS):
    space = build_space([a, b])
    sim = PairSimilarity(space.vectors[0], space.vectors[1], space.norms2[0], space.norms2[1])
    beads = align_pair(sim, list(range(len(a))), list(range(len(b))), settings)
    return sorted((bead.a, bead.b, bead.moved) for bead in beads)


def test_reworded_paragraphs_pair_one_to_one():
    assert run(STORY, REWORDED) == [((i,), (i,), False) for i in range(len(STORY))]


def test_merge_and_split_become_groups():
    first = "Crane drivers joined the pilots on Wednesday, idling 60 cranes along the container terminal."
    second = "They demanded a written promise that no jobs would be automated before 2031."
    a = STORY[:3] + [first + " " + second] + STORY[3:]
    b = [STORY[0] + " " + STORY[1], STORY[2], first, second] + STORY[3:]
    beads = run(a, b)
    assert ((0, 1), (0,), False) in beads
    assert ((3,), (2, 3), False) in beads
    assert ((2,), (1,), False) in beads


def test_omission_and_insertion_are_left_unpaired():
    b = STORY[:2] + ["The weather office expects gales along the whole coast by Thursday night."] + STORY[3:]
    beads = run(STORY, b)
    assert all(2 not in bead_a for bead_a, _, _ in beads)
    assert all(2 not in bead_b for _, bead_b, _ in beads)
    assert len(beads) == len(STORY) - 1


def test_moved_paragraph_is_paired_and_marked():
    b = [STORY[6]] + STORY[:6] + STORY[7:]
    beads = run(STORY, b)
    assert ((6,), (0,), True) in beads
    assert ((0,), (1,), False) in beads


def test_moves_can_be_switched_off():
    b = [STORY[6]] + STORY[:6] + STORY[7:]
    off = PairSettings(threshold=0.25, max_group=3, candidates=12, detect_moves=False)
    assert all(not moved for _, _, moved in run(STORY, b, off))


def test_max_group_one_allows_no_merges():
    b = [STORY[0] + " " + STORY[1]] + STORY[2:]
    one = PairSettings(threshold=0.25, max_group=1, candidates=12, detect_moves=True)
    assert all(len(x) == 1 and len(y) == 1 for x, y, _ in run(STORY, b, one))


def test_long_documents_use_the_band_and_stay_right():
    rng = random.Random(11)
    a = random_paragraphs(rng, 700)
    b = a[:300] + a[301:]
    beads = run(a, b)
    pairs = {(x[0], y[0]) for x, y, _ in beads if len(x) == 1 and len(y) == 1}
    expected = {(i, i if i < 300 else i - 1) for i in range(700) if i != 300}
    assert len(pairs & expected) >= 690


def test_a_move_needs_both_paragraphs_to_prefer_each_other():
    # b0 repeats paragraph 2 (twice over) and paragraph 5; paragraph 5 itself is gone.
    # b0 is quite like 5, but its best partner is 2 (already paired in order): no move of 5.
    blend = STORY[2] + " " + STORY[2].split(",")[0] + " " + STORY[5]
    b = [blend] + STORY[:5] + STORY[6:]
    beads = run(STORY, b)
    assert all(not moved for _, _, moved in beads)
    assert all(5 not in x for x, _, _ in beads)


def test_a_leftover_joins_the_neighbour_that_contains_it():
    b = [STORY[0], STORY[1] + " " + STORY[2]] + STORY[3:]
    space = build_space([STORY, b])
    sim = PairSimilarity(space.vectors[0], space.vectors[1], space.norms2[0], space.norms2[1])
    a_ids, b_ids = list(range(len(STORY))), list(range(len(b)))
    prepare(sim, a_ids, b_ids)
    beads = [Bead((0,), (0,), 1.0), Bead((1,), (1,), 0.7)] + [Bead((i,), (i - 1,), 1.0) for i in range(3, 8)]
    attach_leftovers(sim, beads, a_ids, b_ids, SETTINGS)
    assert beads[1].a == (1, 2)
    assert [bead.a for bead in beads[2:]] == [(i,) for i in range(3, 8)]


# Another outlet's story on the same strike: two facts in common, the rest its own.
OTHER_OUTLET = [
    REWORDED[0],
    "Dock workers in the neighbouring city are planning a vote next month on joining the action.",
    "Several shipping analysts said the dispute reflects a wider shortage of trained pilots in the region.",
    "A local bakery near the harbour has been handing out free bread to the striking crews.",
    "The regional governor, speaking at an unrelated event, urged both sides to keep talking.",
    REWORDED[5],
    "Container rates on routes through the Baltic have edged up this month, brokers said.",
    "The last strike at the port, in 2009, ended after eleven days with a modest pay deal.",
]


def prepared(a, b):
    space = build_space([a, b])
    sim = PairSimilarity(space.vectors[0], space.vectors[1], space.norms2[0], space.norms2[1])
    prepare(sim, list(range(len(a))), list(range(len(b))))
    return sim


def test_versions_of_one_text_keep_the_configured_threshold():
    sim = prepared(STORY, REWORDED)
    assert sim.shared == 1.0
    assert pair_threshold(sim, 0.2) == 0.2


def test_stories_sharing_few_facts_need_stronger_evidence():
    sim = prepared(STORY, OTHER_OUTLET)
    assert sim.shared <= 0.35
    assert pair_threshold(sim, 0.2) == 0.2 + WEAK_EVIDENCE_RAISE >= 0.45
    # Only the shared facts pair; the topical echo (a past strike's length and pay deal) stays apart.
    assert run(STORY, OTHER_OUTLET) == [((0,), (0,), False), ((5,), (5,), False)]


def test_a_paragraph_with_a_far_better_partner_elsewhere_is_no_group_member():
    # b3 ends with a sentence echoing paragraph 4, which itself moved to the end of b.
    echo = " Fishermen blocked the northern quay on Tuesday in support."
    b = STORY[:3] + [STORY[3] + echo] + STORY[5:] + [STORY[4]]
    beads = run(STORY, b)
    assert ((3,), (3,), False) in beads
    assert ((4,), (7,), True) in beads


def test_a_weak_pair_in_order_loses_to_a_strong_partner_out_of_order():
    # Paragraph 4 moved to the end of b; in its old place b has a new paragraph that only echoes it.
    echo = "Dockers marched along the northern quay on Tuesday, some carrying banners."
    b = STORY[:4] + [echo] + STORY[5:] + [STORY[4]]
    beads = run(STORY, b)
    assert ((4,), (8,), True) in beads
    assert all(4 not in bead_b for _, bead_b, _ in beads)
