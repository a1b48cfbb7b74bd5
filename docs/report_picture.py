"""Make docs/report.png, README's picture of the HTML report, from the project's own sample story.

The report of samples/harbour-strike (flags major and worse, one annotation on
the critical number flag), shown 1280 px wide by headless chromium. Run it from
the repository after a change to the report's look, then look at the picture:

    PYTHONPATH=tui python docs/report_picture.py
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "harbour-strike"
PICTURE = ROOT / "docs" / "report.png"
WIDTH, HEIGHT = 1280, 2000


def main() -> int:
    from srccompare.core.config import Config
    from srccompare.engine.pipeline import build_alignment
    from srccompare.inputs.sources import read_sources
    from srccompare.output.report import render_report
    from srccompare.review.model import Annotation
    from srccompare.review.placement import flag_targets
    from srccompare.review.store import AnnotationStore

    chromium = shutil.which("chromium")
    if chromium is None:
        print("report_picture: chromium is not installed (Debian: apt-get install chromium)", file=sys.stderr)
        return 2
    sources = read_sources([str(SAMPLE)])
    alignment = build_alignment(sources, None, Config())
    flag = next(f for row in alignment.rows for f in row.flags if f.kind == "number" and f.severity == "critical")
    with tempfile.TemporaryDirectory() as folder:
        store = AnnotationStore(Path(folder) / "review.yaml")
        store.record_sources(sources)
        store.add(
            Annotation(
                category="wrong-number",
                severity="critical",
                status="confirmed",
                author="desk",
                created="2026-03-03T09:30:00Z",
                note="The translated copy gives 2,400 strikers; every other version has the union's 4,200.",
                targets=flag_targets(alignment, flag),
            )
        )
        page = Path(folder) / "report.html"
        page.write_text(
            render_report(alignment, store.annotations, min_severity="major", review=str(store.path)), encoding="utf-8"
        )
        subprocess.run(
            [
                chromium,
                "--headless",
                "--disable-gpu",
                "--no-sandbox",
                "--hide-scrollbars",
                f"--user-data-dir={Path(folder) / 'profile'}",
                f"--window-size={WIDTH},{HEIGHT}",
                f"--screenshot={PICTURE}",
                page.as_uri(),
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )
    print(f"wrote {PICTURE.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
