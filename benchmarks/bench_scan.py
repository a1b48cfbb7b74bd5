"""Quality and speed of ``srccompare scan`` on a synthetic archive, against a datasketch baseline run in the same run.

Run on demand (not part of the test suite)::

    python benchmarks/bench_scan.py                 # 100,000 articles (about 420 words each)
    python benchmarks/bench_scan.py --quick         # 5,000 articles, a smoke test
    python benchmarks/bench_scan.py 20000 --keep /tmp/bench-scan

The archive comes from ``scan_archive.py`` (planted reprints, edited, truncated
and paraphrased versions among unrelated articles that share topics, names,
stock sentences, template paragraphs and background paragraphs). Paraphrases
are passages of two or three Bible translations from ``../shared/corpora/bible``
(read at run time, never stored in the repo) while they last, synthetic ones
after that, or all synthetic with ``--no-bible`` or without the corpus.

Runs, each a separate process tree, measured from outside:

* ``srccompare scan --tier 1`` with 2 and with 1 local Dask workers;
* ``srccompare scan`` (both tiers) with 2 and with 1 workers;
* the baseline: one process, datasketch ``MinHash.bulk`` over the same 5-word
  shingles of the same words (``srccompare.scan.shingles.words``), datasketch
  ``MinHashLSH`` with the same bands and rows, the same verification
  thresholds and text check as the scan's tier 1, union-find, sets.parquet.

CPU seconds of a run are the user + system time of the ``srccompare`` process
and every process under it (the Dask nannies and workers): ``os.wait4`` on the
child returns the resource use of the child and of all the descendants it and
they waited for, which a LocalCluster does when it closes. A sampler walks the
process tree with psutil every 0.2 s as a cross-check (it misses the last
fraction of a second of each process, and a descendant nobody waited for would
show up only there); the larger of the two is used, so a miss cannot flatter
the scan. Peak memory is the largest sum of resident sets over the tree.

Reported, with PASS/FAIL against the targets of issue 14:

* pair recall per kind (all pairs inside each planted group against all pairs
  inside each found set): reprints 1.0, edited and truncated >= 0.95, at pair
  precision >= 0.99 (tier 1 run);
* paraphrase pair recall of the two-tier run >= 0.5, at >= 0.95 precision of the
  pairs that tier 2 added (pairs in its sets that the tier-1 run did not join);
* tier 1 end to end: >= 1,500 articles per CPU second, and >= 2x the baseline's;
* the same sets with 1 and 2 workers (both runs of each tier);
* seconds per stage, from each run's summary.md.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BIBLE = REPO.parent / "shared" / "corpora" / "bible"
sys.path.insert(0, str(REPO / "tui"))  # this tree, whatever is installed (the children get it too)
sys.path.insert(0, str(Path(__file__).resolve().parent))

from scan_archive import KINDS, TIER1_KINDS, Score, Truth, make_archive, write_parquet  # noqa: E402

RECALL_TARGETS = {"reprint": 1.0, "edited": 0.95, "truncated": 0.95}
PRECISION_TARGET = 0.99
PARAPHRASE_RECALL_TARGET = 0.5
TIER2_PRECISION_TARGET = 0.95
THROUGHPUT_TARGET = 1500.0  # articles per CPU second, tier 1 end to end
BASELINE_RATIO_TARGET = 2.0


# -- running and measuring a process tree ------------------------------------------------------------


@dataclass
class Run:
    label: str
    wall: float
    cpu_wait4: float  # user + system of the child and the descendants that were waited for
    cpu_sampled: float  # the same summed over the process tree by psutil (a lower bound)
    peak_rss_mb: float  # largest sum of resident sets over the tree
    processes: int  # distinct processes seen in the tree
    outdir: Path
    stages: dict[str, float] = field(default_factory=dict)

    @property
    def cpu(self) -> float:
        return max(self.cpu_wait4, self.cpu_sampled)

    def save(self, path: Path) -> None:
        path.write_text(json.dumps({**self.__dict__, "outdir": str(self.outdir)}) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> Run:
        fields = json.loads(path.read_text(encoding="utf-8"))
        return cls(**{**fields, "outdir": Path(fields["outdir"])})


class RunFailed(Exception):
    """A measured run exited with an error (its log's last lines are the message)."""


class TreeSampler(threading.Thread):
    """CPU seconds and resident memory of a process and its descendants, sampled with psutil."""

    def __init__(self, pid: int, every: float = 0.2) -> None:
        super().__init__(daemon=True)
        self.pid, self.every = pid, every
        self.cpu: dict[tuple[int, float], float] = {}
        self.peak_rss = 0
        self.stop = threading.Event()

    def run(self) -> None:
        import psutil  # type: ignore[import-untyped]

        try:
            root = psutil.Process(self.pid)
        except psutil.NoSuchProcess:
            return
        while not self.stop.is_set():
            rss = 0
            try:
                tree = [root, *root.children(recursive=True)]
            except psutil.NoSuchProcess:
                return
            for proc in tree:
                try:
                    with proc.oneshot():
                        t = proc.cpu_times()
                        self.cpu[(proc.pid, proc.create_time())] = t.user + t.system
                        rss += proc.memory_info().rss
                except (psutil.NoSuchProcess, psutil.ZombieProcess, psutil.AccessDenied):
                    continue
            self.peak_rss = max(self.peak_rss, rss)
            self.stop.wait(self.every)


def run_tree(label: str, args: list[str], outdir: Path, log: Path) -> Run:
    """Run ``python ARGS`` to the end with this tree on its path; its wall time, CPU time and memory.
    ``outdir`` is emptied first: a scan resumes what it finds there, and a resumed run is not the run measured."""
    shutil.rmtree(outdir, ignore_errors=True)
    env = dict(
        os.environ,
        PYTHONPATH=os.pathsep.join(filter(None, [str(REPO / "tui"), os.environ.get("PYTHONPATH")])),
        SRCCOMPARE_NO_USER_CONFIG="1",
    )
    with log.open("wb") as err:
        start = time.perf_counter()
        proc = subprocess.Popen([sys.executable, *args], stdout=err, stderr=subprocess.STDOUT, env=env)
        sampler = TreeSampler(proc.pid)
        sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        sampler.stop.set()
        sampler.join()
    proc.returncode = code = os.waitstatus_to_exitcode(status)
    if code:
        tail = log.read_text(encoding="utf-8", errors="replace").splitlines()[-12:]
        raise RunFailed(f"{label} failed (exit {code}): {' '.join(args)}\n    " + "\n    ".join(tail))
    return Run(
        label,
        wall,
        usage.ru_utime + usage.ru_stime,
        sum(sampler.cpu.values()),
        sampler.peak_rss / 2**20,
        len(sampler.cpu),
        outdir,
    )


def scan_run(label: str, archive: Path, work: Path, tier: int, workers: int) -> Run:
    out = work / f"out-tier{tier}-w{workers}"
    args = ["-m", "srccompare", "scan", str(archive), "-o", str(out), "--tier", str(tier), "--workers", str(workers)]
    run = run_tree(label, args, out, work / f"{out.name}.log")
    run.stages = stage_seconds(out / "summary.md")
    return run


def stage_seconds(summary: Path) -> dict[str, float]:
    """The "Time per stage" table of a scan's summary.md."""
    text = summary.read_text(encoding="utf-8")
    section = text.split("## Time per stage", 1)[-1]
    return {
        m.group(1).strip(): float(m.group(2))
        for m in re.finditer(r"^\|\s*([^|]+?)\s*\|\s*([\d.]+)\s*\|$", section, re.M)
    }


# -- the baseline: datasketch in one process ----------------------------------------------------------


def baseline(archive: Path, out: Path) -> None:
    """Tier 1 the plain way: datasketch MinHash.bulk + MinHashLSH, the scan's verification, union-find."""
    import numpy as np
    import pyarrow as pa  # type: ignore[import-untyped]
    import pyarrow.parquet as pq  # type: ignore[import-untyped]
    from datasketch import MinHash, MinHashLSH  # type: ignore[import-untyped]

    from srccompare.core.config import Config
    from srccompare.scan.shingles import words

    scan = Config().scan
    table = pq.read_table(archive, columns=["id", "text"])
    ids, texts = table.column("id").to_pylist(), table.column("text").to_pylist()
    k = scan.shingle_words
    word_lists = [words(t) for t in texts]
    shingles = [
        {" ".join(ws[i : i + k]).encode() for i in range(max(1, len(ws) - k + 1))} if ws else set() for ws in word_lists
    ]
    counts = np.array([len(s) for s in shingles], dtype=np.int64)
    minhashes = MinHash.bulk(shingles, num_perm=scan.permutations, seed=scan.seed)
    lsh = MinHashLSH(num_perm=scan.permutations, params=(scan.bands, scan.rows_per_band))
    for i, m in enumerate(minhashes):
        if counts[i]:
            lsh.insert(i, m)
    pairs = sorted({(i, j) for i, m in enumerate(minhashes) if counts[i] for j in lsh.query(m) if j > i})
    a = np.array([p[0] for p in pairs], dtype=np.int64)
    b = np.array([p[1] for p in pairs], dtype=np.int64)
    sig = np.stack([m.hashvalues for m in minhashes]) if minhashes else np.zeros((0, scan.permutations))
    keep = verify_like_scan(scan, sig, counts, word_lists, a, b)
    parent = list(range(len(ids)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, j in zip(a[keep].tolist(), b[keep].tolist()):
        ri, rj = find(i), find(j)
        if ri != rj:
            parent[max(ri, rj)] = min(ri, rj)
    roots = [find(i) for i in range(len(ids))]
    sizes = Counter(roots)
    rows = [(f"b{r}", ids[i]) for i, r in enumerate(roots) if sizes[r] > 1]
    sets = pa.table({"set_id": [r for r, _ in rows], "article_id": [i for _, i in rows]})
    out.mkdir(parents=True, exist_ok=True)
    pq.write_table(sets, out / "sets.parquet")
    (out / "candidates.json").write_text(json.dumps({"candidates": len(pairs), "verified": int(keep.sum())}))


def verify_like_scan(scan, sig, counts, word_lists, a, b):  # type: ignore[no-untyped-def]
    """The scan's tier-1 verification on in-memory signatures: accept at ``accept_jaccard``; between
    ``reject_similarity`` (Jaccard or containment) and that, accept when ``min_text_similarity`` of the shorter
    text's words appear in the longer in order. The decisions are those of ``srccompare.scan.verify.verify_chunk``,
    which reads its inputs from OUTDIR/.stages; its helpers are imported, its loop is repeated here."""
    import numpy as np
    from rapidfuzz.distance import LCSseq

    from srccompare.scan.minhash import jaccard
    from srccompare.scan.verify import MIN_SHARED_WORDS, containment

    j = jaccard(sig[a], sig[b]) if len(a) else np.zeros(0)
    c = containment(j, counts[a].astype(float), counts[b].astype(float))
    accept = j >= scan.accept_jaccard
    for i in np.flatnonzero(~accept & (np.maximum(j, c) >= scan.reject_similarity)).tolist():
        wa, wb = word_lists[a[i]], word_lists[b[i]]
        shorter = min(len(wa), len(wb))
        shared = LCSseq.similarity(wa, wb)
        accept[i] = bool(shorter) and shared / shorter >= scan.min_text_similarity and shared >= MIN_SHARED_WORDS
    return accept


# -- scoring --------------------------------------------------------------------------------------------


def read_sets(outdir: Path) -> dict[str, list[str]]:
    import pyarrow.parquet as pq

    table = pq.read_table(outdir / "sets.parquet", columns=["set_id", "article_id"])
    sets: dict[str, list[str]] = {}
    for sid, aid in zip(table.column("set_id").to_pylist(), table.column("article_id").to_pylist()):
        sets.setdefault(sid, []).append(aid)
    return sets


def partition(sets: dict[str, list[str]]) -> set[frozenset[str]]:
    return {frozenset(m) for m in sets.values()}


def added_pairs(truth: Truth, full: Iterable[list[str]], tier1: Iterable[list[str]]) -> tuple[int, int]:
    """(pairs, correct pairs) inside the sets of ``full`` whose two articles no set of ``tier1`` joined:
    what tier 2 added. Counted, not listed."""
    label = {a: k for k, members in enumerate(tier1) for a in members}
    group_of = {a: k for k, g in enumerate(truth.groups) for a in g.ids}
    pairs = correct = 0
    for members in full:
        n = len(members)
        by_t1 = Counter(label.get(a, ("alone", a)) for a in members)
        pairs += n * (n - 1) // 2 - sum(c * (c - 1) // 2 for c in by_t1.values())
        by_group = Counter(group_of[a] for a in members if a in group_of)
        by_both = Counter((group_of[a], label.get(a, ("alone", a))) for a in members if a in group_of)
        correct += sum(c * (c - 1) // 2 for c in by_group.values()) - sum(c * (c - 1) // 2 for c in by_both.values())
    return pairs, correct


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def recall_line(score: Score, kind: str, target: float | None) -> tuple[str, bool]:
    keys = [k for k in score.recall_counts if k.split("/")[0] == kind]
    total = sum(score.recall_counts[k][0] for k in keys)
    found = sum(score.recall_counts[k][1] for k in keys)
    value = score.recall(kind)
    ok = target is None or value >= target
    parts = f"{kind:<12} {found:>7,} / {total:<7,} recall {value:.4f}"
    if target is not None:
        parts += f"   target >= {target:g}  {verdict(ok)}"
    if len(keys) > 1 or (keys and "/" in keys[0]):
        parts += "   (" + ", ".join(f"{k.split('/')[1]}: {score.recall(k):.3f}" for k in sorted(keys)) + ")"
    return parts, ok


# -- the benchmark ---------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("articles", type=int, nargs="?", default=100_000, help="archive size (default 100,000)")
    ap.add_argument("--quick", action="store_true", help="5,000 articles")
    ap.add_argument("--seed", type=int, default=14)
    ap.add_argument("--no-bible", action="store_true", help="synthetic paraphrases only")
    ap.add_argument("--keep", type=Path, help="work in this folder and keep it (archive, truth, outputs, logs)")
    ap.add_argument(
        "--resume",
        action="store_true",
        help="with --keep: reuse the archive and the runs already measured there (each run's figures are in run-*.json)",
    )
    ap.add_argument("--tier1-only", action="store_true", help="skip the two-tier runs (tier 2 is reported as not run)")
    ap.add_argument(
        "--two-tier-once",
        action="store_true",
        help="run both tiers with 2 workers only (half an hour less at 100,000; the 1-worker check then covers tier 1 alone)",
    )
    ap.add_argument("--baseline-child", nargs=2, metavar=("ARCHIVE", "OUT"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.baseline_child:
        baseline(Path(args.baseline_child[0]), Path(args.baseline_child[1]))
        return 0
    n = 5000 if args.quick else args.articles
    work = args.keep or Path(tempfile.mkdtemp(prefix="bench-scan-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        bible = None if args.no_bible or not BIBLE.is_dir() else BIBLE
        return bench(
            n,
            args.seed,
            bible,
            work,
            resume=args.resume and args.keep is not None,
            tier2=not args.tier1_only,
            two_tier_once=args.two_tier_once,
        )
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)


def bench(
    n: int,
    seed: int,
    bible: Path | None,
    work: Path,
    *,
    resume: bool = False,
    tier2: bool = True,
    two_tier_once: bool = False,
) -> int:
    load_before = os.getloadavg()
    t0 = time.perf_counter()
    archive, truth_file = work / "archive.parquet", work / "truth.json"
    if resume and archive.exists() and truth_file.exists():
        truth = Truth.from_json(truth_file.read_text(encoding="utf-8"))
        if (truth.n_articles, truth.seed) != (n, seed):
            raise SystemExit(f"{truth_file}: made for {truth.n_articles} articles, seed {truth.seed}")
    else:
        records, truth = make_archive(n, seed, bible_dir=bible)
        write_parquet(records, archive)
        truth_file.write_text(truth.to_json() + "\n", encoding="utf-8")
        del records
    made = time.perf_counter() - t0
    kinds = Counter(g.kind if g.kind != "paraphrase" else f"paraphrase/{g.origin}" for g in truth.groups)
    print(f"archive: {n:,} articles in {made:.1f} s (seed {seed}); planted groups: {dict(sorted(kinds.items()))}")
    print(f"machine: {os.cpu_count()} cores; load average before: {' '.join(f'{x:.2f}' for x in load_before)}")
    print()

    runs: dict[str, Run] = {}
    failed: list[str] = []
    base_out = work / "out-baseline"
    plan = [
        ("tier 1, 2 workers", lambda: scan_run("tier 1, 2 workers", archive, work, 1, 2)),
        (
            "baseline",
            lambda: run_tree(
                "baseline", [__file__, "--baseline-child", str(archive), str(base_out)], base_out, work / "baseline.log"
            ),
        ),
        ("tier 1, 1 worker", lambda: scan_run("tier 1, 1 worker", archive, work, 1, 1)),
        ("tiers 1+2, 2 workers", lambda: scan_run("tiers 1+2, 2 workers", archive, work, 2, 2)),
        ("tiers 1+2, 1 worker", lambda: scan_run("tiers 1+2, 1 worker", archive, work, 2, 1)),
    ]
    if not tier2:
        plan = plan[:3]
    elif two_tier_once:
        plan = plan[:4]
    for label, start in plan:
        saved = work / f"run-{re.sub(r'[^a-z0-9]+', '-', label)}.json"
        if resume and saved.exists():
            runs[label] = Run.load(saved)
            print(f"  kept {label} from an earlier run: {runs[label].wall:.1f} s wall, {runs[label].cpu:.1f} CPU s")
            continue
        try:
            runs[label] = start()
            runs[label].save(saved)
        except RunFailed as e:
            failed.append(label)
            print(f"  {e}", flush=True)
            continue
        print(f"  ran {label}: {runs[label].wall:.1f} s wall, {runs[label].cpu:.1f} CPU s", flush=True)
    load_after = os.getloadavg()
    print()
    sets = {label: read_sets(run.outdir) for label, run in runs.items()}
    ok = not failed
    ok &= report_speed(n, runs, load_after)
    report_stages(runs)
    ok &= report_tier1(truth, sets)
    ok &= report_tier2(truth, sets)
    ok &= report_workers(sets)
    if failed:
        print(f"runs that failed: {', '.join(failed)}")
    print("all targets met" if ok else "some targets missed")
    return 0 if ok else 1


def report_speed(n: int, runs: dict[str, Run], load_after: tuple[float, float, float]) -> bool:
    print("== Speed (CPU s = user + system over the whole process tree; articles per CPU second) ==")
    print(
        f"{'run':<22} {'wall s':>8} {'CPU s':>8} {'wait4':>8} {'sampled':>8} {'procs':>5} {'peak MB':>8} {'art/CPU s':>10}"
    )
    for label, run in runs.items():
        print(
            f"{label:<22} {run.wall:>8.1f} {run.cpu:>8.1f} {run.cpu_wait4:>8.1f} {run.cpu_sampled:>8.1f} "
            f"{run.processes:>5} {run.peak_rss_mb:>8.0f} {n / run.cpu:>10,.0f}"
        )
    ok = False
    if "tier 1, 2 workers" in runs and "baseline" in runs:
        rate, base_rate = n / runs["tier 1, 2 workers"].cpu, n / runs["baseline"].cpu
        ok_rate, ok_ratio = rate >= THROUGHPUT_TARGET, rate / base_rate >= BASELINE_RATIO_TARGET
        ok = ok_rate and ok_ratio
        print(
            f"tier 1 throughput: {rate:,.0f} articles per CPU second   target >= {THROUGHPUT_TARGET:,.0f}  {verdict(ok_rate)}"
        )
        print(
            f"  vs baseline {base_rate:,.0f}: {rate / base_rate:.2f}x   target >= {BASELINE_RATIO_TARGET:g}x  {verdict(ok_ratio)}"
        )
    print(f"load average after: {' '.join(f'{x:.2f}' for x in load_after)} (2 cores shared with other work)")
    print()
    return ok


def report_stages(runs: dict[str, Run]) -> None:
    scans = [label for label in runs if label != "baseline"]
    print("== Seconds per stage (wall, from summary.md) ==")
    stage_names = list(dict.fromkeys(s for label in scans for s in runs[label].stages))
    print(f"{'stage':<22}" + "".join(f"{label:>22}" for label in scans))
    for stage in stage_names:
        print(f"{stage:<22}" + "".join(f"{runs[label].stages.get(stage, float('nan')):>22.2f}" for label in scans))
    print()


def report_tier1(truth: Truth, sets: dict[str, dict[str, list[str]]]) -> bool:
    print("== Tier 1 quality (run: tier 1, 2 workers; pairs inside found sets vs pairs inside planted groups) ==")
    if "tier 1, 2 workers" not in sets:
        print("no run")
        return False
    ok = True
    s1 = truth.score(sets["tier 1, 2 workers"].values())
    for kind in TIER1_KINDS:
        line, good = recall_line(s1, kind, RECALL_TARGETS[kind])
        ok &= good
        print(line)
    line, _ = recall_line(s1, "paraphrase", None)
    print(line + "   (tier 1 is not meant to find these)")
    ok_p = s1.precision >= PRECISION_TARGET
    ok &= ok_p
    print(
        f"precision    {s1.correct:>7,} / {s1.pairs:<7,} {s1.precision:.4f}   target >= {PRECISION_TARGET}  {verdict(ok_p)}"
    )
    print(f"largest set: {s1.largest} articles")
    if "baseline" in sets:
        sb = truth.score(sets["baseline"].values())
        print(
            f"baseline:    precision {sb.precision:.4f}, recall "
            + ", ".join(f"{k} {sb.recall(k):.3f}" for k in TIER1_KINDS)
            + f", largest set {sb.largest}"
        )
        a, b = partition(sets["baseline"]), partition(sets["tier 1, 2 workers"])
        print(
            f"baseline's sets vs the scan's: {len(a & b):,} identical, {len(a - b):,} only baseline, {len(b - a):,} only scan"
        )
    print()
    return ok


def report_tier2(truth: Truth, sets: dict[str, dict[str, list[str]]]) -> bool:
    print("== Tier 2 quality (run: tiers 1+2, 2 workers) ==")
    if "tiers 1+2, 2 workers" not in sets or "tier 1, 2 workers" not in sets:
        print("no run")
        return False
    s2 = truth.score(sets["tiers 1+2, 2 workers"].values())
    line, ok = recall_line(s2, "paraphrase", PARAPHRASE_RECALL_TARGET)
    print(line)
    pairs2, correct2 = added_pairs(truth, sets["tiers 1+2, 2 workers"].values(), sets["tier 1, 2 workers"].values())
    precision2 = correct2 / pairs2 if pairs2 else 1.0
    ok_p2 = precision2 >= TIER2_PRECISION_TARGET
    print(
        f"precision of the pairs tier 2 added: {correct2:,} / {pairs2:,} = {precision2:.4f}   "
        f"target >= {TIER2_PRECISION_TARGET}  {verdict(ok_p2)}"
    )
    print(
        f"whole two-tier run: precision {s2.precision:.4f}, recall "
        + ", ".join(f"{k} {s2.recall(k):.3f}" for k in KINDS)
        + f", largest set {s2.largest}"
    )
    print()
    return ok and ok_p2


def report_workers(sets: dict[str, dict[str, list[str]]]) -> bool:
    print("== Same sets with 1 and 2 workers ==")
    ok = True
    for one, two in (("tier 1, 1 worker", "tier 1, 2 workers"), ("tiers 1+2, 1 worker", "tiers 1+2, 2 workers")):
        if two in sets and one not in sets and one.startswith("tiers"):
            print(f"{two.split(',')[0]:<10} not run with 1 worker (--two-tier-once)  NOT CHECKED")
            continue
        if one not in sets or two not in sets:
            print(f"{two.split(',')[0]:<10} no runs  FAIL")
            ok = False
            continue
        a, b = partition(sets[one]), partition(sets[two])
        same = a == b
        ok &= same
        print(
            f"{two.split(',')[0]:<10} {len(b):,} sets: {'identical' if same else f'{len(a ^ b)} sets differ'}  {verdict(same)}"
        )
    print()
    return ok


if __name__ == "__main__":
    sys.exit(main())
