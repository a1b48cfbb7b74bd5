"""The HTML report's look: one inline stylesheet, for the screen and for A4 landscape paper.

Every pair of text and background colours is named in :data:`PALETTE`, so a
test can hold each to a contrast of at least 4.5:1; every mark also has a shape
(underline, strike, bold, italic, a box), so the report reads in black and white.
On paper up to three columns stand side by side; more are stacked, three to a line,
within their row.
"""

from __future__ import annotations

PRINT_COLUMNS = 3
"""Columns side by side on an A4 landscape page; further columns go on the next line of the row."""

PALETTE: dict[str, tuple[str, str]] = {
    "text": ("#1a1a1a", "#ffffff"),
    "muted": ("#4d4d4d", "#ffffff"),
    "head": ("#1a1a1a", "#ececec"),
    "head-muted": ("#404040", "#ececec"),
    "inserted": ("#0b5321", "#dcf3e2"),
    "deleted": ("#8c1414", "#fde4e4"),
    "replaced": ("#3d2200", "#f8d49b"),
    "missing": ("#4d4d4d", "#ffffff"),
    "flag": ("#1a1a1a", "#fff1c2"),
    "note": ("#1d4f91", "#ffffff"),
    "critical": ("#ffffff", "#a10f0f"),
    "major": ("#a10f0f", "#ffffff"),
    "minor": ("#6b4700", "#ffffff"),
    "heat-agrees": ("#1a1a1a", "#d5f0dc"),
    "heat-close": ("#1a1a1a", "#fcefb4"),
    "heat-differs": ("#1a1a1a", "#fdd09b"),
    "heat-far": ("#1a1a1a", "#f7a8a8"),
    "heat-missing": ("#4d4d4d", "#ffffff"),
    "heat-furniture": ("#4d4d4d", "#eeeeee"),
}
"""Name -> (text colour, the background it is drawn on). Each pair is checked for contrast."""

RULE = "#9a9a9a"
"""Lines between rows and columns (not text)."""


def _fg(name: str) -> str:
    return PALETTE[name][0]


def _bg(name: str) -> str:
    return PALETTE[name][1]


def stylesheet(columns: int) -> str:
    """The report's CSS for ``columns`` sources (the grid and the paper layout depend on the count)."""
    lines_on_paper = -(-columns // PRINT_COLUMNS)
    stacked = columns > PRINT_COLUMNS
    heat = "\n".join(
        f".h-{level} {{ color: {_fg('heat-' + level)}; background: {_bg('heat-' + level)}; }}"
        for level in ("agrees", "close", "differs", "far", "missing", "furniture")
    )
    return f"""
:root {{ color-scheme: light; }}
* {{ box-sizing: border-box; }}
html {{ -webkit-text-size-adjust: 100%; }}
body {{ margin: 0; color: {_fg("text")}; background: {_bg("text")};
  font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", Arial, sans-serif; }}
.page {{ padding: 0 1.25rem; }}
h1 {{ font-size: 1.4rem; margin: 1rem 0 .25rem; }}
h2 {{ font-size: 1.1rem; margin: 1.1rem 0 .4rem; }}
.muted, .meta {{ color: {_fg("muted")}; }}
.meta {{ font-size: .85em; }}
table.sources {{ border-collapse: collapse; font-size: .9rem; margin: .3rem 0; }}
table.sources th, table.sources td {{ border: 1px solid {RULE}; padding: .2rem .5rem; text-align: left;
  vertical-align: top; }}
table.sources th {{ color: {_fg("head")}; background: {_bg("head")}; }}
.legend {{ display: flex; flex-wrap: wrap; gap: .3rem 1.2rem; margin: .4rem 0; padding: 0; list-style: none;
  font-size: .9rem; }}
details.digest > summary {{ margin: 1.1rem 0 .4rem; font-size: 1.1rem; font-weight: 700; cursor: pointer; }}
ol.digest {{ margin: .2rem 0; padding-left: 0; list-style: none; font-size: .92rem; }}
ol.digest li {{ margin: .1rem 0; }}
a {{ color: {_fg("note")}; }}

/* The aligned rows: one grid per row, so the cells of a row start on the same line. */
main.aligned {{ margin-top: 1rem; }}
.line {{ display: grid; grid-template-columns: 3.6rem repeat({columns}, minmax(12rem, 1fr)); }}
.colheads {{ position: sticky; top: 0; z-index: 1; color: {_fg("head")}; background: {_bg("head")};
  border-bottom: 2px solid {RULE}; }}
.colhead {{ padding: .35rem .6rem; border-left: 1px solid {RULE}; font-weight: 600; overflow-wrap: anywhere; }}
.colhead small {{ display: block; font-weight: 400; color: {_fg("head-muted")}; }}
.row {{ border-bottom: 1px solid {RULE}; }}
.gutter {{ padding: .4rem .35rem; font: .8rem/1.5 ui-monospace, "DejaVu Sans Mono", monospace; text-align: right;
  color: {_fg("muted")}; }}
.gutter a {{ color: inherit; text-decoration: none; font-weight: 600; }}
.cell {{ min-width: 0; padding: .4rem .6rem .5rem; border-left: 1px solid {RULE}; overflow-wrap: anywhere; }}
.cell p {{ margin: 0 0 .55em; }}
.cell p:last-child {{ margin-bottom: 0; }}
.who {{ display: none; }}
.gap {{ color: {_fg("muted")}; font-style: italic; }}
.moved {{ color: {_fg("note")}; font-style: italic; }}
.furn {{ color: {_fg("muted")}; }}
.extras {{ grid-column: 2 / -1; padding: .25rem .6rem .5rem; border-top: 1px dashed {RULE}; font-size: .9em; }}
ul.flags {{ margin: .1rem 0; padding: 0; list-style: none; }}
details.furniture {{ border-bottom: 1px solid {RULE}; }}
details.furniture > summary {{ padding: .3rem .6rem; color: {_fg("muted")}; cursor: pointer; overflow-wrap: anywhere; }}

/* Marks: a shape for each, and a colour as well. */
ins {{ color: {_fg("inserted")}; background: {_bg("inserted")}; text-decoration: underline 2px;
  text-underline-offset: 2px; }}
del {{ color: {_fg("deleted")}; background: {_bg("deleted")}; text-decoration: line-through 2px; }}
.rep {{ color: {_fg("replaced")}; background: {_bg("replaced")}; font-weight: 700; }}
.miss {{ color: {_fg("missing")}; font-style: italic; }}
mark.flag {{ color: inherit; background: {_bg("flag")}; font-weight: 700; outline: 2px solid {_fg("major")};
  outline-offset: 0; border-radius: 2px; }}
ins mark.flag, del mark.flag, .rep mark.flag {{ background: transparent; }}
.sev {{ font-weight: 700; padding: 0 .2em; border-radius: 2px; }}
.sev-critical {{ color: {_fg("critical")}; background: {_bg("critical")}; }}
.sev-major {{ color: {_fg("major")}; }}
.sev-minor {{ color: {_fg("minor")}; }}
.ann-mark {{ font-weight: 700; color: {_fg("note")}; }}
.annotation {{ margin: .35rem 0; padding: .3rem .55rem; border: 1px solid {RULE}; border-left-width: 5px; }}
.annotation.critical {{ border-left-color: {_bg("critical")}; }}
.annotation.major {{ border-left-color: {_fg("major")}; }}
.annotation.minor {{ border-left-color: {_fg("minor")}; }}
.annotation p {{ margin: .1rem 0; }}
.note-text {{ white-space: pre-wrap; }}
.annotation ul {{ margin: .15rem 0; padding-left: 1.1rem; }}
.anchor-warn {{ color: {_fg("major")}; font-weight: 700; }}

/* The overview: one small column per row (or slice of rows), one line per source, then flags and notes. */
.heat {{ display: flex; flex-wrap: wrap; align-items: flex-start; gap: 0; margin: .3rem 0 .6rem;
  font: 15px/1.2 ui-monospace, "DejaVu Sans Mono", monospace; }}
.heat-col {{ display: flex; flex-direction: column; width: 1.4rem; text-align: center; text-decoration: none;
  color: inherit; }}
.heat-col > span {{ display: block; height: 1.25em; }}
.heat-col.tick {{ border-left: 1px solid {RULE}; }}
.heat-labels {{ width: auto; padding-right: .3rem; font-weight: 700; text-align: right; }}
.heat-num {{ font-size: 11px; color: {_fg("muted")}; }}
{heat}

@page {{ size: A4 landscape; margin: 10mm; }}
@media print {{
  * {{ -webkit-print-color-adjust: exact; print-color-adjust: exact; }}
  body {{ font-size: 9pt; }}
  .page {{ padding: 0; }}
  .line {{ grid-template-columns: 2.4rem repeat({min(columns, PRINT_COLUMNS)}, minmax(0, 1fr)); }}
  .gutter {{ grid-row: span {lines_on_paper}; }}
  .colheads {{ position: static; }}
  .row {{ break-inside: avoid; }}
  .annotation, .heat-col {{ break-inside: avoid; }}
  a {{ color: inherit; text-decoration: none; }}
  {
        ".who { display: block; overflow: hidden; white-space: nowrap; text-overflow: ellipsis; font-size: .85em; "
        "font-weight: 600; color: " + _fg("muted") + "; }"
        if stacked
        else ""
    }
  {".cell.later { border-top: 1px dotted " + RULE + "; }" if stacked else ""}
}}
""".strip()
