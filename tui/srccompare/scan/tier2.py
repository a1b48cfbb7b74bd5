"""Tier-2 verification: a candidate paraphrase or translation is kept when the aligner links its paragraphs.

Content-token signatures find pairs that tell the same facts; many such pairs
are two different stories on one event, and aligning a pair costs tens of
milliseconds, so the candidates are cut down before any text is read:

* tokens more than ``tier2_max_df`` articles carry are not in the signatures at all
  (:func:`srccompare.scan.signing.common_tokens`), so unrelated articles on one topic rarely meet;
* pairs already in one tier-1 set are not looked at again (the client leaves them out);
* pairs whose estimated content-token Jaccard is below ``tier2_min_jaccard`` are dropped
  (:func:`estimate_chunk` computes the estimates from the signatures);
* each article keeps only its ``tier2_per_article`` best candidates among the articles
  before it in the archive (:func:`shortlist`). Ranking among *earlier* articles
  only keeps ``scan --add`` exact: a new article's earlier candidates are all in
  its batch, old or new, so a batch shortlists what one full run would. A popular
  old article can still be paired with many later ones, each of which chose it;

and the rest go to :func:`srccompare.scan.paraphrase.verify_paraphrase`, which
aligns the two texts with srccompare's own pairwise aligner (:func:`verify_chunk2`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from srccompare.scan.minhash import jaccard
from srccompare.scan.verify import Verified, gather_signatures, gather_texts


@dataclass(frozen=True)
class Tier2Settings:
    """What :func:`verify_chunk2` asks of a pair (from the ``scan:`` config section)."""

    min_linked: int
    min_share: float


def estimate_chunk(outdir: Path, offsets: np.ndarray, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Estimated content-token Jaccard of each pair ``a[i], b[i]`` (from the tier-2 signatures)."""
    if len(a) == 0:
        return np.zeros(0, dtype=float)
    rows = np.unique(np.concatenate([a, b]))
    sig, _ = gather_signatures(outdir, 2, offsets, rows)
    return jaccard(sig[np.searchsorted(rows, a)], sig[np.searchsorted(rows, b)])


def shortlist(
    a: np.ndarray, b: np.ndarray, j: np.ndarray, min_jaccard: float, per_article: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The pairs worth aligning: estimate at least ``min_jaccard``, and among the ``per_article`` highest
    estimates of the later article of the pair (``a < b``; ties go to the earlier ``a``). Sorted by ``a``, then
    ``b``, so one article's pairs come together (its prepared text is reused)."""
    keep = j >= min_jaccard
    a, b, j = a[keep], b[keep], j[keep]
    if len(a) and per_article > 0:
        order = np.lexsort((a, -j, b))  # by b, best estimate first, then the earlier a
        later = b[order]
        first = np.r_[0, np.flatnonzero(later[1:] != later[:-1]) + 1]
        rank = np.arange(len(later)) - np.repeat(first, np.diff(np.r_[first, len(later)]))
        chosen = np.sort(order[rank < per_article])
        a, b, j = a[chosen], b[chosen], j[chosen]
    order = np.lexsort((b, a))
    return a[order], b[order], j[order]


def verify_chunk2(
    outdir: Path, offsets: np.ndarray, a: np.ndarray, b: np.ndarray, j: np.ndarray, settings: Tier2Settings
) -> Verified:
    """Align each pair ``a[i], b[i]`` (``j`` holds their estimates) and keep those the aligner verifies."""
    from srccompare.scan.paraphrase import verify_paraphrase

    texts = gather_texts(outdir, offsets, np.unique(np.concatenate([a, b]))) if len(a) else {}
    keep: list[int] = []
    scores: list[float] = []
    evidence: list[str] = []
    for i in range(len(a)):
        verdict = verify_paraphrase(
            texts[int(a[i])], texts[int(b[i])], min_linked=settings.min_linked, min_share=settings.min_share
        )
        if verdict.ok:
            keep.append(i)
            scores.append(float(verdict.score))
            evidence.append(f"content tokens: Jaccard {j[i]:.2f} (MinHash estimate); {verdict.evidence}")
    idx = np.array(keep, dtype=np.int64)
    return Verified(a[idx], b[idx], j[idx], np.array(scores, dtype=float), evidence, len(a))
