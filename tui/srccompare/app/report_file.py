"""The palette's "Save report as HTML…": the side-by-side report of what is on screen, beside the review file.

The report (``srccompare.output.report``) is what ``srccompare report`` writes,
drawn against the focused column and with the flags the view shows. It is
built in a worker thread, so a long story never freezes the screen, and written
atomically next to the annotation file (the same place the exports go).
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import TYPE_CHECKING

from srccompare.core.model import Alignment
from srccompare.review.model import Annotation

if TYPE_CHECKING:
    from srccompare.app.screens.review import ReviewScreen

REPORT_SUFFIX = ".report.html"
FALLBACK_NAME = "srccompare-report.html"
"""Without a review file, the report goes beside the first source under this name."""


def report_path(review: Path | None, sources: list[str]) -> Path:
    """Where the report goes: ``<review>.report.html`` beside the review file (never over a source)."""
    if review is None:
        first = Path(sources[0]) if sources and sources[0] != "-" else Path.cwd() / "-"
        out = first.parent / FALLBACK_NAME
    else:
        out = review.with_name(review.stem + REPORT_SUFFIX)
    inputs = {Path(p).resolve() for p in sources if p != "-"}
    if out.resolve() in inputs:
        out = out.with_name(out.stem + ".srccompare.html")
    return out


def save_report(screen: ReviewScreen) -> None:
    """Start writing the report of ``screen``'s alignment; the reviewer is told where it went."""
    alignment = screen.alignment
    if alignment is None:
        screen.notify("Nothing to report until the sources are aligned.", severity="warning")
        return
    keeper = screen.srcapp.keeper
    out = report_path(keeper.path, [s.path for s in alignment.sources])
    annotations = copy.deepcopy(keeper.annotations)  # the reviewer may edit them meanwhile
    focused, floor = screen.view.focused, screen.view.state.min_severity
    screen.notify(f"Writing the report to {out}…", timeout=3)
    screen.run_worker(
        lambda: _write(screen, alignment, annotations, focused, floor, keeper.path, out),
        thread=True,
        group="report",
        exit_on_error=False,
    )


def _write(
    screen: ReviewScreen,
    alignment: Alignment,
    annotations: list[Annotation],
    focused: str | None,
    min_severity: str,
    review: Path | None,
    out: Path,
) -> None:
    from srccompare.core.atomic import atomic_write_text
    from srccompare.output.report import render_report

    try:
        text = render_report(
            alignment,
            annotations,
            focused=focused,
            min_severity=min_severity,
            review=str(review) if review is not None else None,
        )
        atomic_write_text(out, text)
    except Exception as exc:  # a report that failed must not take the review down with it
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc) or type(exc).__name__
        screen.app.call_from_thread(screen.notify, f"Report not written: {out}: {reason}", severity="error", timeout=10)
        return
    screen.app.call_from_thread(screen.notify, f"Report saved: {out}", timeout=8)
