"""From sources to a finished alignment: align the paragraphs, then flag what matters."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from srccompare.core.config import Config
from srccompare.core.model import Alignment, Link, Source

if TYPE_CHECKING:
    from srccompare.engine.flags import FlagsUnderWay

Progress = Callable[[int, int], None]


def build_alignment(
    sources: list[Source],
    base: str | None,
    config: Config,
    progress: Progress | None = None,
    timings: dict[str, float] | None = None,
    reuse: Alignment | None = None,
) -> Alignment:
    """Align ``sources`` against ``base`` (an id or file name; None means the first).

    ``timings`` gets the wall seconds of the two stages, ``align`` and ``flags``
    (``align --timings``). Flags need only every pair's links, so on a long run they
    are computed in a worker while this process builds the rows: ``flags`` then
    runs from that start to the flags placed on the rows, and overlaps ``align``.

    ``reuse``: an alignment of the same sources with the same settings (under any
    base). Its pairs' links and flags hold under every base, so only the rows are
    made again (:func:`srccompare.engine.align.rebase`); otherwise it is ignored.
    """
    from srccompare.engine.align import align_sources, rebase
    from srccompare.engine.align.stage import PairedStage, flag_settings
    from srccompare.engine.collector import collector_paused
    from srccompare.engine.flags import flag_alignment, place_flags

    clock = {} if timings is None else timings
    flagged = config.flags.enabled
    started = time.perf_counter()
    again = rebase(reuse, sources, base, config) if reuse is not None else None
    if again is not None:
        aligned = time.perf_counter()
        _place_kept_flags(again, config)
        if progress is not None:
            progress(1, 1)
        clock["align"], clock["flags"] = aligned - started, time.perf_counter() - aligned
        return again

    def meanwhile() -> None:  # while a long pair's search runs in a worker: what the flags need of each source
        from srccompare.engine.flags.warm import warm_sources

        warm_sources(sources)

    early: list[tuple[float, FlagsUnderWay]] = []  # when the flags beside the rows started, and them

    def paired(aligned: list[Source], links: list[Link]) -> None:  # rows are built next: flag meanwhile
        if len(links) >= EARLY_FLAG_LINKS:
            early.append((time.perf_counter(), _flags_beside_rows(aligned, links, config)))

    with collector_paused():
        started = time.perf_counter()
        try:
            alignment = align_sources(
                sources, base, config, progress, meanwhile if flagged else None, paired if flagged else None
            )
        except BaseException:
            for _started, pending in early:
                pending.cancel()
            raise
        aligned = time.perf_counter()
        if early:  # made beside the rows by a worker, this process joining in now (or all here, now)
            began, pending = early[0]
            flagging = began if pending.forked else aligned
            flags = pending.result()
            place_flags(alignment, flags, alignment.rows)
        else:
            flagging = aligned
            flags = flag_alignment(alignment, config)
        if isinstance(alignment.paired, PairedStage) and flagged:
            alignment.paired.flags, alignment.paired.flags_made_for = flags, flag_settings(config)
        clock["align"], clock["flags"] = aligned - started, time.perf_counter() - flagging
    return alignment


def _place_kept_flags(alignment: Alignment, config: Config) -> None:
    """Flags on the rows of an alignment built again under another base: those kept with its pairs'
    work when they were made with these settings, else made now from its links."""
    from srccompare.engine.align.stage import PairedStage, flag_settings
    from srccompare.engine.flags import flag_alignment, place_flags

    stage = alignment.paired
    assert isinstance(stage, PairedStage)
    if config.flags.enabled and stage.flags is not None and stage.flags_made_for == flag_settings(config):
        place_flags(alignment, stage.flags, alignment.rows)
        return
    flags = flag_alignment(alignment, config)
    if config.flags.enabled:
        stage.flags, stage.flags_made_for = flags, flag_settings(config)


EARLY_FLAG_LINKS = 1000
"""Links from which a worker starts on the flags while this process builds the rows (then joins in:
:func:`srccompare.engine.flags.begin_flags`); as many as spread the flags' own pieces over the
cores (:data:`srccompare.engine.flags.pairwise.PARALLEL_LINKS`)."""


def _flags_beside_rows(sources: list[Source], links: list[Link], config: Config) -> FlagsUnderWay:
    from srccompare.engine.flags import begin_flags
    from srccompare.engine.flags.rules import compile_rules

    alignment = Alignment(base="", sources=sources, rows=[], pair_links=links)
    return begin_flags(alignment, compile_rules(config.flags), beside=True)
