"""Safe member file names, stable set ids, and LSH buckets (capped buckets become chains)."""

import numpy as np
import pytest

from srccompare.scan.lsh import band_keys, bucket_pairs
from srccompare.scan.names import MAX_NAME_CHARS, member_file_name, safe_stem, set_id


@pytest.mark.parametrize(
    "article_id",
    [
        "../../etc/passwd",
        "a/b/c.txt",
        "..",
        ".hidden",
        "line\nbreak\x1b[31m",
        "con",
        "x" * 5000,
        "",
        "ä\u202eb",
        "a:b?c*",
    ],
)
def test_ids_become_one_safe_file_name(article_id):
    name = member_file_name(article_id, set())
    assert "/" not in name and "\\" not in name and "\x00" not in name
    assert not name.startswith(".") and ".." not in name
    assert all(ch.isprintable() and ch not in "\u202e" for ch in name)
    assert len(name) <= MAX_NAME_CHARS + len(".txt")
    assert name.lower() not in ("con.txt",)


def test_colliding_names_are_told_apart_case_insensitively():
    taken: set[str] = set()
    names = [member_file_name(i, taken) for i in ("a/b", "a_b", "A_B", "a_b.txt")]
    assert len({n.lower() for n in names}) == 4


def test_long_ids_keep_apart_by_a_hash():
    assert safe_stem("x" * 300 + "1") != safe_stem("x" * 300 + "2")


def test_set_ids_follow_the_first_row():
    assert set_id(42) == "s000042" and set_id(12_345_678) == "s12345678"


def test_a_bucket_over_the_cap_pairs_each_member_with_the_next_only():
    keys = np.array([7] * 6 + [9, 9], dtype=np.uint64)
    rows = np.array([5, 1, 3, 0, 4, 2, 10, 11], dtype=np.int64)
    found = bucket_pairs(keys, rows, max_bucket=4)
    pairs = set(zip(found.a.tolist(), found.b.tolist()))
    assert pairs == {(0, 1), (1, 2), (2, 3), (3, 4), (4, 5), (10, 11)}
    assert found.capped == [(6, 0)]
    under = bucket_pairs(keys, rows, max_bucket=6)
    assert len(under.a) == 15 + 1 and under.capped == []


def test_only_pairs_with_a_new_article_are_returned_for_an_added_batch():
    keys = np.array([1, 1, 1, 2, 2], dtype=np.uint64)
    rows = np.array([0, 1, 5, 2, 3], dtype=np.int64)
    found = bucket_pairs(keys, rows, max_bucket=10, new_from=4)
    assert set(zip(found.a.tolist(), found.b.tolist())) == {(0, 5), (1, 5)}


def test_band_keys_agree_exactly_when_the_band_agrees():
    sig = np.array([[1, 2, 3, 4, 5, 6], [1, 2, 3, 9, 9, 9], [3, 2, 1, 4, 5, 6]], dtype=np.uint32)
    keys = band_keys(sig, bands=2, rows=3)
    assert keys[0, 0] == keys[1, 0] and keys[0, 1] != keys[1, 1]
    assert keys[0, 0] != keys[2, 0] and keys[0, 1] == keys[2, 1]


def test_buckets_of_every_size_give_every_pair_sharing_a_key_once():
    import itertools

    rng = np.random.default_rng(5)
    for _ in range(50):
        n = int(rng.integers(1, 300))
        keys = rng.integers(0, int(rng.integers(1, 40)), n).astype(np.uint64)
        rows = rng.integers(0, 200, n).astype(np.int64)
        new_from = int(rng.integers(0, 200))
        expected = set()
        for key in np.unique(keys).tolist():
            members = sorted(set(rows[keys == key].tolist()))
            expected |= {(x, y) for x, y in itertools.combinations(members, 2) if y >= new_from}
        found = bucket_pairs(keys, rows, max_bucket=1000, new_from=new_from)
        assert list(zip(found.a.tolist(), found.b.tolist())) == sorted(expected) and not found.capped
