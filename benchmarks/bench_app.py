"""How fast the review app shows its first screen and answers keys (run on demand).

    python benchmarks/bench_app.py [--runs 5]

In one run it measures:
  1. time to the first full screen of the bundled sample story (``srccompare
     samples/harbour-strike`` as ``run_app`` does it: start Python, fork a child
     that reads and aligns while Textual loads, lay out, paint) against a
     bare Textual app that shows one static line, both as fresh processes; the
     sample must be within 1.5x of the bare app;
  2. for a generated 4,000-row alignment already computed: time to its first
     screen (must be < 0.5 s), and the median time to handle ``n`` (next
     divergence) and ``pagedown`` including the repaint (must be < 50 ms each).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "harbour-strike"
SIZE = (160, 48)

BARE_CHILD = (
    """
import time
from textual.app import App
from textual.widgets import Static
class Bare(App):
    def compose(self):
        yield Static("one static line")
    def on_mount(self):
        self.call_after_refresh(self.exit)
Bare().run(headless=True, size=(%d, %d))
"""
    % SIZE
)

SAMPLE_CHILD = """
import tempfile
review = tempfile.mkdtemp() + "/review.yaml"  # never write beside the sample
argv = [%r, "--annotations", review]
# The same steps as srccompare.cli.launch.run_app, plus a hook that exits after the first full screen.
from srccompare.cli.prealign import start_review
job = start_review(argv)  # a child reads and aligns while this process imports the UI
from srccompare.app.app import SrcCompareApp
from srccompare.app.widgets.aligned_view import AlignedView
args, config, sources, base = job.prepared()
ready = job.try_result()
from srccompare.app.screens.review import ReviewScreen
refresh = ReviewScreen._compositor_refresh
def first_full_screen(screen):
    refresh(screen)  # paint; exit once a painted frame had the rows laid out
    views = screen.query(AlignedView)
    if views and views.first().layout_ready:
        screen.app.exit()
ReviewScreen._compositor_refresh = first_full_screen
SrcCompareApp(sources, config, base, annotations_path=review, annotations=args.annotation_store,
      min_severity=args.min_severity, alignment=ready, pending=None if ready is not None else job).run(
    headless=True, size=(%d, %d))
job.cancel()
""" % (str(SAMPLE), *SIZE)


def time_children(codes: list[str], runs: int) -> list[float]:
    """Median wall time of fresh Python processes running each of ``codes`` (first screen, then exit).

    The runs are interleaved (a, b, a, b, ...) so a busy machine weighs on both alike.
    """
    times: list[list[float]] = [[] for _ in codes]
    for _ in range(runs):
        for i, code in enumerate(codes):
            start = time.perf_counter()
            subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)
            times[i].append(time.perf_counter() - start)
    return [statistics.median(t) for t in times]


def generated_alignment(rows: int = 4000, seed: int = 7):
    """Three sources of ``rows`` paragraphs; every third row reworded, some rows missing a source."""
    from srccompare.core.model import Alignment, Paragraph, Row, Source

    rng = random.Random(seed)
    vocab = [f"w{i}" for i in range(900)] + ["the", "of", "and", "strike", "port", "union", "3,000", "said"]
    base_paras = [" ".join(rng.choice(vocab) for _ in range(rng.randint(20, 70))) for _ in range(rows)]

    def variant(text: str, row: int, which: int) -> str | None:
        if row % 3 != 0:
            return text
        if row % 17 == 0 and which == 2:
            return None
        words = text.split()
        for _ in range(3):
            words[rng.randrange(len(words))] = rng.choice(vocab)
        return " ".join(words)

    texts = {
        "a": base_paras,
        "b": [variant(t, i, 1) for i, t in enumerate(base_paras)],
        "c": [variant(t, i, 2) for i, t in enumerate(base_paras)],
    }
    sources, index_of = [], {}
    for sid, paras in texts.items():
        chunks, spans, pos = [], [], 0
        index_of[sid] = {}
        for i, p in enumerate(paras):
            if p is None:
                continue
            index_of[sid][i] = len(spans)
            spans.append(Paragraph(pos, pos + len(p)))
            chunks.append(p)
            pos += len(p) + 2
        text = "\n\n".join(chunks)
        sources.append(Source(sid, f"{sid}.txt", text, f"sha-{sid}", f"Source {sid}", spans))
    out_rows = []
    for i in range(rows):
        cells = {sid: [index_of[sid][i]] for sid in texts if i in index_of[sid]}
        kind = "match" if i % 3 else "changed"
        out_rows.append(Row(i, kind, 1.0 if kind == "match" else 0.8, cells))
    return Alignment("a", sources, out_rows)


def watch_paints(app) -> list[float]:
    """Record when each screen update is painted: a key is handled when its last repaint is done.

    (Pilot's own wait for the app to go idle afterwards is harness time, not the app's.)
    """
    painted: list[float] = []
    screen = app.screen
    refresh = screen._compositor_refresh

    def timed_refresh() -> None:
        refresh()
        painted.append(time.perf_counter())

    screen._compositor_refresh = timed_refresh
    return painted


async def measure_big(repeats: int) -> dict[str, float]:
    from srccompare.app.app import SrcCompareApp
    from srccompare.app.screens.review import ReviewScreen
    from srccompare.app.widgets.aligned_view import AlignedView
    from srccompare.core.config import Config

    alignment = generated_alignment()
    app = SrcCompareApp(
        alignment.sources, Config(), alignment=alignment, annotations_path=Path(tempfile.mkdtemp()) / "r.yaml"
    )
    shown: list[float] = []
    refresh = ReviewScreen._compositor_refresh

    def timed_refresh(screen) -> None:
        refresh(screen)
        if not shown and screen.query(AlignedView) and screen.query_one(AlignedView).layout_ready:
            shown.append(time.perf_counter())  # the first frame painted with the rows laid out

    ReviewScreen._compositor_refresh = timed_refresh
    start = time.perf_counter()
    async with app.run_test(size=SIZE) as pilot:
        view = app.screen.query_one(AlignedView)
        while not shown:
            await asyncio.sleep(0.002)
        first = shown[0] - start
        ReviewScreen._compositor_refresh = refresh
        await app.workers.wait_for_complete()
        await pilot.pause()
        painted = watch_paints(app)
        timings: dict[str, list[float]] = {"n": [], "pagedown": []}
        for key in ["n", "pagedown"] * repeats:
            before = time.perf_counter()
            await pilot.press(key)
            after = [t for t in painted if t > before]
            assert after, f"pressing {key} repainted nothing"
            timings[key].append(max(after) - before)
            painted.clear()
        assert view.cursor > 0, "keys did not move the cursor"
    return {"first": first, **{k: statistics.median(v) for k, v in timings.items()}}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=9, help="processes per start-up measurement (median)")
    parser.add_argument("--keys", type=int, default=40, help="presses of each key on the big alignment")
    args = parser.parse_args()

    # An installed package has its bytecode compiled (pip does it); with PYTHONDONTWRITEBYTECODE
    # set, a source checkout would recompile every module on every start, which Textual
    # (installed, compiled) never pays. Compile once so both sides start alike.
    import compileall

    compileall.compile_dir(str(ROOT / "tui" / "srccompare"), quiet=1)
    bare, sample = time_children([BARE_CHILD, SAMPLE_CHILD], args.runs)
    big = asyncio.run(measure_big(args.keys))
    checks = [
        ("bare Textual app, first screen", f"{bare * 1000:.0f} ms", True),
        (
            "sample story, first full screen",
            f"{sample * 1000:.0f} ms = {sample / bare:.2f}x bare (limit 1.5x)",
            sample <= 1.5 * bare,
        ),
        ("4,000 rows, first screen", f"{big['first'] * 1000:.0f} ms (limit 500)", big["first"] < 0.5),
        ("4,000 rows, next divergence (n), median", f"{big['n'] * 1000:.1f} ms (limit 50)", big["n"] < 0.05),
        ("4,000 rows, page down, median", f"{big['pagedown'] * 1000:.1f} ms (limit 50)", big["pagedown"] < 0.05),
    ]
    for name, value, ok in checks:
        print(f"{'ok  ' if ok else 'FAIL'} {name}: {value}")
    if hasattr(os, "getloadavg"):
        # The start-up comparison relies on a second core for the child that reads and aligns;
        # on a machine already busy (load near or above its core count) the ratio grows.
        print(f"(load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores)")
    return 0 if all(ok for *_, ok in checks) else 1


if __name__ == "__main__":
    raise SystemExit(main())
