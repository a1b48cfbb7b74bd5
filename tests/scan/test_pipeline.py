"""The scan on a small synthetic archive: exactly the planted sets, stable under --add, resumes, worker counts."""

from __future__ import annotations

import pytest

from srccompare.core.config import ScanConfig
from srccompare.scan.pipeline import ScanRequest
from srccompare.scan.run import run_scan

from .conftest import found_sets, sets_by_id, write_jsonl
from .synth import make_archive

SCAN = ScanConfig(partition_articles=60)  # several partitions even for a small archive


@pytest.fixture(scope="module")
def archive():
    return make_archive(n_unrelated=260, n_groups=30, seed=11)


def scan(client, inputs, outdir, *, tier=1, add=False, after_stage=None):
    request = ScanRequest([str(i) for i in inputs], outdir, SCAN, tier=tier, add=add)
    return run_scan(request, client=client, after_stage=after_stage)


def test_a_small_archive_gives_exactly_the_planted_sets(dask_client, archive, tmp_path):
    source = write_jsonl(tmp_path / "a.jsonl", archive.records)
    result = scan(dask_client, [source], tmp_path / "out")
    assert found_sets(tmp_path / "out") == {frozenset(g) for g in archive.groups}
    assert result.final.sets == len(archive.groups)
    summary = (tmp_path / "out" / "summary.md").read_text()
    assert "| version sets | 30 |" in summary and "signatures1" in summary


def test_adding_a_batch_gives_the_sets_of_one_full_run(dask_client, archive, tmp_path):
    half = len(archive.records) // 2
    first = write_jsonl(tmp_path / "first.jsonl", archive.records[:half])
    second = write_jsonl(tmp_path / "second.jsonl", archive.records[half:])
    both = write_jsonl(tmp_path / "both.jsonl", archive.records)
    scan(dask_client, [first], tmp_path / "added")
    before = sets_by_id(tmp_path / "added")
    scan(dask_client, [second], tmp_path / "added", add=True)
    scan(dask_client, [both], tmp_path / "full")
    after = sets_by_id(tmp_path / "added")
    assert after == sets_by_id(tmp_path / "full")  # the same sets, and the same ids
    assert set(after.values()) == {frozenset(g) for g in archive.groups}
    for sid, members in before.items():  # an old set keeps its id and its members
        assert members <= after[sid]
    summary = (tmp_path / "added" / "summary.md").read_text()
    assert "buckets capped (scan.max_bucket) | 0 |" in summary
    assert "read#1" in summary and "signatures1#1" in summary  # the first batch was not read or signed again


class Interrupted(Exception):
    pass


def test_an_interrupted_run_resumes_after_the_signatures(dask_client, archive, tmp_path):
    source = write_jsonl(tmp_path / "a.jsonl", archive.records)
    stages: list[str] = []

    def stop_after_signatures(stage: str) -> None:
        stages.append(stage)
        if stage == "signatures1":
            raise Interrupted

    with pytest.raises(Interrupted):
        scan(dask_client, [source], tmp_path / "out", after_stage=stop_after_signatures)
    assert not (tmp_path / "out" / "sets.parquet").exists()
    result = scan(dask_client, [source], tmp_path / "out")
    assert {"read#1", "signatures1#1"} <= set(result.kept)
    assert "signatures1" not in result.seconds
    scan(dask_client, [source], tmp_path / "fresh")
    assert sets_by_id(tmp_path / "out") == sets_by_id(tmp_path / "fresh")


def test_a_saved_review_is_kept_and_moves_with_its_set_when_sets_merge(dask_client, tmp_path):
    import random

    from .synth import article, vocabulary

    rng = random.Random(5)
    vocab = vocabulary(rng)
    story = article(rng, vocab, 400)
    paragraphs = story.strip().split("\n\n")
    cut = len(paragraphs) // 2
    head, tail = "\n\n".join(paragraphs[:cut]), "\n\n".join(paragraphs[cut:])
    others = [{"id": f"u{i}", "text": article(rng, vocab, 300)} for i in range(20)]
    first = [{"id": "head-1", "text": head}, {"id": "head-2", "text": head}]
    first += [{"id": "tail-1", "text": tail}, {"id": "tail-2", "text": tail}] + others
    out = tmp_path / "out"
    scan(dask_client, [write_jsonl(tmp_path / "one.jsonl", first)], out)
    ids = sets_by_id(out)
    assert set(ids.values()) == {frozenset({"head-1", "head-2"}), frozenset({"tail-1", "tail-2"})}
    head_id = next(k for k, v in ids.items() if "head-1" in v)
    tail_id = next(k for k, v in ids.items() if "tail-1" in v)
    older, newer = sorted([head_id, tail_id])
    review = out / "review" / newer / "srccompare-review.yaml"
    review.write_text("format: srccompare-annotations\n# the reviewer's notes\n")
    kept = out / "review" / older / "srccompare-review.yaml"
    kept.write_text("format: srccompare-annotations\n# notes on the older set\n")
    scan(dask_client, [write_jsonl(tmp_path / "two.jsonl", [{"id": "whole", "text": story}])], out, add=True)
    merged = sets_by_id(out)
    assert merged == {older: frozenset({"head-1", "head-2", "tail-1", "tail-2", "whole"})}
    assert kept.read_text() == "format: srccompare-annotations\n# notes on the older set\n"
    moved = out / "review" / older / f"merged-{newer}" / "srccompare-review.yaml"
    assert moved.read_text() == "format: srccompare-annotations\n# the reviewer's notes\n"
    assert not (out / "review" / newer).exists()
    assert f"set {newer} merged into {older}" in (out / "merges.log").read_text()
    assert "merged into" in (out / "summary.md").read_text()


def test_one_and_two_workers_give_the_same_sets(archive, tmp_path):
    from srccompare.scan.cluster import ClusterSettings

    source = write_jsonl(tmp_path / "a.jsonl", archive.records[:150])
    results = {}
    for workers in (1, 2):
        request = ScanRequest([str(source)], tmp_path / f"w{workers}", SCAN, tier=1)
        run_scan(request, ClusterSettings(workers=workers))
        results[workers] = sets_by_id(tmp_path / f"w{workers}")
    assert results[1] == results[2] and results[1]
