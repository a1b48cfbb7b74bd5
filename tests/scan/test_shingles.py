"""Words and shingle hashes: the aligner's folded words, hashed the same however a batch is made up."""

import hashlib

import numpy as np

from srccompare.scan.shingles import (
    _hash_word_list,
    shingle_hashes,
    text_shingle_hashes,
    token_hashes,
    word_hashes,
    words,
)
from srccompare.text.normalize import fold_word, tokens

TEXT = (
    "Straße und Æsir: œuvre, Ørsted, Łódź, þorn and naïve café-owners\u2019 re-\n  election in İzmir.\n\n"
    "The ﬁnal e\u0301\u0323 count was 1,204 (half of the 2.4m votes) at 10:30 on 3/4 -- snake_case__names stay."
)


def test_words_are_the_aligners_folded_words():
    assert words(TEXT) == [fold_word(w) for w, _ in tokens(TEXT)]
    assert words("plain ascii only") == ["plain", "ascii", "only"]
    assert words("") == []


def _blake32(token: str) -> int:
    digest = hashlib.blake2b(token.encode("utf-8", "surrogatepass"), digest_size=8).digest()
    return int.from_bytes(digest, "little") >> 32


def test_token_hashes_are_the_distinct_stable_hashes_of_the_tokens():
    toks = ["b", "a", "b", "ü", "a", "long token"]
    expected = np.array(sorted({_blake32(t) for t in toks}), dtype=np.uint32)
    assert np.array_equal(token_hashes(toks), expected)
    assert len(token_hashes([])) == 0


def test_an_articles_shingles_do_not_depend_on_the_other_articles_of_its_batch():
    article = words(TEXT)
    alone, _ = shingle_hashes([article], 5)
    values, offsets = shingle_hashes([words("some other article entirely"), [], article, ["short"]], 5)
    assert np.array_equal(values[offsets[2] : offsets[3]], alone)
    assert len(alone) == len(article) - 4
    assert offsets[2] - offsets[1] == 0 and offsets[4] - offsets[3] == 1


def _mixed_texts(count: int, seed: int) -> list[str]:
    """Short texts of the characters where a word splitter can go wrong: joiners, underscores, marks, scripts."""
    import random

    rng = random.Random(seed)
    alphabet = list("ab1_-.,:/' \n\t\x00Zé\u0301ßÆ\u2019—Жж中İﬁ9") + ["-\n", "-\n  X", "__", "\ud800"]
    return ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40))) for _ in range(count)]


def test_words_found_in_numpy_are_the_pattern_words():
    texts = [TEXT, "", "plain ascii only", "a_b a__b _a b_ a-.b a.b.c x--y Anglo-\nSaxon", *_mixed_texts(3000, 3)]
    hashed, counts = word_hashes(texts)
    expected = [words(t) for t in texts]
    assert counts.tolist() == [len(w) for w in expected]
    assert np.array_equal(hashed, _hash_word_list([w for ws in expected for w in ws]))
    # and the hashes tell words apart: one distinct hash per distinct word
    distinct = {w for ws in expected for w in ws}
    assert len(set(hashed.tolist())) == len(distinct)


def test_shingles_from_texts_equal_shingles_from_their_words():
    texts = [TEXT, "one two", "", *_mixed_texts(500, 4), "word " * 30]
    values, offsets = text_shingle_hashes(texts, 5)
    expected_values, expected_offsets = shingle_hashes([words(t) for t in texts], 5)
    assert np.array_equal(values, expected_values) and np.array_equal(offsets, expected_offsets)


def test_texts_longer_than_a_chunk_are_split_into_the_same_words(monkeypatch):
    from srccompare.scan import shingles

    texts = _mixed_texts(200, 5)
    whole = word_hashes(texts)
    monkeypatch.setattr(shingles, "_CHUNK_CHARS", 16)
    pieces = word_hashes(texts)
    assert np.array_equal(whole[0], pieces[0]) and np.array_equal(whole[1], pieces[1])
