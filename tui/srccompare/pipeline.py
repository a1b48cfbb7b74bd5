"""From sources to a finished alignment: align the paragraphs, then flag what matters."""

from __future__ import annotations

from collections.abc import Callable

from srccompare.config import Config
from srccompare.model import Alignment, Source

Progress = Callable[[int, int], None]


def build_alignment(
    sources: list[Source],
    base: str | None,
    config: Config,
    progress: Progress | None = None,
) -> Alignment:
    """Align ``sources`` against ``base`` (an id or file name; None means the first)."""
    from srccompare.align import align_sources
    from srccompare.flags import flag_alignment

    alignment = align_sources(sources, base, config, progress=progress)
    flag_alignment(alignment, config)
    return alignment
