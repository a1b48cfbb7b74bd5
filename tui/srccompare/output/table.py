"""The alignment as a side-by-side table for a terminal (``srccompare align --format text``).

Each row shows its number (from 1, as in the app; the JSON's ``id`` is one
less), kind and score, then one column per source with the row's paragraphs
wrapped to the column width; a ``>`` after a source's text
marks a paragraph that is out of its own order (moved). Flags follow the row,
one line each: ``  ! number (major): message``. Before the rows, the flags that
may change the facts are listed most serious first, so a reviewer reading from
the top meets the real changes before the page furniture and the spelling.

Widths are terminal cells, not code points: a CJK character takes two cells, a
combining accent none, so columns stay aligned in any script. Controls in the
text (escape sequences, bidi overrides) are shown as visible symbols before
anything is measured (:mod:`srccompare.core.visible`), so they neither act on
the terminal nor shift the columns.
"""

from __future__ import annotations

import re
import shutil

from rich.cells import cell_len, chop_cells, set_cell_size

from srccompare.core.model import Alignment, Flag, Row
from srccompare.core.visible import visible

GUTTER = " | "
LABEL_WIDTH = 24  # "1234 = boilerplate 0.00 "
MIN_COLUMN = 12
KIND_MARK = {"match": "=", "changed": "~", "only": "+", "boilerplate": "#"}


_CHUNK = re.compile(r"[\t\n\x0b\x0c\r ]+|[^\t\n\x0b\x0c\r ]+")
"""Runs of (ASCII) whitespace and of everything else: where ``textwrap`` may break a line."""


def _pad(text: str, width: int) -> str:
    """``text`` followed by spaces up to ``width`` cells."""
    return text + " " * (width - cell_len(text))


def _head(chunk: str, room: int) -> str:
    """The longest start of ``chunk`` at most ``room`` cells wide, never splitting a character from its accents."""
    pieces = chop_cells(chunk, max(1, room))
    head = pieces[0] if pieces else chunk
    return head if cell_len(head) <= room else ""


def wrap_cells(text: str, width: int, subsequent_indent: str = "") -> list[str]:
    """Wrap ``text`` into lines at most ``width`` terminal cells wide.

    The lines of ``textwrap.wrap(text, width, subsequent_indent=...,
    break_long_words=True, break_on_hyphens=False)`` (on single-width text the
    same, less the trailing space textwrap sometimes leaves after a cut word),
    measured in cells: lines break at whitespace; a word wider than a line (or
    a run of CJK text, which has no spaces) is cut between characters, never
    between a character and its combining accents.
    """
    chunks = [c if c.strip() else " " * len(c) for c in _CHUNK.findall(text.expandtabs())]
    chunks.reverse()
    lines: list[str] = []
    while chunks:
        indent = subsequent_indent if lines else ""
        room = width - cell_len(indent)
        if lines and not chunks[-1].strip():
            chunks.pop()  # no line but the first starts with a space
            if not chunks:
                break
        line: list[str] = []
        used = 0
        while chunks and used + (size := cell_len(chunks[-1])) <= room:
            line.append(chunks.pop())
            used += size
        if chunks and cell_len(chunks[-1]) > room:  # too long for any line: cut it
            head = _head(chunks[-1], room - used)
            if not head and not line:  # not even one character fits: let it stick out
                head = _head(chunks[-1], 2) or chunks[-1][:1]
            if head:
                line.append(head)
                chunks[-1] = chunks[-1][len(head) :]
                if not chunks[-1]:
                    chunks.pop()
        if line and not line[-1].strip():
            line.pop()
        if line:
            lines.append(indent + "".join(line))
    return lines


def _cell_text(alignment: Alignment, row: Row, source_id: str) -> str:
    source = alignment.source(source_id)
    parts = [" ".join(source.paragraph_text(i).split()) for i in row.cells.get(source_id, [])]
    return visible(" ¶ ".join(parts))


def _label(row: Row) -> str:
    return f"{row.id + 1:>4} {KIND_MARK.get(row.kind, '?')} {row.kind:<11} {row.score:.2f}"


def render_table(alignment: Alignment, width: int | None = None) -> str:
    """A readable table of ``alignment``, ``width`` columns wide (the terminal's when None)."""
    if width is None:
        width = shutil.get_terminal_size((120, 24)).columns
    ids = [s.id for s in alignment.sources]
    usable = width - LABEL_WIDTH - len(GUTTER) * len(ids)
    col = max(MIN_COLUMN, usable // max(1, len(ids)))
    lines: list[str] = []
    header = f"{' row kind score':<{LABEL_WIDTH}}" + "".join(
        GUTTER + set_cell_size(visible(sid) + (" (base)" if sid == alignment.base else ""), col) for sid in ids
    )
    lines.extend(_flag_digest(alignment, width))
    lines.append(header.rstrip())
    lines.append("-" * min(width, cell_len(header)))
    for row in alignment.rows:
        columns: list[list[str]] = []
        for sid in ids:
            text = _cell_text(alignment, row, sid)
            if sid in row.moved:
                text = "> " + text
            columns.append(wrap_cells(text, col) or [""])
        height = max(len(c) for c in columns)
        for k in range(height):
            label = _label(row) if k == 0 else ""
            cells = "".join(GUTTER + _pad(c[k] if k < len(c) else "", col) for c in columns)
            lines.append((label.ljust(LABEL_WIDTH) + cells).rstrip())
        for flag in row.flags:
            message = visible(f"  ! {flag.kind} ({flag.severity}): {flag.message}")
            lines.extend(wrap_cells(message, width, subsequent_indent="    ") or [message])
        lines.append("")
    lines.extend(wrap_cells(visible(_summary(alignment)), width))
    return "\n".join(lines)


def _summary(alignment: Alignment) -> str:
    counts: dict[str, int] = {}
    for row in alignment.rows:
        counts[row.kind] = counts.get(row.kind, 0) + 1
    flags = len({id(f) for r in alignment.rows for f in r.flags})  # a flag may sit on several rows
    parts = [f"{counts.get(k, 0)} {k}" for k in ("match", "changed", "only", "boilerplate")]
    moved = sum(1 for r in alignment.rows if r.moved)
    return (
        f"{len(alignment.rows)} rows: " + ", ".join(parts) + f"; {moved} moved; {flags} flags (base: {alignment.base})"
    )


def _flag_digest(alignment: Alignment, width: int) -> list[str]:
    """Every flag but page furniture, most serious first, with its row number (from 1)."""
    from srccompare.engine.flags import sort_listed

    first: dict[int, tuple[Flag, int]] = {}
    for row in alignment.rows:
        for flag in row.flags:
            if flag.kind != "boilerplate":
                first.setdefault(id(flag), (flag, row.id))  # a flag on several rows is listed once, at its first
    flags = sort_listed(list(first.values()))
    if not flags:
        return []
    lines = [f"Flags, most serious first ({len(flags)}):"]
    for flag, index in flags:
        entry = visible(f"  row {index + 1:>3}  {flag.severity:<8} {flag.kind}: {flag.message}")
        lines.extend(wrap_cells(entry, width, subsequent_indent=" " * 16) or [entry])
    lines.append("")
    return lines
