"""Dot products made in bulk equal ``features.dot``'s to the last bit (:mod:`.exact_dots`)."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from srccompare.engine.align import exact_dots
from srccompare.engine.align.exact_dots import banded_dots, every_dot_exact
from srccompare.engine.align.features import dot, every_dot

# Weights as the engine makes them (counts times IDF), and awkward ones: powers of two far apart,
# whose sums fall on the midpoints between floats, where double rounding would show.
weights = st.one_of(
    st.floats(min_value=0.01, max_value=50.0),
    st.sampled_from([1.0, 0.6, 2.0, 2.0**-53, 2.0**-54, 2.0**-106, 3.0 * 2.0**-53, 1.0 + 2.0**-52]),
    st.floats(min_value=1e-150, max_value=1e150),  # products stay finite, as the engine's do
)
vectors = st.lists(st.dictionaries(st.sampled_from("abcdefghij"), weights, max_size=10), min_size=1, max_size=8)


def _bands(draw_lo: list[int], width: list[int], m: int) -> tuple[list[int], list[int]]:
    lo = [min(x, m) for x in draw_lo]
    return lo, [min(m, a + w) for a, w in zip(lo, width)]


@settings(max_examples=150, deadline=None)
@given(vectors, vectors, st.data())
def test_banded_dots_equal_dot_row_after_row(va, vb, data):
    n, m = len(va), len(vb)
    plo, phi = _bands(
        data.draw(st.lists(st.integers(0, m), min_size=n, max_size=n)),
        data.draw(st.lists(st.integers(0, m), min_size=n, max_size=n)),
        m,
    )
    got = banded_dots(va, vb, range(n), range(m), plo, phi).tolist()
    want = [dot(va[x], vb[y]) for x in range(n) for y in range(plo[x], phi[x])]
    assert got == want


@settings(max_examples=100, deadline=None)
@given(vectors, vectors)
def test_a_whole_grid_equals_dot(va, vb):
    out: dict[tuple[int, int], float] = {}
    every_dot_exact(va, vb, range(len(va)), range(len(vb)), out)
    assert out == {(x, y): dot(va[x], vb[y]) for x in range(len(va)) for y in range(len(vb))}


@pytest.mark.parametrize(
    ("a", "want"),
    [
        ({"a": 1.0, "b": 2.0**-53}, 1.0),  # exactly between two floats: ties go to even
        ({"a": 1.0, "b": 2.0**-53, "c": 2.0**-106}, 1.0 + 2.0**-52),  # just past it
        ({"a": 1.0 + 2.0**-52, "b": 2.0**-53}, 1.0 + 2.0**-51),  # between, rounding to even upwards
        # Just past a midpoint by less than the extended type holds: rounding twice would land on it.
        ({"a": 1.0, "b": 2.0**-53, "c": 2.0**-80}, 1.0 + 2.0**-52),
        # The same with terms only 13 binary places apart, a little beyond where sums stay exact.
        ({"a": 1.0, "b": 2.0**-13 + 2.0**-53 + 2.0**-65}, 1.0 + 2.0**-13 + 2.0**-52),
    ],
)
def test_sums_on_a_midpoint_round_as_fsum_does(a, want):
    b = dict.fromkeys(a, 1.0)
    assert math.fsum(a.values()) == want == dot(a, b)
    assert banded_dots([a], [b], [0], [0], [0], [1]).tolist() == [want]


def test_without_a_wider_float_every_sum_is_made_by_dot(monkeypatch):
    """Where numpy has nothing wider than a float, nothing is settled by the bound: the values
    are still ``dot``'s, each made by ``dot``."""
    import random

    rng = random.Random(7)
    va = [{f"f{rng.randrange(20)}": rng.random() for _ in range(12)} for _ in range(15)]
    vb = [{f"f{rng.randrange(20)}": rng.random() for _ in range(12)} for _ in range(15)]
    monkeypatch.setattr(exact_dots, "extended_type", lambda: np.float64)
    made: list[int] = []
    real_dot = exact_dots.dot
    monkeypatch.setattr(exact_dots, "dot", lambda a, b: made.append(1) or real_dot(a, b))
    got = banded_dots(va, vb, range(15), range(15), [0] * 15, [15] * 15).tolist()
    assert got == [dot(a, b) for a in va for b in vb]
    assert len(made) == sum(len(a.keys() & b.keys()) > 1 for a in va for b in vb)


def test_a_long_band_is_made_in_chunks_with_the_same_values(monkeypatch):
    import random

    rng = random.Random(3)
    va = [{f"f{rng.randrange(40)}": rng.uniform(0.1, 5) for _ in range(15)} for _ in range(60)]
    vb = [{f"f{rng.randrange(40)}": rng.uniform(0.1, 5) for _ in range(15)} for _ in range(70)]
    plo = [max(0, x - 5) for x in range(60)]
    phi = [min(70, x + 9) for x in range(60)]
    whole = banded_dots(va, vb, range(60), range(70), plo, phi)
    monkeypatch.setattr(exact_dots, "CHUNK_PRODUCTS", 50)
    assert banded_dots(va, vb, range(60), range(70), plo, phi).tolist() == whole.tolist()
    assert whole.tolist() == [dot(va[x], vb[y]) for x in range(60) for y in range(plo[x], phi[x])]


def test_every_dot_hands_a_large_grid_to_numpy_with_the_same_values(monkeypatch):
    import random

    from srccompare.engine.align import features

    rng = random.Random(5)
    va = [{f"f{rng.randrange(60)}": rng.uniform(0.1, 5) for _ in range(10)} for _ in range(45)]
    vb = [{f"f{rng.randrange(60)}": rng.uniform(0.1, 5) for _ in range(10)} for _ in range(40)]
    assert 45 * 40 >= features.BULK_GRID_CELLS
    bulk: dict[tuple[int, int], float] = {}
    every_dot(va, vb, range(45), range(40), bulk)
    monkeypatch.setattr(features, "BULK_GRID_CELLS", 10**9)
    loop: dict[tuple[int, int], float] = {}
    every_dot(va, vb, range(45), range(40), loop)
    assert bulk == loop == {(x, y): dot(va[x], vb[y]) for x in range(45) for y in range(40)}
