"""What a scan reads: folders (recursively, srccompare's own files left out), JSON Lines, Parquet; the caps."""

import json

import pytest

from srccompare.core.errors import UserError
from srccompare.scan.inputs import plan
from srccompare.scan.reading import read_piece


def read_all(inputs, partition=1000, cap=1_000_000):
    results = [read_piece(p, cap) for p in plan([str(i) for i in inputs], partition)]
    return results


def test_a_folder_is_read_recursively_with_ids_relative_to_it(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "one.txt").write_text("First story text here.")
    (tmp_path / "two.md").write_text("Second *story* here.")
    (tmp_path / ".hidden.txt").write_text("not read")
    (tmp_path / "review.yaml").write_text("format: srccompare-annotations\n")
    (tmp_path / "export.md").write_text("<!-- generator: srccompare 0.1.0 -->\n# report\n")
    (tmp_path / "data.bin").write_bytes(b"\x00\x01")
    out = tmp_path / "out"
    out.mkdir()
    (out / ".srccompare-scan").write_text("")
    (out / "copy.txt").write_text("a review copy")
    results = read_all([tmp_path])
    ids = [i for r in results for i in r.ids]
    assert ids == ["a/b/one.txt", "two.md"]


def test_an_article_over_the_cap_is_skipped_and_counted(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps({"id": "big", "text": "x " * 600}) + "\n" + json.dumps({"id": "ok", "text": "y"}) + "\n")
    (result,) = read_all([path], cap=1000)
    assert result.ids == ["ok"] and result.skipped == 1
    folder = tmp_path / "f"
    folder.mkdir()
    (folder / "big.txt").write_text("x " * 600)
    (folder / "small.txt").write_text("small")
    (result,) = read_all([folder], cap=1000)
    assert result.ids == ["small.txt"] and result.skipped == 1 and "big.txt" in result.skip_examples[0]


def test_json_lines_are_cut_into_pieces_at_line_ends(tmp_path):
    path = tmp_path / "a.jsonl"
    records = [{"id": f"r{i}", "text": f"text {i} " * (1 + i % 7), "date": 2024} for i in range(500)]
    path.write_text("".join(json.dumps(r) + "\n" for r in records))
    results = read_all([path], partition=40)
    assert len(results) > 5
    assert [i for r in results for i in r.ids] == [r["id"] for r in records]
    assert results[0].meta["date"][0] == "2024"


def test_parquet_file_and_folder(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    folder = tmp_path / "pq"
    folder.mkdir()
    pq.write_table(pa.table({"id": [1, 2], "text": ["a b", "c d"], "title": ["T", None]}), folder / "0.parquet")
    pq.write_table(pa.table({"id": [3], "text": ["e f"]}), folder / "1.parquet")
    results = read_all([folder])
    assert [i for r in results for i in r.ids] == ["1", "2", "3"]
    assert results[0].meta["title"] == ["T", None]


@pytest.mark.parametrize(
    "make, words",
    [
        (lambda p: p / "missing", ["no such file"]),
        (lambda p: (p / "x.csv").write_text("a,b") and p / "x.csv", ["neither a folder"]),
        (lambda p: (p / "e").mkdir() or p / "e", ["no articles"]),
        (lambda p: (p / "e.jsonl").write_text("") or p / "e.jsonl", ["empty"]),
    ],
)
def test_inputs_that_cannot_be_scanned_are_refused_before_any_work(tmp_path, make, words):
    with pytest.raises(UserError) as err:
        plan([str(make(tmp_path))], 100)
    for word in words:
        assert word in str(err.value)
