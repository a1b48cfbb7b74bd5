"""Paragraphs as weighted bags of features, so that similarity survives rewording.

Each paragraph becomes a sparse vector over three kinds of feature, each weighted
by how rare it is among all paragraphs being aligned (IDF):

* the folded word itself (``Zelensky`` == ``zelensky``; quotes, case, diacritics folded);
* a *stem* (the first letters of a long word), so ``negotiations``/``negotiate`` meet;
* a consonant *skeleton*, so spelling variants meet: ``sayle``/``sail``,
  ``Zelenskyy``/``Zelensky``, ``Iulius``/``Julius``, ``Kyiv``/``Kiev``.

Numbers are strong anchors and count double. Vectors are plain dicts, and
every similarity in the engine is built from their dot products.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain
from typing import TypeVar, overload

from srccompare.text.normalize import TOKEN, fold_word

Vector = dict[str, float]
T = TypeVar("T")

WORD_WEIGHT = 1.0
STEM_WEIGHT = 0.6
SKELETON_WEIGHT = 0.6
NUMBER_WEIGHT = 2.0
STEM_LENGTH = 5

_VOWELS = re.compile(r"[aeiouy]+")
_DOUBLES = re.compile(r"(.)\1+")
_SPELLING = str.maketrans({"v": "u", "j": "i", "w": "u", "k": "c", "q": "c", "z": "s"})


@lru_cache(maxsize=65536)
def skeleton(word: str) -> str:
    """A spelling-tolerant key: first letter, then consonants, doubles collapsed.

    ``sayde`` -> ``sd`` == ``said``; ``zelenskyy`` -> ``slnsc`` == ``zelensky``.
    """
    w = word.translate(_SPELLING).replace("ph", "f").replace("th", "t").replace("gh", "")
    if w.endswith("e") and len(w) > 3:
        w = w[:-1]
    head, tail = w[0], _VOWELS.sub("", w[1:])
    return _DOUBLES.sub(r"\1", head + tail)


@lru_cache(maxsize=65536)
def word_features(word: str) -> tuple[tuple[str, float], ...]:
    """The features one folded word contributes, with their base weights.

    A quantity is its digits, whatever is written onto it (``4,200`` == ``4200``,
    ``15th`` == ``15``, ``30-day`` == ``30``): versions write ``30 days`` and
    ``30-day``, ``May 15th`` and ``May 15``. A name with digits (``covid-19``,
    ``A380``) keeps its letters.
    """
    if any(ch.isdigit() for ch in word):
        keep = str.isdigit if word[0].isdigit() else str.isalnum
        return (("#" + "".join(ch for ch in word if keep(ch)), NUMBER_WEIGHT),)
    out = [("w" + word, WORD_WEIGHT)]
    if len(word) > STEM_LENGTH + 1:
        out.append(("p" + word[:STEM_LENGTH], STEM_WEIGHT))
    if len(word) >= 3 and word.isalpha():
        out.append(("s" + skeleton(word), SKELETON_WEIGHT))
    return tuple(out)


@lru_cache(maxsize=65536)
def token_features(token: str) -> tuple[tuple[str, float], ...]:
    """The features one token as written contributes (:func:`word_features` of its folded form)."""
    return word_features(fold_word(token))


@lru_cache(maxsize=16384)
def _counts(text: str) -> dict[str, float]:
    """Feature counts of one paragraph, memoised (a pairwise run vectorises each source once per pair).

    The values add up in text order, as a Counter would; callers must not change the dict.
    """
    counts: dict[str, float] = {}
    get = counts.get
    for feature, weight in chain.from_iterable(map(token_features, TOKEN.words(text))):
        counts[feature] = get(feature, 0) + weight
    return counts


_KIND_WEIGHT = {"w": WORD_WEIGHT, "p": STEM_WEIGHT, "s": SKELETON_WEIGHT, "#": NUMBER_WEIGHT}
"""A feature's weight, by its name's first letter (:func:`word_features`)."""
_MOST_REPEATS = 256


def _sums(weight: float) -> list[float]:
    """``out[n]``: ``weight`` added up ``n`` times, one at a time from 0, as :func:`_counts` adds it."""
    out = [0.0]
    for _ in range(_MOST_REPEATS):
        out.append(out[-1] + weight)
    return out


_SUMS = {kind: _sums(weight) for kind, weight in _KIND_WEIGHT.items()}
_TIMES = {kind: {value: n for n, value in enumerate(sums)} for kind, sums in _SUMS.items()}


def joined_counts(parts: Sequence[Mapping[str, float]]) -> dict[str, float] | None:
    """The counts of a text made of ``parts`` (their words, in order, are the text's): the same dict,
    to the last bit, as :func:`paragraph_counts` of the whole text makes, without reading it again.

    Every occurrence of a feature adds its kind's weight, so a part's value says how many times
    it occurs there, and the whole's value is the weight added up that many times in all. None
    (count the text itself) past :data:`_MOST_REPEATS` occurrences of one feature.
    """
    times: dict[str, int] = {}
    get = times.get
    for part in parts:
        for name, value in part.items():
            n = _TIMES[name[0]].get(value)
            if n is None:
                return None
            times[name] = get(name, 0) + n
    out: dict[str, float] = {}
    for name, n in times.items():
        if n > _MOST_REPEATS:
            return None
        out[name] = _SUMS[name[0]][n]
    return out


def paragraph_counts(text: str) -> dict[str, float]:
    """Raw feature counts of one paragraph, weighted by feature kind (so not whole numbers); a fresh copy."""
    return dict(_counts(text))


def count_paragraphs(texts: Sequence[str]) -> list[dict[str, float]]:
    """Each paragraph's raw feature counts, memoised and shared (read them, never change them)."""
    return list(map(_counts, texts))


@dataclass(slots=True)
class FeatureSpace:
    """IDF-weighted vectors for a set of paragraphs (one list per source)."""

    vectors: list[list[Vector]]
    norms2: list[list[float]]
    idf: dict[str, float]


def build_space(
    texts: Sequence[Sequence[str]], counted: Sequence[Sequence[Mapping[str, float]]] | None = None
) -> FeatureSpace:
    """Vectorise every paragraph of every source against one shared IDF table.

    Document frequency is counted over all paragraphs of all sources, so a word
    that appears everywhere (``the``, the story's main name) weighs little, and a
    word that marks one passage (a number, a place) weighs a lot. ``counted``:
    the paragraphs' raw counts, when they are known already (:func:`paragraph_counts`).
    """
    if counted is None:
        counted = [count_paragraphs(source) for source in texts]
    idf = shared_idf(counted)
    vectors, norms2 = weigh_all(counted, idf)
    return FeatureSpace(vectors, norms2, idf)


def shared_idf(counted: Sequence[Sequence[Mapping[str, float]]]) -> dict[str, float]:
    """:func:`build_space`'s IDF table: each feature's rarity over all the paragraphs counted."""
    df: Counter[str] = Counter()
    total = 0
    for source in counted:
        for counts in source:
            df.update(counts.keys())
        total += len(source)
    return {f: math.log((total + 1) / (n + 0.5)) for f, n in df.items()}


def weigh_all(
    counted: Sequence[Sequence[Mapping[str, float]]], idf: dict[str, float]
) -> tuple[list[list[Vector]], list[list[float]]]:
    """:func:`build_space`'s vectors and their squared norms, per source (the longer half of its work,
    so a long pair's search worker makes its own copy while this process makes one for itself)."""
    vectors: list[list[Vector]] = []
    norms2: list[list[float]] = []
    for source in counted:
        vs = [weigh(counts, idf) for counts in source]
        vectors.append(vs)
        norms2.append([sum([v * v for v in vec.values()]) for vec in vs])
    return vectors, norms2


class MadeOnUse(Sequence[T]):
    """``[make(i) for i in range(size)]``, each made when first asked for (then kept).

    For a process that asks for few of a long pair's paragraph vectors: its search runs
    in a worker, which weighs every paragraph, while this process asks only for the few
    cosines around the beads the worker finds, and for single-sentence paragraphs (their
    vectors are their sentences'). :func:`weighed_on_use` and :func:`norms_on_use` make them;
    a long text's sentence counts are made so too (:class:`.sentences.SentenceCounts`).
    """

    __slots__ = ("_done", "_make")

    def __init__(self, size: int, make: Callable[[int], T]) -> None:
        self._make = make
        self._done: list[T | None] = [None] * size

    def __len__(self) -> int:
        return len(self._done)

    @overload
    def __getitem__(self, i: int) -> T: ...
    @overload
    def __getitem__(self, i: slice) -> list[T]: ...
    def __getitem__(self, i: int | slice) -> T | list[T]:
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(len(self)))]
        made = self._done[i]
        if made is None:
            made = self._done[i] = self._make(i)
        return made


def weighed_on_use(counts: Sequence[Mapping[str, float]], idf: dict[str, float]) -> MadeOnUse[Vector]:
    """:func:`weigh_all`'s vectors of one source, each weighed when first asked for."""
    return MadeOnUse(len(counts), lambda i: weigh(counts[i], idf))


def norms_on_use(vectors: Sequence[Vector]) -> MadeOnUse[float]:
    """Squared norms of ``vectors``, each made when first asked for, as :func:`weigh_all` makes them."""
    return MadeOnUse(len(vectors), lambda i: sum([v * v for v in vectors[i].values()]))


def weigh(counts: Mapping[str, float], idf: dict[str, float]) -> Vector:
    """A paragraph's (or a sentence's) vector: damped counts times IDF; unknown features drop out."""
    out: Vector = {}
    get, log = idf.get, math.log
    for f, c in counts.items():
        w = get(f, 0.0)
        if w > 0:
            out[f] = (1.0 + log(c)) * w if c > 1 else c * w
    return out


def dot(a: Vector, b: Vector) -> float:
    """Sparse dot product; the key intersection runs in C, so only shared features cost Python time.

    ``math.fsum`` makes the result independent of the set's iteration order
    (which varies with the hash seed), so ties break the same way on every run.
    """
    shared = a.keys() & b.keys()
    if not shared:
        return 0.0
    return math.fsum([a[f] * b[f] for f in shared])


def every_dot(
    va: Sequence[Vector], vb: Sequence[Vector], xs: Sequence[int], ys: Sequence[int], out: dict[tuple[int, int], float]
) -> None:
    """``out[(x, y)] = dot(va[x], vb[y])`` for every ``x`` of ``xs`` and ``y`` of ``ys``.

    ``vb``'s features are inverted first, so each product is made once, by the
    feature both vectors share, with no set built per pair; ``fsum`` rounds each
    pair's products the same way whatever their order, so the values equal ``dot``'s.
    For a whole small grid (every pair is asked), this is several times faster;
    from :data:`BULK_GRID_CELLS` on, numpy makes the same values faster still (:mod:`.exact_dots`).
    """
    if len(xs) * len(ys) >= BULK_GRID_CELLS:
        from srccompare.engine.align.exact_dots import every_dot_exact

        every_dot_exact(va, vb, xs, ys, out)
        return
    postings: dict[str, list[tuple[int, float]]] = {}
    for k, y in enumerate(ys):
        for f, w in vb[y].items():
            postings.setdefault(f, []).append((k, w))
    fsum, nothing = math.fsum, ()
    for x in xs:
        products: list[list[float]] = [[] for _ in ys]
        for f, w in va[x].items():
            for k, wy in postings.get(f, nothing):
                products[k].append(w * wy)
        for y, got in zip(ys, products):
            out[(x, y)] = fsum(got) if got else 0.0


BULK_GRID_CELLS = 1600
"""Grid size from which :func:`every_dot` uses numpy: below it, numpy's fixed costs outweigh the loop's."""
