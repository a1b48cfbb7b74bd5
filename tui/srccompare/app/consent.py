"""Reopening a review whose file names sources outside its own folder: the reviewer sees them and decides.

A review file is data from anywhere (mailed, downloaded, checked out), and it
names the files it compares: ``/etc/passwd`` or ``../../../../etc/hostname``
would otherwise be read and shown without a word. Before reading any of them
the app lists the files outside the review's folder and asks; a "no" quits with
nothing read. (Without a terminal there is nobody to ask: the launcher refuses,
and ``--allow-outside`` says yes in advance.)
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from srccompare.app.screens.confirm import ConfirmScreen
from srccompare.core.model import Source
from srccompare.review.paths import described

SHOWN = 12
"""Files listed in the question; the rest are counted."""


@dataclass(slots=True)
class OutsideSources:
    """Sources a review names outside its folder, and how to read all of its sources once allowed."""

    review: Path
    paths: list[str]
    load: Callable[[], tuple[list[Source], str | None]]
    """Reads the review's sources and resolves the base (runs in a worker thread; raises UserError)."""


def consent_dialog(outside: OutsideSources) -> ConfirmScreen:
    listing = "\n".join(f"  {described(path)}" for path in outside.paths[:SHOWN])
    if len(outside.paths) > SHOWN:
        listing += f"\n  … and {len(outside.paths) - SHOWN} more"
    return ConfirmScreen(
        "Open files outside the review's folder?",
        f"{outside.review} names sources outside its folder ({outside.review.resolve().parent}):\n\n"
        f"{listing}\n\n"
        "srccompare would read them and show them here (it never writes to them). "
        "Open them only if you trust where this review file came from.",
        yes="Open them",
        no="Quit",
    )


def declined(outside: OutsideSources) -> str:
    """The line on stderr after the reviewer said no."""
    return (
        f"srccompare: {outside.review}: not opened: it names sources outside its folder "
        f"({', '.join(outside.paths[:3])}{', …' if len(outside.paths) > 3 else ''}) and you declined"
    )
