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


def _reworded_archive(tmp_path):
    """An archive with planted copies, four pairs of rewordings and one rewording of a copy; the sets of tier 1
    and of both tiers."""
    import random

    from .synth import article, reworded, vocabulary

    archive = make_archive(n_unrelated=120, n_groups=8, seed=21)
    rng = random.Random(2021)  # not the archive's seed: its articles would come out again
    vocab = vocabulary(rng)
    records = list(archive.records)
    rewordings = []
    for i in range(4):
        original = article(rng, vocab, 320)
        records += [{"id": f"p{i}-a", "text": original}, {"id": f"p{i}-b", "text": reworded(rng, original)}]
        rewordings.append(frozenset({f"p{i}-a", f"p{i}-b"}))
    grown = sorted(archive.groups[0])[0]
    text = next(r["text"] for r in records if r["id"] == grown)
    records.append({"id": "grown-reworded", "text": reworded(rng, text)})
    source = write_jsonl(tmp_path / "a.jsonl", records)
    tier1 = {frozenset(g) for g in archive.groups}
    both = {frozenset(g) for g in archive.groups[1:]} | set(rewordings)
    both.add(frozenset(archive.groups[0] | {"grown-reworded"}))
    return source, tier1, both, rewordings, grown


def test_tier_two_joins_rewordings_that_tier_one_cannot_see(dask_client, tmp_path):
    source, tier1, expected, rewordings, grown = _reworded_archive(tmp_path)
    scan(dask_client, [source], tmp_path / "t1", tier=1)
    assert found_sets(tmp_path / "t1") == tier1

    scan(dask_client, [source], tmp_path / "t2", tier=2)
    assert found_sets(tmp_path / "t2") == expected

    import pyarrow.parquet as pq

    tiers = {r["article_id"]: r["tier"] for r in pq.read_table(tmp_path / "t2" / "sets.parquet").to_pylist()}
    assert tiers["grown-reworded"] == 2 and tiers[grown] == 1 and tiers["p0-a"] == 2
    pairs = pq.read_table(tmp_path / "t2" / "pairs.parquet").to_pylist()
    assert {frozenset((p["a"], p["b"])) for p in pairs if p["tier"] == 2} >= set(rewordings)
    assert all("paragraphs linked" in p["evidence"] for p in pairs if p["tier"] == 2)
    summary = (tmp_path / "t2" / "summary.md").read_text()
    verified = int(summary.split("| tier 2: verified pairs (paraphrases, translations) | ")[1].split(" |")[0])
    assert verified == sum(1 for p in pairs if p["tier"] == 2) >= 5  # grown-reworded may pair with several
    assert "| tier 2: articles only it joined | 9 |" in summary


def test_tokens_many_articles_carry_are_left_out_and_the_rewordings_still_found(dask_client, tmp_path):
    from srccompare.scan import store

    source, _tier1, expected, _rewordings, _grown = _reworded_archive(tmp_path)
    found = {}
    for cap in (0, 10):
        request = ScanRequest(
            [str(source)], tmp_path / f"cap{cap}", ScanConfig(partition_articles=60, tier2_max_df=cap)
        )
        run_scan(request, client=dask_client)
        assert found_sets(tmp_path / f"cap{cap}") == expected
        found[cap] = store.load_state(tmp_path / f"cap{cap}").batches[0].stats
    assert found[0]["tokens2_common"] == 0 and found[10]["tokens2_common"] > 100
    # the common tokens made the pairs of unrelated articles: without them, fewer candidates outside the sets
    assert found[10]["candidates2_unjoined"] < found[0]["candidates2_unjoined"]
    summary = (tmp_path / "cap10" / "summary.md").read_text()
    assert f"scan.tier2_max_df_share) | {found[10]['tokens2_common']:,} |" in summary
    assert "tokens2" in summary.split("## Time per stage")[1]


def test_the_benchmark_archive_with_hard_negatives_gives_exactly_its_copies(dask_client, tmp_path):
    """benchmarks/scan_archive.py: shared headers and footers, template paragraphs, topical follow-ups."""
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
    from scan_archive import make_archive as make_bench_archive

    records, truth = make_bench_archive(300, seed=7)
    source = write_jsonl(tmp_path / "bench.jsonl", records)
    scan(dask_client, [source], tmp_path / "out", tier=1)
    copies = {frozenset(g.ids) for g in truth.groups if g.kind != "paraphrase"}
    assert copies and found_sets(tmp_path / "out") == copies


def test_a_set_folder_appears_whole_and_a_staging_folder_left_behind_is_cleared(dask_client, archive, tmp_path):
    import os

    from srccompare.scan.review_out import MANIFEST, STAGING, read_manifest

    source = write_jsonl(tmp_path / "a.jsonl", archive.records)
    out = tmp_path / "out"
    scan(dask_client, [source], out)
    review = out / "review"
    first = sorted(review.iterdir())[0]
    # as if a run had been killed while writing a new set's folder: its staging folder, half full
    os.rename(first, review / f"{STAGING}{first.name}")
    (review / f"{STAGING}{first.name}" / "half.txt").write_text("half", encoding="utf-8")
    (review / f"{STAGING}s999999").mkdir()
    scan(dask_client, [source], out)
    assert not [p.name for p in review.iterdir() if p.name.startswith(STAGING)]
    manifest = read_manifest(first)
    assert manifest is not None and sorted(p.name for p in first.iterdir()) == sorted([MANIFEST, *manifest["files"]])


def test_adding_a_batch_with_both_tiers_counts_tokens_over_both_batches(dask_client, tmp_path):
    from srccompare.scan import store

    source, _tier1, expected, _rewordings, _grown = _reworded_archive(tmp_path)
    lines = source.read_text(encoding="utf-8").splitlines(keepends=True)
    first, second = tmp_path / "first.jsonl", tmp_path / "second.jsonl"
    first.write_text("".join(lines[::2]), encoding="utf-8")
    second.write_text("".join(lines[1::2]), encoding="utf-8")
    config = ScanConfig(partition_articles=60, tier2_max_df=10_000)
    for inputs, add in (([first], False), ([second], True)):
        run_scan(ScanRequest([str(i) for i in inputs], tmp_path / "added", config, add=add), client=dask_client)
    assert found_sets(tmp_path / "added") == expected
    state = store.load_state(tmp_path / "added")
    first_batch, second_batch = state.batches
    # the second batch's cut counts the tokens of both batches, and all their articles
    assert second_batch.stats["tokens2"] > first_batch.stats["tokens2"]
    assert first_batch.stats["tokens2_limit"] < second_batch.stats["tokens2_limit"] == int(state.offsets()[-1])
