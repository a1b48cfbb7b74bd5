from srccompare.engine.align.multi import UnionFind, merge_rows
from srccompare.engine.align.pairwise import Bead


def test_union_find_joins_groups():
    uf = UnionFind(range(6))
    uf.union(1, 2)
    uf.union(4, 2)
    assert uf.find(4) == uf.find(1) == 1
    assert uf.find(3) == 3


def cells(rows):
    return [dict(r.cells) for r in rows]


def test_rows_follow_base_order_and_insert_others_after_their_neighbours():
    beads = [Bead((0,), (0,), 0.9), Bead((1,), (2,), 0.8), Bead((2,), (3,), 0.8)]
    rows = merge_rows("a", 3, set(), [("b", 5, {4}, beads)])
    assert cells(rows) == [
        {"a": [0], "b": [0]},
        {"b": [1]},
        {"a": [1], "b": [2]},
        {"a": [2], "b": [3]},
        {"b": [4]},
    ]
    assert rows[4].boilerplate and not rows[1].boilerplate


def test_groups_seen_by_two_sources_share_one_row():
    b_beads = [Bead((0, 1), (0,), 0.9), Bead((2,), (1,), 0.9)]
    c_beads = [Bead((0,), (0,), 0.9), Bead((1, 2), (1,), 0.9)]
    rows = merge_rows("a", 3, set(), [("b", 2, set(), b_beads), ("c", 2, set(), c_beads)])
    assert cells(rows) == [{"a": [0, 1, 2], "b": [0, 1], "c": [0, 1]}]


def test_moved_bead_is_marked_and_others_anchor_on_unmoved_rows():
    beads = [Bead((0,), (1,), 0.9), Bead((1,), (2,), 0.9), Bead((2,), (0,), 0.7, moved=True)]
    rows = merge_rows("a", 3, set(), [("b", 4, set(), beads)])
    assert cells(rows) == [{"a": [0], "b": [1]}, {"a": [1], "b": [2]}, {"b": [3]}, {"a": [2], "b": [0]}]
    assert rows[3].moved == {"b"}


def test_base_furniture_gets_its_own_row_in_place():
    rows = merge_rows("a", 3, {1}, [("b", 2, set(), [Bead((0,), (0,), 1.0), Bead((2,), (1,), 1.0)])])
    assert cells(rows) == [{"a": [0], "b": [0]}, {"a": [1]}, {"a": [2], "b": [1]}]
    assert rows[1].boilerplate


def test_a_stray_paragraph_between_two_of_a_shared_row_joins_it_but_furniture_does_not():
    # b merged base 0 and 1; c has its partners of 0 and 1 at 0 and 3, with an addition (1)
    # and furniture (2) between them.
    b_beads = [Bead((0, 1), (0,), 0.9)]
    c_beads = [Bead((0,), (0,), 0.9), Bead((1,), (3,), 0.9)]
    rows = merge_rows("a", 2, set(), [("b", 1, set(), b_beads), ("c", 4, {2}, c_beads)])
    assert cells(rows) == [{"a": [0, 1], "b": [0], "c": [0, 1, 3]}, {"c": [2]}]
    assert rows[1].boilerplate and rows[1].moved == set()
