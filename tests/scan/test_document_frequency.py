"""Tier 2's document-frequency cut: tokens too many articles carry are left out of the signatures, the rest kept."""

import numpy as np
import pytest

from srccompare.scan.minhash import signature_lists
from srccompare.scan.signing import (
    TierSettings,
    common_tokens,
    df_limit,
    document_frequencies,
    merge_frequencies,
    sign_tokens,
)

SETTINGS = TierSettings(2, 64, 16, 4, 1, 5)


def _flat(sets):
    offsets = np.zeros(len(sets) + 1, dtype=np.int64)
    np.cumsum([len(s) for s in sets], out=offsets[1:])
    return np.concatenate(sets).astype(np.uint32), offsets


def test_frequencies_count_articles_and_add_up_over_batches():
    one = _flat([np.array([1, 2, 3]), np.array([2, 3]), np.array([3])])
    two = _flat([np.array([3, 9]), np.array([], dtype=np.uint32)])
    tokens, articles = merge_frequencies([document_frequencies(one[0]), document_frequencies(two[0])])
    assert dict(zip(tokens.tolist(), articles.tolist())) == {1: 1, 2: 2, 3: 4, 9: 1}


@pytest.mark.parametrize(
    ("articles", "max_df", "share", "limit"),
    [(1000, 0, 1.0, 1000), (1000, 50, 1.0, 50), (1000, 0, 0.02, 20), (1000, 50, 0.02, 20), (10, 50, 0.02, 1)],
)
def test_the_lower_cap_applies(articles, max_df, share, limit):
    assert df_limit(articles, max_df, share) == limit


def test_tokens_above_the_limit_are_left_out_and_the_rest_signed_as_before():
    rng = np.random.default_rng(3)
    common = np.array([7, 8], dtype=np.uint32)  # in every article
    own = [rng.choice(np.arange(100, 10_000, dtype=np.uint32), 30, replace=False) for _ in range(40)]
    values, offsets = _flat([np.concatenate([common, o]) for o in own])
    tokens, articles = document_frequencies(values)
    left_out = common_tokens(tokens, articles, df_limit(40, 0, 0.5))
    assert left_out.tolist() == [7, 8]  # only the tokens over half of the articles
    sig, counts = sign_tokens(values, offsets, SETTINGS, left_out)
    assert np.array_equal(sig, signature_lists([np.sort(o) for o in own], 64, 1))
    assert counts.tolist() == [30] * 40
    kept, kept_counts = sign_tokens(values, offsets, SETTINGS, np.zeros(0, dtype=np.uint32))
    assert not np.array_equal(kept, sig) and kept_counts.tolist() == [32] * 40


def test_an_article_of_common_tokens_only_has_an_empty_signature():
    from srccompare.scan.lsh import usable

    values, offsets = _flat([np.array([1, 2]), np.array([1, 2, 5])])
    sig, counts = sign_tokens(values, offsets, SETTINGS, np.array([1, 2], dtype=np.uint32))
    assert counts.tolist() == [0, 1] and usable(sig).tolist() == [False, True]


def test_an_outdir_with_stage_files_of_another_format_is_refused(tmp_path):
    from srccompare.core.config import ScanConfig
    from srccompare.core.errors import UserError
    from srccompare.scan import outdir, store

    scan = ScanConfig()
    old = store.State(format="srccompare-scan/1", settings=outdir.settings_of(scan), shards=8)
    store.stages_dir(tmp_path).mkdir(parents=True)
    store.save_state(tmp_path, old)
    with pytest.raises(UserError, match="another version of srccompare scan"):
        outdir.match_state(tmp_path, ["archive.jsonl"], scan, True, list)
