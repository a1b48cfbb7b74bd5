"""Flags are the same under every base, and a pair's flags do not change when another source joins.

Flags are computed from every pair's own sentence links, which depend on the two
texts alone; the same discrepancy seen in several pairs is one flag. So the set
of flags, compared as (kind, the spans it names), must not depend on the base.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from srccompare.core.config import default_config
from srccompare.core.model import Alignment
from srccompare.engine.pipeline import build_alignment
from srccompare.inputs.sources import read_sources
from tests.samples import all_paths, original_path, stories

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO.parent / "shared" / "seeds"

FlagKey = tuple[str, frozenset[tuple[str, int, int]]]


def flag_set(alignment: Alignment) -> set[FlagKey]:
    return {
        (f.kind, frozenset((sid, s.start, s.end) for sid, spans in f.spans.items() for s in spans))
        for row in alignment.rows
        for f in row.flags
    }


@cache
def _paths(story: str) -> tuple[str, ...]:
    return tuple(str(p) for p in all_paths(story))


def _every_base(paths: list[str]) -> list[set[FlagKey]]:
    sources = read_sources(paths)
    return [flag_set(build_alignment(read_sources(paths), s.id, default_config())) for s in sources]


@pytest.mark.parametrize("story", stories())
def test_every_base_gives_the_same_flags_on_the_samples(story: str):
    sets = _every_base(list(_paths(story)))
    assert sets[0], "the story has planted discrepancies: some flags are expected"
    for other in sets[1:]:
        assert other == sets[0], sorted(other ^ sets[0])[:5]


@pytest.mark.skipif(not SEEDS.is_dir(), reason=f"no seeds at {SEEDS}")
def test_every_base_gives_the_same_flags_on_the_seeds():
    paths = sorted(str(p) for p in SEEDS.iterdir() if p.is_file() and not p.name.startswith("."))
    sets = _every_base(paths)
    for other in sets[1:]:
        assert other == sets[0], sorted(other ^ sets[0])[:5]


def test_command_line_order_does_not_change_the_flags():
    paths = list(_paths("morava-flood"))
    forward = flag_set(build_alignment(read_sources(paths), None, default_config()))
    backward = flag_set(build_alignment(read_sources(paths[::-1]), None, default_config()))
    assert forward == backward


def test_an_unrelated_source_leaves_the_other_flags_unchanged():
    paths = list(_paths("harbour-strike"))
    unrelated = str(original_path("riverside-vote"))
    alone = build_alignment(read_sources(paths), None, default_config())
    joined = build_alignment(read_sources([*paths, unrelated]), None, default_config())
    stranger = joined.sources[-1].id
    assert flag_set(alone)
    # The stranger's own page furniture may be flagged; nothing else names it.
    mine = {f for f in flag_set(joined) if any(sid == stranger for sid, _s, _e in f[1])}
    assert all(kind == "boilerplate" for kind, _spans in mine), sorted(mine)
    assert flag_set(joined) - mine == flag_set(alone)


def test_one_flag_for_a_change_seen_from_every_other_version():
    """The number changed in the translation is one flag naming all five versions, on every row
    that holds one of its spans, under one id."""
    alignment = build_alignment(read_sources(list(_paths("harbour-strike"))), None, default_config())
    translated = next(s for s in alignment.sources if s.path.endswith("5-translated.txt"))
    numbers = {
        f.id: f
        for row in alignment.rows
        for f in row.flags
        if f.kind == "number" and "2,400" in translated.text[f.spans[translated.id][0].start :][:5]
    }
    assert len(numbers) == 1, [f.message for f in numbers.values()]
    (flag,) = numbers.values()
    assert len(flag.spans) == 5
    rows = [row for row in alignment.rows if any(f.id == flag.id for f in row.flags)]
    for sid, spans in flag.spans.items():
        for span in spans:
            assert any(
                any(
                    alignment.source(sid).paragraphs[i].start <= span.start < alignment.source(sid).paragraphs[i].end
                    for i in row.cells.get(sid, [])
                )
                for row in rows
            )


def test_transliteration_never_outranks_a_changed_fact_in_its_row():
    alignment = build_alignment(read_sources(list(_paths("harbour-strike"))), None, default_config())
    for row in alignment.rows:
        kinds = [f.kind for f in row.flags]
        if "spelling" in kinds:
            first_spelling = kinds.index("spelling")
            assert not {"number", "date", "quote"} & set(kinds[first_spelling:])
            assert all(f.severity == "minor" for f in row.flags if f.kind == "spelling")
