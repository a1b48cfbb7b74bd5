"""The hash values an article is compared by: word shingles (tier 1) and single tokens (tier 2).

Words are srccompare's own (``text.normalize``: case, diacritics, quote styles
and line-end hyphens folded, Markdown markup skipped), so a copy that only
differs in typography has the same shingles. A word is hashed once per process
(blake2b, stable across processes and machines, unlike Python's ``hash``); the
shingles are combined from the word hashes in numpy, a whole batch at a time.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Sequence
from itertools import chain

import numpy as np

from srccompare.text.normalize import _TRANSLIT, LINE_END_HYPHEN_JOIN

_WORD = re.compile(r"[^\W_]+(?:(?:['\-.,:/]|_+)[^\W_]+)*")
"""A word as the aligner's tokenizer reads one: letters or digits joined by inner punctuation."""
_LINE_END_HYPHEN = re.compile(LINE_END_HYPHEN_JOIN)

_WORD_CACHE: dict[str, int] = {}
_WORD_CACHE_MAX = 1 << 20
_MULTIPLIERS = np.array(
    [0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 0x85EBCA77C2B2AE63, 0x27D4EB2F165667C5],
    dtype=np.uint64,
)


def words(text: str) -> list[str]:
    """The folded words of ``text``, as the aligner folds them (:func:`srccompare.text.normalize.fold_word`).

    The whole text is folded at once and split by one plain pattern: per word,
    the aligner's tokenizer took most of the signature stage's time.
    """
    folded = _LINE_END_HYPHEN.sub("", text.replace("\u2019", "'")).casefold().translate(_TRANSLIT)
    if not folded.isascii():
        folded = "".join(ch for ch in unicodedata.normalize("NFKD", folded) if not unicodedata.combining(ch))
    return _WORD.findall(folded)


def _blake(token: str) -> int:
    """A stable 64-bit hash of one word or token."""
    return int.from_bytes(hashlib.blake2b(token.encode("utf-8", "surrogatepass"), digest_size=8).digest(), "little")


def token_hashes(tokens: Iterable[str]) -> np.ndarray:
    """The distinct 32-bit hash values of a set of tokens (tier 2's values)."""
    hashed = _hash_all(list(tokens))
    return _distinct((hashed >> np.uint64(32)).astype(np.uint32))


def _mix64(h: np.ndarray) -> np.ndarray:
    """splitmix64's finaliser (in place): every input bit moves every output bit."""
    h ^= h >> np.uint64(30)
    h *= np.uint64(0xBF58476D1CE4E5B9)
    h ^= h >> np.uint64(27)
    h *= np.uint64(0x94D049BB133111EB)
    h ^= h >> np.uint64(31)
    return h


def shingle_hashes(word_lists: Sequence[Sequence[str]], k: int) -> tuple[np.ndarray, np.ndarray]:
    """``(values, offsets)``: the 32-bit hashes of each article's ``k``-word shingles, in text order.

    An article shorter than ``k`` words is one shingle of all its words; one
    with no words has none. Values of article ``i`` are ``values[offsets[i]:offsets[i+1]]``.
    A shingle that recurs in an article recurs in its values: a MinHash minimum
    does not mind, and making them distinct (a sort) cost as much as the
    MinHash itself. The whole batch is hashed in a few array operations.
    """
    n = len(word_lists)
    lengths = np.fromiter((len(w) for w in word_lists), dtype=np.int64, count=n)
    flat = list(chain.from_iterable(word_lists))
    hashed = _hash_all(flat)
    total = len(hashed)
    multipliers = _multipliers(k)
    combined = np.zeros(total, dtype=np.uint64)
    for j in range(min(k, total)):
        combined[: total - j] += hashed[j:] * multipliers[j]
    combined += np.uint64(k)  # a short article's one shingle never equals a long one's
    starts = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(lengths, out=starts[1:])
    owner = np.repeat(np.arange(n, dtype=np.int64), lengths)
    position = np.arange(total, dtype=np.int64) - starts[owner]
    valid = position <= lengths[owner] - k
    for i in np.flatnonzero((lengths > 0) & (lengths < k)).tolist():  # a short article: one shingle of it all
        start, stop = int(starts[i]), int(starts[i + 1])
        one = (hashed[start:stop] * multipliers[: stop - start]).sum(dtype=np.uint64)
        combined[start] = one + np.uint64(stop - start)
        valid[start] = True
    values = (_mix64(combined[valid]) >> np.uint64(32)).astype(np.uint32)
    offsets = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(owner[valid], minlength=n), out=offsets[1:])
    return values, offsets


def _distinct(values: np.ndarray) -> np.ndarray:
    """Sorted distinct values (numpy 2's ``unique`` hashes first, which was 6x slower here)."""
    values = np.sort(values)
    if len(values) < 2:
        return values
    return values[np.concatenate(([True], values[1:] != values[:-1]))]


def _multipliers(k: int) -> np.ndarray:
    if k <= len(_MULTIPLIERS):
        return _MULTIPLIERS[:k]
    extra = np.arange(len(_MULTIPLIERS), k, dtype=np.uint64) * np.uint64(0x9E3779B97F4A7C15) | np.uint64(1)
    return np.concatenate([_MULTIPLIERS, extra])


def _hash_all(tokens: list[str]) -> np.ndarray:
    """The 64-bit hashes of ``tokens`` (new distinct ones hashed once, then looked up)."""
    if len(_WORD_CACHE) >= _WORD_CACHE_MAX:
        _WORD_CACHE.clear()
    for token in set(tokens).difference(_WORD_CACHE):
        _WORD_CACHE[token] = _blake(token)
    return np.fromiter(map(_WORD_CACHE.__getitem__, tokens), dtype=np.uint64, count=len(tokens))
