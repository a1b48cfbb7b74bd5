"""The hash values an article is compared by: word shingles (tier 1) and single tokens (tier 2).

Words are srccompare's own (``text.normalize``: case, diacritics, quote styles
and line-end hyphens folded, Markdown markup skipped), so a copy that only
differs in typography has the same shingles. Tier 1 finds and hashes the words of
a whole batch in numpy (:func:`word_hashes`: a polynomial over each word's code
points, stable across processes and machines, unlike Python's ``hash``), and
combines the word hashes into shingles in numpy too. Tier 2's tokens are few and
hashed with blake2b, each distinct one once per process.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Sequence
from functools import lru_cache
from itertools import chain

import numpy as np

from srccompare.text.normalize import _TRANSLIT, LINE_END_HYPHEN_JOIN

_WORD = re.compile(r"[^\W_]+(?:(?:['\-.,:/]|_+)[^\W_]+)*")
"""A word as the aligner's tokenizer reads one: letters or digits joined by inner punctuation."""
_LINE_END_HYPHEN = re.compile(LINE_END_HYPHEN_JOIN)
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")
_TRANSLIT_PAIRS = [(chr(k) if isinstance(k, int) else k, v) for k, v in _TRANSLIT.items()]

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
    return _WORD.findall(fold(text))


def fold(text: str) -> str:
    """``text`` folded as :func:`words` reads it (case, diacritics, quotes, line-end hyphens), not yet split."""
    folded = _LINE_END_HYPHEN.sub("", text.replace("\u2019", "'")).casefold()
    if not folded.isascii():
        for char, plain in _TRANSLIT_PAIRS:  # a few searches: str.translate looks up every character
            if char in folded:
                folded = folded.replace(char, plain)
        folded = _NON_ASCII.sub(_strip_marks, folded)
    return folded


def _strip_marks(run: re.Match[str]) -> str:
    """A run of non-ASCII characters decomposed (NFKD) without its combining marks.

    Decomposition is character by character and marks only reorder among
    themselves, so folding the runs alone equals folding the whole text, at a
    fraction of the cost when most of it is ASCII.
    """
    return "".join(ch for ch in unicodedata.normalize("NFKD", run.group()) if not unicodedata.combining(ch))


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
    MinHash itself. The same values as :func:`text_shingle_hashes` of the texts
    the words came from.
    """
    lengths = np.fromiter((len(w) for w in word_lists), dtype=np.int64, count=len(word_lists))
    return _shingles(_hash_word_list(list(chain.from_iterable(word_lists))), lengths, k)


def text_shingle_hashes(texts: Sequence[str], k: int) -> tuple[np.ndarray, np.ndarray]:
    """:func:`shingle_hashes` of ``[words(t) for t in texts]``, without making a Python string of any word."""
    hashed, lengths = word_hashes(texts)
    return _shingles(hashed, lengths, k)


def _shingles(hashed: np.ndarray, lengths: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Shingle values from the word hashes of a batch (``lengths``: words per article), a few array operations.

    Shingle ``i`` combines words ``i .. i+k-1`` of the batch; those that run past their article's end are
    dropped, except that a short article (fewer than ``k`` words) keeps one shingle of all its words."""
    n = len(lengths)
    total = len(hashed)
    multipliers = _multipliers(k)
    combined = hashed * multipliers[0]
    scratch = np.empty(total, dtype=np.uint64)
    for j in range(1, min(k, total)):
        np.multiply(hashed[j:], multipliers[j], out=scratch[: total - j])
        combined[: total - j] += scratch[: total - j]
    combined += np.uint64(k)  # a short article's one shingle never equals a long one's
    ends = np.cumsum(lengths)
    short = np.flatnonzero((lengths > 0) & (lengths < k))
    for i in short.tolist():  # a short article: one shingle of it all
        start, stop = int(ends[i] - lengths[i]), int(ends[i])
        one = (hashed[start:stop] * multipliers[: stop - start]).sum(dtype=np.uint64)
        combined[start] = one + np.uint64(stop - start)
    valid = np.ones(total, dtype=bool)
    for j in range(1, k):  # the last k-1 places of each article start no shingle (a short one keeps its first)
        tail = ends - j
        valid[tail[tail >= ends - lengths + np.minimum(lengths, 1)]] = False
    values = (_mix64(combined[valid]) >> np.uint64(32)).astype(np.uint32)
    counts = np.where(lengths >= k, lengths - (k - 1), np.minimum(lengths, 1))
    offsets = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(counts, out=offsets[1:])
    return values, offsets


# -- words found and hashed in numpy -------------------------------------------------------------------
#
# The regex split (:func:`words`) makes a Python string of every word, and hashing them means a dict
# look-up for each: together most of the signature stage. Here a batch's folded texts are joined into
# one array of code points, each classed by a table (letter or digit, joining punctuation, underscore,
# other), and a word is a run of letters and digits with the joiners the pattern allows between them:
# one of ``'-.,:/`` between two letters or digits, or a run of underscores between them. Each word's hash
# is a polynomial over its code points, computed for all words at once; the same words as :func:`words`
# (a test checks it on mixed scripts, marks, underscores and punctuation).

_SEP = "\x00"
"""Between the texts of a batch: not part of any word, so no word runs from one text into the next."""
_CHUNK_CHARS = 1 << 20
"""Characters handled per array operation (a few arrays of 8 bytes a character at a time)."""
_OTHER, _ALNUM, _JOINER, _UNDERSCORE = 0, 1, 2, 3
_ASCII_CLASS = np.array(
    [
        _ALNUM if chr(c).isalnum() else _JOINER if chr(c) in "'-.,:/" else _UNDERSCORE if chr(c) == "_" else _OTHER
        for c in range(128)
    ]
    + [_OTHER],
    dtype=np.uint8,
)
_POLY = np.uint64(0x100000001B3)
_LENGTH_MIX = np.uint64(0x9E3779B97F4A7C15)


def word_hashes(texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """``(hashes, counts)``: the 64-bit hash of every word of :func:`words` of each text, in order, and the
    number of words of each text."""
    folded = [fold(t) for t in texts]
    counts = np.zeros(len(folded), dtype=np.int64)
    parts: list[np.ndarray] = []
    start = 0
    while start < len(folded):
        stop, size = start + 1, len(folded[start])
        while stop < len(folded) and size + len(folded[stop]) < _CHUNK_CHARS:
            size += len(folded[stop]) + 1
            stop += 1
        chunk = folded[start:stop]
        cp = _code_points(_SEP.join(chunk))
        begin, lengths = _word_bounds(cp)
        parts.append(_poly_hash(cp, begin, lengths))
        text_starts = np.zeros(len(chunk), dtype=np.int64)
        np.cumsum(
            np.fromiter((len(t) + 1 for t in chunk[:-1]), dtype=np.int64, count=len(chunk) - 1), out=text_starts[1:]
        )
        owner = np.searchsorted(text_starts, begin, side="right") - 1
        counts[start:stop] = np.bincount(owner, minlength=len(chunk))
        start = stop
    hashed = np.concatenate(parts) if parts else np.zeros(0, dtype=np.uint64)
    return hashed, counts


def _code_points(text: str) -> np.ndarray:
    if text.isascii():
        return np.frombuffer(text.encode("ascii"), dtype=np.uint8)
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)


@lru_cache(maxsize=1 << 16)
def _class_of(code: int) -> int:
    return _ALNUM if chr(code).isalnum() else _OTHER


def _word_bounds(cp: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Where each word of the code points ``cp`` begins, and its length (the matches of :data:`_WORD`)."""
    n = len(cp)
    if cp.dtype == np.uint8:
        kind = _ASCII_CLASS[cp]
    else:
        kind = _ASCII_CLASS[np.minimum(cp, 128)]
        high = np.flatnonzero(cp >= 128)
        if len(high):
            distinct, where = np.unique(cp[high], return_inverse=True)
            table = np.fromiter((_class_of(c) for c in distinct.tolist()), dtype=np.uint8, count=len(distinct))
            kind[high] = table[where]
    alnum = kind == _ALNUM
    before = np.zeros(n, dtype=bool)  # a letter or digit just before
    before[1:] = alnum[:-1]
    after = np.zeros(n, dtype=bool)
    after[:-1] = alnum[1:]
    inside = alnum | ((kind == _JOINER) & before & after)
    underscores = np.flatnonzero(kind == _UNDERSCORE)
    if len(underscores):  # a run of underscores joins when a letter or digit is on both sides of the run
        breaks = np.flatnonzero(np.diff(underscores) != 1)
        first = underscores[np.r_[0, breaks + 1]]
        last = underscores[np.r_[breaks, len(underscores) - 1]]
        joins = before[first] & after[last]
        marks = np.zeros(n + 1, dtype=np.int32)
        np.add.at(marks, first[joins], 1)
        np.add.at(marks, last[joins] + 1, -1)
        inside |= np.cumsum(marks[:n]) > 0
    padded = np.zeros(n + 2, dtype=bool)
    padded[1:-1] = inside
    edges = np.flatnonzero(padded[1:] != padded[:-1])
    begin = edges[0::2]
    return begin, edges[1::2] - begin


def _poly_hash(cp: np.ndarray, begin: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """The 64-bit hash of each word ``cp[begin[i]:begin[i] + lengths[i]]``: the sum of its code points times
    ``_POLY`` to the power of their place in the word (modulo 2**64), mixed. From one running sum over the
    whole array: a word's sum is the difference of two prefixes, divided by ``_POLY`` to the power of its start
    (odd, so it has an inverse modulo 2**64)."""
    if len(begin) == 0:
        return np.zeros(0, dtype=np.uint64)
    powers, inverses = _powers(len(cp) + 1)
    prefix = np.zeros(len(cp) + 1, dtype=np.uint64)
    np.multiply(cp, powers[: len(cp)], out=prefix[1:])
    np.cumsum(prefix, out=prefix)
    hashed = (prefix[begin + lengths] - prefix[begin]) * inverses[begin]
    hashed += lengths.astype(np.uint64) * _LENGTH_MIX
    return _mix64(hashed)


_POWER_TABLES: list[np.ndarray] = []


def _powers(n: int) -> tuple[np.ndarray, np.ndarray]:
    """``_POLY`` and its inverse modulo 2**64 to the powers ``0..n-1`` (at least; kept for the next batch)."""
    if not _POWER_TABLES or len(_POWER_TABLES[0]) < n:
        size = max(n, _CHUNK_CHARS + 1)
        tables = []
        for base in (int(_POLY), pow(int(_POLY), -1, 1 << 64)):
            table = np.full(size, base, dtype=np.uint64)
            table[0] = 1
            tables.append(np.cumprod(table, out=table))
        _POWER_TABLES[:] = tables
    return _POWER_TABLES[0], _POWER_TABLES[1]


def _hash_word_list(flat: list[str]) -> np.ndarray:
    """:func:`_poly_hash` of each of ``flat``'s words (any strings, empty ones included)."""
    lengths = np.fromiter(map(len, flat), dtype=np.int64, count=len(flat))
    if not len(flat):
        return np.zeros(0, dtype=np.uint64)
    cp = _code_points(_SEP.join(flat))
    begin = np.zeros(len(flat), dtype=np.int64)
    np.cumsum(lengths[:-1] + 1, out=begin[1:])
    out = _mix64(lengths.astype(np.uint64) * _LENGTH_MIX)  # empty words
    some = lengths > 0
    out[some] = _poly_hash(cp, begin[some], lengths[some])
    return out


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
    """The 64-bit hashes of ``tokens`` (new distinct ones hashed once, then looked up).

    Arrow finds the distinct tokens and where each occurs (in C++), so Python
    touches each distinct token once, not each of the batch's millions of words.
    """
    import pyarrow as pa

    if len(_WORD_CACHE) >= _WORD_CACHE_MAX:
        _WORD_CACHE.clear()
    encoded = pa.array(tokens, pa.string()).dictionary_encode()
    distinct = encoded.dictionary.to_pylist()
    for token in set(distinct).difference(_WORD_CACHE):
        _WORD_CACHE[token] = _blake(token)
    table = np.fromiter(map(_WORD_CACHE.__getitem__, distinct), dtype=np.uint64, count=len(distinct))
    return table[encoded.indices.to_numpy(zero_copy_only=False)]
