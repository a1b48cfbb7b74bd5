"""Two sources aligned on their own evidence: paragraph beads, then sentence links inside and between them.

A pair's result depends only on its two texts and the settings (DESIGN.md):
rare-word weights come from these two texts alone, never from the other
sources of a run, so the links of a pair are the same whichever base is chosen
and whatever else is aligned beside it.

The paragraph search (:mod:`.pairwise`) decides which paragraphs say the same
thing, merges and splits included. Inside that frame a second, finer search
pairs sentences (:mod:`.sentence_search`), so sentence links only ever refine
what the paragraph search found.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from srccompare.core.model import Source
from srccompare.engine.align.features import Vector
from srccompare.engine.align.pairwise import Bead, PairSettings
from srccompare.engine.align.sentence_search import SentenceLink, sentence_links
from srccompare.engine.align.sentences import SentenceTable
from srccompare.engine.align.similarity import Calibration, PairSimilarity
from srccompare.engine.cores import Pending

__all__ = ["PairResult", "SentenceLink", "align_two"]


@dataclass(slots=True)
class PairResult:
    """The alignment of one pair of sources, ready to be placed into rows."""

    a: str
    b: str
    links: list[SentenceLink] = field(default_factory=list)
    beads: list[Bead] = field(default_factory=list)

    def paragraph_links(self, ta: SentenceTable, tb: SentenceTable) -> set[tuple[int, int]]:
        """Pairs (paragraph of a, paragraph of b) joined by some link."""
        out: set[tuple[int, int]] = set()
        for link in self.links:
            pa = {ta.paragraph[x] for x in link.a}
            pb = {tb.paragraph[y] for y in link.b}
            out.update((p, q) for p in pa for q in pb)
        return out


def _is_headline(source: Source, index: int) -> bool:
    from srccompare.engine.align.boilerplate import is_headline

    text = source.paragraph_text(index)
    return "\n" not in text.strip() and is_headline(text)


def _pair_headlines(
    a: Source,
    b: Source,
    a_ids: Sequence[int],
    b_ids: Sequence[int],
    beads: list[Bead],
    cosine: Callable[[int, int], float],
    furniture: tuple[set[int], set[int]],
) -> None:
    """Two tellings that both open with a headline: the headlines go together.

    Outlets word headlines freely (one leads with the share price, another with
    the recall), so the words alone may pair a headline with the other's lead;
    but a reader compares title with title. Needs some shared word all the same,
    and text right after it: a scraped page's browser title comes before its menu.
    """
    if not a_ids or not b_ids:
        return
    a0, b0 = a_ids[0], b_ids[0]
    if not (_is_headline(a, a0) and _is_headline(b, b0)) or cosine(a0, b0) <= 0:
        return
    if a0 + 1 in furniture[0] or b0 + 1 in furniture[1]:
        return
    for bead in beads:  # either headline already sits with a headline (a page title repeats one)
        if (a0 in bead.a and any(_is_headline(b, q) for q in bead.b)) or (
            b0 in bead.b and any(_is_headline(a, p) for p in bead.a)
        ):
            return
    for bead in list(beads):
        bead.a = tuple(p for p in bead.a if p != a0)
        bead.b = tuple(q for q in bead.b if q != b0)
        if not bead.a or not bead.b:
            beads.remove(bead)
    beads.insert(0, Bead((a0,), (b0,), cosine(a0, b0)))


def align_two(
    a: Source,
    b: Source,
    ta: SentenceTable,
    tb: SentenceTable,
    furniture_a: set[int],
    furniture_b: set[int],
    settings: PairSettings,
    meanwhile: Callable[[], None] | None = None,
) -> PairResult:
    """Align ``a`` with ``b`` on their own evidence (see the module docstring); ``meanwhile`` as
    :func:`srccompare.engine.align.align_sources` says."""
    from srccompare.engine.align.anchors import ANCHOR_MIN_PARAGRAPHS, identical_anchors

    a_ids = [i for i in range(len(a.paragraphs)) if i not in furniture_a]
    b_ids = [j for j in range(len(b.paragraphs)) if j not in furniture_b]

    def identical(p: int, q: int) -> bool:
        """The same words sentence by sentence (however quoted, dashed or wrapped)."""
        xs, ys = ta.of(p), tb.of(q)
        return len(xs) == len(ys) and all(ta.counts[x] == tb.counts[y] for x, y in zip(xs, ys))

    anchors: list[tuple[int, int]] = []
    if len(a_ids) + len(b_ids) >= ANCHOR_MIN_PARAGRAPHS:
        anchors = identical_anchors(a, b, a_ids, b_ids, lambda p, q: len(ta.of(p)) == len(tb.of(q)))
    fixed_a, fixed_b = {p for p, _ in anchors}, {q for _, q in anchors}
    rest_a = [i for i in a_ids if i not in fixed_a]
    rest_b = [j for j in b_ids if j not in fixed_b]
    beads, links = _search(a, b, ta, tb, rest_a, rest_b, settings, identical, (furniture_a, furniture_b), meanwhile)
    for p, q in anchors:  # one to one, sentence by sentence, in order: nothing to search
        beads.append(Bead((p,), (q,), 1.0))
        links += [SentenceLink((x,), (y,), 1.0) for x, y in zip(ta.of(p), tb.of(q))]
    if anchors:
        beads.sort(key=lambda bead: bead.a[0])
        links.sort(key=lambda link: (link.a[0], link.b[0]))
    return PairResult(a.id, b.id, links, beads)


def _search(
    a: Source,
    b: Source,
    ta: SentenceTable,
    tb: SentenceTable,
    a_ids: list[int],
    b_ids: list[int],
    settings: PairSettings,
    identical: Callable[[int, int], bool],
    furniture: tuple[set[int], set[int]],
    meanwhile: Callable[[], None] | None = None,
) -> tuple[list[Bead], list[SentenceLink]]:
    """Beads and sentence links found by searching the paragraphs ``a_ids`` and ``b_ids``.

    Only these paragraphs are vectorised, and rare-word weights come from them
    alone (for a short pair, that is every paragraph that is not furniture).
    """
    from srccompare.engine.align.features import (
        count_paragraphs,
        norms_on_use,
        shared_idf,
        weigh,
        weigh_all,
        weighed_on_use,
    )
    from srccompare.engine.align.pairwise import align_pair
    from srccompare.engine.align.sentence_space import SentenceSpace
    from srccompare.engine.align.similarity import PairSimilarity
    from srccompare.engine.collector import let_go
    from srccompare.engine.cores import in_background

    if not a_ids and not b_ids:
        return [], []
    searched = len(a_ids) + len(b_ids) + len(furniture[0]) + len(furniture[1])
    whole = searched == len(a.paragraphs) + len(b.paragraphs)  # nothing was paired before the search
    if whole:
        texts_a = [a.paragraph_text(i) for i in range(len(a.paragraphs))]
        texts_b = [b.paragraph_text(j) for j in range(len(b.paragraphs))]
        known_a, known_b = ta.paragraph_counts, tb.paragraph_counts
        if known_a and known_b:
            counted = [known_a, known_b]
        else:
            counted = [count_paragraphs(texts_a), count_paragraphs(texts_b)]
    else:  # paragraphs paired before the search stay out of it (:mod:`.anchors`)
        counted = [
            count_paragraphs([a.paragraph_text(i) for i in a_ids]),
            count_paragraphs([b.paragraph_text(j) for j in b_ids]),
        ]
    idf = shared_idf(counted)
    made: list[PairSimilarity] = []

    def similarity(on_use: bool = False) -> PairSimilarity:
        """The pair's paragraph vectors and their similarity, made once; a search worker forked
        before they were made here makes its own (the same values) while this process does.
        ``on_use``: this process leaves the search to the worker, so it weighs a paragraph only
        when it asks for one (the same values too)."""
        if not made:
            if on_use and whole:
                lazy_a, lazy_b = weighed_on_use(counted[0], idf), weighed_on_use(counted[1], idf)
                made.append(PairSimilarity(lazy_a, lazy_b, norms_on_use(lazy_a), norms_on_use(lazy_b)))
                return made[0]
            (vec_a, vec_b), (norm_a, norm_b) = weigh_all(counted, idf)
            if not whole:
                vec_a, norm_a = _spread(vec_a, norm_a, a_ids, len(a.paragraphs))
                vec_b, norm_b = _spread(vec_b, norm_b, b_ids, len(b.paragraphs))
            made.append(PairSimilarity(vec_a, vec_b, norm_a, norm_b))
        return made[0]

    # The ordered paragraph search, the longest step, runs beside the sentence vectors (long pairs).
    searching: Pending[tuple[list[Bead], Calibration]] | None = None
    if a_ids and b_ids:
        worth_it = len(a_ids) + len(b_ids) >= BACKGROUND_PARAGRAPHS
        searching = in_background(_ordered_search, (similarity, a_ids, b_ids, settings), worth_it=worth_it, nested=True)
    sim = similarity(on_use=searching is not None and searching.forked)
    if whole:
        va = _sentence_vectors(a.text, ta, texts_a, sim.a, idf)
        vb = _sentence_vectors(b.text, tb, texts_b, sim.b, idf)
    else:
        va, vb = [{}] * len(ta.spans), [{}] * len(tb.spans)
        for table, ids, out in ((ta, a_ids, va), (tb, b_ids, vb)):
            for p in ids:
                for x in table.of(p):
                    out[x] = weigh(table.counts[x], idf)
    sim.sentences = {"a": lambda p: [va[x] for x in ta.of(p)], "b": lambda q: [vb[y] for y in tb.of(q)]}
    beads: list[Bead] = []
    space: SentenceSpace | None = None
    if searching is not None and searching.forked:  # this process would wait: work ahead
        if meanwhile is not None:
            meanwhile()
        space = SentenceSpace(va, vb)
        space.keep_neighbours([x for p in a_ids for x in ta.of(p)], [y for q in b_ids for y in tb.of(q)])
    if searching is not None:
        ordered, calibration = searching.result()
        sim.restore(calibration)
        beads = align_pair(sim, a_ids, b_ids, settings, ordered=ordered)
    if whole or (a_ids and b_ids and a_ids[0] == min(a_ids) and b_ids[0] == min(b_ids)):
        _pair_headlines(a, b, a_ids, b_ids, beads, sim.cosine, furniture)
    links = sentence_links(ta, tb, va, vb, beads, a_ids, b_ids, sim.cosine, settings.threshold, identical, space)
    let_go(sim, space, va, vb)
    return beads, links


BACKGROUND_PARAGRAPHS = 1000
"""Paragraphs of a pair from which its ordered search runs in a worker beside the sentence vectors."""


def _ordered_search(
    shared: tuple[Callable[[], PairSimilarity], Sequence[int], Sequence[int], PairSettings],
) -> tuple[list[Bead], Calibration]:
    """The ordered paragraph chain, and the calibration the search made on the way (:func:`.beads.prepare`)."""
    from srccompare.engine.align.pairwise import ordered_beads

    similarity, a_ids, b_ids, settings = shared
    sim = similarity()
    return ordered_beads(sim, a_ids, b_ids, settings), sim.calibration()


def _spread(
    vectors: list[Vector], norms2: list[float], ids: Sequence[int], size: int
) -> tuple[list[Vector], list[float]]:
    """Per-paragraph lists over a whole source, from values for ``ids`` only (the rest empty)."""
    out_vectors: list[Vector] = [{}] * size
    out_norms = [0.0] * size
    for k, i in enumerate(ids):
        out_vectors[i], out_norms[i] = vectors[k], norms2[k]
    return out_vectors, out_norms


def _sentence_vectors(
    text: str, table: SentenceTable, paragraphs: list[str], paragraph_vectors: Sequence[Vector], idf: dict[str, float]
) -> list[Vector]:
    """Each sentence's vector under the pair's weights. A paragraph that is one sentence, character
    for character, has that sentence's vector already (the same counts, weighed the same way)."""
    from srccompare.engine.align.features import weigh

    out: list[Vector] = []
    for x, span in enumerate(table.spans):
        p = table.paragraph[x]
        if table.first[p + 1] - table.first[p] == 1 and text[span.start : span.end] == paragraphs[p]:
            out.append(paragraph_vectors[p])
        else:
            out.append(weigh(table.counts[x], idf))
    return out
