"""Make the README's picture of the review app from the bundled sample story (run on demand).

    python docs/screenshot.py [OUT.svg]

Opens ``samples/harbour-strike`` (five versions of one story, written for this
project) headless at 160x48, goes to the most serious flag (``o`` then ``f``)
and saves what the terminal shows as SVG with Textual's ``save_screenshot``,
by default as ``docs/review-app.svg``. The theme is the default one; the review
file and the remembered theme go to a temporary folder.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "harbour-strike"
SIZE = (160, 48)


async def shoot(out: Path, scratch: Path) -> None:
    from srccompare.app.app import SrcCompareApp
    from srccompare.app.widgets.aligned_view import AlignedView
    from srccompare.app.widgets.overview import Overview
    from srccompare.cli.prepare import prepare

    args, config, sources, base = prepare([str(SAMPLE), "--annotations", str(scratch / "review.yaml")])
    app = SrcCompareApp(sources, config, base, annotations_path=args.annotations, annotations=args.annotation_store)
    async with app.run_test(size=SIZE) as pilot:

        async def settled() -> None:
            for _ in range(500):
                await app.workers.wait_for_complete()
                await pilot.pause(0.02)
                view = app.screen.query_one(AlignedView)
                if view.layout_final and app.screen.query_one(Overview).agreement is not None:
                    return
            raise SystemExit("the app did not settle")

        await settled()
        await pilot.press("o", "f")
        await settled()
        app.save_screenshot(out.name, str(out.parent))


def main() -> None:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / "docs" / "review-app.svg").resolve()
    sys.path.insert(0, str(ROOT / "tui"))
    with tempfile.TemporaryDirectory() as scratch:
        os.environ["SRCCOMPARE_STATE_DIR"] = str(Path(scratch) / "state")
        asyncio.run(shoot(out, Path(scratch)))
    print(out)


if __name__ == "__main__":
    main()
