"""Independent pieces of one job spread over the machine's cores, in forked worker processes.

A pair of long texts is one job, but much of it splits into pieces that never
look at each other: each source's sentences, stretches of the sentence search
between two firm paragraph pairs, runs of sentence links to check for flags.
(:func:`in_background` runs one such piece beside the caller's own work,
:func:`halves_map` a few items half in one worker, half here, and :func:`spread`
many pieces in one worker from the first on, the caller joining in from the
last back once its own work is done.)
:func:`fork_map` runs such pieces side by side on a stdlib process pool
(forked, so the workers share the caller's memory instead of re-importing and
re-reading it), and gives the results back in order. Where the work is small,
the machine has one core, fork is missing, other threads run (the app), or
the caller is itself a worker, it runs them in this process, one after
another. The results are the same either way: a piece's result depends on its
own part of the texts alone, never on the other pieces or on where it ran (so
some jobs cut as many pieces as there are cores, and the tests hold the pieces
equal to the whole).
"""

from __future__ import annotations

import gc
import multiprocessing as mp
import os
import sys
import threading
from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

Shared = TypeVar("Shared")
Item = TypeVar("Item")
Result = TypeVar("Result")

MOST_WORKERS_PER_CORE = 2
"""Workers per core at most when each item gets its own (their memory adds up)."""

_task: tuple[Callable[[Any, Any], Any], Any] | None = None
_in_worker = False


BLAS_THREAD_SETTINGS = ("OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")


def one_blas_thread() -> None:
    """Ask numpy's BLAS for a single thread (unless the user set one), before numpy loads.

    The engine never calls BLAS (:mod:`srccompare.engine.align.bulk` multiplies by hand), but
    OpenBLAS starts a thread per core as numpy loads, in this process and in every worker that
    loads it: on the speed benchmark's pair, 0.03-0.09 s on the way to the paragraph search and
    CPU the other core needed. Dask's workers are given the same settings by Dask itself.
    """
    for name in BLAS_THREAD_SETTINGS:
        os.environ.setdefault(name, "1")


def usable_cores() -> int:
    """Cores this process may run on (its affinity mask where the system has one)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def can_fork() -> bool:
    """Forking is only safe where it exists, outside a worker, and while this process runs one thread
    (a forked child gets only the calling thread: locks held by others would never be released).
    A daemonic process (a caller's own pool worker) may not start processes at all."""
    if _in_worker or sys.platform == "darwin" or "fork" not in mp.get_all_start_methods():
        return False
    if mp.current_process().daemon:
        return False
    return threading.active_count() == 1


def fork_map(
    work: Callable[[Shared, Item], Result],
    shared: Shared,
    items: Sequence[Item],
    *,
    parallel: bool = True,
    done: Callable[[int], None] | None = None,
    one_worker_each: bool = False,
) -> list[Result]:
    """``[work(shared, item) for item in items]``, the items spread over forked workers when that pays.

    ``shared`` reaches the workers through the fork, never pickled; each item
    and each result is pickled, so keep items small (indices, ranges) and
    results plain. ``parallel=False`` (small work) runs everything here.
    ``done(n)`` is called as the first ``n`` results are in (for a progress bar).

    ``one_worker_each`` is for a few long items (the pairs of three versions): each
    gets its own worker, up to :data:`MOST_WORKERS_PER_CORE` per core, and the
    system shares the cores among them. With one worker per core, three equal
    items on two cores take twice as long as one, the last one alone on its core;
    side by side they take one and a half times.
    """
    out: list[Result] = []
    cores = usable_cores()
    if not parallel or len(items) < 2 or cores < 2 or not can_fork():
        for item in items:
            out.append(work(shared, item))
            if done is not None:
                done(len(out))
        return out
    from concurrent.futures import ProcessPoolExecutor

    global _task
    _task = (work, shared)
    # Frozen, the objects the workers inherit are left out of any collection in a worker, which
    # would otherwise walk them all (and write to every page it walks).
    gc.freeze()
    try:
        context = mp.get_context("fork")
        workers = min(len(items), cores * (MOST_WORKERS_PER_CORE if one_worker_each else 1))
        with ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_enter) as pool:
            for result in pool.map(_run, items):
                out.append(result)
                if done is not None:
                    done(len(out))
            return out
    finally:
        _task = None
        gc.unfreeze()


def _enter() -> None:
    global _in_worker
    _in_worker = True  # a worker runs its pieces itself: the cores are already taken


def _run(item: Any) -> Any:
    assert _task is not None, "fork_map's task is set before the workers are forked"
    work, shared = _task
    return work(shared, item)


class Pending(Generic[Result]):
    """A result being computed by :func:`in_background`; :meth:`result` waits for it."""

    def __init__(self, work: Callable[[Any], Result], shared: Any, forked: bool, nested: bool = False) -> None:
        self._work, self._shared = work, shared
        self.forked = forked
        """Whether the work runs in a worker now (else it runs here, on :meth:`result`)."""
        self._pool: Any = None
        self._future: Any = None
        if forked:
            from concurrent.futures import ProcessPoolExecutor

            global _task
            _task = (lambda shared, _item: work(shared), shared)
            gc.freeze()
            try:
                self._pool = ProcessPoolExecutor(
                    max_workers=1, mp_context=mp.get_context("fork"), initializer=None if nested else _enter
                )
                self._future = self._pool.submit(_run, None)  # the worker is forked here, with _task set
            except BaseException:
                self._close()
                raise
            finally:
                _task = None

    def result(self) -> Result:
        if self._future is None:
            return self._work(self._shared)
        try:
            out: Result = self._future.result()
            return out
        finally:
            self._close()

    def cancel(self) -> None:
        """Give up on the result: work not started never runs; a worker already at it is waited
        for (it cannot be stopped halfway safely) and its result dropped."""
        self._close()

    def _close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True)
            self._pool = self._future = None
            gc.unfreeze()


def halves_map(
    work: Callable[[Shared, Item], Result],
    shared: Shared,
    items: Sequence[Item],
    sizes: Sequence[float],
    *,
    worth_it: bool = True,
    while_waiting: Callable[[], None] | None = None,
) -> list[Result]:
    """``[work(shared, item) for item in items]``, a forked worker doing about half of them (by ``sizes``)
    while this process does the rest.

    ``while_waiting``: run here after this process's share, before it waits for the worker's
    (only when a worker was forked): what would otherwise cost time later, on one core.

    For a few items whose results cost something to pickle back (a source's sentences): one
    worker is forked, and this process does its own share instead of waiting. Where
    :func:`in_background` would not fork (or ``worth_it=False``), every item runs here.

    Not for small work: on five news articles (some 40 ms of pairs), forking cost more CPU than
    it saved wall time, and with the other core busy it was slower outright.
    """
    mine, theirs = share_out(sizes) if worth_it and len(items) > 1 else (list(range(len(items))), [])
    pending = in_background(_each, (work, shared, [items[k] for k in theirs]), worth_it=bool(theirs))
    try:
        done = {k: work(shared, items[k]) for k in mine}
        if pending.forked and while_waiting is not None:
            while_waiting()
    except BaseException:
        pending.cancel()  # the worker's share is dropped, and its pool is gone before the error goes on
        raise
    done.update(zip(theirs, pending.result()))
    return [done[k] for k in range(len(items))]


def _each(run: tuple[Callable[[Any, Any], Any], Any, list[Any]]) -> list[Any]:
    work, shared, items = run
    return [work(shared, item) for item in items]


def share_out(sizes: Sequence[float]) -> tuple[list[int], list[int]]:
    """Indices split in two shares of about equal total size, biggest first (the caller takes the first)."""
    shares: tuple[list[int], list[int]] = ([], [])
    loads = [0.0, 0.0]
    for k in sorted(range(len(sizes)), key=lambda k: (-sizes[k], k)):
        side = 0 if loads[0] <= loads[1] else 1
        shares[side].append(k)
        loads[side] += sizes[k]
    return sorted(shares[0]), sorted(shares[1])


def in_background(
    work: Callable[[Shared], Result], shared: Shared, *, worth_it: bool = True, nested: bool = False
) -> Pending[Result]:
    """``work(shared)`` in a forked worker, while this process goes on with other work; ``.result()`` waits.

    Where :func:`fork_map` would run its pieces here (one core, no fork, other
    threads, a worker already, or ``worth_it=False``), the work waits for
    ``.result()`` and runs here then: the result is the same either way.
    Until ``.result()`` returns, this process holds a thread of the pool, so
    any :func:`fork_map` called meanwhile runs its pieces itself.

    ``nested``: the worker may spread its own pieces with :func:`fork_map` (its workers may not), for
    work that outlasts what this process does meanwhile: the cores are free again once that is done.
    """
    forked = worth_it and usable_cores() >= 2 and can_fork()
    return Pending(work, shared, forked, nested)


class Spread(Generic[Result]):
    """Items being worked through by :func:`spread`; :meth:`results` joins in and waits for them."""

    def __init__(self, work: Callable[[Any, Any], Result], shared: Any, items: Sequence[Any], forked: bool) -> None:
        self._work, self._shared, self._items = work, shared, list(items)
        self._ends: Any = None
        """Shared with the worker: the next item from the front (the worker's) and the first taken from the back (this process's)."""
        self._pending: Pending[dict[int, Result]] | None = None
        if forked:
            self._ends = mp.get_context("fork").Array("q", [0, len(self._items)])
            self._pending = Pending(_front_first, (work, shared, self._items, self._ends), forked=True)

    @property
    def forked(self) -> bool:
        """Whether a worker is at the items now (else they all run here, on :meth:`results`)."""
        return self._pending is not None

    def results(self) -> list[Result]:
        """Every item's result, in order: this process takes the items left from the last one back
        until it meets the worker, then waits for the worker's."""
        if self._pending is None:
            return [self._work(self._shared, item) for item in self._items]
        try:
            here: dict[int, Result] = {}
            while (k := _take(self._ends, back=True)) is not None:
                here[k] = self._work(self._shared, self._items[k])
        except BaseException:
            self.cancel()
            raise
        here.update(self._pending.result())
        return [here[k] for k in range(len(self._items))]

    def cancel(self) -> None:
        """Give up on the results: items not started never run; the worker's current one is waited for."""
        if self._pending is not None:
            with self._ends.get_lock():
                self._ends[0] = self._ends[1]
            self._pending.cancel()


def _take(ends: Any, back: bool) -> int | None:
    """The next item to run from the front or the back of what is left, or None when nothing is."""
    with ends.get_lock():
        first, past = ends[0], ends[1]
        if first >= past:
            return None
        if back:
            ends[1] = past - 1
            return past - 1
        ends[0] = first + 1
        return first


def _front_first(run: tuple[Callable[[Any, Any], Any], Any, list[Any], Any]) -> dict[int, Any]:
    work, shared, items, ends = run
    out: dict[int, Any] = {}
    while (k := _take(ends, back=False)) is not None:
        out[k] = work(shared, items[k])
    return out


def spread(
    work: Callable[[Shared, Item], Result], shared: Shared, items: Sequence[Item], *, worth_it: bool = True
) -> Spread[Result]:
    """``[work(shared, item) for item in items]``, begun now by one forked worker, from the first item on,
    while this process goes on with other work; ``.results()`` then takes the items the worker has not
    reached, from the last one back, so the two meet wherever the work splits evenly.

    For many small pieces of uneven or unknown cost that this process can share once its own work is
    done (the flags' runs of links, while the rows are built): one worker's memory is touched instead
    of two, and this process never idles while a worker still has a queue. Where :func:`in_background`
    would not fork (or ``worth_it=False``), every item runs here, on ``.results()``.
    """
    forked = worth_it and len(items) > 1 and usable_cores() >= 2 and can_fork()
    return Spread(work, shared, items, forked)
