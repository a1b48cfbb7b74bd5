"""The largest sane inputs against a copy: time and memory of ``align`` and of the app's first screen.

Run on demand (not part of the test suite)::

    python benchmarks/bench_large.py                      # 50 MB of prose, 200,000 one-line paragraphs
    python benchmarks/bench_large.py --before 9b91b7b     # and the same with an earlier commit, in this run
    python benchmarks/bench_large.py --size-mb 5 --lines 20000 --skip-app   # a quick look
    python benchmarks/bench_large.py --only lines --before 9b91b7b          # one of the two inputs

Two texts are generated (original prose, nothing third-party) and each is set
beside an exact copy of itself, as a reviewer checking a reprint would:

* ``prose``: about ``--size-mb`` MB of news-like paragraphs of three to six
  sentences, every paragraph different (names and figures vary);
* ``lines``: ``--lines`` short one-line paragraphs with no blank line between
  them (so each line is a paragraph).

For each, ``srccompare align A COPY --format json`` runs as a fresh process
(its output thrown away), and, unless ``--skip-app``, the review app is started
on the same two files as ``run_app`` starts it and stopped after its first full
screen. Each run reports wall seconds and the peak resident memory of its
largest process (``getrusage(RUSAGE_CHILDREN).ru_maxrss``: forked workers are
counted one at a time, never summed, since they share the parent's pages).

``--before REV`` checks out REV in a temporary git worktree and runs the same
commands with it, so the ratio this/before is measured on one machine in one
run. GNU ``diff`` on the same files is timed too, as the floor a user knows (it
compares lines, not paragraphs, sentences and facts: the ratio to it says what
the extra understanding costs, not that the tools do the same work).
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.align.prose import REWORDED, STORY  # noqa: E402

NAMES = ["Wróbel", "Kielar", "Okafor", "Lindqvist", "Marchetti", "Haddad", "Novak", "Castellanos", "Ibáñez", "Tanaka"]
PLACES = ["Velmora", "Gdynia", "Norvane", "Rostova", "Kelde", "Marisport", "Ostrava", "Lune", "Braga", "Tessin"]


def prose(size: int, seed: int = 1) -> str:
    """About ``size`` characters of paragraphs that are all different, in ordinary news wording."""
    rng = random.Random(seed)
    pool = STORY + REWORDED
    out: list[str] = []
    total = 0
    k = 0
    while total < size:
        sentences = []
        for _ in range(rng.randint(3, 6)):
            s = rng.choice(pool)
            s = s.replace("41", str(rng.randint(2, 999))).replace("30", str(rng.randint(2, 90)))
            s = s.replace("Velmora", rng.choice(PLACES)).replace("Kielar", rng.choice(NAMES))
            sentences.append(s)
        sentences.append(f"The filing was number {k}.")
        paragraph = " ".join(sentences)
        out.append(paragraph)
        total += len(paragraph) + 2
        k += 1
    return "\n\n".join(out) + "\n"


def one_line_paragraphs(n: int, seed: int = 2) -> str:
    """``n`` short lines, no blank line between them: each line is a paragraph."""
    rng = random.Random(seed)
    lines = []
    for k in range(n):
        who, where = rng.choice(NAMES), rng.choice(PLACES)
        lines.append(f"{k}. {who} reported {rng.randint(1, 5000)} tonnes at {where} on day {rng.randint(1, 365)}.")
    return "\n".join(lines) + "\n"


def measure(command: list[str], env: dict[str, str], stdout: int | None = subprocess.DEVNULL) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of the largest process the command ran, in a fresh grandchild."""
    # A helper process runs the command so that RUSAGE_CHILDREN covers this command alone.
    probe = (
        "import resource, subprocess, sys, time\n"
        "t = time.perf_counter()\n"
        f"done = subprocess.run({command!r}, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)\n"
        "wall = time.perf_counter() - t\n"
        "if done.returncode: sys.exit(done.stderr.decode()[-2000:] or 'failed')\n"
        "print(wall, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=False)
    if done.returncode:
        raise SystemExit(f"{' '.join(command)}: {done.stderr.strip()}")
    wall, rss = done.stdout.split()
    return float(wall), float(rss)


APP_CHILD = """
import sys, tempfile
review = tempfile.mkdtemp() + "/review.yaml"  # never beside the inputs
argv = [sys.argv[1], sys.argv[2], "--annotations", review]
# The steps of srccompare.cli.launch.run_app, plus a hook that exits after the first full screen
# (as benchmarks/bench_app.py does it).
from srccompare.cli.prealign import start_review
job = start_review(argv)
from srccompare.app.app import SrcCompareApp
from srccompare.app.widgets.aligned_view import AlignedView
from srccompare.app.screens.review import ReviewScreen
args, config, sources, base = job.prepared()
ready = job.try_result()
refresh = ReviewScreen._compositor_refresh
def first_full_screen(screen):
    refresh(screen)
    views = screen.query(AlignedView)
    if views and views.first().layout_ready:
        screen.app.exit()
ReviewScreen._compositor_refresh = first_full_screen
SrcCompareApp(sources, config, base, annotations_path=review, annotations=args.annotation_store,
      min_severity=args.min_severity, alignment=ready, pending=None if ready is not None else job).run(
    headless=True, size=(160, 48))
job.cancel()
"""


def tree_env(tui: Path) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(tui), "SRCCOMPARE_NO_USER_CONFIG": "1", "NO_COLOR": "1"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size-mb", type=float, default=50)
    parser.add_argument("--lines", type=int, default=200_000)
    parser.add_argument("--before", metavar="REV", help="also run this earlier commit, in this run")
    parser.add_argument("--skip-app", action="store_true", help="time `align` only")
    parser.add_argument("--only", choices=("prose", "lines"), help="measure one of the two inputs")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="srccompare-large-"))
    trees = {"this": REPO / "tui"}
    try:
        if args.before:
            subprocess.run(
                ["git", "-C", str(REPO), "worktree", "add", "-q", "--detach", str(work / "before"), args.before],
                check=True,
            )
            trees["before"] = work / "before" / "tui"
        inputs = {
            name: make()
            for name, make in (
                ("prose", lambda: prose(int(args.size_mb * 1_000_000))),
                ("lines", lambda: one_line_paragraphs(args.lines)),
            )
            if args.only in (None, name)
        }
        for name, text in inputs.items():
            a, b = work / f"{name}.txt", work / f"{name}-copy.txt"
            a.write_text(text, encoding="utf-8")
            shutil.copyfile(a, b)
            size = a.stat().st_size / 1e6
            print(f"\n{name}: {size:.1f} MB, {text.count(chr(10)) + 1} lines")
            diff_wall, diff_rss = measure(["diff", str(a), str(b)], dict(os.environ))
            print(f"  GNU diff                 {diff_wall:7.2f} s  {diff_rss:7.0f} MB")
            figures: dict[tuple[str, str], tuple[float, float]] = {}
            for tree, tui in trees.items():
                env = tree_env(tui)
                align = [sys.executable, "-m", "srccompare", "align", str(a), str(b), "--format", "json"]
                figures[(tree, "align")] = measure(align, env)
                if not args.skip_app:
                    figures[(tree, "app")] = measure([sys.executable, "-c", APP_CHILD, str(a), str(b)], env)
            for (tree, what), (wall, rss) in figures.items():
                line = f"  {what:5s} ({tree:6s})           {wall:7.2f} s  {rss:7.0f} MB"
                if tree == "this" and ("before", what) in figures:
                    old_wall, old_rss = figures[("before", what)]
                    line += f"   {wall / old_wall:5.2f}x the time, {rss / old_rss:5.2f}x the memory of before (target < 0.5x)"
                print(line)
    finally:
        if "before" in trees:
            subprocess.run(["git", "-C", str(REPO), "worktree", "remove", "--force", str(work / "before")], check=False)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
