"""Folders, standard input and files srccompare cannot read: one clear line each, exit status 2."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from srccompare.core.errors import UserError
from srccompare.inputs.readers import sniff
from srccompare.inputs.sources import is_supported, read_sources
from tests.readers.builders import ARTICLE, TITLE, article_page, docx_bytes, pdf_bytes

STORY = "\n\n".join([TITLE, *ARTICLE]) + "\n"


def run(*args: str, stdin: bytes | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "srccompare", *args],
        input=stdin,
        capture_output=True,
        cwd=cwd,
        timeout=120,
    )


@pytest.fixture
def mixed_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "story"
    folder.mkdir()
    (folder / "a-wire.txt").write_text(STORY, encoding="utf-8")
    (folder / "b-page.html").write_text(article_page(), encoding="utf-8")
    (folder / "c-colleague.docx").write_bytes(docx_bytes())
    (folder / "d-broken.docx").write_bytes(b"PK\x03\x04 damaged")
    (folder / "e-photo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    (folder / "f-empty.txt").write_bytes(b"")
    (folder / "g-data.csv").write_text("year,ships\n2024,312\n")  # not a source: passed over quietly
    (folder / ".hidden.txt").write_text("not for comparing")
    (folder / "b-page_files").mkdir()
    (folder / "b-page_files" / "app.js").write_text("var x = 1;")
    return folder


def test_folder_reads_supported_files_in_name_order_and_names_each_skipped_one(mixed_folder):
    skipped: list[UserError] = []
    sources = read_sources([str(mixed_folder)], on_skip=skipped.append)
    assert [Path(s.path).name for s in sources] == ["a-wire.txt", "b-page.html", "c-colleague.docx"]
    assert sorted(Path(e.path).name for e in skipped) == ["d-broken.docx", "e-photo.png", "f-empty.txt"]
    assert all(s.text.strip().split("\n\n")[1] == ARTICLE[0] for s in sources)


def test_align_on_a_folder_prints_one_stderr_line_per_skipped_file(mixed_folder):
    done = run("align", str(mixed_folder), "--format", "json")
    assert done.returncode == 0, done.stderr
    lines = done.stderr.decode().splitlines()
    assert len(lines) == 3
    assert all(line.startswith("srccompare: skipped ") for line in lines)
    assert any("d-broken.docx" in line and "save it again as .docx" in line for line in lines)
    assert any("e-photo.png" in line and "image" in line for line in lines)
    assert any("f-empty.txt" in line and "empty" in line for line in lines)


def test_folder_with_nothing_readable_is_an_error(tmp_path):
    (tmp_path / "only.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    with pytest.raises(UserError, match="no file"):
        read_sources([str(tmp_path)], on_skip=None)


def test_dash_reads_one_source_from_standard_input(tmp_path):
    plain = tmp_path / "wire.txt"
    plain.write_text(STORY, encoding="utf-8")
    done = run("align", str(plain), "-", "--format", "json", stdin=article_page().encode("utf-8"))
    assert done.returncode == 0, done.stderr
    import json

    data = json.loads(done.stdout)
    ids = [s["id"] for s in data["sources"]]
    assert ids == ["wire", "stdin"]
    assert data["sources"][1]["format"] == "html" and data["sources"][1]["title"] == TITLE


def test_dash_twice_is_an_error():
    with pytest.raises(UserError, match="only once"):
        read_sources(["-", "-"])


def test_empty_standard_input_is_one_line(tmp_path):
    plain = tmp_path / "wire.txt"
    plain.write_text(STORY, encoding="utf-8")
    done = run("align", str(plain), "-", stdin=b"")
    assert done.returncode == 2
    assert done.stderr.decode().strip() == "srccompare: <stdin>: is empty (nothing was piped in)"


@pytest.mark.parametrize(
    "name, data, hint",
    [
        ("notes.odt", b"PK\x03\x04\x14\x00\x00\x00mimetypeapplication/vnd.oasis.opendocument.text", "save it as .docx"),
        ("notes.rtf", b"{\\rtf1\\ansi Hello}", "save it as .docx"),
        ("notes.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "save it as .docx"),
        ("scan.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 100, "OCR"),
        ("broken.docx", b"PK\x03\x04 damaged", "save it again as .docx"),
        ("broken.pdf", b"%PDF-1.7\ntruncated", "pdftotext -layout"),
        ("menu.html", b"<html><body><nav><a href='/'>Home</a> <a href='/n'>News</a></nav></body></html>", "--raw"),
        ("binary.txt", bytes(range(256)) * 4, "binary"),
        ("page.mhtml", b"MIME-Version: 1.0\r\nContent-Type: multipart/related", "save the page as"),
    ],
)
def test_unsupported_or_broken_file_is_exit_2_with_one_line_saying_what_to_do(tmp_path, name, data, hint):
    bad = tmp_path / name
    bad.write_bytes(data)
    good = tmp_path / "wire.txt"
    good.write_text(STORY, encoding="utf-8")
    done = run("align", str(good), str(bad))
    err = done.stderr.decode()
    assert done.returncode == 2
    assert err.count("\n") == 1 and "Traceback" not in err
    assert err.startswith(f"srccompare: {bad}: ") and hint in err


@pytest.mark.parametrize(
    "data, kind",
    [
        (b"%PDF-1.4 ...", ".pdf"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", ".doc"),
        (b"{\\rtf1", ".rtf"),
        (b"  <!DOCTYPE html><html>", ".html"),
        (b"\xef\xbb\xbf<html lang=en>", ".html"),
        (b"Just a story.", None),
    ],
)
def test_sniff_tells_formats_by_their_first_bytes(data, kind):
    assert sniff(data) == kind


def test_sniff_tells_docx_from_other_zips():
    assert sniff(docx_bytes()) == ".docx"
    assert sniff(pdf_bytes(["x"])) == ".pdf"


def test_a_pdf_named_txt_is_read_as_pdf(tmp_path):
    path = tmp_path / "misnamed.txt"
    path.write_bytes(pdf_bytes(ARTICLE[:2]))
    (source,) = read_sources([str(path)])
    assert source.meta["format"] == "pdf"


@pytest.mark.parametrize(
    "name, supported",
    [
        ("a.txt", True),
        ("a.md", True),
        ("a.HTML", True),
        ("a.htm", True),
        ("a.docx", True),
        ("a.pdf", True),
        ("README", True),
        ("a.odt", False),
        ("a.png", False),
        ("a.css", False),
    ],
)
def test_folder_membership_by_name(name, supported):
    assert is_supported(Path(name)) is supported
