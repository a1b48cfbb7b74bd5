"""The Dask cluster a scan runs on: a LocalCluster sized to the machine, or one given by its address.

The local cluster listens on 127.0.0.1 only, serves no dashboard unless asked,
and starts its workers by fork where the system has it (about a second, where
spawning fresh interpreters that each import Dask takes two). Its workers get
``MALLOC_TRIM_THRESHOLD_`` from ``scan.worker_malloc_trim_mb``: Dask's own
64 KB makes glibc hand memory back after every numpy temporary, which made
the signature stage 1.6x slower. Ctrl-C is the client's to handle: the workers
are started with SIGINT ignored, so an interrupt is one line from the command,
not a traceback from every worker.
"""

from __future__ import annotations

import logging
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from srccompare.core.errors import UserError

_QUIET_LOGGERS = ("distributed", "tornado", "bokeh", "asyncio")


@dataclass(frozen=True)
class ClusterSettings:
    workers: int | None = None  # local worker processes; None: one per core
    scheduler: str | None = None  # an existing cluster's scheduler address
    dashboard: bool = False
    malloc_trim_mb: float = 256.0


def local_workers(requested: int | None) -> int:
    if requested is not None:
        return requested
    from srccompare.engine.cores import usable_cores

    return max(1, usable_cores())


@contextmanager
def _quiet_logs() -> Iterator[None]:
    """Dask's INFO/WARNING lines (workers joining, leaving, ports) are not the user's business here."""
    saved = {name: logging.getLogger(name).level for name in _QUIET_LOGGERS}
    for name in _QUIET_LOGGERS:
        logging.getLogger(name).setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        for name, level in saved.items():
            logging.getLogger(name).setLevel(level)


@contextmanager
def _sigint_ignored() -> Iterator[None]:
    """SIGINT ignored while the workers start, so they inherit the ignoring (the client keeps its handler)."""
    try:
        previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    except ValueError:  # not the main thread: nothing to hand on
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


@contextmanager
def dask_client(settings: ClusterSettings) -> Iterator[Any]:
    """A connected ``distributed.Client``; everything it started is closed on the way out, quietly."""
    import dask
    from distributed import Client, LocalCluster

    with _quiet_logs():
        if settings.scheduler:
            try:
                client = Client(settings.scheduler, timeout="10s")
            except (OSError, TimeoutError) as exc:
                raise UserError(f"cannot reach the Dask scheduler ({exc})", settings.scheduler) from None
            try:
                yield client
            finally:
                client.close()
            return
        trim = str(int(settings.malloc_trim_mb * 1_048_576))
        method = "fork" if sys.platform.startswith("linux") else "spawn"
        options = {
            "distributed.worker.multiprocessing-method": method,
            "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": trim,
            "distributed.worker.daemon": True,
            "distributed.admin.system-monitor.gil.enabled": False,
            # Dask's own bookkeeping, timed every few ms by default: a worker samples its stack every 10 ms
            # for the dashboard's profile, and every process ticks every 20 ms. With them at these values
            # the client (and the scheduler in it) spent 0.5 CPU s instead of 1.2 on 8 tasks of 2 s each.
            "distributed.worker.profile.enabled": settings.dashboard,
            "distributed.admin.tick.interval": "20ms" if settings.dashboard else "1s",
            "distributed.admin.system-monitor.interval": "500ms" if settings.dashboard else "5s",
        }
        with dask.config.set(options), _sigint_ignored():
            cluster = LocalCluster(
                n_workers=local_workers(settings.workers),
                threads_per_worker=1,
                processes=True,
                host="127.0.0.1",
                dashboard_address="127.0.0.1:8787" if settings.dashboard else None,
                scheduler_kwargs={} if settings.dashboard else {"dashboard": False, "dashboard_address": "127.0.0.1:0"},
                silence_logs=logging.CRITICAL,
            )
        try:
            client = Client(cluster)
            if settings.dashboard:
                print(f"srccompare: Dask dashboard at {client.dashboard_link}", file=sys.stderr)
            try:
                yield client
            finally:
                client.close()
        finally:
            cluster.close()
