"""Words and shingle hashes: the aligner's folded words, hashed the same however a batch is made up."""

import hashlib

import numpy as np

from srccompare.scan.shingles import shingle_hashes, token_hashes, words
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
