"""The alignment engine: which paragraphs of several versions say the same thing.

:func:`align_sources` is the one entry point. It marks page furniture, vectorises
every paragraph (:mod:`.features`), aligns each source with the base
(:mod:`.pairwise`, using :mod:`.candidates` to stay out of all-pairs work), merges
the pairwise results into rows (:mod:`.multi`), then marks unpartnered
furniture-shaped paragraphs (:mod:`.boilerplate`) and labels each row (:mod:`.rows`).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from srccompare.core.config import Config
from srccompare.core.errors import UserError
from srccompare.core.model import Alignment, Link, Row, Source
from srccompare.engine.align.stage import PairedStage, made_for

if TYPE_CHECKING:
    from srccompare.engine.align.pair import PairResult
    from srccompare.engine.align.rows import ParagraphTokens
    from srccompare.engine.align.sentences import SentenceTable

Progress = Callable[[int, int], None]

__all__ = ["align_sources", "rebase", "resolve_base"]


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


def order_key(source: Source) -> tuple[str, str, str]:
    """Where a source stands when a pair is put in order: by its words as matching reads them, so a
    reflowed or re-quoted copy stands where the original does (then by text and id, to break ties)."""
    return _words_digest(source.text), source.text, source.id


@lru_cache(maxsize=8)
def _words_digest(text: str) -> str:
    """Kept for the run's texts: pairs are put in order, then flags put them in order again."""
    import hashlib

    from srccompare.text.normalize import fold_punctuation

    folded = " ".join(fold_punctuation(text).split())
    return hashlib.sha256(folded.encode("utf-8", "surrogatepass")).hexdigest()


def pair_order(sources: list[Source]) -> list[tuple[int, int]]:
    """Every pair of sources (by number), each in an order fixed by the texts themselves.

    A pair is aligned the same way whichever comes first on the command line.
    """
    key = [order_key(s) for s in sources]
    out = []
    for x in range(len(sources)):
        for y in range(x + 1, len(sources)):
            out.append((x, y) if key[x] <= key[y] else (y, x))
    return out


PARALLEL_PARAGRAPHS = 1000
"""Above this many paragraphs over all pairs (or in all sources), the work is spread over the cores."""


def _align_job(run: tuple, pair: tuple[int, int]) -> PairResult:
    """One pair, aligned on its own (``run`` is what every pair shares: sources, sentences, furniture, settings)."""
    from srccompare.engine.align.pair import align_two

    sources, tables, furniture, settings, meanwhile = run
    x, y = pair
    return align_two(sources[x], sources[y], tables[x], tables[y], furniture[x], furniture[y], settings, meanwhile)


def _source_job(run: tuple[list[Source], Config], k: int) -> tuple[set[int], SentenceTable]:
    """What each source needs before any pair: its furniture on its face, and its sentences."""
    from srccompare.engine.align.boilerplate import furniture_by_rule
    from srccompare.engine.align.sentences import split_sentences

    sources, config = run
    return furniture_by_rule([sources[k]], config.boilerplate)[0], split_sentences(sources[k])


PARALLEL_ROWS = 1000
"""Rows from which their kinds and scores are worked out in pieces over the cores."""


Judged = tuple[list[Source], list[dict[str, list[int]]], list[bool], str, float, dict[str, "ParagraphTokens"]]
"""What every piece of rows judged shares: sources, each row's cells and furniture mark, the base,
the identical threshold, and the sources' words made ahead (:func:`.rows.paragraph_tokens`)."""


def _judge_rows(judged: Judged, piece: tuple[int, int]) -> list[tuple[str, float]]:
    """Kind and score of the rows ``piece[0]`` to ``piece[1] - 1`` (:func:`.rows.kind_and_score`)."""
    from srccompare.engine.align.rows import kind_and_score

    sources, all_cells, boilerplate, base_id, threshold, tokens = judged
    by_sid = {s.id: s for s in sources}
    lo, hi = piece
    return [kind_and_score(all_cells[r], by_sid, base_id, threshold, boilerplate[r], tokens) for r in range(lo, hi)]


def _prepare_sources(sources: list[Source], config: Config, *, parallel: bool) -> list[tuple[set[int], SentenceTable]]:
    """Every source's :func:`_source_job`. With ``parallel``, a worker does about half of them (by
    length) while this process does the rest: a worker's tables come back pickled, which costs
    about a fifth of making them, so this process does its share rather than wait."""
    from srccompare.engine.cores import halves_map

    sizes = [len(s.text) for s in sources]
    return halves_map(
        _source_job, (sources, config), list(range(len(sources))), sizes, worth_it=parallel, while_waiting=_bulk_ready
    )


def _bulk_ready() -> None:
    """numpy imported now, while this process waits for a worker's sources: the pair searches forked
    next find it loaded (a long pair's paragraph search uses it first thing, on the way to everything else)."""
    from srccompare.engine.align.bulk import numpy

    numpy()


def align_sources(
    sources: list[Source],
    base: str | None,
    config: Config,
    progress: Progress | None = None,
    meanwhile: Callable[[], None] | None = None,
    paired: Callable[[list[Source], list[Link]], None] | None = None,
) -> Alignment:
    """Align every pair of ``sources`` on its own, then place the paragraphs in rows that follow ``base``'s order.

    ``meanwhile``: the caller's own work (warming what comes next), run in this
    process while a long pair's paragraph search runs in a worker, if one does;
    otherwise not at all.

    ``paired``: called with the sources and every pair's links once all pairs are
    aligned and each paragraph's furniture mark is set, before the rows are built
    (the links never change after that): the caller may start on them meanwhile.
    """
    from srccompare.engine.collector import collector_paused

    with collector_paused():
        return _align_sources(sources, base, config, progress, meanwhile, paired)


def _align_sources(
    sources: list[Source],
    base: str | None,
    config: Config,
    progress: Progress | None,
    meanwhile: Callable[[], None] | None,
    paired: Callable[[list[Source], list[Link]], None] | None = None,
) -> Alignment:
    from srccompare.engine.align.boilerplate import furniture_by_structure
    from srccompare.engine.align.joint import pair_links
    from srccompare.engine.align.pair import PairResult
    from srccompare.engine.align.pairwise import PairSettings
    from srccompare.engine.align.sentences import Outline
    from srccompare.engine.collector import let_go

    if not sources:
        raise UserError("no sources to align")
    base_src = resolve_base(sources, base)
    bk = next(k for k, s in enumerate(sources) if s is base_src)
    pairs = pair_order(sources)
    total = max(1, len(pairs)) * 100 + 10
    report = progress or (lambda done, total: None)
    report(0, total)

    from srccompare.engine.cores import fork_map

    size = sum(len(s.paragraphs) for s in sources)
    prepared = _prepare_sources(sources, config, parallel=size >= PARALLEL_PARAGRAPHS)
    furniture = [marked for marked, _table in prepared]
    tables = [table for _marked, table in prepared]
    settings = PairSettings(
        threshold=config.align.match_threshold,
        max_group=max(1, config.align.max_group),
        candidates=max(1, config.align.candidates_per_paragraph),
        detect_moves=config.align.detect_moves,
    )
    # Pairs are independent, so they run side by side (:mod:`srccompare.engine.cores`).
    work = sum(len(sources[x].paragraphs) + len(sources[y].paragraphs) for x, y in pairs)
    parallel = len(pairs) > 1 and work >= PARALLEL_PARAGRAPHS
    tokens: dict[str, ParagraphTokens] = {}

    def ahead() -> None:
        """While the pair's search runs in a worker: the rows' words (judged after the search, on
        one core, rather than in pieces on both), then the caller's own work."""
        from srccompare.engine.align.rows import paragraph_tokens

        for source in sources:
            tokens[source.id] = paragraph_tokens(source)
        if meanwhile is not None:
            meanwhile()

    # Only a pair aligned in this process may work ahead: a worker's work would be lost.
    shared = (sources, tables, furniture, settings, None if parallel or len(pairs) != 1 else ahead)
    aligned = fork_map(
        _align_job, shared, pairs, parallel=parallel, done=lambda n: report(n * 100, total), one_worker_each=True
    )
    results = dict(zip(pairs, aligned))

    # Furniture by shape: only paragraphs without a partner in any pair.
    partnered: list[set[int]] = [set() for _ in sources]
    for (x, y), result in results.items():
        for p, q in result.paragraph_links(tables[x], tables[y]):
            partnered[x].add(p)
            partnered[y].add(q)
    for k, source in enumerate(sources):
        own = set(range(len(source.paragraphs))) - furniture[k] - partnered[k]
        furniture[k] |= furniture_by_structure(source, own, config.boilerplate)
        for i, para in enumerate(source.paragraphs):
            para.boilerplate = i in furniture[k]

    every_link = pair_links(sources, tables, results)
    if paired is not None:
        paired(sources, every_link)
    kept = {pair: PairResult(r.a, r.b, r.links) for pair, r in results.items()}  # (rows read no beads)
    stage = PairedStage(made_for(sources, config), [Outline(t.spans, t.paragraph) for t in tables], furniture, kept)
    rows = _rows(sources, bk, stage, config, tokens)
    report(total, total)
    let_go(tables, prepared, results)
    return Alignment(base=base_src.id, sources=list(sources), rows=rows, pair_links=every_link, paired=stage)


def _rows(
    sources: list[Source], bk: int, stage: PairedStage, config: Config, tokens: dict[str, ParagraphTokens]
) -> list[Row]:
    """The rows under the base ``sources[bk]``, from the pairs' work: placed, then judged."""
    from srccompare.engine.align.joint import build_rows
    from srccompare.engine.cores import fork_map

    drafts = build_rows(sources, stage.outlines, bk, stage.furniture, stage.results)
    all_cells = [
        {sources[k].id: sorted(draft.cells[k]) for k in range(len(sources)) if draft.cells.get(k)} for draft in drafts
    ]
    # Rows are judged each on its own, so long runs judge them in pieces, over the cores (unless
    # their words were made ahead: then what is left to do is less than forking would cost).
    judged: Judged = (
        sources,
        all_cells,
        [d.boilerplate for d in drafts],
        sources[bk].id,
        config.align.identical_threshold,
        tokens,
    )
    spread = len(drafts) >= PARALLEL_ROWS and not tokens
    cuts = [len(drafts) * p // 4 for p in range(5)] if spread else [0, len(drafts)]
    kinds = [
        k
        for part in fork_map(_judge_rows, judged, list(itertools.pairwise(cuts)), parallel=len(cuts) > 2)
        for k in part
    ]
    rows: list[Row] = []
    for draft, cells, (kind, score) in zip(drafts, all_cells, kinds):
        moved = [sources[k].id for k in range(len(sources)) if k in draft.moved]
        links = draft.links if len(cells) > 1 else None
        rows.append(Row(id=len(rows), kind=kind, score=score, cells=cells, moved=moved, links=links))
    return rows


def rebase(previous: Alignment, sources: list[Source], base: str | None, config: Config) -> Alignment | None:
    """``sources`` in rows under ``base``, from the pairs' work kept with ``previous`` (:mod:`.stage`):
    the same rows a new alignment would give. None when ``previous`` was made from other sources
    or settings (or keeps nothing): then align them anew."""
    from srccompare.engine.collector import collector_paused

    stage = previous.paired
    if not isinstance(stage, PairedStage) or stage.made_for != made_for(sources, config):
        return None
    base_src = resolve_base(sources, base)
    bk = next(k for k, s in enumerate(sources) if s is base_src)
    for k, source in enumerate(sources):  # the marks the alignment set (these may be copies of its sources)
        for i, para in enumerate(source.paragraphs):
            para.boilerplate = i in stage.furniture[k]
    from srccompare.engine.align.joint import pair_links

    with collector_paused():
        rows = _rows(sources, bk, stage, config, {})
        links = pair_links(sources, stage.outlines, stage.results)  # (``previous`` may have let its own go)
    return Alignment(base=base_src.id, sources=list(sources), rows=rows, pair_links=links, paired=stage)
