"""The HTML report in a real browser (Debian's chromium, headless): columns aligned, paper layout, screenshot.

The report itself has no script. To measure it, each test renders a copy with
a small measuring script added (test-only, never in the product) that writes
the positions of the cells into the page; ``--dump-dom`` hands the page back.
Where chromium is not installed these tests are skipped, with the reason shown
(``.ci/run`` installs it; README's pip-only test command still passes).
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import struct
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "harbour-strike"
CHROMIUM = shutil.which("chromium") or next((p for p in ("/usr/bin/chromium",) if os.access(p, os.X_OK)), None)

pytestmark = pytest.mark.skipif(
    CHROMIUM is None,
    reason="chromium is not installed (Debian: apt-get install chromium), so the report is not checked in a browser",
)

MEASURE = """<script>
(function () {
  function box(el) { var r = el.getBoundingClientRect(); return [r.top, r.left, r.width, r.height]; }
  var out = {width: document.documentElement.scrollWidth, heads: [], rows: []};
  document.querySelectorAll('.colhead').forEach(function (el) { out.heads.push(box(el)); });
  document.querySelectorAll('section.row').forEach(function (row) {
    var cells = [];
    row.querySelectorAll(':scope > .line > .cell').forEach(function (el) { cells.push(box(el)); });
    out.rows.push({id: row.id, cells: cells});
  });
  var pre = document.createElement('pre');
  pre.id = 'measure';
  pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
})();
</script>"""
"""Test-only: the positions of the column headings and of every cell of every row, as JSON in the page."""


def chromium(tmp: Path, *args: str) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM is not None
    command = [
        CHROMIUM,
        "--headless",
        "--disable-gpu",
        "--no-sandbox",
        "--hide-scrollbars",
        "--no-first-run",
        "--disable-extensions",
        "--host-resolver-rules=MAP * ~NOTFOUND",  # offline: the report must need nothing from the network
        f"--user-data-dir={tmp / 'chromium-profile'}",
        *args,
    ]
    return subprocess.run(command, capture_output=True, text=True, timeout=180)


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> Path:
    """The report of the five-version sample, written by ``srccompare report``."""
    folder = tmp_path_factory.mktemp("report")
    out = folder / "report.html"
    env = {**os.environ, "SRCCOMPARE_NO_USER_CONFIG": "1"}
    proc = subprocess.run(
        [sys.executable, "-m", "srccompare", "report", str(SAMPLE), "-o", str(out)],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    return out


def measure(report: Path, width: int, *, paper: bool = False) -> dict:
    """Where the cells sit when ``report`` is shown ``width`` px wide (with ``paper``, laid out as printed)."""
    markup = report.read_text(encoding="utf-8")
    if paper:  # the print rules, applied on screen at the width of an A4 landscape page
        markup = markup.replace("@media print", "@media all")
    copy = report.with_name(f"measure-{width}-{paper}.html")
    copy.write_text(markup.replace("</body>", MEASURE + "</body>"), encoding="utf-8")
    proc = chromium(report.parent, f"--window-size={width},2000", "--dump-dom", copy.as_uri())
    found = re.search(r'<pre id="measure">(.*?)</pre>', proc.stdout, re.DOTALL)
    assert found, f"chromium gave no measurements (exit {proc.returncode}): {proc.stderr[-2000:]}"
    return json.loads(html.unescape(found.group(1)))


def test_the_columns_line_up_at_1280_px(report):
    found = measure(report, 1280)
    heads = [left for _top, left, _w, _h in found["heads"]]
    assert len(heads) == 5 and heads == sorted(set(heads)), heads
    assert found["width"] <= 1280, "five columns fit a 1280 px window without scrolling sideways"
    assert len(found["rows"]) >= 10
    for row in found["rows"]:
        tops = [top for top, _l, _w, _h in row["cells"]]
        lefts = [left for _t, left, _w, _h in row["cells"]]
        assert len(row["cells"]) == 5, row["id"]
        assert max(tops) - min(tops) < 0.5, f"{row['id']}: the cells of a row start on the same line: {tops}"
        assert lefts == sorted(set(lefts)), f"{row['id']}: columns in order: {lefts}"
        assert all(abs(a - b) < 1 for a, b in zip(lefts, heads)), f"{row['id']}: each cell under its heading"
        assert all(w > 150 for _t, _l, w, _h in row["cells"]), row
    tops = [row["cells"][0][0] for row in found["rows"]]
    assert tops == sorted(tops), "rows follow each other down the page"


def test_on_paper_three_columns_stand_side_by_side_and_the_rest_stack_below(report):
    found = measure(report, 1040, paper=True)  # A4 landscape less 10 mm margins is about 1047 px
    assert found["width"] <= 1040, "nothing is cut off at the page's right edge"
    for row in found["rows"]:
        (t0, l0, _w0, h0), (t1, l1, _, _), (t2, l2, _, _), (t3, l3, _, _), (t4, l4, _, _) = row["cells"]
        assert max(t0, t1, t2) - min(t0, t1, t2) < 0.5 and l0 < l1 < l2, row["id"]
        assert abs(t3 - t4) < 0.5 and t3 >= t0 + h0 - 0.5, f"{row['id']}: columns 4 and 5 on the row's next line"
        assert abs(l3 - l0) < 1 and abs(l4 - l1) < 1, f"{row['id']}: stacked under columns 1 and 2"


def test_a_screenshot_at_1280_px_is_a_picture_of_the_report(report):
    shot = report.with_name("report.png")
    proc = chromium(report.parent, "--window-size=1280,2000", f"--screenshot={shot}", report.as_uri())
    assert shot.exists(), proc.stderr[-2000:]
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert data[12:16] == b"IHDR" and struct.unpack(">II", data[16:24]) == (1280, 2000)
    assert len(data) > 60_000, "a blank page of that size compresses to about 10 kB; the report is far busier"


def test_it_prints_on_a4_landscape(report):
    pdf = report.with_name("report.pdf")
    proc = chromium(report.parent, "--no-pdf-header-footer", f"--print-to-pdf={pdf}", report.as_uri())
    assert pdf.exists(), proc.stderr[-2000:]
    boxes = re.findall(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", pdf.read_bytes())
    assert boxes, "the PDF names its page size"
    for width, height in boxes:
        assert abs(float(width) - 841.9) < 2 and abs(float(height) - 595.3) < 2, (width, height)
