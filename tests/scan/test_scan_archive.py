"""The archive generator of ``benchmarks/scan_archive.py``: planted versions are what their kind says, the truth
covers every article once, one seed gives one archive, and the CLI writes what the scan reads."""

from __future__ import annotations

import json
import re
import sys
from itertools import combinations
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

import scan_archive
from scan_archive import KINDS, Truth, make_archive

_WORD = re.compile(r"\w+")


def body(record: dict[str, str]) -> str:
    """The text without its source's header and footer lines (the first and last paragraph, when present)."""
    paras = record["text"].split("\n\n")
    if record["source"] in paras[0] and record["source"] in paras[-1]:
        return "\n\n".join(paras[1:-1])
    return record["text"]


def shingles(text: str) -> set[tuple[str, ...]]:
    words = _WORD.findall(text.lower())
    return {tuple(words[i : i + 5]) for i in range(len(words) - 4)}


def jaccard(a: str, b: str) -> float:
    sa, sb = shingles(a), shingles(b)
    return len(sa & sb) / len(sa | sb)


def keepers(text: str) -> set[str]:
    """Names and figures: what a paraphrase keeps."""
    return set(re.findall(r"\b[A-Z][a-z]+ [A-Z][a-z]+\b|\d[\d,.]*\d|\d", text))


@pytest.fixture(scope="module")
def archive() -> tuple[dict[str, dict[str, str]], Truth]:
    records, truth = make_archive(240, seed=5)
    return {r["id"]: r for r in records}, truth


def test_records_and_truth_cover_every_article_once(archive):
    by_id, truth = archive
    assert len(by_id) == truth.n_articles == 240
    planted = [a for g in truth.groups for a in g.ids]
    assert len(planted) == len(set(planted))
    assert sorted(planted + truth.unrelated) == sorted(by_id)
    assert {g.kind for g in truth.groups} == set(KINDS)
    for r in by_id.values():
        assert set(r) == {"id", "text", "date", "source", "title", "url"}
        assert all(isinstance(v, str) and v for v in r.values())
    words = [len(r["text"].split()) for r in by_id.values()]
    assert 360 < sum(words) / len(words) < 500


def test_each_kind_is_the_version_it_says(archive):
    by_id, truth = archive
    for g in truth.groups:
        texts = [body(by_id[a]) for a in g.ids]
        for a, b in combinations(texts, 2):
            j = jaccard(a, b)
            if g.kind == "reprint":
                assert a.split() == b.split() and (a == b or "\n" in a + b or "  " in a + b)
            elif g.kind == "edited":
                assert 0.45 < j < 1.0
            elif g.kind == "paraphrase":
                assert j < 0.3
                assert len(keepers(a) & keepers(b)) >= 0.6 * min(len(keepers(a)), len(keepers(b)))
        if g.kind == "truncated":
            whole = shingles(texts[0])
            for part in texts[1:]:
                cut = shingles(part)
                assert len(cut & whole) >= 0.97 * len(cut)
                assert 0.3 * len(whole) < len(cut) < 0.9 * len(whole)


def test_unrelated_articles_share_some_wording_but_are_not_versions(archive):
    by_id, truth = archive
    sets = [shingles(body(by_id[a])) for a in truth.unrelated[:60]]
    scores = [len(a & b) / len(a | b) for a, b in combinations(sets, 2)]
    assert max(scores) < 0.35
    assert sum(s > 0 for s in scores) > len(scores) // 100  # stock sentences, phrases and templates recur


def test_one_seed_one_archive():
    a, ta = make_archive(120, seed=9)
    b, tb = make_archive(120, seed=9)
    c, _ = make_archive(120, seed=10)
    assert a == b and ta.to_json() == tb.to_json()
    assert [r["text"] for r in a] != [r["text"] for r in c]


def test_score_counts_pairs_per_kind(archive):
    _, truth = archive
    perfect = truth.score(truth.sets())
    assert perfect.precision == 1.0
    assert all(perfect.recall(k) == 1.0 for k in KINDS)
    assert perfect.pairs == len(truth.pairs())
    lumped = truth.score([[a for g in truth.groups for a in g.ids] + truth.unrelated[:10]])
    assert lumped.recall(*KINDS) == 1.0 and lumped.precision < 0.1
    assert lumped.largest == sum(len(g.ids) for g in truth.groups) + 10
    reprints_only = truth.score(truth.sets(["reprint"]))
    assert reprints_only.recall("reprint") == 1.0 and reprints_only.recall("edited") == 0.0


def test_cli_writes_jsonl_folder_and_truth(tmp_path, capsys):
    assert scan_archive.main(["60", str(tmp_path / "a.jsonl"), "--truth", str(tmp_path / "t.json"), "--seed", "3"]) == 0
    lines = (tmp_path / "a.jsonl").read_text(encoding="utf-8").splitlines()
    truth = Truth.from_json((tmp_path / "t.json").read_text(encoding="utf-8"))
    assert sorted(json.loads(line)["id"] for line in lines) == sorted(
        truth.unrelated + [a for g in truth.groups for a in g.ids]
    )

    folder = tmp_path / "folder"
    assert scan_archive.main(["60", str(folder), "--truth", str(tmp_path / "f.json"), "--seed", "3"]) == 0
    names = Truth.from_json((tmp_path / "f.json").read_text(encoding="utf-8"))
    files = sorted(str(p.relative_to(folder)) for p in folder.rglob("*.txt"))
    assert files == sorted(names.unrelated + [a for g in names.groups for a in g.ids])
    assert [len(g.ids) for g in names.groups] == [len(g.ids) for g in truth.groups]

    capsys.readouterr()
    assert scan_archive.main(["60", str(folder), "--truth", str(tmp_path / "g.json")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and str(folder) in err
