"""The rows of the HTML report: gutter, one cell per source with the app's marks, then flags and annotations.

Each row is one CSS grid, so its cells start on the same line however long
they are. The marks are the app's own (:mod:`srccompare.output.sentence_marks`,
:mod:`srccompare.output.marks`): word divergences against the focused source,
missing sentences, and the words each flag is about. Page furniture is folded
into a ``<details>`` element, which a reader opens without any script.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from srccompare.core.kinds import severity_rank
from srccompare.core.model import Alignment, Flag, Row, Source
from srccompare.output.html_text import esc, marked_html
from srccompare.output.marks import Mark, flag_marks, merge_marks
from srccompare.output.overview import is_furniture
from srccompare.output.report_style import PRINT_COLUMNS
from srccompare.output.sentence_marks import row_word_marks
from srccompare.review.model import Annotation

GAP_NOTE = "· · · (not in this source)"
"""What an empty cell says, as in the app: visible, never just white space."""

SEVERITY_MARK = {"minor": "·", "major": "!", "critical": "!"}
"""The gutter's flag mark, as in the app (critical is drawn reversed as well)."""


def row_flags(row: Row, min_severity: str = "minor") -> list[Flag]:
    """The flags of ``row`` at least ``min_severity``, most severe first (as the app's gutter, flag
    panel and overview read them)."""
    floor = severity_rank(min_severity)
    shown = [f for f in row.flags if severity_rank(f.severity) >= floor]
    return sorted(shown, key=lambda f: severity_rank(f.severity), reverse=True)


@dataclass
class ReportRows:
    """What every row needs: the alignment, the column order, the source numbers, the annotations per row."""

    alignment: Alignment
    focused: str
    annotations: dict[int, list[Annotation]] = field(default_factory=dict)
    min_severity: str = "minor"
    """Weaker flags are left out, as the app's ``--min-severity`` hides them."""

    def __post_init__(self) -> None:
        ids = [s.id for s in self.alignment.sources]
        self.numbers = {sid: n for n, sid in enumerate(ids, 1)}
        """Source id -> its number (1-based, in source order), as the app's headings and overview number them."""
        self.order = [self.alignment.base, *[sid for sid in ids if sid != self.alignment.base]]
        """Columns left to right: the base first, then the others in source order (as in the app)."""

    # ------------------------------------------------------------ labels

    def label(self, source_id: str) -> str:
        """``2 Title`` (escaped) for a source, or its id if the alignment does not know it."""
        try:
            source = self.alignment.source(source_id)
        except KeyError:
            return esc(source_id)
        return f"{self.numbers[source_id]} {esc(source.title or source.id)}"

    def short_label(self, source_id: str) -> str:
        """``2 reprint`` (escaped): the source's number and id."""
        number = self.numbers.get(source_id)
        return f"{number} {esc(source_id)}" if number else esc(source_id)

    def heading(self, source: Source) -> str:
        """A column heading: number, title and base star, then id, file name and byline."""
        star = ' <span title="base: the rows follow its order">★</span>' if source.id == self.alignment.base else ""
        details = [source.id, Path(source.path).name, source.byline]
        small = " · ".join(esc(d) for d in dict.fromkeys(details) if d)
        return f'<div class="colhead">{self.label(source.id)}{star}<small>{small}</small></div>'

    def headings(self) -> str:
        heads = "".join(self.heading(self.alignment.source(sid)) for sid in self.order)
        return f'<div class="line colheads" aria-hidden="true"><div class="gutter">row</div>{heads}</div>'

    # ------------------------------------------------------------ rows

    def rows(self, progress: Callable[[int], None] | None = None) -> list[str]:
        """Every row as HTML; a run of page-furniture rows is folded into one ``<details>`` element."""
        out: list[str] = []
        folded: list[int] = []
        for index, row in enumerate(self.alignment.rows):
            if is_furniture(self.alignment, row):
                folded.append(index)
            else:
                if folded:
                    out.append(self._folded(folded))
                    folded = []
                out.append(self.row(index))
            if progress is not None:
                progress(index)
        if folded:
            out.append(self._folded(folded))
        return out

    def row(self, index: int, element: str = "section") -> str:
        """One aligned row as HTML (numbered from 1, anchor ``r<number>``)."""
        row = self.alignment.rows[index]
        line = self._line(index, row, row_flags(row, self.min_severity), self.annotations.get(index, []))
        return f'<{element} class="row kind-{esc(row.kind)}" id="r{index + 1}">{line}</{element}>'

    def _folded(self, indices: list[int]) -> str:
        """Page-furniture rows, folded as the app folds them: one line that opens (no script needed) on a click."""
        first, last = indices[0] + 1, indices[-1] + 1
        where = f"row {first}" if first == last else f"rows {first}–{last}"
        inner = "".join(self.row(i, "div") for i in indices)
        summary = f"{where} · page furniture, folded: {self._snippet(indices[0])}"
        return f'<details class="furniture"><summary>{summary}</summary>{inner}</details>'

    def _line(self, index: int, row: Row, flags: list[Flag], notes: list[Annotation]) -> str:
        marks = row_word_marks(self.alignment, row, self.focused)
        flagged = flag_marks(flags)
        cells = [
            self._cell(row, sid, marks.get(sid, []), merge_marks(flagged.get(sid, [])), k >= PRINT_COLUMNS)
            for k, sid in enumerate(self.order)
        ]
        extras = ""
        if flags or notes:
            extras = f'<div class="extras">{self._flags(flags)}{"".join(self.annotation(a) for a in notes)}</div>'
        return f'<div class="line">{self._gutter(index + 1, flags, bool(notes))}{"".join(cells)}{extras}</div>'

    def _gutter(self, number: int, flags: list[Flag], annotated: bool) -> str:
        parts = [f'<a href="#r{number}" title="row {number}">{number}</a>']
        if flags:
            worst = flags[0].severity
            parts.append(
                f'<span class="sev sev-{esc(worst)}" title="{esc(worst)} flag">{SEVERITY_MARK.get(worst, "!")}</span>'
            )
        if annotated:
            parts.append('<span class="ann-mark" title="annotated">✎</span>')
        return f'<div class="gutter">{"<br>".join(parts)}</div>'

    def _cell(self, row: Row, source_id: str, diff: list[Mark], flagged: list[Mark], later: bool) -> str:
        source = self.alignment.source(source_id)
        paragraphs = row.cells.get(source_id) or []
        classes = "cell later" if later else "cell"
        who = f'<span class="who">{self.label(source_id)}</span>'
        if not paragraphs:
            return f'<div class="{classes}">{who}<p class="gap">{GAP_NOTE}</p></div>'
        body = []
        if source_id in row.moved:
            body.append(f'<p class="moved">¶{paragraphs[0] + 1} of col {self.numbers[source_id]}, moved</p>')
        for i in paragraphs:
            para = source.paragraphs[i]
            furniture = ' class="furn"' if para.boilerplate else ""
            body.append(f"<p{furniture}>{marked_html(source.text, para.start, para.end, diff, flagged)}</p>")
        return f'<div class="{classes}">{who}{"".join(body)}</div>'

    def _flags(self, flags: list[Flag]) -> str:
        if not flags:
            return ""
        items = []
        for flag in flags:
            where = ", ".join(str(n) for n in sorted(self.numbers[sid] for sid in flag.spans if sid in self.numbers))
            items.append(
                f'<li><span class="sev sev-{esc(flag.severity)}">{esc(flag.severity)}</span> '
                f"<b>{esc(flag.kind)}</b>: {esc(flag.message)}"
                + (f' <span class="meta">(in {where})</span>' if where else "")
                + "</li>"
            )
        return f'<ul class="flags">{"".join(items)}</ul>'

    def _snippet(self, index: int) -> str:
        """The start of the row's first paragraph, on one line."""
        row = self.alignment.rows[index]
        for source in self.alignment.sources:
            indices = row.cells.get(source.id)
            if indices:
                text = " ".join(source.paragraph_text(indices[0]).split())
                return esc(text if len(text) <= 120 else text[:119] + "…")
        return ""

    # ------------------------------------------------------------ annotations

    def annotation(self, ann: Annotation) -> str:
        """A reviewer's annotation: category, severity, status, note, and the quoted targets."""
        head = (
            f'<p>✎ <b>{esc(ann.category)}</b> · <span class="sev sev-{esc(ann.severity)}">{esc(ann.severity)}</span>'
            f" · {esc(ann.status)}"
        )
        meta = [f"by {ann.author}" if ann.author else "", ann.modified]
        head += f' <span class="meta">{esc(" · ".join(m for m in meta if m))}</span></p>'
        parts = [f'<aside class="annotation {esc(ann.severity)}" id="a-{esc(ann.id)}">{head}']
        if ann.note.strip():
            parts.append(f'<p class="note-text">{esc(ann.note.strip())}</p>')
        if ann.targets:
            items = []
            for target in ann.targets:
                warn = (
                    f' <span class="anchor-warn">[{esc(target.anchor)}]</span>' if target.anchor != "anchored" else ""
                )
                items.append(f"<li>{self.short_label(target.source)}: “{esc(target.exact)}”{warn}</li>")
            parts.append(f"<ul>{''.join(items)}</ul>")
        parts.append("</aside>")
        return "".join(parts)
