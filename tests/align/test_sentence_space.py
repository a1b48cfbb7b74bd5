"""The sentence space's dot products made in bulk for calibration equal ``dot`` pair by pair."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from srccompare.engine.align.features import dot
from srccompare.engine.align.sentence_space import SentenceSpace

_FEATURES = st.sampled_from(["the", "strike", "port", "3000", "talks", "union", "wage", "ŝ", "x"])
_WEIGHTS = st.floats(min_value=1e-6, max_value=50, allow_nan=False, allow_infinity=False)
_VECTORS = st.lists(st.dictionaries(_FEATURES, _WEIGHTS, max_size=6), max_size=7)


@settings(max_examples=200, deadline=None)
@given(_VECTORS, _VECTORS)
def test_every_dot_equals_dot(va, vb):
    space = SentenceSpace(va, vb)
    xs, ys = list(range(len(va))), list(range(len(vb)))
    space._every_dot(xs, ys)
    assert {key: space._ab[key] for key in space._ab} == {(x, y): dot(va[x], vb[y]) for x in xs for y in ys}


def test_calibration_of_a_short_pair_keeps_its_dot_products_for_the_search():
    va = [{"strike": 2.0, "port": 1.0}, {"wage": 1.5}]
    vb = [{"strike": 1.0}, {"talks": 1.0, "wage": 0.5}, {}]
    space = SentenceSpace(va, vb)
    space.calibrate([0, 1], [0, 1, 2], [(0, 0), (1, 1)])
    assert space._ab == {(x, y): dot(va[x], vb[y]) for x in (0, 1) for y in (0, 1, 2)}
    assert space.unrelated == 0.0  # the median cosine of the six pairs: four share nothing
