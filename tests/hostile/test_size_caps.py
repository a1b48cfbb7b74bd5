"""No input may make srccompare read or unpack without bound: every cap refuses with one line, quickly.

The caps: ``limits.max_source_mb`` (default 200 MB) on the bytes of one source
(a file, a named pipe, standard input) and on what a .docx unpacks to; devices
are never read as sources; a review file with YAML aliases or anchors, or
nested deeper than any review file, is refused before it is loaded. Each test
builds its hostile input here, mostly under a tiny cap set in a config file,
which proves the mechanism without writing 200 MB; the default is tested on a
sparse file and on a .docx whose zeros compress to almost nothing.
"""

from __future__ import annotations

import io
import os
import threading
import time
import zipfile
from pathlib import Path

import pytest

from srccompare.core.config import LimitsConfig
from tests.hostile.cli_checks import run
from tests.hostile.hostile_cli import STORY, refusal
from tests.readers.builders import docx_bytes

SMALL_CAP = "limits:\n  max_source_mb: 0.001\n"  # 1,000 bytes
QUICK = 20.0  # seconds: a refusal takes about as long as starting Python; reading /dev/zero never ends


@pytest.fixture
def work(tmp_path: Path) -> Path:
    (tmp_path / "story.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "other.txt").write_text(STORY.replace("30", "31"), encoding="utf-8")
    (tmp_path / "small-cap.yaml").write_text(SMALL_CAP, encoding="utf-8")
    return tmp_path


def _timed(*args: str, cwd: Path, **kwargs):
    start = time.monotonic()
    proc = run(*args, cwd=cwd, **kwargs)
    return proc, time.monotonic() - start


# ------------------------------------------------------------------ devices, files, pipes, stdin


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
@pytest.mark.parametrize("command", [["show"], ["align", "story.txt"], []])
def test_dev_zero_is_refused_at_once(work: Path, command: list[str]) -> None:
    args = [*command, "/dev/zero"] + (["other.txt"] if command != ["show"] else [])
    proc, seconds = _timed(*args, cwd=work, stdin=b"")
    refusal(proc, "/dev/zero", "device")
    assert seconds < QUICK


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_a_review_recording_dev_zero_as_a_source_is_refused_on_reopening(work: Path) -> None:
    review = work / "review.yaml"
    review.write_text(
        "format: srccompare-annotations\nschema_version: 1\nsources:\n"
        f"- id: zero\n  path: /dev/zero\n  sha256: '{'a' * 64}'\n"
        f"- id: story\n  path: story.txt\n  sha256: '{'b' * 64}'\n"
        "annotations: []\n",
        encoding="utf-8",
    )
    before = review.read_bytes()
    proc, seconds = _timed("--annotations", "review.yaml", cwd=work, stdin=b"")
    refusal(proc, "/dev/zero", "device")
    assert seconds < QUICK and review.read_bytes() == before


def test_a_file_over_the_cap_is_refused_by_its_size(work: Path) -> None:
    (work / "big.txt").write_text("Dock workers walked out. " * 60, encoding="utf-8")  # 1,500 bytes
    line = refusal(run("--config", "small-cap.yaml", "show", "big.txt", cwd=work), "big.txt", "0.001 MB")
    assert "limits.max_source_mb" in line
    refusal(run("--config", "small-cap.yaml", "align", "big.txt", "story.txt", cwd=work), "big.txt", "0.001 MB")


def test_a_file_under_the_cap_is_read(work: Path) -> None:
    proc = run("--config", "small-cap.yaml", "show", "story.txt", cwd=work)
    assert proc.returncode == 0 and proc.stdout == STORY.encode(), proc.stderr


def test_standard_input_over_the_cap_is_refused(work: Path) -> None:
    proc = run("--config", "small-cap.yaml", "show", "-", cwd=work, stdin=b"Dock workers walked out. " * 60)
    refusal(proc, "stdin", "0.001 MB")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_named_pipe_is_read_up_to_the_cap_then_refused(work: Path) -> None:
    """The writer offers 50 MB; the reader stops just past 1,000 bytes (the writer then gets a broken pipe)."""
    fifo = work / "feed"
    os.mkfifo(fifo)
    written = []

    def write() -> None:
        try:
            with open(fifo, "wb") as pipe:
                for _ in range(50):
                    pipe.write(b"Dock workers walked out. " * 40_000)
                    written.append(1)
        except BrokenPipeError:
            pass

    writer = threading.Thread(target=write, daemon=True)
    writer.start()
    proc, seconds = _timed("--config", "small-cap.yaml", "show", "feed", cwd=work)
    writer.join(timeout=30)
    refusal(proc, "feed", "0.001 MB")
    assert seconds < QUICK and len(written) < 50, "the reader stopped long before the writer was done"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_named_pipe_under_the_cap_is_a_source(work: Path) -> None:
    fifo = work / "feed"
    os.mkfifo(fifo)
    writer = threading.Thread(target=lambda: fifo.write_text(STORY, encoding="utf-8"), daemon=True)
    writer.start()
    proc = run("show", "feed", cwd=work)
    writer.join(timeout=30)
    assert proc.returncode == 0 and proc.stdout == STORY.encode(), proc.stderr


def test_the_default_cap_is_at_least_100_mb_and_refuses_a_larger_file(work: Path) -> None:
    """A sparse file of 200 MB and one byte: refused by its size, without reading a byte of it."""
    limit = LimitsConfig().max_source_bytes
    assert limit >= 100_000_000
    with open(work / "huge.txt", "wb") as handle:
        handle.truncate(limit + 1)
    proc, seconds = _timed("show", "huge.txt", cwd=work)
    refusal(proc, "huge.txt", f"{limit / 1_000_000:g} MB")
    assert seconds < QUICK


def test_a_cap_of_zero_is_a_config_mistake(work: Path) -> None:
    (work / "zero-cap.yaml").write_text("limits:\n  max_source_mb: 0\n", encoding="utf-8")
    refusal(run("--config", "zero-cap.yaml", "show", "story.txt", cwd=work), "zero-cap.yaml", "max_source_mb")


# ------------------------------------------------------------------ .docx zip bombs


def _docx_with_padding(padding_bytes: int) -> bytes:
    """A real .docx plus a part of ``padding_bytes`` zeros, which deflate to about a thousandth of that."""
    buffer = io.BytesIO(docx_bytes())
    with zipfile.ZipFile(buffer, "a", compression=zipfile.ZIP_DEFLATED) as archive:
        info = zipfile.ZipInfo("word/media/padding.bin")
        info.compress_type = zipfile.ZIP_DEFLATED
        with archive.open(info, "w", force_zip64=True) as part:
            chunk = b"\0" * 1_000_000
            for _ in range(padding_bytes // len(chunk)):
                part.write(chunk)
            part.write(b"\0" * (padding_bytes % len(chunk)))
    return buffer.getvalue()


def test_a_docx_that_would_unpack_past_the_cap_is_refused_before_unpacking(work: Path) -> None:
    (work / "cap.yaml").write_text("limits:\n  max_source_mb: 1\n", encoding="utf-8")
    bomb = _docx_with_padding(3_000_000)
    assert len(bomb) < 100_000, "small on disk, under the cap"
    (work / "bomb.docx").write_bytes(bomb)
    refusal(run("--config", "cap.yaml", "show", "bomb.docx", cwd=work), "bomb.docx", "would unpack to", "1 MB")
    (work / "fine.docx").write_bytes(_docx_with_padding(100_000))
    proc = run("--config", "cap.yaml", "show", "fine.docx", cwd=work)
    assert proc.returncode == 0 and proc.stdout.strip(), proc.stderr


def test_a_docx_bomb_past_the_default_cap_is_refused_quickly(work: Path) -> None:
    limit = LimitsConfig().max_source_bytes
    (work / "bomb.docx").write_bytes(_docx_with_padding(limit + 1_000_000))
    proc, seconds = _timed("show", "bomb.docx", cwd=work)
    refusal(proc, "bomb.docx", "unpack")
    assert seconds < QUICK


# ------------------------------------------------------------------ YAML in review files


def _billion_laughs() -> str:
    lines = ["format: srccompare-annotations", "schema_version: 1", 'a0: &a0 ["lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 10)]
    return "\n".join([*lines, "annotations: *a9", ""])


REVIEW_BOMBS = {
    "billion laughs": (_billion_laughs, "aliases"),
    "one harmless anchor": (
        lambda: "format: srccompare-annotations\nschema_version: 1\nsources: &s []\nannotations: []\n",
        "anchors",
    ),
    "nested lists": (
        lambda: "format: srccompare-annotations\nschema_version: 1\nx:\n  " + "- " * 300_000 + "x\n",
        "nested",
    ),
    "nested brackets": (
        lambda: "format: srccompare-annotations\nschema_version: 1\nx: " + "[" * 300_000 + "]" * 300_000 + "\n",
        "nested",
    ),
}


@pytest.mark.parametrize("kind", list(REVIEW_BOMBS))
def test_export_refuses_a_hostile_review_file_quickly(work: Path, kind: str) -> None:
    make, what = REVIEW_BOMBS[kind]
    (work / "review.yaml").write_text(make(), encoding="utf-8")
    before = (work / "review.yaml").read_bytes()
    proc, seconds = _timed("export", "review.yaml", "--format", "json", cwd=work)
    refusal(proc, "review.yaml", what)
    assert seconds < QUICK and (work / "review.yaml").read_bytes() == before


@pytest.mark.parametrize("kind", ["billion laughs", "nested lists"])
def test_the_app_refuses_a_hostile_review_file_before_starting(work: Path, kind: str) -> None:
    make, what = REVIEW_BOMBS[kind]
    (work / "review.yaml").write_text(make(), encoding="utf-8")
    before = (work / "review.yaml").read_bytes()
    proc, seconds = _timed("story.txt", "other.txt", "--annotations", "review.yaml", cwd=work, stdin=b"")
    refusal(proc, "review.yaml", what)
    assert seconds < QUICK and (work / "review.yaml").read_bytes() == before
