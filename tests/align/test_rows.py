import pytest

from srccompare.engine.align.rows import cell_tokens, kind_and_score, paragraph_tokens, wording_similarity
from tests.align.prose import REWORDED, STORY, sources


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


def test_words_made_ahead_give_the_same_cells_kinds_and_scores():
    """A long run makes each source's words while its search runs; rows judged on them must not change."""
    a, b, c = sources(
        STORY,
        [*REWORDED[:4], STORY[4].upper(), *REWORDED[5:]],
        [STORY[0], STORY[1] + " " + STORY[2], "", STORY[3].replace("Ferries", "Fërries")],
    )
    by_sid = {s.id: s for s in (a, b, c)}
    made = {s.id: paragraph_tokens(s) for s in (a, b, c)}
    for s in (a, b, c):
        assert made[s.id] == [cell_tokens(s, [i]) for i in range(len(s.paragraphs))]
        every = list(range(len(s.paragraphs)))
        assert cell_tokens(s, every, made[s.id]) == cell_tokens(s, every)
    rows = [
        {a.id: [0], b.id: [0], c.id: [0]},
        {a.id: [1, 2], b.id: [1, 2], c.id: [1]},
        {a.id: [3], b.id: [3], c.id: [2]},
        {a.id: [4], b.id: [4]},
        {b.id: [5, 6], c.id: [2]},
        {a.id: [7]},
    ]
    for cells in rows:
        for base in (a.id, b.id, c.id):
            plain = kind_and_score(cells, by_sid, base, 0.999, False)
            assert kind_and_score(cells, by_sid, base, 0.999, False, made) == plain
            assert kind_and_score(cells, by_sid, base, 0.999, False, {base: made[base]}) == plain
