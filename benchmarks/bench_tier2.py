"""Tier-2 quality of ``srccompare scan``: paraphrase recall and precision of content-token MinHash + aligner verification.

Run on demand (not part of the test suite)::

    python benchmarks/bench_tier2.py                      # 200 passage pairs + 800 unrelated passages
    python benchmarks/bench_tier2.py --pairs 400 --unrelated 2000 --bands 32 --rows 4 --min-linked 2
    python benchmarks/bench_tier2.py --max-df 0          # without the scan's document-frequency cut
    python benchmarks/bench_tier2.py --seeds-only         # only the news seeds check

Data (read at run time, never copied into the repo): ``/work/shared/corpora/bible``
(or ``$SRCCOMPARE_BIBLE``), four public-domain translations. The same New
Testament passage (about 420 words) in two translations is a paraphrase pair;
each side is regrouped into paragraphs of 2 to 6 verses on its own, so the
paragraphing differs as it does between outlets. Unrelated articles are other
passages (Old and New Testament, any translation): same register, same stock of
names, so they are hard negatives. Passages never overlap.

Pipeline measured: :func:`srccompare.scan.content.content_tokens` -> a numpy
MinHash (``--perm`` permutations, 64-bit hashes folded to 32) -> LSH banding
(``--bands`` x ``--rows``) -> candidate pairs -> :func:`srccompare.scan.paraphrase.verify_paraphrase`.
Reported: candidate recall (banding alone), tier-2 recall and precision after
verification (per translation pair too), verified pairs per second, and the
verdicts on the news seeds (``/work/shared/seeds``: 000 vs 002/003/004, another
outlet's paraphrase and two machine translations).

Caveat: the Bible retells some passages (the synoptic gospels; Samuel/Kings and
Chronicles; Psalm 18 and 2 Samuel 22; 2 Kings 18-20 and Isaiah 36-39; Psalms 14
and 53; Ephesians and Colossians; 2 Peter and Jude), so some "false" positives
are one story told twice. Precision is reported on all pairs, and again with the
pairs between books of one such family (:data:`PARALLEL_FAMILIES`) left out.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import os
import random
import re
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tui"))

from srccompare.scan.content import content_tokens  # noqa: E402
from srccompare.scan.paraphrase import MIN_LINKED, MIN_SHARE, verify_paraphrase  # noqa: E402

BIBLE = Path(os.environ.get("SRCCOMPARE_BIBLE", "/work/shared/corpora/bible"))
SEEDS = Path(os.environ.get("SRCCOMPARE_SEEDS", "/work/shared/seeds"))
TRANSLATIONS = ("BSB", "OEB", "Anderson", "Tyndale")
VERSE = re.compile(r"\[(\d+):(\d+)\]\s*(.*)")
PASSAGE_WORDS = 420
MERSENNE = (1 << 61) - 1

Verse = tuple[str, int, int]  # book, chapter, verse
PARALLEL_FAMILIES = (
    {"Matthew", "Mark", "Luke"},
    {"I Samuel", "II Samuel", "I Kings", "II Kings", "I Chronicles", "II Chronicles", "Psalms", "Isaiah", "Jeremiah"},
    {"Ephesians", "Colossians"},
    {"II Peter", "Jude"},
    {"Psalms"},
)
"""Books that share retold passages (a "false" positive between two of them may be one story told twice)."""


def read_bible(name: str) -> dict[Verse, str]:
    verses: dict[Verse, str] = {}
    book = ""
    with open(BIBLE / f"{name}.txt", encoding="utf-8") as f:
        for line in f:
            if line.startswith("### "):
                book = line[4:].strip()
                continue
            m = VERSE.match(line)
            if m and m.group(3).strip():
                verses[(book, int(m.group(1)), int(m.group(2)))] = " ".join(m.group(3).split())
    return verses


def chunks(order: list[Verse], bibles: dict[str, dict[Verse, str]]) -> list[list[Verse]]:
    """Runs of consecutive verses (one book) of about PASSAGE_WORDS words in BSB."""
    out: list[list[Verse]] = []
    run: list[Verse] = []
    words = 0
    for v in order:
        if run and (v[0] != run[-1][0] or words >= PASSAGE_WORDS):
            if words >= PASSAGE_WORDS * 0.8:
                out.append(run)
            run, words = [], 0
        run.append(v)
        words += len(bibles["BSB"][v].split())
    return out


def as_article(run: list[Verse], verses: dict[Verse, str], rng: random.Random) -> str:
    """The passage as an article: verses joined into paragraphs of 2 to 6 verses."""
    texts = [verses[v] for v in run]
    paras: list[str] = []
    k = 0
    while k < len(texts):
        n = rng.randint(2, 6)
        paras.append(" ".join(texts[k : k + n]))
        k += n
    return "\n\n".join(paras)


def build(
    n_pairs: int, n_unrelated: int, seed: int
) -> tuple[dict[str, str], set[frozenset[str]], dict[str, str], dict[str, str]]:
    """Articles by id, the true paraphrase pairs, each pair's translation label, and each article's book."""
    rng = random.Random(seed)
    bibles = {t: read_bible(t) for t in TRANSLATIONS}
    order = list(bibles["BSB"])
    runs = chunks(order, bibles)
    rng.shuffle(runs)
    articles: dict[str, str] = {}
    truth: set[frozenset[str]] = set()
    kinds: dict[str, str] = {}
    books: dict[str, str] = {}
    used = 0
    for run in runs:
        if len(truth) >= n_pairs:
            break
        used += 1
        have = [t for t in TRANSLATIONS if all(v in bibles[t] for v in run)]
        if len(have) < 2:
            continue
        ta, tb = rng.sample(have, 2)
        a, b = f"p{len(truth)}-{ta}", f"p{len(truth)}-{tb}"
        articles[a] = as_article(run, bibles[ta], rng)
        articles[b] = as_article(run, bibles[tb], rng)
        books[a] = books[b] = run[0][0]
        key = frozenset((a, b))
        truth.add(key)
        kinds[str(sorted(key))] = "-".join(sorted((ta, tb)))
    rest = runs[used:]
    for k, run in enumerate(rest[:n_unrelated]):
        have = [t for t in TRANSLATIONS if all(v in bibles[t] for v in run)]
        t = rng.choice(have)
        uid = f"u{k}-{t}-{run[0][0]}-{run[0][1]}"
        articles[uid] = as_article(run, bibles[t], rng)
        books[uid] = run[0][0]
    return articles, truth, kinds, books


def parallel(pair: frozenset[str], books: dict[str, str]) -> bool:
    """Whether the two articles come from books that retell each other (or one such book)."""
    x, y = (books[i] for i in pair)
    return any(x in family and y in family for family in PARALLEL_FAMILIES)


def token_hash(token: str) -> int:
    return int.from_bytes(hashlib.blake2b(token.encode("utf-8"), digest_size=8).digest(), "little") & MERSENNE


def signatures(token_sets: list[list[str]], perm: int, seed: int) -> np.ndarray:
    """MinHash signatures (rows: articles), universal hashing (a*x + b) mod 2^61-1 folded to 32 bits."""
    rng = np.random.default_rng(seed)
    a = rng.integers(1, MERSENNE, size=perm, dtype=np.uint64)
    b = rng.integers(0, MERSENNE, size=perm, dtype=np.uint64)
    out = np.full((len(token_sets), perm), np.iinfo(np.uint32).max, dtype=np.uint32)
    for i, tokens in enumerate(token_sets):
        if not tokens:
            continue
        x = np.array([token_hash(t) for t in tokens], dtype=np.uint64)[:, None]
        # uint64 wraps: the product is taken mod 2^64, then mod p; good enough as a family of permutations
        h = ((x * a + b) % np.uint64(MERSENNE)) & np.uint64(0xFFFFFFFF)
        out[i] = h.min(axis=0).astype(np.uint32)
    return out


def band_candidates(sig: np.ndarray, bands: int, rows: int, max_bucket: int) -> set[tuple[int, int]]:
    cands: set[tuple[int, int]] = set()
    for band in range(bands):
        buckets: dict[bytes, list[int]] = defaultdict(list)
        part = sig[:, band * rows : (band + 1) * rows]
        for i in range(sig.shape[0]):
            if sig[i, 0] != np.iinfo(np.uint32).max:
                buckets[part[i].tobytes()].append(i)
        for members in buckets.values():
            if 1 < len(members) <= max_bucket:
                cands.update(itertools.combinations(members, 2))
    return cands


def seeds_check(min_linked: int, min_share: float) -> None:
    files = sorted(SEEDS.glob("*.txt"))
    if len(files) < 5:
        print(f"seeds: not found in {SEEDS}")
        return
    texts = [f.read_text(encoding="utf-8") for f in files]
    base = set(content_tokens(texts[0]))
    print("news seeds (000 vs others):")
    for k in range(1, 5):
        tokens = set(content_tokens(texts[k]))
        jac = len(base & tokens) / max(1, len(base | tokens))
        v = verify_paraphrase(texts[0], texts[k], min_linked=min_linked, min_share=min_share)
        print(f"  000-{files[k].name[:3]}: token Jaccard {jac:.2f}; ok={v.ok} score={v.score:.2f} ({v.evidence})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pairs", type=int, default=200)
    parser.add_argument("--unrelated", type=int, default=800)
    parser.add_argument("--perm", type=int, default=128)
    parser.add_argument("--bands", type=int, default=42)
    parser.add_argument("--rows", type=int, default=3)
    parser.add_argument("--min-jaccard", type=float, default=0.15, help="estimated Jaccard a candidate needs")
    parser.add_argument("--max-bucket", type=int, default=200)
    parser.add_argument(
        "--max-df", type=int, default=200, help="leave out tokens more articles carry (scan.tier2_max_df; 0: none)"
    )
    parser.add_argument("--min-linked", type=int, default=MIN_LINKED)
    parser.add_argument("--min-share", type=float, default=MIN_SHARE)
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--seeds-only", action="store_true")
    parser.add_argument("--show", type=int, default=5, help="list this many misses and false positives")
    args = parser.parse_args()
    if args.bands * args.rows > args.perm:
        parser.error("bands x rows must not exceed --perm")
    seeds_check(args.min_linked, args.min_share)
    if args.seeds_only:
        return
    if not (BIBLE / "BSB.txt").exists():
        print(f"bible corpus not found in {BIBLE}")
        return
    articles, truth, kinds, books = build(args.pairs, args.unrelated, args.seed)
    ids = sorted(articles)
    t0 = time.process_time()
    token_sets = [content_tokens(articles[i]) for i in ids]
    t_tokens = time.process_time() - t0
    if args.max_df > 0:  # the scan's document-frequency cut (scan.tier2_max_df)
        df = Counter(t for tokens in token_sets for t in tokens)
        common = {t for t, n in df.items() if n > args.max_df}
        token_sets = [[t for t in tokens if t not in common] for tokens in token_sets]
        print(f"tokens carried by more than {args.max_df} articles, left out: {len(common)} of {len(df)}")
    sizes = sorted(len(t) for t in token_sets)
    t0 = time.process_time()
    sig = signatures(token_sets, args.perm, args.seed)
    cands = band_candidates(sig, args.bands, args.rows, args.max_bucket)
    t_lsh = time.process_time() - t0
    banded = {frozenset((ids[i], ids[j])) for i, j in cands}
    cand_pairs = {frozenset((ids[i], ids[j])) for i, j in cands if (sig[i] == sig[j]).mean() >= args.min_jaccard}
    t0 = time.process_time()
    verdicts = {
        p: verify_paraphrase(*(articles[x] for x in sorted(p)), min_linked=args.min_linked, min_share=args.min_share)
        for p in sorted(cand_pairs, key=sorted)
    }
    t_verify = time.process_time() - t0
    found = {p for p, v in verdicts.items() if v.ok}
    tp = found & truth
    print(
        f"{len(ids)} articles ({len(truth)} paraphrase pairs); tokens per article: median {sizes[len(sizes) // 2]}, "
        f"max {sizes[-1]}; {args.bands}x{args.rows} bands of {args.perm} permutations"
    )
    print(f"content_tokens: {len(ids) / t_tokens:.0f} articles/CPU-s; signatures+banding {t_lsh:.2f} CPU-s")
    print(
        f"banded pairs: {len(banded)} (recall {len(banded & truth) / len(truth):.3f}); with estimated Jaccard >= "
        f"{args.min_jaccard}: {len(cand_pairs)} candidates (recall {len(cand_pairs & truth) / len(truth):.3f})"
    )
    print(f"verify: {len(verdicts) / t_verify:.1f} pairs/CPU-s ({len(verdicts)} pairs, {t_verify:.1f} s)")
    recall = len(tp) / len(truth)
    precision = len(tp) / len(found) if found else 1.0
    print(f"tier-2 recall {recall:.3f}  precision {precision:.3f}  ({len(tp)} true, {len(found - truth)} false)")
    unsure = {p for p in found - truth if parallel(p, books)}
    clear = len(tp) / (len(found) - len(unsure)) if len(found) > len(unsure) else 1.0
    print(f"  precision without pairs between books that retell each other: {clear:.3f} ({len(unsure)} left out)")
    by_kind: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for p in truth:
        k = kinds[str(sorted(p))]
        by_kind[k][1] += 1
        by_kind[k][0] += p in found
    for k, (hit, n) in sorted(by_kind.items()):
        print(f"  {k:18s} recall {hit / n:.2f} ({hit}/{n})")
    for label, group in (
        ("missed after candidate", sorted(truth & cand_pairs - found, key=sorted)),
        ("false positive", sorted(found - truth, key=sorted)),
    ):
        for p in group[: args.show]:
            where = "/".join(books[i] for i in sorted(p))
            print(f"  {label}: {sorted(p)} ({where}) {verdicts[p].score:.2f} {verdicts[p].evidence}")
    scores_true = sorted(verdicts[p].score for p in cand_pairs & truth)
    scores_false = sorted(verdicts[p].score for p in cand_pairs - truth)
    for name, s in (("true", scores_true), ("false", scores_false)):
        if s:
            qs = [s[int(q * (len(s) - 1))] for q in (0.1, 0.5, 0.9)]
            print(f"  score of {name} candidates: p10 {qs[0]:.2f} p50 {qs[1]:.2f} p90 {qs[2]:.2f} max {s[-1]:.2f}")


if __name__ == "__main__":
    main()
