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
from srccompare.engine.align.pairwise import Bead, PairSettings
from srccompare.engine.align.sentence_search import SentenceLink, sentence_links
from srccompare.engine.align.sentences import SentenceTable

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
) -> PairResult:
    """Align ``a`` with ``b`` on their own evidence (see the module docstring)."""
    from srccompare.engine.align.features import build_space, weigh
    from srccompare.engine.align.pairwise import align_pair
    from srccompare.engine.align.similarity import PairSimilarity

    texts_a = [a.paragraph_text(i) for i in range(len(a.paragraphs))]
    texts_b = [b.paragraph_text(j) for j in range(len(b.paragraphs))]
    space = build_space([texts_a, texts_b])
    sim = PairSimilarity(space.vectors[0], space.vectors[1], space.norms2[0], space.norms2[1])
    va = [weigh(counts, space.idf) for counts in ta.counts]
    vb = [weigh(counts, space.idf) for counts in tb.counts]
    sim.sentences = {"a": lambda p: [va[x] for x in ta.of(p)], "b": lambda q: [vb[y] for y in tb.of(q)]}
    a_ids = [i for i in range(len(a.paragraphs)) if i not in furniture_a]
    b_ids = [j for j in range(len(b.paragraphs)) if j not in furniture_b]
    beads = align_pair(sim, a_ids, b_ids, settings)
    _pair_headlines(a, b, a_ids, b_ids, beads, sim.cosine, (furniture_a, furniture_b))

    def identical(p: int, q: int) -> bool:
        """The same words sentence by sentence (however quoted, dashed or wrapped)."""
        xs, ys = ta.of(p), tb.of(q)
        return len(xs) == len(ys) and all(ta.counts[x] == tb.counts[y] for x, y in zip(xs, ys))

    links = sentence_links(ta, tb, va, vb, beads, a_ids, b_ids, sim.cosine, settings.threshold, identical)
    return PairResult(a.id, b.id, links, beads)
