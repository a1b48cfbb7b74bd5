"""Tier-2 verification: a candidate paraphrase or translation is kept when the aligner links its paragraphs.

Content-token signatures find pairs that tell the same facts; many such pairs
are two different stories on one event. Pairs already in one tier-1 set are
not looked at again (the client leaves them out), pairs whose estimated
content-token Jaccard is below ``tier2_min_jaccard`` are dropped unread, and
the rest go to :func:`srccompare.scan.paraphrase.verify_paraphrase`, which
aligns the two texts with srccompare's own pairwise aligner and asks for at
least ``tier2_min_linked`` linked paragraphs.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from srccompare.scan.minhash import jaccard
from srccompare.scan.verify import Verified, gather_signatures, gather_texts


def verify_chunk2(
    outdir: Path, offsets: np.ndarray, a: np.ndarray, b: np.ndarray, min_jaccard: float, min_linked: int
) -> Verified:
    from srccompare.scan.paraphrase import verify_paraphrase

    rows = np.unique(np.concatenate([a, b]))
    sig, _ = gather_signatures(outdir, 2, offsets, rows)
    j = jaccard(sig[np.searchsorted(rows, a)], sig[np.searchsorted(rows, b)])
    todo = np.flatnonzero(j >= min_jaccard)
    texts = gather_texts(outdir, offsets, np.unique(np.concatenate([a[todo], b[todo]]))) if len(todo) else {}
    keep: list[int] = []
    scores: list[float] = []
    evidence: list[str] = []
    for i in todo.tolist():
        verdict = verify_paraphrase(texts[int(a[i])], texts[int(b[i])], min_linked=min_linked)
        if verdict.ok:
            keep.append(i)
            scores.append(float(verdict.score))
            evidence.append(f"content tokens: Jaccard {j[i]:.2f} (MinHash estimate); {verdict.evidence}")
    idx = np.array(keep, dtype=np.int64)
    return Verified(a[idx], b[idx], j[idx], np.array(scores, dtype=float), evidence, len(todo))
