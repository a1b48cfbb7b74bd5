"""Hand a review on: the annotations as CSV, JSON, YAML, Markdown, HTML or W3C Web Annotations.

Every writer takes an :class:`AnnotationStore` and returns text. The Markdown and
HTML reports list discrepancies most serious first, then by row, and show the competing
wordings (the quote of every target) side by side; everything that came from a
source or a reviewer is escaped. Every format carries srccompare's mark (see
:mod:`srccompare.inputs.own_files`), so an export saved beside the sources is
never read back as one of them.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from srccompare import __version__
from srccompare.core.errors import UserError
from srccompare.core.kinds import SEVERITIES
from srccompare.core.visible import json_escaped, visible, visible_lines
from srccompare.inputs.own_files import MARKDOWN_MARK, html_generator_meta
from srccompare.review.exact_json import check_json_exact
from srccompare.review.model import Annotation, Target
from srccompare.review.store import AnnotationStore

FORMATS = ("csv", "json", "yaml", "md", "html", "w3c")
ALIASES = {"markdown": "md", "htm": "html", "yml": "yaml", "jsonld": "w3c", "json-ld": "w3c"}
SEVERITY_ORDER = tuple(reversed(SEVERITIES))
"""Most serious first, as reports list them."""

CSV_COLUMNS = (
    "annotation_id", "row", "category", "severity", "status", "note", "author", "created", "modified",
    "target", "source", "source_path", "start", "end", "anchor", "exact", "prefix", "suffix",
)  # fmt: skip
"""The header line is also the CSV's mark (``own_files.CSV_HEADER_START``): CSV has no comments."""


def format_name(name: str) -> str:
    """A format name as given by the user (any case, common aliases) -> one of :data:`FORMATS`."""
    key = name.strip().lower().lstrip(".")
    key = ALIASES.get(key, key)
    if key not in FORMATS:
        raise UserError(f"unknown export format '{name}' (choose {', '.join(FORMATS)})")
    return key


def format_for_path(path: str | None, default: str = "md") -> str:
    """The format a file name asks for by its extension (``report.html`` -> html)."""
    if not path or path == "-":
        return default
    suffix = Path(path).suffix.lower().lstrip(".")
    if suffix == "jsonld" or path.lower().endswith(".w3c.json"):
        return "w3c"
    try:
        return format_name(suffix)
    except UserError:
        return default


def export_text(store: AnnotationStore, fmt: str) -> str:
    """``store`` rendered in format ``fmt`` (see :data:`FORMATS`)."""
    writers: dict[str, Callable[[AnnotationStore], str]] = {
        "csv": to_csv,
        "json": to_json,
        "yaml": lambda s: s.dumps(),
        "md": to_markdown,
        "html": to_html,
        "w3c": to_w3c,
    }
    return writers[format_name(fmt)](store)


# ------------------------------------------------------------------ shared helpers


def _source_paths(store: AnnotationStore) -> dict[str, str]:
    return {rec.id: rec.path for rec in store.sources}


def by_severity(annotations: Iterable[Annotation]) -> list[tuple[str, list[Annotation]]]:
    """Annotations grouped by severity, most serious first, each group in row order.

    A reviewer reads a report from the top, so the one critical item comes first
    whatever its category; annotations without a row come last in their group.
    """

    def sev_key(sev: str) -> tuple[int, str]:
        return (SEVERITY_ORDER.index(sev) if sev in SEVERITY_ORDER else len(SEVERITY_ORDER), sev)

    groups: dict[str, list[Annotation]] = {}
    for ann in annotations:
        groups.setdefault(ann.severity, []).append(ann)
    return [
        (sev, sorted(groups[sev], key=lambda a: (a.row is None, a.row or 0, a.created)))
        for sev in sorted(groups, key=sev_key)
    ]


def _summary_counts(store: AnnotationStore) -> dict[str, int]:
    counts: dict[str, int] = {}
    for ann in store.annotations:
        counts[ann.severity] = counts.get(ann.severity, 0) + 1
    return counts


# ------------------------------------------------------------------ CSV / JSON


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_LINE_FORMULA = re.compile(r"\n(?=[=+\-@\t])")
"""A line break inside a cell followed by a formula start: a reader that splits rows on line breaks sees a new cell there."""


def csv_cell(value: object) -> object:
    """A text cell made safe for a spreadsheet and a terminal.

    Quotes come from scraped pages and notes from review files, so a cell like
    ``=HYPERLINK(...)`` must stay text when a colleague opens the CSV: a cell
    starting like a formula gets a leading apostrophe, and so does every line
    of it that does, since a reader that splits rows on line breaks would see
    a new cell there. CR and CRLF become newlines (a cell holding one is then
    quoted by the writer), other controls visible symbols (:func:`visible_lines`).
    Numbers are written unchanged.
    """
    if not isinstance(value, str):
        return value
    text = visible_lines(value)
    if text.startswith(FORMULA_STARTS):
        text = "'" + text
    if "\n" in text:
        text = _LINE_FORMULA.sub("\n'", text)
    return text


def to_csv(store: AnnotationStore) -> str:
    """One row per annotation and target (an annotation without targets still gets one row).

    ``row`` and ``target`` count from 1, as the app shows them (the review file's ``row`` is one less).
    Text cells that start like a spreadsheet formula are prefixed with ``'`` (see :func:`csv_cell`);
    every cell holding a line break is quoted.
    """
    paths = _source_paths(store)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(CSV_COLUMNS)
    for ann in store.annotations:
        head = [
            ann.id,
            "" if ann.row is None else ann.row + 1,
            ann.category,
            ann.severity,
            ann.status,
            ann.note,
            ann.author,
            ann.created,
            ann.modified,
        ]
        if not ann.targets:
            writer.writerow([csv_cell(v) for v in head] + [""] * (len(CSV_COLUMNS) - len(head)))
        for i, t in enumerate(ann.targets, start=1):
            row = head + [i, t.source, paths.get(t.source, ""), t.start, t.end, t.anchor, t.exact, t.prefix, t.suffix]
            writer.writerow([csv_cell(v) for v in row])
    return out.getvalue()


def to_json(store: AnnotationStore) -> str:
    """The annotation file's content as JSON (same keys and order as the YAML), exactly or not at all.

    A review file may hold, under keys this version does not know, values JSON
    has no type for (a date, ``!!set``, ``!!binary``); rather than change them
    silently (a date into text a script cannot tell from text), the export is
    refused with one line naming the key (see :func:`check_json_exact`).
    """
    data = store.to_dict()
    check_json_exact(data, str(store.path))
    return json_escaped(json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False)) + "\n"


# ------------------------------------------------------------------ W3C Web Annotation


def _source_iri(store: AnnotationStore, source_id: str) -> str:
    record = store.source_record(source_id)
    if record is None:
        return f"urn:srccompare:source:{source_id}"
    return store.source_path(record).resolve().as_uri()


def _w3c_target(store: AnnotationStore, target: Target) -> dict[str, Any]:
    quote: dict[str, Any] = {"type": "TextQuoteSelector", "exact": target.exact}
    if target.prefix:
        quote["prefix"] = target.prefix
    if target.suffix:
        quote["suffix"] = target.suffix
    return {
        "type": "SpecificResource",
        "source": _source_iri(store, target.source),
        "selector": [quote, {"type": "TextPositionSelector", "start": target.start, "end": target.end}],
    }


def _w3c_annotation(store: AnnotationStore, ann: Annotation) -> dict[str, Any]:
    bodies: list[dict[str, Any]] = []
    if ann.note:
        bodies.append({"type": "TextualBody", "value": ann.note, "format": "text/plain", "purpose": "commenting"})
    bodies.append({"type": "TextualBody", "value": ann.category, "purpose": "tagging"})
    bodies.append({"type": "TextualBody", "value": f"severity:{ann.severity}", "purpose": "classifying"})
    bodies.append({"type": "TextualBody", "value": f"status:{ann.status}", "purpose": "assessing"})
    out: dict[str, Any] = {
        "id": f"urn:uuid:{ann.id}",
        "type": "Annotation",
        "motivation": "assessing",
        "created": ann.created,
        "modified": ann.modified,
        "body": bodies,
        "target": [_w3c_target(store, t) for t in ann.targets],
    }
    if ann.author:
        out["creator"] = {"type": "Person", "name": ann.author}
    return out


def to_w3c(store: AnnotationStore) -> str:
    """A W3C Web Annotation collection (JSON-LD); each target has a quote and a position selector."""
    items = [_w3c_annotation(store, ann) for ann in store.annotations]
    doc = {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "type": "AnnotationCollection",
        "label": f"srccompare review ({store.path.name})",
        "generator": {"type": "Software", "name": f"srccompare {__version__}"},
        "total": len(items),
        "first": {"type": "AnnotationPage", "startIndex": 0, "items": items},
    }
    return json_escaped(json.dumps(doc, ensure_ascii=False, indent=2)) + "\n"


# ------------------------------------------------------------------ Markdown

_MD_SPECIAL = str.maketrans({ch: "\\" + ch for ch in "\\`*_[]<>|~&#"})


def md_escape(text: str) -> str:
    """Text safe inside a Markdown table cell: specials backslash-escaped, line breaks as <br>, controls visible."""
    return visible_lines(text).translate(_MD_SPECIAL).replace("\n", "<br>")


def _md_annotation(ann: Annotation, paths: dict[str, str]) -> list[str]:
    first = ann.note.strip().split("\n")[0] if ann.note.strip() else "(no note)"
    lines = [f"#### {md_escape(ann.category)} · {md_escape(ann.status)} — {md_escape(first)}", ""]
    rest = ann.note.strip().split("\n")[1:]
    if rest:  # the first line is the heading; the rest of a long note follows as a quote
        lines += ["> " + md_escape(line) if line.strip() else ">" for line in rest] + [""]
    if ann.targets:
        heads = [
            f"{md_escape(t.source)} ({md_escape(Path(paths.get(t.source, '')).name or '?')}, {t.start}–{t.end})"
            for t in ann.targets
        ]
        lines.append("| " + " | ".join(heads) + " |")
        lines.append("|" + "---|" * len(heads))
        lines.append("| " + " | ".join(md_escape(t.exact) if t.exact else "*(nothing)*" for t in ann.targets) + " |")
        lines.append("")
    meta = [
        f"row {ann.row + 1}" if ann.row is not None else "",
        f"by {md_escape(ann.author)}" if ann.author else "",
        ann.modified,
    ]
    anchors = [f"{md_escape(t.source)} {t.anchor}" for t in ann.targets if t.anchor != "anchored"]
    if anchors:
        meta.append("needs checking: " + ", ".join(anchors))
    lines += [f"<sub>{' · '.join(m for m in meta if m)} · id {ann.id}</sub>", ""]
    return lines


def to_markdown(store: AnnotationStore) -> str:
    """A report: discrepancies by severity (most serious first), then row, wordings side by side."""
    paths = _source_paths(store)
    counts = _summary_counts(store)
    lines = [MARKDOWN_MARK, "", f"# Discrepancy report — {md_escape(store.path.name)}", ""]
    lines.append(
        f"{len(store.annotations)} annotations"
        + (
            ": "
            + ", ".join(
                f"{counts[s]} {s}"
                for s in sorted(counts, key=lambda s: SEVERITY_ORDER.index(s) if s in SEVERITY_ORDER else 9)
            )
            if counts
            else ""
        )
        + "."
    )
    lines.append("")
    if store.sources:
        lines += ["| source | path |", "|---|---|"]
        lines += [f"| {md_escape(r.id)} | {md_escape(r.path)} |" for r in store.sources]
        lines.append("")
    for severity, anns in by_severity(store.annotations):
        lines += [f"## {md_escape(severity)} ({len(anns)})", ""]
        for ann in anns:
            lines += _md_annotation(ann, paths)
    return visible("\n".join(lines).rstrip("\n"), keep="\t\n") + "\n"  # what md_escape did not see (an id)


# ------------------------------------------------------------------ HTML

_CSS = """
body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 72rem; line-height: 1.45; color: #222; }
h2 { border-bottom: 2px solid #888; margin-top: 2.5rem; }
.annotation { border: 1px solid #ccc; border-radius: 6px; padding: .6rem 1rem; margin: 1rem 0; }
.annotation.critical { border-left: 6px solid #b00; } .annotation.major { border-left: 6px solid #d80; }
.annotation.minor { border-left: 6px solid #888; }
.note { white-space: pre-wrap; }
table.wordings { border-collapse: collapse; width: 100%; table-layout: fixed; }
table.wordings th, table.wordings td { border: 1px solid #ddd; padding: .4rem; vertical-align: top; text-align: left; }
.ctx { color: #777; } mark { background: #ffe9a8; text-decoration: underline; white-space: pre-wrap; }
.meta { color: #666; font-size: .85em; } .anchor-warn { color: #b00; font-weight: bold; }
""".strip()


def _h(text: object) -> str:
    return html.escape(str(text), quote=True)


def _html_annotation(ann: Annotation, paths: dict[str, str]) -> str:
    parts = [f'<article class="annotation {_h(ann.severity)}" id="a-{_h(ann.id)}">']
    parts.append(f"<p><strong>{_h(ann.category)}</strong> · {_h(ann.severity)} · {_h(ann.status)}</p>")
    if ann.note:
        parts.append(f'<p class="note">{_h(ann.note)}</p>')
    if ann.targets:
        parts.append('<table class="wordings"><tr>')
        for t in ann.targets:
            parts.append(
                f'<th>{_h(t.source)} <span class="meta">{_h(Path(paths.get(t.source, "")).name)} {t.start}–{t.end}</span></th>'
            )
        parts.append("</tr><tr>")
        for t in ann.targets:
            warn = f' <span class="anchor-warn">[{_h(t.anchor)}]</span>' if t.anchor != "anchored" else ""
            parts.append(
                f'<td><span class="ctx">…{_h(t.prefix)}</span><mark>{_h(t.exact)}</mark><span class="ctx">{_h(t.suffix)}…</span>{warn}</td>'
            )
        parts.append("</tr></table>")
    meta = [
        f"row {ann.row + 1}" if ann.row is not None else "",
        f"by {ann.author}" if ann.author else "",
        f"modified {ann.modified}",
        f"id {ann.id}",
    ]
    parts.append(f'<p class="meta">{_h(" · ".join(m for m in meta if m))}</p>')
    parts.append("</article>")
    return "\n".join(parts)


def to_html(store: AnnotationStore) -> str:
    """A self-contained HTML report (no scripts, inline CSS), every value escaped."""
    paths = _source_paths(store)
    counts = _summary_counts(store)
    title = f"Discrepancy report — {store.path.name}"
    body = [f"<h1>{_h(title)}</h1>"]
    summary = ", ".join(
        f"{n} {s}"
        for s, n in sorted(counts.items(), key=lambda kv: SEVERITY_ORDER.index(kv[0]) if kv[0] in SEVERITY_ORDER else 9)
    )
    body.append(f"<p>{len(store.annotations)} annotations{': ' + _h(summary) if summary else ''}.</p>")
    if store.sources:
        body.append("<table><tr><th>source</th><th>path</th></tr>")
        body += [f"<tr><td>{_h(r.id)}</td><td>{_h(r.path)}</td></tr>" for r in store.sources]
        body.append("</table>")
    for severity, anns in by_severity(store.annotations):
        body.append(f"<section><h2>{_h(severity)} ({len(anns)})</h2>")
        body += [_html_annotation(a, paths) for a in anns]
        body.append("</section>")
    return (
        f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n{html_generator_meta()}\n'
        f"<title>{_h(title)}</title>\n<style>\n{_CSS}\n</style>\n</head>\n<body>\n"
        + "\n".join(body)
        + f'\n<footer class="meta">srccompare {_h(__version__)}</footer>\n</body>\n</html>\n'
    )
