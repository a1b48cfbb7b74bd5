"""Signatures of a batch of texts, per tier: what each tier hashes, and with how many permutations.

Tier 1 hashes word shingles (:mod:`.shingles`); tier 2 hashes the tokens a
paraphrase keeps (:func:`srccompare.scan.content.content_tokens`). Both go
through the same batched MinHash (:mod:`.minhash`) and the same banding.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from srccompare.scan.minhash import signature_lists, signatures
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
    """``(signatures, value counts)`` of ``texts`` for the tier."""
    if settings.tier == 1:
        values, offsets = text_shingle_hashes(texts, settings.shingle_words)
        return signatures(values, offsets, settings.permutations, settings.seed), np.diff(offsets)
    from srccompare.scan.content import content_tokens

    sets = [token_hashes(content_tokens(t)) for t in texts]
    counts = np.array([len(s) for s in sets], dtype=np.int64)
    return signature_lists(sets, settings.permutations, settings.seed), counts
