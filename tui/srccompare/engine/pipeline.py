"""From sources to a finished alignment: align the paragraphs, then flag what matters."""

from __future__ import annotations

from collections.abc import Callable

from srccompare.core.config import Config
from srccompare.core.model import Alignment, Source

Progress = Callable[[int, int], None]


def build_alignment(
    sources: list[Source],
    base: str | None,
    config: Config,
    progress: Progress | None = None,
) -> Alignment:
    """Align ``sources`` against ``base`` (an id or file name; None means the first)."""
    from srccompare.engine.align import align_sources
    from srccompare.engine.collector import collector_paused
    from srccompare.engine.flags import flag_alignment

    def meanwhile() -> None:  # while a long pair's search runs in a worker: what the flags need of each source
        from srccompare.engine.flags.warm import warm_sources

        warm_sources(sources)

    with collector_paused():
        alignment = align_sources(sources, base, config, progress, meanwhile if config.flags.enabled else None)
        flag_alignment(alignment, config)
    return alignment
