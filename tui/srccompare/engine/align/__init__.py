"""The alignment engine: which paragraphs of several versions say the same thing.

:func:`align_sources` is the one entry point. It marks page furniture, vectorises
every paragraph (:mod:`.features`), aligns each source with the base
(:mod:`.pairwise`, using :mod:`.candidates` to stay out of all-pairs work), merges
the pairwise results into rows (:mod:`.multi`), then marks unpartnered
furniture-shaped paragraphs (:mod:`.boilerplate`) and labels each row (:mod:`.rows`).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from srccompare.core.config import Config
from srccompare.core.errors import UserError
from srccompare.core.model import Alignment, Row, Source

if TYPE_CHECKING:
    from srccompare.engine.align.features import FeatureSpace

Progress = Callable[[int, int], None]
_UNWRAP = re.compile(r"(?<!-)[ \t]*\n\s*")  # a line break inside a paragraph (not a hyphenated word's)

__all__ = ["align_sources", "resolve_base"]


def resolve_base(sources: list[Source], base: str | None) -> Source:
    """The source named by ``base`` (an id, a file name or a path); the first when None."""
    if base is None:
        return sources[0]
    for match in (
        lambda s: s.id == base,
        lambda s: s.path == base,
        lambda s: Path(s.path).name == base,
        lambda s: Path(s.path).resolve() == Path(base).resolve(),
        lambda s: Path(s.path).stem == base,
    ):
        found = [s for s in sources if match(s)]
        if len(found) == 1:
            return found[0]
    names = ", ".join(s.id for s in sources)
    raise UserError(f"unknown base '{base}' (sources: {names})")


def _relatedness(
    sources: list[Source], space: FeatureSpace, floors: dict[str, float]
) -> Callable[[str, int, str, int], bool]:
    """Whether two paragraphs of two non-base sources say the same thing.

    Their cosine must clear the stricter of the two sources' own thresholds
    against the base (each pair of texts was calibrated there).
    """
    import math

    from srccompare.engine.align.features import dot

    index = {s.id: k for k, s in enumerate(sources)}

    def related(s1: str, i: int, s2: str, j: int) -> bool:
        k1, k2 = index[s1], index[s2]
        denom = space.norms2[k1][i] * space.norms2[k2][j]
        if denom <= 0:
            return False
        cos = dot(space.vectors[k1][i], space.vectors[k2][j]) / math.sqrt(denom)
        return cos >= max(floors.get(s1, 0.0), floors.get(s2, 0.0))

    return related


def _sentence_vectors(source: Source, space: FeatureSpace) -> Callable[[int], list[dict[str, float]]]:
    """A paragraph's sentences as vectors in ``space`` (split on demand: only a few paragraphs need it)."""
    from srccompare.engine.align.features import paragraph_counts, weigh
    from srccompare.text.normalize import fold_punctuation
    from srccompare.text.segment import sentence_spans

    @functools.cache
    def split(i: int) -> list[dict[str, float]]:
        # Split the paragraph as matching sees it, so quote styles and reflow cannot move a boundary.
        text = _UNWRAP.sub(" ", fold_punctuation(source.paragraph_text(i)))
        return [weigh(paragraph_counts(text[s.start : s.end]), space.idf) for s in sentence_spans(text)]

    return split


def align_sources(
    sources: list[Source],
    base: str | None,
    config: Config,
    progress: Progress | None = None,
) -> Alignment:
    """Align the paragraphs of ``sources`` into rows that follow ``base``'s order."""
    from srccompare.engine.align.boilerplate import furniture_by_rule, furniture_by_structure
    from srccompare.engine.align.features import build_space
    from srccompare.engine.align.multi import merge_rows, share_additions
    from srccompare.engine.align.pairwise import PairSettings, align_pair, pair_threshold
    from srccompare.engine.align.rows import kind_and_score
    from srccompare.engine.align.similarity import PairSimilarity

    if not sources:
        raise UserError("no sources to align")
    base_src = resolve_base(sources, base)
    others = [s for s in sources if s is not base_src]
    total = max(1, len(others)) * 100 + 10
    report = progress or (lambda done, total: None)
    report(0, total)

    furniture = furniture_by_rule(sources, config.boilerplate)
    by_id = {id(s): k for k, s in enumerate(sources)}
    space = build_space([[s.paragraph_text(i) for i in range(len(s.paragraphs))] for s in sources])
    settings = PairSettings(
        threshold=config.align.match_threshold,
        max_group=max(1, config.align.max_group),
        candidates=max(1, config.align.candidates_per_paragraph),
        detect_moves=config.align.detect_moves,
    )
    splitters = [_sentence_vectors(s, space) for s in sources]
    bk = by_id[id(base_src)]
    base_ids = [i for i in range(len(base_src.paragraphs)) if i not in furniture[bk]]
    pairwise = []
    floors: dict[str, float] = {}
    for n, other in enumerate(others):
        ok = by_id[id(other)]
        sim = PairSimilarity(space.vectors[bk], space.vectors[ok], space.norms2[bk], space.norms2[ok])
        sim.sentences = {"a": splitters[bk], "b": splitters[ok]}
        other_ids = [j for j in range(len(other.paragraphs)) if j not in furniture[ok]]

        def tick(done: int, of: int, n: int = n) -> None:
            report(n * 100 + (90 * done) // max(1, of), total)

        beads = align_pair(sim, base_ids, other_ids, settings, tick)
        floors[other.id] = sim.unrelated + sim.spread * pair_threshold(sim, settings.threshold)
        pairwise.append((other, ok, beads))
        report((n + 1) * 100, total)

    # Furniture by shape: only paragraphs without a partner anywhere.
    partnered_base = {i for _, _, beads in pairwise for bead in beads for i in bead.a}
    furniture[bk] |= furniture_by_structure(base_src, set(base_ids) - partnered_base, config.boilerplate)
    for other, ok, beads in pairwise:
        partnered = {j for bead in beads for j in bead.b}
        own = set(range(len(other.paragraphs))) - furniture[ok] - partnered
        furniture[ok] |= furniture_by_structure(other, own, config.boilerplate)

    for k, source in enumerate(sources):
        for i, para in enumerate(source.paragraphs):
            para.boilerplate = i in furniture[k]

    drafts = merge_rows(
        base_src.id,
        len(base_src.paragraphs),
        furniture[bk],
        [(other.id, len(other.paragraphs), furniture[ok], beads) for other, ok, beads in pairwise],
    )
    if len(others) > 1:
        drafts = share_additions(drafts, base_src.id, _relatedness(sources, space, floors))
    by_sid = {s.id: s for s in sources}
    rows: list[Row] = []
    for draft in drafts:
        kind, score = kind_and_score(
            draft.cells, by_sid, base_src.id, config.align.identical_threshold, draft.boilerplate
        )
        order = [s.id for s in sources if draft.cells.get(s.id)]
        cells = {sid: draft.cells[sid] for sid in order}
        moved = [s.id for s in sources if s.id in draft.moved]
        rows.append(Row(id=len(rows), kind=kind, score=score, cells=cells, moved=moved))
    report(total, total)
    return Alignment(base=base_src.id, sources=list(sources), rows=rows)
