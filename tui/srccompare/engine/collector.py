"""Python's cycle collector paused while the engine builds an alignment, and work kept to the exit.

Aligning and flagging allocate millions of small objects (vectors, spans, cells)
and keep most of them, so the collector keeps walking a growing heap and finds
nothing: the engine makes no reference cycles worth collecting. On the speed
benchmark's New Testament pair that walking was measured at about 10% of the
alignment and 30% of the flags. Paused, the memory used is the same.

Freeing is not free either: the engine's intermediate work (a long pair's
vectors, sentence tables, flag cells) is millions of objects, and dropping them
mid-run took 0.04-0.08 s each, on the path to the output. A one-shot command
whose process ends without freeing its heap (``cli.run``'s quick exit) keeps
them to the end instead (:func:`keep_until_exit`, :func:`let_go`).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any


@contextmanager
def collector_paused() -> Iterator[None]:
    """No cyclic garbage collection inside the block; the collector's state is restored after it.

    Reference counting still frees everything as usual. Nested or concurrent
    uses are safe: only the use that found the collector running turns it back on.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


_kept: list[Any] | None = None


def keep_until_exit() -> None:
    """From now on, what :func:`let_go` is given is kept, never freed: for a process that ends
    without freeing its heap once its one command is done (``cli.run``)."""
    global _kept
    if _kept is None:
        _kept = []


def let_go(*work: Any) -> None:
    """The engine is done with ``work`` (large intermediate structures): freed as usual when the
    caller drops it, or kept to the end of a process that will not free it (:func:`keep_until_exit`)."""
    if _kept is not None:
        _kept.append(work)
