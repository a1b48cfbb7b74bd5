"""The alignment engine: which paragraphs of several versions say the same thing.

:func:`align_sources` is the one entry point. It marks page furniture, vectorises
every paragraph (:mod:`.features`), aligns each source with the base
(:mod:`.pairwise`, using :mod:`.candidates` to stay out of all-pairs work), merges
the pairwise results into rows (:mod:`.multi`), then marks unpartnered
furniture-shaped paragraphs (:mod:`.boilerplate`) and labels each row (:mod:`.rows`).
"""

from __future__ import annotations

import multiprocessing as mp
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from srccompare.core.config import Config
from srccompare.core.errors import UserError
from srccompare.core.model import Alignment, Row, Source

if TYPE_CHECKING:
    from srccompare.engine.align.pair import PairResult

Progress = Callable[[int, int], None]

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


def pair_order(sources: list[Source]) -> list[tuple[int, int]]:
    """Every pair of sources (by number), each in an order fixed by the texts themselves.

    A pair is aligned the same way whichever comes first on the command line.
    """
    key = [(s.sha256, s.text, s.id) for s in sources]
    out = []
    for x in range(len(sources)):
        for y in range(x + 1, len(sources)):
            out.append((x, y) if key[x] <= key[y] else (y, x))
    return out


PARALLEL_PARAGRAPHS = 3000
"""Above this many paragraphs over all pairs, the pairs are aligned in worker processes, one per core."""


def _run_pairs(jobs: list[tuple]) -> Iterator[PairResult]:
    """Each pair's result, in order: in this process for small work, else spread over the cores.

    Pairs are independent, so a process pool (stdlib, forked so nothing is
    re-imported) runs them side by side; results come back in the pairs' order.
    """
    from srccompare.engine.align.pair import align_two

    work = sum(len(job[0].paragraphs) + len(job[1].paragraphs) for job in jobs)
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    if len(jobs) < 2 or cores < 2 or work < PARALLEL_PARAGRAPHS or "fork" not in mp.get_all_start_methods():
        for job in jobs:
            yield align_two(*job)
        return
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=min(cores, len(jobs)), mp_context=mp.get_context("fork")) as pool:
        yield from pool.map(_align_job, jobs)


def _align_job(job: tuple) -> PairResult:
    from srccompare.engine.align.pair import align_two

    return align_two(*job)


def align_sources(
    sources: list[Source],
    base: str | None,
    config: Config,
    progress: Progress | None = None,
) -> Alignment:
    """Align every pair of ``sources`` on its own, then place the paragraphs in rows that follow ``base``'s order."""
    from srccompare.engine.align.boilerplate import furniture_by_rule, furniture_by_structure
    from srccompare.engine.align.joint import build_rows, pair_links
    from srccompare.engine.align.pairwise import PairSettings
    from srccompare.engine.align.rows import kind_and_score
    from srccompare.engine.align.sentences import split_sentences

    if not sources:
        raise UserError("no sources to align")
    base_src = resolve_base(sources, base)
    bk = next(k for k, s in enumerate(sources) if s is base_src)
    pairs = pair_order(sources)
    total = max(1, len(pairs)) * 100 + 10
    report = progress or (lambda done, total: None)
    report(0, total)

    furniture = furniture_by_rule(sources, config.boilerplate)
    tables = [split_sentences(s) for s in sources]
    settings = PairSettings(
        threshold=config.align.match_threshold,
        max_group=max(1, config.align.max_group),
        candidates=max(1, config.align.candidates_per_paragraph),
        detect_moves=config.align.detect_moves,
    )
    jobs = [(sources[x], sources[y], tables[x], tables[y], furniture[x], furniture[y], settings) for x, y in pairs]
    results = {}
    for n, result in enumerate(_run_pairs(jobs)):
        results[pairs[n]] = result
        report((n + 1) * 100, total)

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

    by_sid = {s.id: s for s in sources}
    rows: list[Row] = []
    for draft in build_rows(sources, tables, bk, furniture, results):
        cells = {sources[k].id: sorted(draft.cells[k]) for k in range(len(sources)) if draft.cells.get(k)}
        kind, score = kind_and_score(cells, by_sid, base_src.id, config.align.identical_threshold, draft.boilerplate)
        moved = [sources[k].id for k in range(len(sources)) if k in draft.moved]
        links = draft.links if len(cells) > 1 else None
        rows.append(Row(id=len(rows), kind=kind, score=score, cells=cells, moved=moved, links=links))
    report(total, total)
    return Alignment(
        base=base_src.id, sources=list(sources), rows=rows, pair_links=pair_links(sources, tables, results)
    )
