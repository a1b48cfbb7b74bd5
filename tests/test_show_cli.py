"""`srccompare show SOURCE` prints exactly the text that spans point into."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.readers.builders import ARTICLE, COOKIE, MENU, TITLE, article_page, docx_bytes


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "srccompare", *args], input=stdin, capture_output=True, timeout=120)


@pytest.fixture
def page(tmp_path: Path) -> Path:
    path = tmp_path / "courier.html"
    path.write_text(article_page(), encoding="utf-8")
    return path


def test_show_prints_the_extracted_article(page):
    done = run("show", str(page))
    assert done.returncode == 0, done.stderr
    assert done.stdout.decode("utf-8") == "\n\n".join([TITLE, *ARTICLE]) + "\n"


def test_alignment_spans_point_into_the_text_show_prints(page, tmp_path):
    plain = tmp_path / "wire.txt"
    plain.write_text("\n\n".join([TITLE, *ARTICLE]), encoding="utf-8")
    shown = run("show", str(page)).stdout.decode("utf-8")
    aligned = run("align", str(page), str(plain), "--format", "json")
    assert aligned.returncode == 0, aligned.stderr
    web = json.loads(aligned.stdout)["sources"][0]
    assert [shown[p["start"] : p["end"]] for p in web["paragraphs"]] == [TITLE, *ARTICLE]
    assert (web["site"], web["format"]) == ("The Elsworth Courier", "html")


def test_show_raw_prints_the_whole_visible_page(page):
    done = run("show", "--raw", str(page))
    text = done.stdout.decode("utf-8")
    assert done.returncode == 0
    assert COOKIE in text and all(item in text.split("\n\n") for item in MENU) and ARTICLE[-1] in text


def test_align_raw_compares_the_whole_page(page, tmp_path):
    plain = tmp_path / "wire.txt"
    plain.write_text("\n\n".join([TITLE, *ARTICLE]), encoding="utf-8")
    article = json.loads(run("align", str(page), str(plain), "--format", "json").stdout)
    raw = json.loads(run("align", "--raw", str(page), str(plain), "--format", "json").stdout)
    assert len(raw["sources"][0]["paragraphs"]) > len(article["sources"][0]["paragraphs"]) == len(ARTICLE) + 1
    assert raw["sources"][0]["extract"] == "raw"


def test_show_paragraphs_lists_index_offsets_and_text(tmp_path):
    path = tmp_path / "memo.docx"
    path.write_bytes(docx_bytes())
    done = run("show", "--paragraphs", str(path))
    lines = done.stdout.decode("utf-8").splitlines()
    assert lines[0] == f"1\t0-{len(TITLE)}\t{TITLE}"  # numbered from 1, like the app's ¶1
    assert len(lines) == len(ARTICLE) + 1 and lines[1].split("\t")[2] == ARTICLE[0]


def test_show_reads_standard_input():
    done = run("show", "-", stdin=b"one line\n\nanother line\n")
    assert done.returncode == 0 and done.stdout == b"one line\n\nanother line\n"


def test_show_writes_to_a_file(page, tmp_path):
    out = tmp_path / "out.txt"
    done = run("show", str(page), "-o", str(out))
    assert done.returncode == 0 and done.stdout == b""
    assert out.read_text(encoding="utf-8").startswith(TITLE + "\n\n")


@pytest.mark.parametrize(
    "args, needle",
    [
        (["show", "missing.html"], "missing.html: no such file"),
        (["show", "."], "is a folder"),
        (["show"], "required: SOURCE"),
    ],
)
def test_show_mistakes_are_one_line_and_exit_2(args, needle):
    done = run(*args)
    err = done.stderr.decode()
    assert done.returncode == 2 and err.count("\n") == 1 and needle in err
