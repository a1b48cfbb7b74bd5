"""Which sentences of two sources say the same thing, inside the frame the paragraph search set.

A monotone search over the two sentence sequences, banded by the paragraph
beads: one sentence with up to three, within a bead or across the border of two
neighbouring beads (a verse regrouped into the next paragraph), the latter on
stronger evidence. Moved beads get a search of their own. A paragraph of a bead
that no sentence link reaches keeps a whole-paragraph link to its best partner
in the bead, so sentence links only ever refine what the paragraph search found.

Long texts are cut into stretches at firm paragraph pairs (:func:`stretches`),
chosen by the texts alone, and the stretches are searched side by side on the
machine's cores (:mod:`srccompare.engine.cores`).
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from srccompare.engine.align.beads import Bead
from srccompare.engine.align.features import Vector
from srccompare.engine.align.sentence_chain import Corridor, monotone_chain
from srccompare.engine.align.sentence_space import SentenceSpace
from srccompare.engine.align.sentences import SentenceTable

SENTENCE_MARGIN = 0.05  # sentences of one bead are linked above the match threshold plus this (calibrated)
CROSS_MARGIN = 0.2  # ... sentences of neighbouring beads, or of a paragraph no bead took, above this


@dataclass(slots=True)
class SentenceLink:
    """Sentences of ``a`` and of ``b`` (indices into their tables) that say the same thing."""

    a: tuple[int, ...]
    b: tuple[int, ...]
    score: float
    moved: bool = False


def _zones(beads: Sequence[Bead], ids: Sequence[int], side: str) -> dict[int, int]:
    """Each paragraph's zone: ``2k + 1`` inside the k-th ordered bead, ``2k`` in the gap before it."""
    zone: dict[int, int] = {}
    for k, bead in enumerate(beads):
        for p in getattr(bead, side):
            zone[p] = 2 * k + 1
    starts = [min(getattr(bead, side)) for bead in beads]
    for p in ids:
        if p not in zone:
            zone[p] = 2 * bisect.bisect_left(starts, p)
    return zone


LONG_BEAD = 40
"""Sentences on one side beyond which a bead's search keeps near its diagonal."""
CORRIDOR = 12
"""Sentences either side of the diagonal a long bead's search may reach."""


def _bead_partners(bead: Bead, ta: SentenceTable, tb: SentenceTable) -> list[tuple[int, int]]:
    """Sentence pairs of a bead that may be partners, for calibration: all of them, or near the
    diagonal in a long bead (every pair would cost the square of its length)."""
    xs = [x for p in bead.a for x in ta.of(p)]
    ys = [y for q in bead.b for y in tb.of(q)]
    if len(xs) <= LONG_BEAD and len(ys) <= LONG_BEAD:
        return [(x, y) for x in xs for y in ys]
    out = []
    for i, x in enumerate(xs):
        centre = i * len(ys) // len(xs)
        out += [(x, y) for y in ys[max(0, centre - CORRIDOR) : centre + CORRIDOR + 1]]
    return out


CALIBRATION_PAIRS = 10_000
"""Sentence pairs of beads at most whose cosines place 1 on the pair's scale (:meth:`SentenceSpace.calibrate`)."""


def calibration_partners(beads: Sequence[Bead], ta: SentenceTable, tb: SentenceTable) -> list[tuple[int, int]]:
    """The pairs of :func:`_bead_partners` that calibrate the sentence scale: every bead's, or those
    of every k-th bead once there are more than :data:`CALIBRATION_PAIRS`.

    The scale's 1 is a high quantile of the sentences' best cosines; thousands of sentences
    from beads spread evenly over the text give it as well as all of them would, and a long
    pair's calibration runs alone on one core before the search (each pair costs a dot product).
    The beads picked depend on the texts alone.
    """
    partners = [_bead_partners(bd, ta, tb) for bd in beads]
    total = sum(map(len, partners))
    step = max(1, -(-total // CALIBRATION_PAIRS))  # (1 up to the limit)
    return [pair for some in partners[::step] for pair in some]


def corridor(bead_x: Sequence[int], bead_y: Sequence[int], m: int) -> Corridor | None:
    """Per sentence of ``a`` (its bead number in ``bead_x``), the columns of ``b`` it may reach:
    near the diagonal of its bead when the bead is long, anywhere otherwise. None when no bead is long.

    A paragraph of thousands of sentences (a page with no paragraph breaks) would otherwise
    be searched against all of its partner's sentences: time and memory by the square.
    """
    runs_x = _runs(bead_x)
    runs_y = _runs(bead_y)
    out: Corridor | None = None
    for bead, (i0, i1) in runs_x.items():
        if bead < 0 or bead not in runs_y:
            continue
        j0, j1 = runs_y[bead]
        if i1 - i0 <= LONG_BEAD and j1 - j0 <= LONG_BEAD:
            continue
        if out is None:
            out = [(0, m)] * len(bead_x)
        for i in range(i0, i1):
            centre = j0 + (i - i0) * (j1 - j0) // (i1 - i0)
            out[i] = (max(0, centre - CORRIDOR), min(m, centre + CORRIDOR + 1))
    return out


def _runs(beads: Sequence[int]) -> dict[int, tuple[int, int]]:
    """First and past-last index of each bead number (the sentences of a bead are consecutive)."""
    out: dict[int, tuple[int, int]] = {}
    for k, bead in enumerate(beads):
        first, _last = out.get(bead, (k, k))
        out[bead] = (first, k + 1)
    return out


def _monotone_links(
    space: SentenceSpace,
    xs: Sequence[int],
    ys: Sequence[int],
    zx: Sequence[int],
    zy: Sequence[int],
    bead_x: Sequence[int],
    bead_y: Sequence[int],
    moved: bool,
    thresholds: tuple[float, float],
    corridor: Corridor | None = None,
) -> list[SentenceLink]:
    """The best monotone chain of sentence groups between ``xs`` and ``ys`` (:mod:`.sentence_chain`)."""
    chain = monotone_chain(space, xs, ys, zx, zy, bead_x, bead_y, thresholds, corridor)
    return [SentenceLink(tuple(xs[i] for i in ga), tuple(ys[j] for j in gb), cos, moved) for ga, gb, cos in chain]


def sentence_links(
    ta: SentenceTable,
    tb: SentenceTable,
    va: Sequence[Vector],
    vb: Sequence[Vector],
    beads: Sequence[Bead],
    a_ids: Sequence[int],
    b_ids: Sequence[int],
    paragraph_cosine: Callable[[int, int], float],
    threshold: float,
    identical: Callable[[int, int], bool] = lambda p, q: False,
    space: SentenceSpace | None = None,
) -> list[SentenceLink]:
    """Sentence links of a pair, inside and between its paragraph beads.

    ``identical(p, q)`` says that two paragraphs have the same text: paired one to
    one, their sentences are linked in order without a search (a reprint's
    paragraphs mostly are), and the search runs on what lies between them.
    ``space``: the pair's :class:`SentenceSpace` of ``va`` and ``vb``, if made ahead.
    """
    space = space or SentenceSpace(va, vb)
    ordered = sorted((bd for bd in beads if not bd.moved), key=lambda bd: bd.a[0])
    moved = [bd for bd in beads if bd.moved]
    xs_all = [x for p in a_ids for x in ta.of(p)]
    ys_all = [y for q in b_ids for y in tb.of(q)]
    space.calibrate(xs_all, ys_all, calibration_partners(beads, ta, tb))

    in_moved_a = {p for bd in moved for p in bd.a}
    in_moved_b = {q for bd in moved for q in bd.b}
    seq_a = [p for p in a_ids if p not in in_moved_a]
    seq_b = [q for q in b_ids if q not in in_moved_b]
    za_of = _zones(ordered, seq_a, "a")
    zb_of = _zones(ordered, seq_b, "b")
    xs = [x for p in seq_a for x in ta.of(p)]
    ys = [y for q in seq_b for y in tb.of(q)]
    zx = [za_of[ta.paragraph[x]] for x in xs]
    zy = [zb_of[tb.paragraph[y]] for y in ys]
    bead_index_a = {p: k for k, bd in enumerate(ordered) for p in bd.a}
    bead_index_b = {q: k for k, bd in enumerate(ordered) for q in bd.b}
    bead_x = [bead_index_a.get(ta.paragraph[x], -1) for x in xs]
    bead_y = [bead_index_b.get(tb.paragraph[y], -2) for y in ys]

    thresholds = (threshold + SENTENCE_MARGIN, threshold + CROSS_MARGIN)
    search = _Search(space, xs, ys, zx, zy, bead_x, bead_y, thresholds, corridor(bead_x, bead_y, len(ys)))
    same = [
        len(bd.a) == 1 and len(bd.b) == 1 and len(ta.of(bd.a[0])) == len(tb.of(bd.b[0])) and identical(bd.a[0], bd.b[0])
        for bd in ordered
    ]
    cuts = stretches(ordered, zx, zy, same)
    from srccompare.engine.cores import spread

    parallel = len(xs) >= 2 * STRETCH
    links = [link for part in spread(_search_stretch, search, cuts, worth_it=parallel).results() for link in part]
    for bd, twin in zip(ordered, same):
        if twin:
            pairs = zip(ta.of(bd.a[0]), tb.of(bd.b[0]))
            links += [SentenceLink((x,), (y,), space.cosine(x, y)) for x, y in pairs]
    links.sort(key=lambda link: (link.a[0], link.b[0]))
    for bd in moved:
        mx = [x for p in bd.a for x in ta.of(p)]
        my = [y for q in bd.b for y in tb.of(q)]
        lane = corridor([0] * len(mx), [0] * len(my), len(my))
        flat = [0] * len(mx), [0] * len(my)  # one bead, one zone
        links += _monotone_links(space, mx, my, *flat, *flat, True, thresholds, lane)
    _keep_bead_links(links, beads, ta, tb, paragraph_cosine)
    return links


STRETCH = 2500
"""Sentences of ``a`` a stretch of the search holds at least before it may end (long texts only)."""

Box = tuple[int, int, int, int]


@dataclass(slots=True)
class _Search:
    """The in-order sentence search of a pair, shared by its stretches."""

    space: SentenceSpace
    xs: list[int]
    ys: list[int]
    zx: list[int]
    zy: list[int]
    bead_x: list[int]
    bead_y: list[int]
    thresholds: tuple[float, float]
    corridor: Corridor | None = None


def stretches(
    ordered: Sequence[Bead], zx: Sequence[int], zy: Sequence[int], same: Sequence[bool] | None = None
) -> list[Box]:
    """Cut the in-order search into stretches ``(i0, i1, j0, j1)`` at firm paragraph pairs.

    A cut falls between two neighbouring one-to-one beads with nothing
    unpaired between them, once a stretch holds :data:`STRETCH` sentences of
    ``a``: a sentence link could only cross it on evidence against both beads.
    A bead marked in ``same`` (two identical paragraphs, linked without a
    search) is left out, and the stretches end on either side of it. The cuts
    depend on the texts alone, never on the machine.
    """
    n, m = len(zx), len(zy)
    twins = same if same is not None else [False] * len(ordered)
    boxes: list[Box] = []
    i0 = j0 = 0
    for k, here in enumerate(ordered):
        zone = 2 * k + 1
        if twins[k]:
            boxes.append((i0, bisect.bisect_left(zx, zone), j0, bisect.bisect_left(zy, zone)))
            i0, j0 = bisect.bisect_right(zx, zone), bisect.bisect_right(zy, zone)
            continue
        if k + 1 == len(ordered) or twins[k + 1]:
            continue
        after = ordered[k + 1]
        if len(here.a) != 1 or len(here.b) != 1 or len(after.a) != 1 or len(after.b) != 1:
            continue
        if after.a[0] != here.a[0] + 1 or after.b[0] != here.b[0] + 1:
            continue  # an unpaired paragraph (or a moved one) lies between them
        i = bisect.bisect_left(zx, zone + 2)  # the first sentence of the next bead
        j = bisect.bisect_left(zy, zone + 2)
        if i - i0 >= STRETCH and n - i >= STRETCH // 2 and j0 < j < m:
            boxes.append((i0, i, j0, j))
            i0, j0 = i, j
    boxes.append((i0, n, j0, m))
    return [box for box in boxes if box[0] < box[1] and box[2] < box[3]]


def _search_stretch(search: _Search, box: Box) -> list[SentenceLink]:
    i0, i1, j0, j1 = box
    lane = None
    if search.corridor is not None:
        lane = [(max(0, first - j0), max(0, last - j0)) for first, last in search.corridor[i0:i1]]
    return _monotone_links(
        search.space,
        search.xs[i0:i1],
        search.ys[j0:j1],
        search.zx[i0:i1],
        search.zy[j0:j1],
        search.bead_x[i0:i1],
        search.bead_y[j0:j1],
        False,
        search.thresholds,
        lane,
    )


def _keep_bead_links(
    links: list[SentenceLink],
    beads: Sequence[Bead],
    ta: SentenceTable,
    tb: SentenceTable,
    paragraph_cosine: Callable[[int, int], float],
) -> None:
    """A paragraph the paragraph search paired keeps a link to its best partner in the bead."""
    reached_a: dict[int, set[int]] = {}
    reached_b: dict[int, set[int]] = {}
    for link in links:
        pa = {ta.paragraph[x] for x in link.a}
        pb = {tb.paragraph[y] for y in link.b}
        for p in pa:
            reached_a.setdefault(p, set()).update(pb)
        for q in pb:
            reached_b.setdefault(q, set()).update(pa)
    for bd in beads:
        for p in bd.a:
            if not reached_a.get(p, set()) & set(bd.b):
                q = max(bd.b, key=lambda q: (paragraph_cosine(p, q), -q))
                links.append(SentenceLink(tuple(ta.of(p)), tuple(tb.of(q)), paragraph_cosine(p, q), bd.moved))
                reached_a.setdefault(p, set()).add(q)
                reached_b.setdefault(q, set()).add(p)
        for q in bd.b:
            if not reached_b.get(q, set()) & set(bd.a):
                p = max(bd.a, key=lambda p: (paragraph_cosine(p, q), -p))
                links.append(SentenceLink(tuple(ta.of(p)), tuple(tb.of(q)), paragraph_cosine(p, q), bd.moved))
                reached_a.setdefault(p, set()).add(q)
                reached_b.setdefault(q, set()).add(p)
