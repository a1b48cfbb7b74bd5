"""The planted discrepancies of the sample story are flagged; its harmless differences are not."""

from __future__ import annotations

from functools import cache

import pytest

from srccompare.core.config import default_config
from srccompare.core.model import Alignment, Flag
from srccompare.engine.pipeline import build_alignment
from srccompare.inputs.sources import read_sources
from tests.samples import (
    Located,
    all_paths,
    discrepancies,
    harmless,
    original_path,
    spans_overlap,
    stories,
    story_dir,
)

FACT_KINDS = {"number", "name", "quote"}


@cache
def aligned(*names: str, story: str = "harbour-strike") -> Alignment:
    """The original aligned with the named versions (all of them when none is named)."""
    paths = [original_path(story)] + [story_dir(story) / n for n in names] if names else all_paths(story)
    return build_alignment(read_sources([str(p) for p in paths]), None, default_config())


def _flags(alignment: Alignment) -> list[Flag]:
    return [f for row in alignment.rows for f in row.flags]


def _touches(flag: Flag, source_id: str, span) -> bool:
    return any(spans_overlap(s, span) for s in flag.spans.get(source_id, []))


def _ids(alignment: Alignment, version: str) -> tuple[str, str]:
    original = alignment.sources[0].id
    version_id = next(s.id for s in alignment.sources if s.path.endswith(version))
    return original, version_id


def _found(alignment: Alignment, entry: Located) -> bool:
    original_id, version_id = _ids(alignment, entry.version)
    for flag in _flags(alignment):
        if flag.kind != entry.kind:
            continue
        if entry.original_span is not None and not _touches(flag, original_id, entry.original_span):
            continue
        if entry.version_span is not None and not _touches(flag, version_id, entry.version_span):
            continue
        return True
    return False


DISCREPANCIES = [(story, e) for story in stories() for e in discrepancies(story)]
HARMLESS = [(story, e) for story in stories() for e in harmless(story)]


@pytest.mark.parametrize(
    "story, entry", DISCREPANCIES, ids=lambda x: x if isinstance(x, str) else f"{x.version}:{x.kind}"
)
def test_planted_discrepancy_is_flagged_against_the_original(story: str, entry: Located):
    alignment = aligned(entry.version, story=story)
    assert _found(alignment, entry), [f.message for f in _flags(alignment)]


@pytest.mark.parametrize(
    "story, entry", DISCREPANCIES, ids=lambda x: x if isinstance(x, str) else f"{x.version}:{x.kind}"
)
def test_planted_discrepancy_is_flagged_with_all_versions_open(story: str, entry: Located):
    alignment = aligned(story=story)
    assert _found(alignment, entry), [f.message for f in _flags(alignment)]


@pytest.mark.parametrize("story, entry", HARMLESS, ids=lambda x: x if isinstance(x, str) else f"{x.version}:{x.note}")
def test_harmless_difference_raises_no_fact_flag(story: str, entry: Located):
    alignment = aligned(entry.version, story=story)
    original_id, version_id = _ids(alignment, entry.version)
    for flag in _flags(alignment):
        if flag.kind not in FACT_KINDS:
            continue
        assert not _touches(flag, original_id, entry.original_span), flag.message
        assert not _touches(flag, version_id, entry.version_span), flag.message


def test_flag_spans_slice_the_texts_they_name():
    alignment = aligned()
    texts = {s.id: s.text for s in alignment.sources}
    for flag in _flags(alignment):
        assert flag.message and "\n" not in flag.message
        for sid, spans in flag.spans.items():
            for span in spans:
                assert 0 <= span.start < span.end <= len(texts[sid])


def test_reprint_and_scraped_copy_raise_no_fact_flags():
    """Quote styles, dashes, reflow and page furniture are not changes of fact."""
    for version in ("2-reprint.txt", "3-scraped.txt"):
        kinds = {f.kind for f in _flags(aligned(version))}
        assert not kinds & (FACT_KINDS | {"date", "negation", "title"}), (version, kinds)
