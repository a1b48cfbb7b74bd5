import pytest

from srccompare.engine.align.rows import kind_and_score, wording_similarity
from tests.align.prose import STORY, sources


def test_same_wording_after_normalisation_is_a_match():
    a, b = sources([STORY[0].replace("'", "’")], [STORY[0].upper()])
    kind, score = kind_and_score({a.id: [0], b.id: [0]}, {a.id: a, b.id: b}, a.id, 0.999, False)
    assert (kind, score) == ("match", 1.0)


def test_one_changed_number_is_changed():
    a, b = sources([STORY[0]], [STORY[0].replace("41", "14")])
    kind, score = kind_and_score({a.id: [0], b.id: [0]}, {a.id: a, b.id: b}, a.id, 0.999, False)
    assert kind == "changed"
    assert 0.9 < score < 1.0


def test_single_source_rows_are_only_and_furniture_is_boilerplate():
    (a,) = sources([STORY[0]])
    assert kind_and_score({a.id: [0]}, {a.id: a}, a.id, 0.999, False) == ("only", 0.0)
    assert kind_and_score({a.id: [0]}, {a.id: a}, a.id, 0.999, True) == ("boilerplate", 0.0)


def test_wording_similarity_bounds():
    assert wording_similarity([], []) == 1.0
    assert wording_similarity(["a", "b"], ["c", "d"]) == 0.0
    assert wording_similarity(["a", "b", "c", "d"], ["a", "b", "c", "x"]) == pytest.approx(0.75)
