"""Another base from the pairs' work kept with an alignment: the same rows and flags as aligning anew."""

from __future__ import annotations

import pickle

import msgspec
import pytest

import srccompare.engine.align as align
import srccompare.engine.flags as flags_module
from srccompare.core.config import Config
from srccompare.engine.align import rebase
from srccompare.engine.pipeline import build_alignment
from srccompare.inputs.sources import read_sources
from srccompare.output.render import render_alignment
from tests.align.prose import REWORDED, STORY, source
from tests.samples import stories, story_dir


def _read(story: str):
    return read_sources(sorted(str(p) for p in story_dir(story).glob("*.txt")))


def _json(alignment) -> str:
    return render_alignment(alignment, "json")


def _count_searches(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many times the pairs are aligned anew (each call of the pairwise stage)."""
    calls: list[int] = []
    real = align._align_sources
    monkeypatch.setattr(align, "_align_sources", lambda *a, **k: calls.append(1) or real(*a, **k))
    return calls


@pytest.mark.parametrize("story", stories())
def test_every_base_from_the_kept_work_is_the_alignment_made_anew(story: str, monkeypatch: pytest.MonkeyPatch):
    config = Config()
    first = build_alignment(_read(story), None, config)
    searches = _count_searches(monkeypatch)
    for version in first.sources:
        fresh = build_alignment(_read(story), version.id, config)
        again = build_alignment(first.sources, version.id, config, reuse=first)
        assert _json(again) == _json(fresh), f"{story} under {version.id}"
        assert [lk.spans for lk in again.pair_links] == [lk.spans for lk in fresh.pair_links]
        assert again.paired is first.paired
    assert len(searches) == len(first.sources), "only the fresh alignments searched"
    assert any(row.flags for row in first.rows), "the story has flags to carry over"


def test_kept_flags_are_placed_again_not_made_again(monkeypatch: pytest.MonkeyPatch):
    config = Config()
    first = build_alignment(_read("harbour-strike"), None, config)
    made: list[int] = []
    real = flags_module.compute_flags
    monkeypatch.setattr(flags_module, "compute_flags", lambda *a: made.append(1) or real(*a))
    again = build_alignment(first.sources, first.sources[2].id, config, reuse=first)
    assert made == [] and any(row.flags for row in again.rows)


def test_other_flag_settings_make_the_flags_again_from_the_same_links():
    config = Config()
    first = build_alignment(_read("harbour-strike"), None, config)
    stricter = msgspec.convert({"flags": {"close_copy": 0.95}}, Config)
    base = first.sources[1].id
    fresh = build_alignment(_read("harbour-strike"), base, stricter)
    again = build_alignment(first.sources, base, stricter, reuse=first)
    assert _json(again) == _json(fresh)
    before = build_alignment(first.sources, base, config, reuse=first)
    assert [f.to_dict() for r in again.rows for f in r.flags] != [f.to_dict() for r in before.rows for f in r.flags]
    off = msgspec.convert({"flags": {"enabled": False}}, Config)
    quiet = build_alignment(first.sources, base, off, reuse=first)
    assert not any(row.flags for row in quiet.rows)
    assert [r.cells for r in quiet.rows] == [r.cells for r in fresh.rows]


def test_other_sources_or_align_settings_are_aligned_anew(monkeypatch: pytest.MonkeyPatch):
    config = Config()
    sources = _read("harbour-strike")
    first = build_alignment(sources, None, config)
    searches = _count_searches(monkeypatch)
    fewer = sources[:4]
    assert rebase(first, fewer, None, config) is None, "one source fewer"
    changed = [source(s.id, [s.paragraph_text(i) for i in range(len(s.paragraphs))]) for s in sources]
    changed[3] = source(sources[3].id, [p.replace("pilots", "captains") for p in STORY])
    assert rebase(first, changed, None, config) is None, "a text changed"
    looser = msgspec.convert({"align": {"match_threshold": 0.35}}, Config)
    assert rebase(first, sources, None, looser) is None, "another threshold"
    by_hand = build_alignment(sources, None, config)
    by_hand.paired = None
    assert rebase(by_hand, sources, None, config) is None, "nothing kept"
    searches.clear()
    build_alignment(sources, sources[1].id, looser, reuse=first)
    assert len(searches) == 1, "the pairs are aligned anew when the settings differ"


def test_the_kept_work_travels_pickled_and_marks_furniture_on_copies():
    """The app's first alignment comes from another process: pickled, without its pair links."""
    config = Config()
    first = build_alignment(_read("harbour-strike"), None, config)
    assert any(p.boilerplate for s in first.sources for p in s.paragraphs), "the scraped version has furniture"
    first.pair_links = []  # as the process that aligns for the app sends it
    received = pickle.loads(pickle.dumps(first))
    copies = _read("harbour-strike")  # the app's own sources: equal, not the same objects
    base = copies[3].id
    again = build_alignment(copies, base, config, reuse=received)
    assert _json(again) == _json(build_alignment(_read("harbour-strike"), base, config))
    marks = [[p.boilerplate for p in s.paragraphs] for s in copies]
    assert marks == [[p.boilerplate for p in s.paragraphs] for s in first.sources]
    assert again.pair_links, "the links are made again from the kept work"


def test_a_long_pair_under_its_other_base_from_the_kept_work():
    paras_a = [f"{STORY[k % 8]} Entry {k} of the log." for k in range(160)]
    paras_b = [f"{REWORDED[k % 8]} Entry {k} of the log." for k in range(0, 160, 2)]
    paras_b += [f"{REWORDED[k % 8]} Entry {k} of the log." for k in range(1, 160, 2)]  # the odd ones moved
    taken: set[str] = set()
    sources = [source("a.txt", paras_a, taken), source("b.txt", paras_b, taken)]
    config = Config()
    first = build_alignment(sources, None, config)
    assert any(row.moved for row in first.rows)
    fresh = build_alignment(sources, "b", config)
    assert _json(build_alignment(sources, "b", config, reuse=first)) == _json(fresh)
