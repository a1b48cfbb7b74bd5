"""``srccompare scan INPUT... -o OUTDIR``: find the version sets of an archive on Dask.

Dask, distributed and pyarrow come with the ``scan`` extra and are imported
only here, when the command runs, so the app starts as fast without them;
missing, they are one line saying how to install them. Progress goes to
stderr: a rich bar (counts, rate, time left) on a terminal, one plain line per
stage otherwise.
"""

from __future__ import annotations

import argparse
import os
import shlex
import sys
from pathlib import Path
from typing import Any

from srccompare.core.errors import UserError
from srccompare.scan.progress import Progress

INSTALL_HINT = 'scan needs Dask, distributed and pyarrow: pip install "srccompare[scan]"'


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "scan",
        help="find every set of versions of one story in an archive (on Dask)",
        description="Find the groups of articles that are versions of one another (reprints, edited and "
        "truncated copies, and with tier 2 paraphrases and translations) in a folder of files, a JSON Lines "
        "file or a Parquet file or folder, and write sets.parquet, pairs.parquet, summary.md and a review "
        "folder per set to OUTDIR. Runs on a local Dask cluster, or on an existing one (--scheduler). An "
        "interrupted run resumes when run again with the same arguments.",
    )
    p.add_argument("inputs", nargs="*", metavar="INPUT", help="a folder, a JSON Lines file or a Parquet file/folder")
    p.add_argument("-o", "--output", metavar="OUTDIR", required=True, help="folder for the results (made if needed)")
    p.add_argument(
        "--tier",
        type=int,
        choices=(1, 2),
        default=2,
        help="1: reprints, edited and truncated copies only; 2 (default): paraphrases and translations too",
    )
    p.add_argument("--workers", type=int, metavar="N", help="local Dask worker processes (default: one per core)")
    p.add_argument("--scheduler", metavar="ADDRESS", help="run on an existing Dask cluster (tcp://host:8786)")
    p.add_argument("--dashboard", action="store_true", help="serve the local cluster's Dask dashboard (on 127.0.0.1)")
    p.add_argument("--add", action="store_true", help="add INPUT to the scan already in OUTDIR (old articles kept)")
    p.add_argument(
        "--pick",
        nargs="+",
        metavar="ID",
        help="write the texts of 2 to 6 scanned articles to a folder under OUTDIR/picked and print how to open it",
    )
    p.set_defaults(run=run_scan_command)


def _require_extra() -> None:
    import importlib.util

    for module in ("dask", "distributed", "pyarrow"):
        if importlib.util.find_spec(module) is None:
            raise UserError(INSTALL_HINT)


def run_scan_command(args: argparse.Namespace) -> int:
    from srccompare.core.config import load_config

    config = load_config(args.config)
    _require_extra()
    outdir = Path(args.output)
    if args.pick:
        if args.inputs:
            raise UserError("--pick takes article ids, not inputs: srccompare scan -o OUTDIR --pick ID ID ...")
        from srccompare.scan.pick import pick

        folder = pick(outdir, args.pick)
        print(f"srccompare {shlex.quote(str(folder))}")
        return 0
    if not args.inputs:
        raise UserError("give at least one INPUT to scan (see 'srccompare scan --help')")
    if args.workers is not None and args.workers < 1:
        raise UserError("--workers must be at least 1")
    if args.scheduler and args.workers is not None:
        raise UserError("--workers sizes the local cluster; with --scheduler the cluster has its own workers")
    from srccompare.scan.cluster import ClusterSettings
    from srccompare.scan.pipeline import ScanRequest
    from srccompare.scan.run import run_scan

    # Absolute paths: the tasks may run on workers of another cluster (--scheduler), started in other folders.
    inputs = [os.path.abspath(i) for i in args.inputs]
    request = ScanRequest(inputs, outdir.absolute(), config.scan, tier=args.tier, add=args.add)
    cluster = ClusterSettings(args.workers, args.scheduler, args.dashboard, config.scan.worker_malloc_trim_mb)
    progress = TerminalProgress() if sys.stderr.isatty() else PlainProgress()
    try:
        result = run_scan(request, cluster, progress=progress)
    except BaseException:
        progress.abandon()
        raise
    progress.close()
    final = result.final
    lines = [f"{final.sets:,} version sets of {final.members:,} articles; see {outdir / 'summary.md'}"]
    if final.sizes:
        lines.append(f"largest: srccompare {shlex.quote(str(outdir / 'review' / final.sizes[0][1]))}")
    print("\n".join(lines))
    return 0


class PlainProgress(Progress):
    """One line per stage on stderr, for logs and pipes.

    The reading stage's line waits until the input has passed its checks (no
    articles, an id used twice): bad input is one line on stderr, nothing more.
    """

    def __init__(self) -> None:
        self.pending: list[str] = []

    def begin(self, stage: str, total: int) -> None:
        if stage != "read":
            self._flush()

    def end(self, stage: str, seconds: float, note: str = "") -> None:
        self.pending.append(f"srccompare: {stage}: {note} ({seconds:.1f} s)" if note else f"srccompare: {stage}")
        if stage != "read":
            self._flush()

    def message(self, text: str) -> None:
        from srccompare.core.visible import escaped

        self.pending.append(f"srccompare: {escaped(text)}")

    def _flush(self) -> None:
        for line in self.pending:
            print(line, file=sys.stderr)
        self.pending.clear()

    def close(self) -> None:
        self._flush()

    def abandon(self) -> None:
        """The run failed: what is held back is dropped (the error is the one line that matters)."""
        self.pending.clear()


class TerminalProgress(PlainProgress):
    """A rich progress bar per stage: tasks done of all, rate, time left."""

    def __init__(self) -> None:
        super().__init__()
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            TaskProgressColumn,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )
        from rich.progress import (
            Progress as RichProgress,
        )

        self.console = Console(stderr=True)
        self.bar = RichProgress(
            TextColumn("{task.description:<13}"),
            BarColumn(),
            MofNCompleteColumn(),
            TaskProgressColumn(),
            TextColumn("{task.fields[rate]}"),
            TimeElapsedColumn(),
            TimeRemainingColumn(),
            console=self.console,
            transient=False,
        )
        self.bar.start()
        self.task: Any = None

    def begin(self, stage: str, total: int) -> None:
        import time

        if self.task is not None and self.bar.tasks[-1].description == stage:
            self.bar.update(self.task, total=total, completed=0)
        else:
            self.task = self.bar.add_task(stage, total=total or None, rate="")
        self.started = time.perf_counter()

    def advance(self, done: int = 1) -> None:
        import time

        if self.task is None:
            return
        self.bar.advance(self.task, done)
        completed = self.bar.tasks[-1].completed
        elapsed = max(time.perf_counter() - self.started, 1e-6)
        self.bar.update(self.task, rate=f"{completed / elapsed:.1f} tasks/s")

    def end(self, stage: str, seconds: float, note: str = "") -> None:
        if self.task is not None:
            task = self.bar.tasks[-1]
            self.bar.update(self.task, total=task.total or 1, completed=task.total or 1, rate=note)
        self.task = None

    def message(self, text: str) -> None:
        from srccompare.core.visible import escaped

        self.console.print(f"srccompare: {escaped(text)}", markup=False, highlight=False)

    def close(self) -> None:
        self.bar.stop()

    def abandon(self) -> None:
        self.bar.stop()
