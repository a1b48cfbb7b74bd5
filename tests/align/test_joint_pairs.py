"""All versions at once keep what every pair alone links (issue: joint alignment).

Over a fixed, seeded set of generated multi-version stories (regrouped
paragraphs, dropped and added facts, reworded words, a moved paragraph), the
links of each pair in the joint result are the links of that pair aligned on
its own, apart from links dropped for a move that ``moved`` reports; those stay
under 5% of all links. A pair's links do not depend on the base, on the order
of the sources, or on a third source.
"""

from __future__ import annotations

import random

import pytest

from srccompare.core.config import Config
from srccompare.core.model import Alignment, Source
from srccompare.engine.align import align_sources, pair_order
from srccompare.engine.align.boilerplate import furniture_by_rule
from srccompare.engine.align.pair import align_two
from srccompare.engine.align.pairwise import PairSettings
from srccompare.engine.align.sentences import split_sentences
from tests.align.prose import WORDS, source

CASES = 50
SYNONYMS = {"harbour": "port", "ship": "vessel", "strike": "stoppage", "talks": "negotiations", "pay": "wages"}


def _fact(rng: random.Random, k: int) -> str:
    words = rng.choices(WORDS, k=rng.randint(9, 18))
    words.insert(rng.randrange(len(words)), str(rng.randint(10, 9999)))
    words.insert(rng.randrange(len(words)), f"Velk{k}or")
    return " ".join(words).capitalize() + "."


def _reword(rng: random.Random, sentence: str) -> str:
    words = sentence.split()
    for i, w in enumerate(words):
        if w in SYNONYMS and rng.random() < 0.7:
            words[i] = SYNONYMS[w]
        elif rng.random() < 0.05 and len(w) > 5:
            words[i] = w[:-1]  # a slip of spelling
    return " ".join(words)


def _version(rng: random.Random, facts: list[str], extra: list[str]) -> list[str]:
    """One telling: some facts dropped, some added, words changed, regrouped into paragraphs, one moved."""
    kept = [_reword(rng, f) for f in facts if rng.random() > 0.15]
    for fact in extra:
        if rng.random() < 0.6:
            kept.insert(rng.randrange(len(kept) + 1), fact)
    paragraphs: list[str] = []
    i = 0
    while i < len(kept):
        size = rng.choice((1, 1, 1, 2, 2, 3))
        paragraphs.append(" ".join(kept[i : i + size]))
        i += size
    if len(paragraphs) > 4 and rng.random() < 0.5:
        paragraphs.insert(rng.randrange(len(paragraphs) - 1), paragraphs.pop(rng.randrange(len(paragraphs))))
    return paragraphs


def generated_case(seed: int) -> list[Source]:
    rng = random.Random(seed)
    facts = [_fact(rng, k) for k in range(rng.randint(8, 16))]
    shared_extra = [_fact(rng, 100 + k) for k in range(2)]  # facts the base may lack, others carry
    taken: set[str] = set()
    count = rng.choice((3, 3, 4))
    versions = [_version(rng, facts, shared_extra if n else []) for n in range(count)]
    return [source(f"v{n}.txt", paras, taken) for n, paras in enumerate(versions)]


def paragraph_of(src: Source, start: int) -> int:
    return next(i for i, p in enumerate(src.paragraphs) if p.start <= start < p.end)


def joint_links(alignment: Alignment) -> dict[tuple[str, str], set[tuple[int, int]]]:
    by_id = {s.id: s for s in alignment.sources}
    out: dict[tuple[str, str], set[tuple[int, int]]] = {}
    for row in alignment.rows:
        for link in row.links or []:
            ids = sorted(link.spans)
            for x in range(len(ids)):
                for y in range(x + 1, len(ids)):
                    a, b = ids[x], ids[y]
                    for sa in link.spans[a]:
                        for sb in link.spans[b]:
                            pair = (paragraph_of(by_id[a], sa.start), paragraph_of(by_id[b], sb.start))
                            out.setdefault((a, b), set()).add(pair)
    return out


def alone_links(sources: list[Source], x: int, y: int) -> set[tuple[int, int]]:
    """The pair's own links (source x's paragraph, source y's), computed from that pair alone."""
    config = Config()
    furniture = furniture_by_rule([sources[x], sources[y]], config.boilerplate)
    tables = [split_sentences(sources[x]), split_sentences(sources[y])]
    settings = PairSettings(
        config.align.match_threshold, config.align.max_group, config.align.candidates_per_paragraph, True
    )
    (i, j) = pair_order([sources[x], sources[y]])[0]
    result = align_two(
        [sources[x], sources[y]][i],
        [sources[x], sources[y]][j],
        tables[i],
        tables[j],
        furniture[i],
        furniture[j],
        settings,
    )
    links = result.paragraph_links(tables[i], tables[j])
    return links if i == 0 else {(q, p) for p, q in links}


def row_of(alignment: Alignment, sid: str, index: int):
    return next(r for r in alignment.rows if index in r.cells.get(sid, []))


@pytest.fixture(scope="module")
def cases() -> list[list[Source]]:
    return [generated_case(seed) for seed in range(CASES)]


def test_pair_links_survive_the_joint_alignment(cases):
    total = dropped = 0
    for sources in cases:
        alignment = align_sources(sources, None, Config())
        joint = joint_links(alignment)
        ids = [s.id for s in sources]
        for x in range(len(sources)):
            for y in range(x + 1, len(sources)):
                alone = alone_links(sources, x, y)
                kept = joint.get((ids[x], ids[y]), set())
                assert kept <= alone, "the joint result links nothing the pair alone does not"
                for p, q in alone - kept:
                    moved = ids[x] in row_of(alignment, ids[x], p).moved or ids[y] in row_of(alignment, ids[y], q).moved
                    assert moved, f"a dropped link must be reported as moved ({ids[x]}:{p} - {ids[y]}:{q})"
                total += len(alone)
                dropped += len(alone - kept)
    assert total > 500
    assert dropped / total < 0.05, f"{dropped} of {total} pair links dropped"


def test_every_paragraph_in_one_row_and_links_inside_their_row(cases):
    for sources in cases[:20]:
        alignment = align_sources(sources, None, Config())
        for src in sources:
            placed = sorted(i for row in alignment.rows for i in row.cells.get(src.id, []))
            assert placed == list(range(len(src.paragraphs)))
        for row in alignment.rows:
            for link in row.links or []:
                assert len(link.spans) >= 2
                for sid, spans in link.spans.items():
                    src = next(s for s in sources if s.id == sid)
                    assert all(paragraph_of(src, sp.start) in row.cells[sid] for sp in spans)
                    assert all(src.text[sp.start : sp.end].strip() == src.text[sp.start : sp.end] for sp in spans)


def test_a_pair_s_links_do_not_depend_on_the_base_or_the_order_of_the_sources(cases):
    for sources in cases[:15]:
        ids = [s.id for s in sources]
        first = joint_links(align_sources(sources, None, Config()))
        for base in ids[1:]:
            other = joint_links(align_sources(sources, base, Config()))
            for pair in set(first) | set(other):
                # Only links dropped for a reported move may differ; the pair's own links bound both.
                x, y = ids.index(pair[0]), ids.index(pair[1])
                alone = alone_links(sources, x, y)
                assert first.get(pair, set()) <= alone and other.get(pair, set()) <= alone
        assert alone_links(sources, 0, 1) == {(q, p) for p, q in alone_links([sources[1], sources[0]], 0, 1)}


def test_a_third_source_leaves_a_pair_s_own_links_unchanged(cases):
    for sources in cases[:10]:
        if len(sources) < 3:
            continue
        a, b, c = sources[:3]
        two = joint_links(align_sources([a, b], None, Config())).get((a.id, b.id), set())
        three = joint_links(align_sources([a, b, c], None, Config())).get((a.id, b.id), set())
        alone = alone_links([a, b], 0, 1)
        assert two <= alone and three <= alone
        assert len(alone - two) <= max(1, len(alone) // 10) and len(alone - three) <= max(1, len(alone) // 10)
