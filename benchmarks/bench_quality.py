"""Alignment quality on every gold set there is, in one table: micro precision, recall and F1.

Run on demand (not part of the test suite)::

    python benchmarks/bench_quality.py                      # this tree
    python benchmarks/bench_quality.py --before WT/tui      # and another tree's package folder, side by side

Every set is scored by ``../shared/tools/score_alignment.py`` (the scorer the
project is judged by), running ``python -m srccompare`` from the tree measured:

* ``align-dev``: Bible passage pairs (``../shared/align-dev``);
* ``align-dev-multi``: 3-4 Bible translations aligned in one run;
* ``samples``: our own news stories in ``samples/``, all versions in one run;
* ``seeds together`` / ``seeds pairs``: the five real versions of one news
  story in ``../shared/seeds``, against the hand-judged links of
  ``benchmarks/quality/seeds_gold.yaml``, all five in one run and each pair alone.

Our samples are versions of one text (a reprint, a scraped page, a rewrite,
translations) and score near 1. The seeds are mostly different outlets' tellings
of one event, some machine-translated: the hardest news case there is, and the
one that shows what tuning on news could still gain. Tune on all of them at
once: a setting that helps one set and costs another is no gain. A set whose
files are missing is listed and skipped.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SCORER = SHARED / "tools" / "score_alignment.py"
SEEDS_GOLD = REPO / "benchmarks" / "quality" / "seeds_gold.yaml"

_MICRO = re.compile(r"^micro\s+P=([\d.]+) R=([\d.]+) F1=([\d.]+)", re.MULTILINE)


def sets() -> dict[str, list[str] | None]:
    """Each set's scorer arguments, or None when its files are missing."""
    seeds = SHARED / "seeds"
    have_seeds = seeds.is_dir() and SEEDS_GOLD.is_file()
    seeds_args = ["--seeds-gold", str(SEEDS_GOLD), "--seeds-dir", str(seeds)]
    return {
        "align-dev": [str(SHARED / "align-dev")] if (SHARED / "align-dev").is_dir() else None,
        "align-dev-multi": [str(SHARED / "align-dev-multi")] if (SHARED / "align-dev-multi").is_dir() else None,
        "samples": [str(REPO / "samples")],
        "seeds together": [*seeds_args, "--together"] if have_seeds else None,
        "seeds pairs": seeds_args if have_seeds else None,
    }


def score(args: list[str], tui: Path) -> tuple[float, float, float]:
    """Micro precision, recall and F1 of one set, aligned by the tree at ``tui``."""
    env = dict(os.environ, PYTHONPATH=str(tui))
    run = subprocess.run(
        [sys.executable, str(SCORER), *args, "--cmd", f"{sys.executable} -m srccompare"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    found = _MICRO.search(run.stdout)
    if run.returncode != 0 or found is None:
        raise SystemExit(f"the scorer failed on {args[0]}: {(run.stderr or run.stdout).strip()[-300:]}")
    p, r, f = (float(x) for x in found.groups())
    return p, r, f


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--before", metavar="TUI", type=Path, help="also score another tree's package folder")
    args = ap.parse_args(argv)
    if not SCORER.is_file():
        print(f"skipped: no scorer at {SCORER}")
        return 0
    trees = {"this tree": REPO / "tui"} | ({"before": args.before.resolve()} if args.before else {})
    width = max(len(name) for name in sets())
    print(f"{'set':<{width}}  " + "  ".join(f"{tree:>22}" for tree in trees))
    print(f"{'':<{width}}  " + "  ".join(f"{'P     R     F1':>22}" for _ in trees))
    for name, set_args in sets().items():
        if set_args is None:
            print(f"{name:<{width}}  (files missing: skipped)")
            continue
        cells = []
        for tui in trees.values():
            p, r, f = score(set_args, tui)
            cells.append(f"{p:.3f} {r:.3f} {f:.3f}")
        print(f"{name:<{width}}  " + "  ".join(f"{cell:>22}" for cell in cells))
    return 0


if __name__ == "__main__":
    sys.exit(main())
