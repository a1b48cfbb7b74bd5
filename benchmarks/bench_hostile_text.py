"""Hostile text against plain prose of the same size: no input shape may make srccompare crawl.

Run on demand (not part of the test suite)::

    python benchmarks/bench_hostile_text.py               # 200,000 characters per text
    python benchmarks/bench_hostile_text.py --size 50000  # another size

Each text of ``tests/hostile/hostile_texts.py`` (long indentation, a Markdown
list nested on every line, a line of spaces, a run of question marks, an
unclosed bracket of agency names...) is timed, best of three in CPU seconds of
this process, in two ways, beside ordinary news prose of the same size:

* ``text``: what the text layer does with a source (paragraphs, hard-wrap
  detection, words, sentences, the furniture patterns), as the growth test
  ``tests/hostile/test_regex_linear.py`` runs it;
* ``align``: the source read from its text and aligned, flags included, with a
  copy in which the hostile part's paragraph says "31 days" for "30 days" (so
  that row is compared and flagged too).

The ratio is hostile over plain: near 1 means the shape costs nothing special.
Then the three cases reported in issue 13 are timed as reported (40,000
leading spaces, a 1,000-level nested list, a 52 KB file of indented lines).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tui"))  # this tree, whatever is installed

from tests.hostile.hostile_texts import (  # noqa: E402
    HOSTILE,
    changed_copy,
    indented_lines,
    leading_spaces,
    nested_list,
    plain_prose,
)
from tests.hostile.test_regex_linear import text_layer  # noqa: E402

from srccompare.core.config import default_config  # noqa: E402
from srccompare.engine.pipeline import build_alignment  # noqa: E402
from srccompare.inputs.sources import build_source  # noqa: E402


def best_of(work: Callable[[], object], repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        work()
        best = min(best, time.process_time() - start)
    return best


def align_once(text: str) -> None:
    """Read ``text`` as a source and align it with a copy whose hostile paragraph says something else."""
    config = default_config()
    taken: set[str] = set()
    a = build_source("a.txt", text, {}, taken)
    b = build_source("b.txt", changed_copy(text), {}, taken)
    build_alignment([a, b], None, config)


def measure(text: str) -> tuple[float, float]:
    return best_of(lambda: text_layer(text)), best_of(lambda: align_once(text))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--size", type=int, default=200_000, help="characters per text (default 200,000)")
    args = ap.parse_args(argv)

    plain = plain_prose(args.size)
    plain_text, plain_align = measure(plain)
    print(f"{args.size:,} characters per text; CPU seconds, best of three; ratio = hostile / plain prose\n")
    print(f"{'input':<24}{'text s':>9}{'ratio':>7}{'align s':>10}{'ratio':>7}")
    print(f"{'plain prose':<24}{plain_text:>9.3f}{'':>7}{plain_align:>10.3f}")
    for name, make in HOSTILE.items():
        text_s, align_s = measure(make(args.size))
        print(f"{name:<24}{text_s:>9.3f}{text_s / plain_text:>7.2f}{align_s:>10.3f}{align_s / plain_align:>7.2f}")

    print("\nThe cases of issue 13, at their reported sizes (then: 9 s, 12 s, 22.5 s):")
    levels = nested_list(sum(2 * level + len(f"- item {level}") + 1 for level in range(1000)))
    reported = {
        "40,000 leading spaces": leading_spaces(40_000),
        f"{levels.count('- item'):,}-level nested list": levels,
        "52 KB of indented lines": indented_lines(52_000),
    }
    for name, text in reported.items():
        text_s, align_s = measure(text)
        print(f"  {name:<28}{len(text):>10,} chars   text {text_s:.3f} s   align {align_s:.3f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
