"""Many sparse dot products at once, each equal to :func:`.features.dot`'s to the last bit.

The searches break ties on exact values, and a pair must align the same way
whatever else is aligned beside it, so every dot product is ``math.fsum`` of
the shared features' products: the correctly rounded sum, whatever the order.
Made one by one in Python, they are a large part of a long pair's sentence search.

Here the products are made with numpy (the same IEEE products Python makes)
and added in extended precision, where the machine has it (x87's 64-bit
mantissa, 11 bits more than a float). Most sums are then exact, and where one
is not, the weights are positive, so its error is bounded; either way, where
rounding the sum to a float is certain to give what ``fsum`` gives, it is used
(:func:`_settled`). The few sums left in doubt (two in a thousand on the NT
pair), and every sum of several terms on machines without extended precision,
are made by ``dot`` itself.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from itertools import chain, count, product, repeat
from typing import TYPE_CHECKING

from srccompare.engine.align.features import dot

if TYPE_CHECKING:
    import numpy as np

CHUNK_PRODUCTS = 1 << 19
"""Products made at once: bounds the memory of a long band (about 70 bytes each, some 35 MB)."""


def every_dot_exact(
    va: Sequence[Mapping[str, float]],
    vb: Sequence[Mapping[str, float]],
    xs: Sequence[int],
    ys: Sequence[int],
    out: dict[tuple[int, int], float],
) -> None:
    """``out[(x, y)] = dot(va[x], vb[y])`` for every ``x`` of ``xs`` and ``y`` of ``ys``."""
    if not xs or not ys:
        return
    values = banded_dots(va, vb, xs, ys, [0] * len(xs), [len(ys)] * len(xs))
    out.update(zip(product(xs, ys), values.tolist()))


def banded_dots(
    va: Sequence[Mapping[str, float]],
    vb: Sequence[Mapping[str, float]],
    xs: Sequence[int],
    ys: Sequence[int],
    plo: Sequence[int],
    phi: Sequence[int],
) -> np.ndarray:
    """``dot(va[xs[r]], vb[y])`` for each row ``r`` and each ``y`` of ``ys[plo[r]:phi[r]]``, row after row."""
    import numpy as np

    n, m = len(xs), len(ys)
    lo_col = np.asarray(plo, dtype=np.int64).reshape(n)
    hi_col = np.maximum(np.asarray(phi, dtype=np.int64).reshape(n), lo_col)
    ptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(hi_col - lo_col, out=ptr[1:])
    cells = int(ptr[-1])
    out = np.zeros(cells)
    if not cells:
        return out
    rows_a = [va[x] for x in xs]
    cols_b = [vb[y] for y in ys]

    # b's entries, sorted by (feature, column): each feature's columns are then one run,
    # and the columns a row may reach within it one slice.
    lens_b, keys_b, weights_b = _flatten(cols_b)
    vocabulary = dict(zip(dict.fromkeys(keys_b), count()))
    feature_b = np.fromiter(map(vocabulary.__getitem__, keys_b), dtype=np.int64, count=len(keys_b))
    column_b = np.repeat(np.arange(m, dtype=np.int64), lens_b)
    order = np.argsort(feature_b * m + column_b, kind="stable")
    key_b = (feature_b * m + column_b)[order]
    column_b, weights_b = column_b[order], weights_b[order]

    lens_a, keys_a, weights_a = _flatten(rows_a)
    feature_a = np.fromiter(map(vocabulary.get, keys_a, repeat(-1)), dtype=np.int64, count=len(keys_a))
    row_a = np.repeat(np.arange(n, dtype=np.int64), lens_a)
    shared = feature_a >= 0
    feature_a, row_a, weights_a = feature_a[shared], row_a[shared], weights_a[shared]
    first = np.searchsorted(key_b, feature_a * m + lo_col[row_a])
    reach = np.maximum(np.searchsorted(key_b, feature_a * m + hi_col[row_a]) - first, 0)

    extended = extended_type()
    sums: np.ndarray = np.zeros(cells, dtype=extended)
    terms = np.zeros(cells, dtype=np.int64)
    smallest = np.full(cells, np.iinfo(np.int32).max, dtype=np.int32)  # each sum's smallest term's exponent
    ends = np.cumsum(reach)
    start = 0
    while start < len(reach):  # entries of a in row order, a chunk of products at a time
        stop = max(start + 1, int(np.searchsorted(ends, ends[start] - reach[start] + CHUNK_PRODUCTS, "right")))
        entry = np.repeat(np.arange(start, stop), reach[start:stop])
        if len(entry):
            offset = np.arange(len(entry)) - np.repeat(
                np.cumsum(reach[start:stop]) - reach[start:stop], reach[start:stop]
            )
            at = first[entry] + offset
            row = row_a[entry]
            cell = ptr[row] + column_b[at] - lo_col[row]
            products = weights_a[entry] * weights_b[at]
            np.add.at(sums, cell, products.astype(extended))
            exponents = np.frexp(products)[1]
            exponents[products == 0] = np.iinfo(np.int32).max  # a zero term holds no last place
            np.minimum.at(smallest, cell, exponents)
            terms += np.bincount(cell, minlength=cells)
        start = stop

    rounded = sums.astype(np.float64)
    settled = (
        _settled(sums, rounded, terms, smallest)
        if weights_a.min(initial=1.0) > 0 and weights_b.min(initial=1.0) > 0
        else terms < 2
    )
    out[:] = rounded
    doubtful = np.flatnonzero(~settled)
    if len(doubtful):
        row = np.searchsorted(ptr, doubtful, "right") - 1
        column = lo_col[row] + doubtful - ptr[row]
        out[doubtful] = [dot(rows_a[r], cols_b[c]) for r, c in zip(row.tolist(), column.tolist())]
    return out


def extended_type() -> type:
    """numpy's widest float: x87's 80 bits on x86, a plain float where there is nothing wider."""
    import numpy as np

    return np.longdouble


def _flatten(vectors: Sequence[Mapping[str, float]]) -> tuple[np.ndarray, list[str], np.ndarray]:
    """Each vector's length, and all their features and weights, one vector after another."""
    import numpy as np

    lengths = np.fromiter(map(len, vectors), dtype=np.int64, count=len(vectors))
    keys = list(chain.from_iterable(vectors))
    weights = np.fromiter(chain.from_iterable(v.values() for v in vectors), dtype=np.float64, count=len(keys))
    return lengths, keys, weights


def _settled(sums: np.ndarray, rounded: np.ndarray, terms: np.ndarray, smallest: np.ndarray) -> np.ndarray:
    """Where rounding the extended sum of ``terms`` positive products gives the correctly rounded sum.

    Two ways to be sure. Every term is a whole multiple of the smallest term's last place (2 to
    the ``smallest`` exponent, less 53 bits), and so is every partial sum: while the sum stays
    under the extended mantissa's reach in those units, no addition rounded at all. Otherwise,
    adding k positive terms errs by under ``(k - 1) * eps / 2`` of the sum (eps of the extended
    type), and the rounding is still certain when the sum stays that far inside the interval of
    floats that round to ``rounded`` (its midpoints with its neighbours are exact in the
    extended type). A single term is exact; where the extended type is only a float, nothing
    else is settled here.
    """
    import numpy as np

    extended = sums.dtype.type
    info = np.finfo(extended)
    if info.nmant < 60:
        return terms < 2
    # Under half the reach (a margin for the sum's own rounding), the sum was made exactly.
    exact = np.frexp(sums)[1] <= smallest.astype(np.int64) - 53 + info.nmant
    # k terms are k - 1 roundings of at most half an eps each; 1% more covers this line's own rounding.
    error = sums * ((terms - 1) * (info.eps / 2 * 1.01))
    below = (rounded.astype(extended) + np.nextafter(rounded, -np.inf).astype(extended)) / 2
    above = (rounded.astype(extended) + np.nextafter(rounded, np.inf).astype(extended)) / 2
    certain = (sums - error > below) & (sums + error < above)
    return certain | exact | (terms < 2)
