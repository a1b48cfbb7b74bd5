"""Many cosines at once: vectors as numpy arrays over a shared feature index.

The engine's exact similarities are sums of products in :func:`.features.dot`
(``math.fsum``, so the same on every run). Comparing every paragraph of a long
text with all its neighbours that way costs a Python loop per pair; here a block
of rows against a block of rows is one matrix product. Matrix products add in
another order, so their values may differ from ``dot`` in the last bits: they
serve as a *screen* (:data:`APPROX_TOL` bounds the difference), and every value
a decision rests on is then taken from the exact path.

For the joint alignment's sentence links: :func:`cosine_matrix` (dense block,
approximate), :func:`exact_cosines` (chosen pairs, exactly as
:meth:`.similarity.PairSimilarity.cosine` computes them) and
:func:`related_pairs` (every pair at or above a floor, decided and valued exactly).

numpy is imported by the functions that need it, so loading this module costs
nothing at start-up.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from itertools import chain
from typing import TYPE_CHECKING

from srccompare.engine.align.features import Vector, dot

if TYPE_CHECKING:
    import numpy as np

APPROX_TOL = 1e-9
"""Bound on |bulk cosine - exact cosine|; the real difference is ~1e-13 (terms * 2**-53)."""
DENSE_SHARE = 8  # a feature goes dense when its pairs exceed 1/DENSE_SHARE of the block


def numpy():
    """numpy, imported on first use (start-up of the command line does not pay for it)."""
    import numpy as np

    return np


def vector_norm2(vec: Vector) -> float:
    """Squared norm exactly as :func:`.features.build_space` computes it."""
    return sum(v * v for v in vec.values())


class VectorRows:
    """A list of :data:`Vector` as a CSR-like matrix (numpy arrays) over a shared feature index.

    ``index`` maps feature -> column and grows with new features, so several
    lists built with one index can be multiplied together. ``norms2`` defaults
    to :func:`vector_norm2` of each vector.
    """

    __slots__ = ("data", "indices", "indptr", "norms2")

    def __init__(self, vectors: Sequence[Vector], index: dict[str, int], norms2: Sequence[float] | None = None):
        np = numpy()
        features = list(chain.from_iterable(vectors))
        for f in dict.fromkeys(features):
            if f not in index:
                index[f] = len(index)
        self.indices = np.array(list(map(index.__getitem__, features)), dtype=np.int64)
        self.data = np.array(list(chain.from_iterable(v.values() for v in vectors)), dtype=np.float64)
        self.indptr = np.zeros(len(vectors) + 1, dtype=np.int64)
        np.cumsum([len(v) for v in vectors], out=self.indptr[1:])
        if norms2 is None:
            norms2 = [vector_norm2(v) for v in vectors]
        self.norms2 = np.array(norms2, dtype=np.float64)

    def __len__(self) -> int:
        return len(self.indptr) - 1

    def gather(self, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The entries of ``rows``: (position in ``rows``, column, value) arrays."""
        import numpy as np

        starts = self.indptr[rows]
        lens = self.indptr[rows + 1] - starts
        total = int(lens.sum())
        owner = np.repeat(np.arange(len(rows)), lens)
        first = np.cumsum(lens) - lens
        offsets = np.arange(total) - np.repeat(first - starts, lens)
        return owner, self.indices[offsets], self.data[offsets]


def dot_block(a: VectorRows, rows: np.ndarray, b: VectorRows, cols: np.ndarray) -> np.ndarray:
    """Dot products of ``a``'s ``rows`` with ``b``'s ``cols`` (dense ``len(rows) x len(cols)``, approximate).

    Features shared by many rows on both sides are multiplied as small dense
    matrices, the rest by joining the rows that share them; no BLAS call, so no
    worker threads whatever the process's BLAS settings.
    """
    np = numpy()
    h, w = len(rows), len(cols)
    out = np.zeros(h * w)
    ra, fa, va = a.gather(rows)
    rb, fb, vb = b.gather(cols)
    if not len(fa) or not len(fb):
        return out.reshape(h, w)
    feats, lb, count_b = np.unique(fb, return_inverse=True, return_counts=True)
    la = np.minimum(np.searchsorted(feats, fa), len(feats) - 1)
    keep = feats[la] == fa
    ra, la, va = ra[keep], la[keep], va[keep]
    count_a = np.bincount(la, minlength=len(feats))
    dense = count_a * count_b * DENSE_SHARE > h * w  # a feature of most rows: many pairs
    in_a, in_b = dense[la], dense[lb]
    if in_a.any():
        slot = np.cumsum(dense) - 1
        width = int(dense.sum())
        dense_a = np.zeros((h, width))
        dense_a[ra[in_a], slot[la[in_a]]] = va[in_a]
        dense_b = np.zeros((w, width))
        dense_b[rb[in_b], slot[lb[in_b]]] = vb[in_b]
        out += np.einsum("ik,jk->ij", dense_a, dense_b).ravel()
    ra, la, va = ra[~in_a], la[~in_a], va[~in_a]
    order = np.argsort(lb[~in_b], kind="stable")
    rb, lb, vb = rb[~in_b][order], lb[~in_b][order], vb[~in_b][order]
    start = np.searchsorted(lb, la, "left")
    many = np.searchsorted(lb, la, "right") - start
    owner = np.repeat(np.arange(len(la)), many)
    first = np.cumsum(many) - many
    partner = np.arange(int(many.sum())) - np.repeat(first - start, many)
    out += np.bincount(ra[owner] * w + rb[partner], weights=va[owner] * vb[partner], minlength=h * w)
    return out.reshape(h, w)


def neighbour_dots(rows: VectorRows, gap: int) -> np.ndarray:
    """``out[x]`` = dot product of row ``x`` with row ``x + gap`` (0 past the end; approximate)."""
    import numpy as np

    n = len(rows)
    out = np.zeros(n)
    if gap >= n or not len(rows.indices):
        return out
    width = int(rows.indices.max()) + 1
    owner = np.repeat(np.arange(n), np.diff(rows.indptr))
    keys = owner * width + rows.indices
    later = owner >= gap
    moved = (owner[later] - gap) * width + rows.indices[later]
    common, ia, ib = np.intersect1d(keys, moved, assume_unique=True, return_indices=True)
    products = rows.data[ia] * rows.data[later][ib]
    return np.bincount(common // width, weights=products, minlength=n)[:n]


def cosine_block(a: VectorRows, rows: np.ndarray, b: VectorRows, cols: np.ndarray) -> np.ndarray:
    """Cosines of ``a``'s ``rows`` with ``b``'s ``cols`` (dense, within :data:`APPROX_TOL` of the exact ones)."""
    import numpy as np

    dots = dot_block(a, rows, b, cols)
    denom = np.multiply.outer(a.norms2[rows], b.norms2[cols])
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(denom > 0, dots / np.sqrt(np.where(denom > 0, denom, 1.0)), 0.0)


def cosine_matrix(us: Sequence[Vector], vs: Sequence[Vector]) -> np.ndarray:
    """All cosines between two lists of vectors (e.g. the sentences of two passages), as a dense array.

    Approximate (within :data:`APPROX_TOL`): use it to rank or screen, and
    :func:`exact_cosines` (or :func:`related_pairs`) where a value decides.
    """
    import numpy as np

    index: dict[str, int] = {}
    a, b = VectorRows(us, index), VectorRows(vs, index)
    return cosine_block(a, np.arange(len(us)), b, np.arange(len(vs)))


def exact_cosine(u: Vector, v: Vector, nu: float | None = None, nv: float | None = None) -> float:
    """One cosine exactly as :meth:`.similarity.PairSimilarity.cosine` computes it."""
    denom = (vector_norm2(u) if nu is None else nu) * (vector_norm2(v) if nv is None else nv)
    return dot(u, v) / math.sqrt(denom) if denom > 0 else 0.0


def exact_cosines(us: Sequence[Vector], vs: Sequence[Vector], pairs: Sequence[tuple[int, int]]) -> list[float]:
    """Exact cosines of chosen ``(index into us, index into vs)`` pairs (norms computed once per vector)."""
    nu: dict[int, float] = {}
    nv: dict[int, float] = {}
    out = []
    for x, y in pairs:
        if x not in nu:
            nu[x] = vector_norm2(us[x])
        if y not in nv:
            nv[y] = vector_norm2(vs[y])
        out.append(exact_cosine(us[x], vs[y], nu[x], nv[y]))
    return out


def related_pairs(us: Sequence[Vector], vs: Sequence[Vector], floor: float) -> list[tuple[int, int, float]]:
    """Every pair ``(x, y, cosine)`` with an exact cosine >= ``floor``, in row-major order.

    The dense block screens out the pairs clearly below ``floor``; the rest are
    decided and valued by the exact path, so the result is the same as testing
    every pair with :func:`exact_cosine`.
    """
    import numpy as np

    if not us or not vs:
        return []
    approx = cosine_matrix(us, vs)
    xs, ys = np.nonzero(approx >= floor - APPROX_TOL)
    out = []
    for x, y, c in zip(xs.tolist(), ys.tolist(), exact_cosines(us, vs, list(zip(xs.tolist(), ys.tolist())))):
        if c >= floor:
            out.append((x, y, c))
    return out
