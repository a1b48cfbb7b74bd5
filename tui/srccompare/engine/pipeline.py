"""From sources to a finished alignment: align the paragraphs, then flag what matters."""

from __future__ import annotations

import time
from collections.abc import Callable

from srccompare.core.config import Config
from srccompare.core.model import Alignment, Source

Progress = Callable[[int, int], None]


def build_alignment(
    sources: list[Source],
    base: str | None,
    config: Config,
    progress: Progress | None = None,
    timings: dict[str, float] | None = None,
) -> Alignment:
    """Align ``sources`` against ``base`` (an id or file name; None means the first).

    ``timings`` gets the wall seconds of the two stages, ``align`` and ``flags``
    (the flags' share of a run, measured in that run: ``align --timings``).
    """
    from srccompare.engine.align import align_sources
    from srccompare.engine.collector import collector_paused
    from srccompare.engine.flags import flag_alignment

    def meanwhile() -> None:  # while a long pair's search runs in a worker: what the flags need of each source
        from srccompare.engine.flags.warm import warm_sources

        warm_sources(sources)

    clock = {} if timings is None else timings
    with collector_paused():
        started = time.perf_counter()
        alignment = align_sources(sources, base, config, progress, meanwhile if config.flags.enabled else None)
        aligned = time.perf_counter()
        flag_alignment(alignment, config)
        clock["align"], clock["flags"] = aligned - started, time.perf_counter() - aligned
    return alignment
