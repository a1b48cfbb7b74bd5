"""Rows from the links of every pair (engine/align/joint.py), on hand-made pair results."""

from __future__ import annotations

from srccompare.core.model import Source
from srccompare.engine.align import joint
from srccompare.engine.align.joint import build_rows
from srccompare.engine.align.pair import PairResult, SentenceLink
from srccompare.engine.align.sentences import SentenceTable, split_sentences
from tests.align.prose import source


def one_sentence_sources(*counts: int) -> tuple[list[Source], list[SentenceTable]]:
    """Sources of one-sentence paragraphs ("Line k of x."), so sentence k is paragraph k."""
    taken: set[str] = set()
    sources = [
        source(name, [f"Line {k} of {name} says something about item {k}." for k in range(n)], taken)
        for name, n in zip("abcdef", counts)
    ]
    tables = [split_sentences(s) for s in sources]
    assert all(t.paragraph == list(range(len(s.paragraphs))) for s, t in zip(sources, tables))
    return sources, tables


def result(a: str, b: str, pairs: list[tuple[int, int]], moved: bool = False) -> PairResult:
    return PairResult(a, b, [SentenceLink((p,), (q,), 0.9, moved) for p, q in pairs])


def cells(sources: list[Source], rows) -> list[dict[str, list[int]]]:
    return [{sources[k].id: ids for k, ids in sorted(row.cells.items())} for row in rows]


def test_rows_follow_the_base_and_a_source_s_own_paragraphs_follow_their_neighbours():
    sources, tables = one_sentence_sources(3, 5)
    a, b = (s.id for s in sources)
    rows = build_rows(sources, tables, 0, [set(), {4}], {(0, 1): result(a, b, [(0, 0), (1, 2), (2, 3)])})
    assert cells(sources, rows) == [{a: [0], b: [0]}, {b: [1]}, {a: [1], b: [2]}, {a: [2], b: [3]}, {b: [4]}]
    assert rows[4].boilerplate and not rows[1].boilerplate
    assert not any(row.moved for row in rows)


def test_versions_the_base_lacks_meet_in_a_row_of_their_own_where_their_neighbours_put_it():
    sources, tables = one_sentence_sources(2, 3, 3)
    a, b, c = (s.id for s in sources)
    results = {
        (0, 1): result(a, b, [(0, 0), (1, 2)]),
        (0, 2): result(a, c, [(0, 0), (1, 2)]),
        (1, 2): result(b, c, [(0, 0), (1, 1), (2, 2)]),
    }
    rows = build_rows(sources, tables, 0, [set(), set(), set()], results)
    assert cells(sources, rows) == [{a: [0], b: [0], c: [0]}, {b: [1], c: [1]}, {a: [1], b: [2], c: [2]}]


def test_each_row_links_only_what_a_pair_linked():
    sources, tables = one_sentence_sources(1, 2, 1)
    a, b, c = (s.id for s in sources)
    results = {(0, 1): result(a, b, [(0, 0)]), (1, 2): result(b, c, [(0, 0)]), (0, 2): result(a, c, [])}
    rows = build_rows(sources, tables, 0, [set(), set(), set()], results)
    row = next(r for r in rows if 0 in r.cells)
    assert {tuple(sorted(link.spans)) for link in row.links} == {(a, b), (b, c)}  # no a-c link was made


def test_a_link_across_a_hole_in_the_base_column_takes_the_hole_in():
    sources, tables = one_sentence_sources(3, 3, 1)
    a, b, c = (s.id for s in sources)
    results = {
        (0, 1): result(a, b, [(0, 0), (1, 1), (2, 2)]),
        (0, 2): result(a, c, [(0, 0)]),
        (1, 2): result(b, c, [(2, 0)]),  # c's paragraph joins base 0 and base 2: base 1 comes along
    }
    rows = build_rows(sources, tables, 0, [set(), set(), set()], results)
    assert cells(sources, rows) == [{a: [0, 1, 2], b: [0, 1, 2], c: [0]}]


def test_a_link_whose_hole_would_make_the_row_too_tall_is_dropped_and_reported_as_moved():
    n = joint.MAX_PER_SOURCE + 2
    sources, tables = one_sentence_sources(n, n, 1)
    a, b, c = (s.id for s in sources)
    results = {
        (0, 1): result(a, b, [(k, k) for k in range(n)]),
        (0, 2): result(a, c, [(0, 0)]),
        (1, 2): result(b, c, [(n - 1, 0)]),  # would need every base paragraph in one row
    }
    rows = build_rows(sources, tables, 0, [set(), set(), set()], results)
    base_column = [i for row in rows for i in row.cells.get(0, [])]
    assert base_column == list(range(n))
    assert max(len(row.cells.get(0, [])) for row in rows) == 1
    row_of_c = next(r for r in rows if 2 in r.cells)
    assert 2 in row_of_c.moved


def test_a_row_never_gathers_more_than_the_limit_of_one_source():
    n = joint.MAX_PER_SOURCE + 2
    sources, tables = one_sentence_sources(1, n)
    a, b = (s.id for s in sources)
    rows = build_rows(sources, tables, 0, [set(), set()], {(0, 1): result(a, b, [(0, q) for q in range(n)])})
    assert max(len(row.cells.get(1, [])) for row in rows) == joint.MAX_PER_SOURCE


def test_link_spans_are_sentence_spans_and_lie_in_their_row():
    sources, tables = one_sentence_sources(2, 2)
    a, b = (s.id for s in sources)
    rows = build_rows(sources, tables, 0, [set(), set()], {(0, 1): result(a, b, [(0, 1), (1, 0)])})
    for row in rows:
        for link in row.links:
            for sid, spans in link.spans.items():
                k = [s.id for s in sources].index(sid)
                paras = [sources[k].paragraphs[i] for i in row.cells[k]]
                assert all(any(p.start <= sp.start and sp.end <= p.end for p in paras) for sp in spans)


def test_two_headlines_worded_apart_go_together_not_with_the_lead():
    from srccompare.core.config import Config
    from srccompare.engine.align import align_sources
    from tests.align.prose import REWORDED, STORY

    taken: set[str] = set()
    a = source("a.txt", ["Velmora pilots strike, 41 ships wait", *STORY], taken)
    b = source("b.txt", ["Port of Velmora at a standstill as pilots walk out", *REWORDED], taken)
    alignment = align_sources([a, b], None, Config())
    row = next(r for r in alignment.rows if 0 in r.cells.get(a.id, []))
    assert row.cells == {a.id: [0], b.id: [0]}
