"""The shareable side-by-side report (``srccompare report``): one self-contained HTML file.

A colleague without srccompare opens it in any browser, offline, or prints it:
the aligned columns with the app's word marks and flags, the reviewer's
annotations, and the overview heat map. It has no script and fetches nothing
(inline CSS only); every text from a source or a reviewer is escaped, with its
control characters made visible (:mod:`srccompare.output.html_text`). A
``<meta name="generator">`` mark near the top lets srccompare recognise its own
file and never read it back as a source.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from srccompare import __version__
from srccompare.core.kinds import SEVERITIES
from srccompare.core.model import Alignment, Flag
from srccompare.inputs.own_files import html_generator_meta
from srccompare.output.html_text import esc
from srccompare.output.overview import flag_level, heat_level, is_furniture, shade
from srccompare.output.report_rows import ReportRows, row_flags
from srccompare.output.report_style import stylesheet
from srccompare.review.model import Annotation

GENERATOR_META = html_generator_meta()
"""How srccompare marks the HTML it writes (the HTML export carries the same mark; see inputs/own_files.py)."""

HEAT_COLUMNS = 240
"""At most this many columns in the overview; longer alignments are summarised a slice of rows per column."""

Agreement = dict[str, float | None]

BLANK = "<span> </span>"
FLAG_CELLS = (BLANK, '<span class="sev-minor">·</span>', '<span class="sev-major">!</span>')
"""The overview's flag line by :func:`~srccompare.output.overview.flag_level`: none, minor, major or worse."""


def render_report(
    alignment: Alignment,
    annotations: Sequence[Annotation] = (),
    *,
    focused: str | None = None,
    min_severity: str = "minor",
    review: str | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> str:
    """The report of ``alignment`` as one HTML document.

    ``annotations`` are placed on the rows their targets point into (as the app
    places them); those that fit no row are listed at the end. Word marks are
    drawn against ``focused`` (default: the base, as the app opens); flags
    weaker than ``min_severity`` are left out. ``review`` names the review file
    the annotations came from.
    """
    from srccompare.engine.compare import agreement
    from srccompare.review.placement import annotated_rows

    placed = annotated_rows(alignment, annotations) if annotations else {}
    rows = ReportRows(alignment, focused or alignment.base, placed, min_severity)
    figures: list[Agreement | None] = [
        None if is_furniture(alignment, row) else agreement(alignment, row) for row in alignment.rows
    ]
    total = len(alignment.rows)

    def done(index: int) -> None:
        if progress is not None and (index % 50 == 49 or index == total - 1):
            progress(index + 1, total)

    body = rows.rows(done)
    on_rows = {a.id for anns in placed.values() for a in anns}
    unplaced = [a for a in annotations if a.id not in on_rows]
    base = alignment.source(alignment.base)
    title = base.title or base.id
    parts = [
        _intro(alignment, rows, annotations, review, title),
        _heat_map(alignment, rows, figures, placed),
        _digest(rows),
        '<main class="aligned">',
        rows.headings(),
        *body,
        "</main>",
        _unplaced(rows, unplaced),
        f'<footer class="page meta"><p>Written by srccompare {esc(__version__)}. Rows are numbered from 1.</p></footer>',
    ]
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"{GENERATOR_META}\n"
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>srccompare report — {esc(title)}</title>\n"
        f"<style>\n{stylesheet(len(alignment.sources))}\n</style>\n</head>\n<body>\n"
        + "\n".join(p for p in parts if p)
        + "\n</body>\n</html>\n"
    )


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _counts(values: Iterable[str], order: Sequence[str]) -> str:
    found: dict[str, int] = {}
    for value in values:
        found[value] = found.get(value, 0) + 1
    ordered = [k for k in order if k in found] + sorted(k for k in found if k not in order)
    return ", ".join(f"{found[k]} {esc(k)}" for k in ordered)


def _unique_flags(rows: ReportRows) -> dict[int, tuple[Flag, int]]:
    """Each flag shown once (a flag may sit on several rows), with the first row it is on."""
    out: dict[int, tuple[Flag, int]] = {}
    for index, row in enumerate(rows.alignment.rows):
        for flag in row_flags(row, rows.min_severity):
            out.setdefault(id(flag), (flag, index))
    return out


def _listed_flags(rows: ReportRows) -> list[tuple[Flag, int]]:
    """The flags the digest lists (all but page furniture, which is folded), each with its first row."""
    return [(flag, index) for flag, index in _unique_flags(rows).values() if flag.kind != "boilerplate"]


def _intro(
    alignment: Alignment, rows: ReportRows, annotations: Sequence[Annotation], review: str | None, title: str
) -> str:
    flags = [flag for flag, _ in _listed_flags(rows)]
    severities = tuple(reversed(SEVERITIES))
    summary = [
        f"{len(alignment.sources)} versions, {_count(len(alignment.rows), 'row')} ("
        + _counts((r.kind for r in alignment.rows), ("match", "changed", "only", "boilerplate"))
        + ")",
        _count(len(flags), "flag")
        + (f" ({_counts((f.severity for f in flags), severities)})" if flags else "")
        + (f", {rows.min_severity} and worse shown" if rows.min_severity != "minor" else ""),
    ]
    if review is not None or annotations:
        statuses = ("open", "confirmed", "dismissed", "resolved")
        counted = _counts((a.status for a in annotations), statuses)
        summary.append(_count(len(annotations), "annotation") + (f" ({counted})" if counted else ""))
    focus = "" if rows.focused == alignment.base else f"; the base marks what {rows.short_label(rows.focused)} dropped"
    review_line = f'<p class="meta">Annotations from {esc(Path(review).name)}.</p>' if review else ""
    return f"""<header class="page">
<h1>{esc(title)}</h1>
<p class="muted">Side-by-side report by srccompare {esc(__version__)}: {"; ".join(summary)}.</p>
{review_line}
{_sources_table(alignment, rows)}
<ul class="legend" aria-label="How to read the marks">
<li>Each version's words compared with the base ({rows.short_label(alignment.base)}){focus}:</li>
<li><ins>inserted</ins> (underlined)</li>
<li><del>deleted</del> (struck through)</li>
<li><span class="rep">replaced</span> (bold, shaded)</li>
<li><span class="miss">a sentence with no partner</span> (italic)</li>
<li><mark class="flag">flagged words</mark> (bold, boxed)</li>
<li>gutter: <span class="sev sev-critical">!</span> critical, <span class="sev sev-major">!</span> major,
<span class="sev sev-minor">·</span> minor flag, <span class="ann-mark">✎</span> annotated</li>
</ul>
</header>"""


def _sources_table(alignment: Alignment, rows: ReportRows) -> str:
    """Number, title, id, file name and (when any is known) site, author and date of every version."""
    bylines = any(source.byline for source in alignment.sources)
    head = "<tr><th>#</th><th>title</th><th>id</th><th>file</th>" + ("<th>published</th>" if bylines else "") + "</tr>"
    lines = []
    for source in alignment.sources:
        base = " ★ base" if source.id == alignment.base else ""
        byline = f"<td>{esc(source.byline)}</td>" if bylines else ""
        lines.append(
            f"<tr><td>{rows.numbers[source.id]}{base}</td><td>{esc(source.title)}</td><td>{esc(source.id)}</td>"
            f"<td>{esc(Path(source.path).name)}</td>{byline}</tr>"
        )
    return f'<table class="sources">{head}{"".join(lines)}</table>'


def _digest(rows: ReportRows) -> str:
    """Every flag but page furniture, most serious first, each linking to its row."""
    from srccompare.engine.flags import sort_listed

    found = _listed_flags(rows)
    if not found:
        return ""
    items = [
        f'<li><a href="#r{index + 1}">row {index + 1}</a> '
        f'<span class="sev sev-{esc(flag.severity)}">{esc(flag.severity)}</span> <b>{esc(flag.kind)}</b>: '
        f"{esc(flag.message)}</li>"
        for flag, index in sort_listed(found)
    ]
    return (
        f'<details class="page digest" open><summary>Flags, most serious first ({len(items)})</summary>'
        f'<ol class="digest">{"".join(items)}</ol></details>'
    )


def _heat_map(
    alignment: Alignment,
    rows: ReportRows,
    figures: list[Agreement | None],
    placed: dict[int, list[Annotation]],
) -> str:
    """The overview: a column per row (or slice of rows), a line per source, then the flag and note marks.

    Shade characters say how far each source agrees with the row's reference
    (· agrees, ░ ▒ ▓ █ further apart, × not in this row; blank: page furniture),
    and the colour repeats them, as in the app's overview strip.
    """
    total = len(alignment.rows)
    if not total:
        return ""
    ids = [s.id for s in alignment.sources]
    slices = min(total, HEAT_COLUMNS)
    labels = "".join(f"<span>{rows.numbers[sid]}</span>" for sid in ids)
    columns = [f'<div class="heat-col heat-labels" aria-hidden="true">{labels}<span>!</span><span>✎</span></div>']
    for k in range(slices):
        lo, hi = k * total // slices, (k + 1) * total // slices
        content = [f for f in figures[lo:hi] if f is not None]
        cells = []
        for sid in ids:
            if not content:
                cells.append('<span class="h-furniture"> </span>')
                continue
            present = [v for v in (f.get(sid) for f in content) if v is not None]
            lowest = min(present) if present else None
            cells.append(f'<span class="h-{heat_level(lowest)}">{shade(lowest)}</span>')
        level = max((flag_level(row_flags(alignment.rows[i], rows.min_severity)) for i in range(lo, hi)), default=0)
        flag = FLAG_CELLS[level]
        note = '<span class="ann-mark">✎</span>' if any(i in placed for i in range(lo, hi)) else BLANK
        span = f"row {lo + 1}" if hi - lo == 1 else f"rows {lo + 1}–{hi}"
        tick = " tick" if k % 10 == 9 else ""  # every tenth column says which row it starts at
        number = f'<span class="heat-num">{lo + 1}</span>' if tick else BLANK
        columns.append(
            f'<a class="heat-col{tick}" href="#r{lo + 1}" title="{span}">{"".join(cells)}{flag}{note}{number}</a>'
        )
    return (
        '<nav class="page" aria-label="Overview of the rows"><h2>Overview</h2>'
        '<p class="meta">One column per row, one line per version (numbered as above): · agrees with the base, '
        "░ ▒ ▓ █ further apart, × not in this version, blank: page furniture; then ! / · flags and ✎ annotations. "
        "Each column links to its row.</p>"
        f'<div class="heat">{"".join(columns)}</div></nav>'
    )


def _unplaced(rows: ReportRows, unplaced: list[Annotation]) -> str:
    if not unplaced:
        return ""
    items = "".join(rows.annotation(a) for a in unplaced)
    return (
        f'<section class="page"><h2>Annotations not on any row ({len(unplaced)})</h2>'
        '<p class="meta">Their text was not found in these versions.</p>'
        f"{items}</section>"
    )
