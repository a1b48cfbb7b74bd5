"""Beads: groups of paragraphs of two sources that say the same thing, and what one is worth.

A bead pairs one paragraph with one, or a group of up to ``max_group`` adjacent
paragraphs on one side with a group on the other (merges and splits).
Similarities are judged on the pair's calibrated scale
(:meth:`PairSimilarity.calibrate`); a bead earns, per paragraph in it, how far
that paragraph's similarity to the whole other side clears the threshold, minus
a small price per extra paragraph, so a merge is taken only when every member
belongs and it explains the text better than pairing one with one.

A paragraph whose own mutual best partner lies elsewhere, and fits far better
there, is no member of a bead (:meth:`BeadScorer.claimed_elsewhere`): it only sits
beside the text, and its partner is usually moved.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from srccompare.engine.align.candidates import RareIndex, anchor_chain, band, candidates_for, rare_index
from srccompare.engine.align.similarity import PairSimilarity, calibration_sample

# Tuned on paraphrase cases (align-dev) and checked on news versions; the F1 is flat around them.
MERGE_PENALTY = 0.06  # price per paragraph beyond one-to-one
MEMBER_SLACK = 0.0  # each group member must clear threshold * (1 - slack) against the other side
RELATED_SHARE = 0.5  # a member must relate (threshold * share) to at least one paragraph opposite
ATTACH_SHARE = 1.5  # a leftover joins a neighbour's bead above threshold * share
SENTENCE_COVER = 0.9  # ... or when one of its sentences fits that side about as well as typical partners do
MOVE_MARGIN = 0.08  # moves need threshold + margin (and mutual best partners)
ELSEWHERE_MARGIN = 0.5  # a member whose mutual best partner elsewhere beats its fit here by this much is no member
BLOCK_SHARE = 0.5  # next-door neighbours of a moved pair follow it above threshold * share
FULL_GRID_CELLS = 40_000  # up to about 200 x 200 paragraphs the whole grid is searched
FULL_MOVE_PAIRS = 10_000  # beyond this many leftover pairs, moves come from the index
BAND_WIDTH = 24  # paragraphs either side of the anchor line
# Thresholds by evidence: two versions of one text give most paragraphs a confident,
# mutual partner; two stories on one event (another outlet, a translated rewrite) give
# few, and their weaker resemblances are mostly shared topic, not shared facts.
SHARED_FULL = 0.65  # with this share of confident mutual partners or more, the threshold stands
SHARED_RAMP = 0.3  # below it, the threshold rises over this much less sharing ...
WEAK_EVIDENCE_RAISE = 0.3  # ... by up to this much


@dataclass(slots=True)
class Bead:
    """Paragraph indices of ``a`` and ``b`` that say the same thing (one row of a pairwise alignment)."""

    a: tuple[int, ...]
    b: tuple[int, ...]
    score: float
    moved: bool = False


def pair_threshold(sim: PairSimilarity, threshold: float) -> float:
    """The match threshold for this pair of texts: higher when they share few confident partners."""
    lack = min(1.0, max(0.0, (SHARED_FULL - sim.shared) / SHARED_RAMP))
    return threshold + WEAK_EVIDENCE_RAISE * lack


@dataclass(slots=True)
class PairSettings:
    threshold: float
    max_group: int
    candidates: int
    detect_moves: bool


def bead_shapes(max_group: int) -> list[tuple[int, int]]:
    shapes = [(1, 1)]
    for k in range(1, max_group + 1):
        for kb in range(1, max_group + 1):
            if (k, kb) != (1, 1) and (k == 1 or kb == 1 or k + kb <= 4):
                shapes.append((k, kb))
    return shapes


class BeadScorer:
    """Value of pairing two groups; ``None`` when the groups do not belong together.

    Similarities are on the pair's calibrated scale (see
    :meth:`PairSimilarity.calibrate`). A bead earns, for each paragraph in it, how
    far that paragraph's similarity to the whole other side exceeds the threshold,
    so a merge only wins when every member really is part of the other side.
    """

    def __init__(self, sim: PairSimilarity, a_ids: Sequence[int], b_ids: Sequence[int], threshold: float) -> None:
        self.sim, self.a_ids, self.b_ids = sim, a_ids, b_ids
        self.threshold = threshold
        self.related_floor = sim.unrelated + sim.spread * threshold * RELATED_SHARE

    def corner_related(self, i: int, j: int, reach: int) -> bool:
        """Can any bead end at grid point ``(i, j)``? Its last paragraphs must each relate to the other side."""
        sim, low = self.sim, self.related_floor
        ai, bj = self.a_ids[i - 1], self.b_ids[j - 1]
        if not any(sim.cosine(ai, self.b_ids[y]) >= low for y in range(max(0, j - reach), j)):
            return False
        return any(sim.cosine(self.a_ids[x], bj) >= low for x in range(max(0, i - reach), i))

    def claimed_elsewhere(self, ga: Sequence[int], gb: Sequence[int], members: Sequence[float]) -> bool:
        """Whether a member of the bead has a far better partner outside it (both prefer each other).

        Such a member is not part of the other side's text: it only sits next to
        paragraphs that are, and its own partner is elsewhere (often moved).
        """
        sim, t = self.sim, self.threshold
        floor = t + MOVE_MARGIN
        for k, a in enumerate(ga):
            y = sim.best_b.get(a)
            if y is not None and y not in gb and sim.best_a.get(y) == a:
                s = sim.scaled(sim.cosine(a, y))
                if s >= floor and s - t >= members[k] + ELSEWHERE_MARGIN:
                    return True
        for k, b in enumerate(gb, start=len(ga)):
            x = sim.best_a.get(b)
            if x is not None and x not in ga and sim.best_b.get(x) == b:
                s = sim.scaled(sim.cosine(x, b))
                if s >= floor and s - t >= members[k] + ELSEWHERE_MARGIN:
                    return True
        return False

    def value(self, i0: int, i1: int, j0: int, j1: int) -> tuple[float, float] | None:
        """Score of the bead ``a_ids[i0:i1]`` x ``b_ids[j0:j1]`` and its (raw) cosine."""
        sim, t = self.sim, self.threshold
        ga, gb = self.a_ids[i0:i1], self.b_ids[j0:j1]
        if len(ga) == 1 and len(gb) == 1:
            cos = sim.cosine(ga[0], gb[0])
            scaled = sim.scaled(cos)
            if scaled < t:
                return None
            if self.claimed_elsewhere(ga, gb, (scaled - t, scaled - t)):
                return None  # a weak pair in order loses to a strong one out of order (moved)
            return 2.0 * (scaled - t), cos
        if ga[-1] - ga[0] != len(ga) - 1 or gb[-1] - gb[0] != len(gb) - 1:
            return None  # a group never straddles furniture or another row
        # Cheap test first: every member must be related to someone on the other side.
        low = self.related_floor
        for x in ga:
            if all(sim.cosine(x, y) < low for y in gb):
                return None
        for y in gb:
            if all(sim.cosine(x, y) < low for x in ga):
                return None
        cos = sim.group_cosine(ga, gb)
        if sim.scaled(cos) < t:
            return None
        members = [sim.scaled(c) - t for c in sim.member_cosines(ga, gb)]
        if min(members) < -t * MEMBER_SLACK:
            return None
        if self.claimed_elsewhere(ga, gb, members):
            return None
        size = len(ga) + len(gb)
        return sum(members) - MERGE_PENALTY * (size - 2), cos


def prepare(sim: PairSimilarity, a_ids: Sequence[int], b_ids: Sequence[int]) -> list[tuple[int, int]] | None:
    """Calibrate ``sim`` on this pair, note each paragraph's best partner, and return the search band.

    Small inputs compare every pair (and search the whole grid: None); large ones
    only the candidates from the inverted index, which also yield the anchors the
    band is drawn around.
    """
    n, m = len(a_ids), len(b_ids)
    full = (n + 1) * (m + 1) <= FULL_GRID_CELLS
    if full:
        sim.every_dot(a_ids, b_ids)  # every pair is asked: made at once, the same values
        pairs: Iterable[tuple[int, int]] = ((i, j) for i in a_ids for j in b_ids)
    else:
        cands = _candidates(sim, a_ids, b_ids)
        pairs = ((a_ids[x], b_ids[y]) for x, lst in cands.items() for y, _ in lst)
    best_for_a: dict[int, tuple[float, int]] = {}
    best_for_b: dict[int, tuple[float, int]] = {}
    for i, j in pairs:
        cos = sim.cosine(i, j)
        if cos > best_for_a.get(i, (-1.0, -1))[0]:
            best_for_a[i] = (cos, j)
        if cos > best_for_b.get(j, (-1.0, -1))[0]:
            best_for_b[j] = (cos, i)
    sim.best_b = {i: j for i, (_, j) in best_for_a.items()}
    sim.best_a = {j: i for j, (_, i) in best_for_b.items()}
    sim.calibrate(a_ids, b_ids, [c for c, _ in best_for_a.values()] + [0.0] * (n - len(best_for_a)))
    floor = sim.unrelated + sim.spread * 0.5
    confident = [(i, j) for i, (c, j) in best_for_a.items() if c >= floor and sim.best_a.get(j) == i]
    sim.shared = len(confident) / max(1, min(n, m))
    if full:
        return None
    pos_a = {i: k for k, i in enumerate(a_ids)}
    pos_b = {j: k for k, j in enumerate(b_ids)}
    mutual = [(pos_a[i], pos_b[j]) for i, j in confident]
    return band(n, m, anchor_chain(mutual), BAND_WIDTH)


def _candidates(sim: PairSimilarity, a_ids: Sequence[int], b_ids: Sequence[int]) -> dict[int, list[tuple[int, float]]]:
    """:func:`.candidates.candidate_pairs` of the pair, with the dot products :func:`prepare` asks next
    (each candidate pair, and the pairs calibration samples) made on the way.

    Made in one piece: a long pair's search runs in a worker while this process makes the sentence
    vectors and what the rows and flags need, so the cores are taken already (on the New Testament
    pair, spreading these over two more workers took 0.40 s against 0.34 s in one).
    """
    shared = (sim, a_ids, b_ids, rare_index([sim.b[j] for j in b_ids]), calibration_sample(a_ids, b_ids))
    cands, dots = _candidates_piece(shared, (0, len(a_ids)))
    sim.preload(dots)
    return cands


def _candidates_piece(
    shared: tuple[PairSimilarity, Sequence[int], Sequence[int], RareIndex, list[tuple[int, int]]],
    piece: tuple[int, int],
) -> tuple[dict[int, list[tuple[int, float]]], dict[tuple[int, int], float]]:
    sim, a_ids, b_ids, index, sample = shared
    lo, hi = piece
    cands = candidates_for([sim.a[i] for i in a_ids[lo:hi]], index, len(b_ids), 4, offset=lo)
    mine = set(a_ids[lo:hi])
    asked = [(a_ids[x], b_ids[y]) for x, lst in cands.items() for y, _ in lst]
    asked += [(i, j) for i, j in sample if i in mine]
    return cands, {(i, j): sim.dot_ab(i, j) for i, j in asked}
