"""Every sample story with gold links for every pair is aligned well with all its versions at once.

``samples/<story>/gold.yaml`` lists, for every pair of versions, the paragraph
links a reader would draw (the layout of ../shared/align-dev-multi). The story
is aligned in one run, the first file as base, as the app shows it; each pair
is read off the joint result through the rows' ``links`` and scored.
"""

from __future__ import annotations

from functools import cache

import pytest
import yaml

from srccompare.core.config import Config
from srccompare.core.model import Alignment
from srccompare.engine.align import align_sources
from srccompare.inputs.sources import read_sources
from tests.samples import SAMPLES

GOLD_STORIES = sorted(d.name for d in SAMPLES.iterdir() if (d / "gold.yaml").is_file())
MIN_F1 = 0.85


@cache
def joint(story: str) -> tuple[dict, Alignment]:
    gold = yaml.safe_load((SAMPLES / story / "gold.yaml").read_text(encoding="utf-8"))
    paths = [str(SAMPLES / story / name) for name in gold["files"]]
    return gold, align_sources(read_sources(paths), None, Config())


def predicted(alignment: Alignment, a: int, b: int) -> set[tuple[int, int]]:
    sa, sb = alignment.sources[a], alignment.sources[b]

    def para(src, start: int) -> int:
        return next(i for i, p in enumerate(src.paragraphs) if p.start <= start < p.end)

    out: set[tuple[int, int]] = set()
    for row in alignment.rows:
        for link in row.links or []:
            if sa.id in link.spans and sb.id in link.spans:
                out |= {(para(sa, x.start), para(sb, y.start)) for x in link.spans[sa.id] for y in link.spans[sb.id]}
    return out


def test_there_are_news_samples_with_gold():
    assert len(GOLD_STORIES) >= 3


@pytest.mark.parametrize("story", GOLD_STORIES)
def test_joint_alignment_scores_per_pair_micro_f1_of_at_least_0_85(story):
    gold, alignment = joint(story)
    tp = pred = want = 0
    for key, entry in gold["pairs"].items():
        a, b = (int(n) - 1 for n in key.split("-"))
        truth = {tuple(link) for link in entry["S"]}
        found = predicted(alignment, a, b)
        tp += len(found & truth)
        pred += len(found)
        want += len(truth)
    f1 = 2 * tp / (pred + want)
    assert f1 >= MIN_F1, f"{story}: micro F1 {f1:.3f} (P {tp / max(1, pred):.3f}, R {tp / want:.3f})"


@pytest.mark.parametrize("story", GOLD_STORIES)
def test_gold_files_name_the_story_s_files(story):
    gold, _ = joint(story)
    assert all((SAMPLES / story / name).is_file() for name in gold["files"])
    n = len(gold["files"])
    assert set(gold["pairs"]) == {f"{a}-{b}" for a in range(1, n + 1) for b in range(a + 1, n + 1)}
