"""How much flag detection adds to ``srccompare align`` (target: less than 30%).

Run on demand (not part of the test suite)::

    python benchmarks/bench_flags.py            # 4,000 paragraphs
    python benchmarks/bench_flags.py --quick    # 1,000 paragraphs

Two documents are measured, each aligned once and then flagged, timing the two
steps separately in the same run:

* the engine's own 4,000-paragraph benchmark pair (``bench_align.make_pair``:
  made-up prose with rewordings, merges, splits, omissions, a moved block);
* a news-like pair generated here, whose sentences are full of what the
  detectors look for (names with titles, figures, dates, weekdays, quotes with
  attribution, negations), with an edited copy that changes some of them, so
  every detector does real work on most rows.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_align import make_pair, to_sources
from srccompare.core.config import Config
from srccompare.engine.align import align_sources
from srccompare.engine.flags import flag_alignment

TARGET = 0.30

FIRST = ["Anna", "Tomasz", "Mehmet", "Katarzyna", "Jerzy", "Olena", "Pieter", "Ines", "Jonas", "Marta"]
LAST = ["Nowak", "Wiśniewski", "Yıldırım", "Kłosińska", "Górecki", "Kovalenko", "de Vries", "Almeida", "Berg", "Sousa"]
PLACES = ["Gdańsk", "Kyiv", "Odesa", "Rotterdam", "Hamburg", "Klaipėda", "Istanbul", "Gdynia", "Riga", "Lisbon"]
ROLES = ["the union's chairman", "a former transport minister", "the port director", "a spokesperson for the operator"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["January", "March", "April", "June", "September", "November"]
TEMPLATES = [
    "{name}, {role}, said on {day} that {n} workers had joined the strike in {place}.",
    "“We have waited {w} months for a fair offer, and we will not wait any longer,” said {name}.",
    "The operators offered {p}%, which they say is all they can afford after volumes fell by a fifth.",
    "Talks are due to resume on {day}, {month} {d}, under a mediator appointed in {place}.",
    "Police in {place} said the picket lines had been peaceful and that no arrests had been made.",
    "Each day of the stoppage costs the economy about {m} million złoty, according to {name}.",
    "Traders in {place} said at least {v} vessels were waiting to load, the {w}-day backlog growing.",
    "{name} did not say whether the government would intervene before {month} {d}, {y}.",
]


def news_sentence(rng: random.Random) -> str:
    return rng.choice(TEMPLATES).format(
        name=f"{rng.choice(FIRST)} {rng.choice(LAST)}",
        role=rng.choice(ROLES),
        day=rng.choice(DAYS),
        month=rng.choice(MONTHS),
        place=rng.choice(PLACES),
        n=f"{rng.randint(1, 9)},{rng.randint(100, 999)}",
        p=f"{rng.randint(2, 14)}.{rng.randint(0, 9)}",
        d=rng.randint(1, 28),
        y=rng.randint(2010, 2026),
        m=rng.randint(5, 90),
        v=rng.randint(5, 60),
        w=rng.choice(["eleven", "three", "30", "twelve"]),
    )


def edit(sentence: str, rng: random.Random) -> str:
    """A translated-looking copy: straight quotes, some figures, names and negations changed."""
    out = sentence.replace("“", '"').replace("”", '"').replace("’", "'")
    r = rng.random()
    if r < 0.08:
        out = out.replace("no arrests", "arrests").replace("did not say", "said")
    elif r < 0.16:
        out = out.replace("Kyiv", "Kiev").replace("Gdańsk", "Gdansk").replace("Odesa", "Odessa")
    elif r < 0.24:
        out = out.replace("Nowak", "Novak").replace("Kłosińska", "Kłosowska")
    elif r < 0.32:
        out = out.replace("1", "7", 1)
    elif r < 0.40:
        out = out.replace(" said", " has declared", 1).replace("former ", "")
    return out


def news_pair(n: int, seed: int) -> tuple[list[str], list[str]]:
    rng = random.Random(seed)
    a = [" ".join(news_sentence(rng) for _ in range(rng.randint(2, 4))) for _ in range(n)]
    b = []
    for para in a:
        if rng.random() < 0.03:
            continue  # dropped
        b.append(" ".join(edit(s + ".", rng).rstrip(".") for s in para.split(". ")))
        if rng.random() < 0.03:
            b.append(" ".join(news_sentence(rng) for _ in range(2)))  # added
    return a, b


def measure(a: list[str], b: list[str], config: Config, repeat: int) -> tuple[float, float, int, int]:
    """Best of ``repeat`` runs, in CPU seconds of this process (other work on the machine does not count)."""
    from srccompare.engine import compare

    best_align = best_flags = float("inf")
    for _ in range(repeat):
        sources = to_sources([a, b])
        compare._CELL_CACHE.clear()  # flags pay for their own tokenising, as in a fresh process
        t0 = time.process_time()
        alignment = align_sources(sources, None, config)
        t1 = time.process_time()
        flag_alignment(alignment, config)
        t2 = time.process_time()
        best_align, best_flags = min(best_align, t1 - t0), min(best_flags, t2 - t1)
    rows = sum(1 for r in alignment.rows if r.kind != "match")
    return best_align, best_flags, rows, sum(len(r.flags) for r in alignment.rows)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="1,000 paragraphs instead of 4,000")
    ap.add_argument("--repeat", type=int, default=3, help="runs per document; the best is reported")
    args = ap.parse_args(argv)
    n = 1000 if args.quick else 4000
    config = Config()
    engine = make_pair(n, seed=7)
    cases = [("engine benchmark pair", engine.a, engine.b), ("news-like pair", *news_pair(n, seed=11))]
    ok = True
    print(f"CPU seconds, best of {args.repeat} runs; rows = rows that are not 'match'")
    print(
        f"{'document':<24} {'paras':>6} {'align s':>8} {'flags s':>8} {'overhead':>9} {'rows':>6} {'flags':>6}  target < {TARGET:.0%}"
    )
    for label, a, b in cases:
        align_s, flag_s, rows, flags = measure(a, b, config, args.repeat)
        ratio = flag_s / align_s
        verdict = "PASS" if ratio < TARGET else "FAIL"
        ok &= ratio < TARGET
        print(f"{label:<24} {len(a):>6} {align_s:>8.2f} {flag_s:>8.2f} {ratio:>8.0%} {rows:>6} {flags:>6}  {verdict}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
