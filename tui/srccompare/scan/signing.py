"""Signatures of a batch of texts, per tier: what each tier hashes, and with how many permutations.

Tier 1 hashes word shingles (:mod:`.shingles`); tier 2 hashes the tokens a
paraphrase keeps (:func:`srccompare.scan.content.content_tokens`), less the
tokens too many articles carry (:func:`common_tokens`). Both go through the
same batched MinHash (:mod:`.minhash`) and the same banding.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from srccompare.scan.minhash import signatures
from srccompare.scan.shingles import text_shingle_hashes, token_hashes


@dataclass(frozen=True)
class TierSettings:
    tier: int
    permutations: int
    bands: int
    rows: int
    seed: int
    shingle_words: int


def tier_settings(scan, tier: int) -> TierSettings:
    """The settings of one tier from the ``scan:`` config section."""
    if tier == 1:
        return TierSettings(1, scan.permutations, scan.bands, scan.rows_per_band, scan.seed, scan.shingle_words)
    return TierSettings(
        2, scan.tier2_permutations, scan.tier2_bands, scan.tier2_rows_per_band, scan.seed, scan.shingle_words
    )


def sign(texts: Sequence[str], settings: TierSettings) -> tuple[np.ndarray, np.ndarray]:
    """``(signatures, value counts)`` of ``texts`` for the tier (tier 2: every content token kept)."""
    if settings.tier == 1:
        values, offsets = text_shingle_hashes(texts, settings.shingle_words)
        return signatures(values, offsets, settings.permutations, settings.seed), np.diff(offsets)
    return sign_tokens(*content_token_hashes(texts), settings, np.zeros(0, dtype=np.uint32))


def content_token_hashes(texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """``(values, offsets)``: the distinct hashes of each text's content tokens (tier 2's values)."""
    from srccompare.scan.content import content_tokens

    sets = [token_hashes(content_tokens(t)) for t in texts]
    offsets = np.zeros(len(sets) + 1, dtype=np.int64)
    np.cumsum(np.fromiter((len(v) for v in sets), dtype=np.int64, count=len(sets)), out=offsets[1:])
    values = np.concatenate(sets) if sets else np.zeros(0, dtype=np.uint32)
    return values.astype(np.uint32, copy=False), offsets


def sign_tokens(
    values: np.ndarray, offsets: np.ndarray, settings: TierSettings, common: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """``(signatures, value counts)`` of articles given as token hashes, the ``common`` ones (sorted) left out."""
    if len(common) and len(values):
        keep = ~np.isin(values, common)
        owner = np.repeat(np.arange(len(offsets) - 1), np.diff(offsets))
        values = values[keep]
        offsets = np.zeros_like(offsets)
        np.cumsum(np.bincount(owner[keep], minlength=len(offsets) - 1), out=offsets[1:])
    return signatures(values, offsets, settings.permutations, settings.seed), np.diff(offsets)


def document_frequencies(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``(tokens, articles)``: each distinct token hash and how many articles carry it (an article's values
    are distinct)."""
    tokens, articles = np.unique(values, return_counts=True)
    return tokens.astype(np.uint32), articles.astype(np.int64)


def merge_frequencies(parts: Sequence[tuple[np.ndarray, np.ndarray]]) -> tuple[np.ndarray, np.ndarray]:
    """The document frequencies of several batches of articles together."""
    if not parts:
        return np.zeros(0, dtype=np.uint32), np.zeros(0, dtype=np.int64)
    tokens, where = np.unique(np.concatenate([p[0] for p in parts]), return_inverse=True)
    articles = np.bincount(where, weights=np.concatenate([p[1] for p in parts]), minlength=len(tokens))
    return tokens.astype(np.uint32), articles.astype(np.int64)


def df_limit(articles: int, max_df: int, max_share: float) -> int:
    """The most articles a tier-2 token may be carried by and stay in the signature (``scan.tier2_max_df``
    and ``scan.tier2_max_df_share`` of ``articles``, the lower; both "no cap": ``articles``)."""
    limit = articles if max_share >= 1.0 else int(max_share * articles)
    if max_df > 0:
        limit = min(limit, max_df)
    return max(limit, 1)


def common_tokens(tokens: np.ndarray, articles: np.ndarray, limit: int) -> np.ndarray:
    """The sorted token hashes carried by more than ``limit`` articles: left out of the tier-2 signatures."""
    return np.sort(tokens[articles > limit])
