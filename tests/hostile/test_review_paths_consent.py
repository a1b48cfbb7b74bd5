"""Issue 13, item 6: a review file names the files it opens, so it must not open anything outside its folder
unasked, and opening it never rewrites it.

* Reopening a review (``--annotations FILE`` with no sources) whose sources lie
  outside the review's folder: the app lists them and reads nothing before a
  yes; without a terminal the command refuses (one line, exit status 2), and
  ``--allow-outside`` allows in advance.
* ``export`` never reads the sources at all.
* Opening a review, even one whose sources changed (new hashes, re-anchored
  targets), leaves its file byte for byte as it was until the reviewer changes
  something.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from srccompare.app.screens.confirm import ConfirmScreen
from srccompare.cli.launch import app_asking_first
from srccompare.cli.prepare import build_parser, prepare
from srccompare.core.errors import UserError
from srccompare.review.model import Annotation, SourceRecord, Target
from srccompare.review.store import AnnotationStore, open_review_file, sources_outside
from tests.app.support import settle


@pytest.fixture(autouse=True)
def _data_in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Drafts, rescued reviews and the app's state go to a temporary folder, never the real home."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("SRCCOMPARE_STATE_DIR", str(tmp_path / "state"))
    return tmp_path / "data" / "srccompare" / "rescued"


WIRE = (
    "Harbour workers strike\n\n"
    "Dock workers at the northern port began a strike on Monday over pay and hours.\n\n"
    "The union said 3,000 members would stay off work for thirty days unless talks resumed.\n"
)
REPRINT = WIRE.replace("3,000 members", "300 members")


def write_review(path: Path, records: list[tuple[str, str, str]], annotations: list[Annotation] = ()) -> bytes:
    """A review file naming ``(id, path as recorded, sha256)`` sources, written as the app writes it."""
    store = AnnotationStore(path)
    store.sources = [SourceRecord(i, p, h) for i, p, h in records]
    store.annotations = list(annotations)
    store.save()
    return path.read_bytes()


def depth_to_root(folder: Path) -> str:
    return "/".join([".."] * len(folder.resolve().parts))


# ------------------------------------------------------------------ what counts as outside


def test_sources_outside_the_review_folder_are_named_by_their_real_path(tmp_path: Path):
    folder = tmp_path / "review"
    (folder / "sub").mkdir(parents=True)
    (folder / "wire.txt").write_text(WIRE, encoding="utf-8")
    (folder / "sub" / "reprint.txt").write_text(REPRINT, encoding="utf-8")
    (tmp_path / "elsewhere.txt").write_text(REPRINT, encoding="utf-8")
    (folder / "link.txt").symlink_to(tmp_path / "elsewhere.txt")
    review = folder / "review.yaml"
    write_review(
        review,
        [
            ("a", "wire.txt", ""),
            ("b", "sub/reprint.txt", ""),
            ("c", str(folder / "wire.txt"), ""),  # absolute, but inside
            ("d", "/etc/passwd", ""),
            ("e", f"{depth_to_root(folder)}/etc/hostname", ""),
            ("f", "../elsewhere.txt", ""),
            ("g", "link.txt", ""),  # inside, but a link to a file outside
        ],
    )
    outside = sources_outside(open_review_file(review))
    assert outside == [
        os.path.realpath("/etc/passwd"),
        os.path.realpath("/etc/hostname"),
        str((tmp_path / "elsewhere.txt").resolve()),
        str((tmp_path / "elsewhere.txt").resolve()),
    ]


def test_a_review_with_its_sources_beside_it_asks_nothing(tmp_path: Path):
    (tmp_path / "wire.txt").write_text(WIRE, encoding="utf-8")
    (tmp_path / "reprint.txt").write_text(REPRINT, encoding="utf-8")
    review = tmp_path / "review.yaml"
    write_review(review, [("wire", "wire.txt", ""), ("reprint", "reprint.txt", "")])
    _args, _config, sources, _base = prepare(["--annotations", str(review)])
    assert [s.id for s in sources] == ["wire", "reprint"]


@pytest.fixture
def hostile_review(tmp_path: Path) -> tuple[Path, Path, bytes]:
    """A review in ``review/`` whose sources are a file in a sibling folder and /etc/hostname by ``..``."""
    folder, elsewhere = tmp_path / "review", tmp_path / "elsewhere"
    folder.mkdir()
    elsewhere.mkdir()
    (elsewhere / "wire.txt").write_text(WIRE, encoding="utf-8")
    review = folder / "review.yaml"
    at = WIRE.index("3,000")
    note = Annotation(category="wrong-number", note="kept", targets=[Target.from_text("wire", WIRE, at, at + 5)])
    raw = write_review(
        review,
        [("wire", "../elsewhere/wire.txt", "old-hash"), ("host", f"{depth_to_root(folder)}/etc/hostname", "x")],
        [note],
    )
    return review, elsewhere / "wire.txt", raw


def test_prepare_refuses_sources_outside_unless_allowed(hostile_review):
    review, wire, raw = hostile_review
    with pytest.raises(UserError) as refused:
        prepare(["--annotations", str(review)])
    assert "--allow-outside" in str(refused.value) and str(wire.resolve()) in str(refused.value)
    if Path("/etc/hostname").is_file():
        _args, _config, sources, _base = prepare(["--annotations", str(review), "--allow-outside"])
        assert [s.id for s in sources] == ["wire", "host"]
    assert review.read_bytes() == raw


def run_cli(*args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "srccompare", *args],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=timeout,
        env=dict(os.environ, SRCCOMPARE_NO_USER_CONFIG="1"),
    )


def test_without_a_terminal_reopening_refuses_with_one_line(hostile_review):
    review, wire, raw = hostile_review
    done = run_cli("--annotations", str(review))
    assert done.returncode == 2
    lines = done.stderr.splitlines()
    assert len(lines) == 1 and "Traceback" not in done.stderr
    assert lines[0].startswith(f"srccompare: {review}: names sources outside its folder")
    assert str(wire.resolve()) in lines[0] and "--allow-outside" in lines[0]
    assert done.stdout == ""
    assert review.read_bytes() == raw


def test_report_refuses_sources_outside_unless_allowed(hostile_review, tmp_path: Path):
    """``report --annotations FILE`` reads the sources the review names: the same rule as the app."""
    review, wire, _raw = hostile_review
    (wire.parent / "reprint.txt").write_text(REPRINT, encoding="utf-8")
    review.unlink()
    raw = write_review(review, [("wire", "../elsewhere/wire.txt", ""), ("reprint", "../elsewhere/reprint.txt", "")])
    refused = run_cli("report", "--annotations", str(review))
    assert refused.returncode == 2 and refused.stdout == ""
    lines = refused.stderr.splitlines()
    assert len(lines) == 1 and str(wire.resolve()) in lines[0] and "--allow-outside" in lines[0]
    out = tmp_path / "report.html"
    done = run_cli("report", "--annotations", str(review), "--allow-outside", "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert "Dock workers" in out.read_text(encoding="utf-8")
    assert review.read_bytes() == raw


def test_serve_passes_the_allowance_to_each_browser_tab():
    from srccompare.cli.main import build_parser as main_parser
    from srccompare.cli.serve import app_arguments

    args = main_parser().parse_args(["serve", "--annotations", "r.yaml", "--allow-outside"])
    assert app_arguments(args) == ["--annotations", "r.yaml", "--allow-outside"]
    args = main_parser().parse_args(["serve", "--annotations", "r.yaml"])
    assert app_arguments(args) == ["--annotations", "r.yaml"]


def test_export_never_opens_the_sources(tmp_path: Path):
    """A recorded source that would block if opened (a FIFO with no writer) does not slow export down."""
    folder = tmp_path / "review"
    folder.mkdir()
    fifo = tmp_path / "blocks-if-opened"
    os.mkfifo(fifo)
    review = folder / "review.yaml"
    note = Annotation(category="other", note="exported", targets=[Target("wire", 0, 5, "Harbo")])
    raw = write_review(review, [("wire", "../blocks-if-opened", ""), ("etc", "/etc/passwd", "")], [note])
    for fmt in ("md", "w3c", "csv"):
        done = run_cli("export", str(review), "--format", fmt, timeout=30)
        assert done.returncode == 0, done.stderr
        assert "exported" in done.stdout
    assert review.read_bytes() == raw


# ------------------------------------------------------------------ in the app


def asking_app(review: Path):
    args = build_parser().parse_args(["--annotations", str(review)])
    store = open_review_file(review)
    app = app_asking_first(args, store, sources_outside(store))
    loaded: list[int] = []
    real_load = app.outside.load

    def load():
        loaded.append(1)
        return real_load()

    app.outside.load = load
    return app, loaded


async def test_the_app_lists_the_files_and_reads_nothing_on_no(hostile_review):
    review, wire, raw = hostile_review
    app, loaded = asking_app(review)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        shown = "\n".join(str(widget.render()) for widget in app.screen.query("Static"))
        assert str(wire.resolve()) in shown and os.path.realpath("/etc/hostname") in shown
        await pilot.press("n")
        await settle(pilot)
    assert app.return_code == 2 and not loaded
    assert app.farewell and "you declined" in app.farewell[0] and str(review) in app.farewell[0]
    assert review.read_bytes() == raw


async def test_after_a_yes_the_review_opens_and_its_file_is_not_rewritten(hostile_review, tmp_path: Path):
    """New hashes and re-anchored targets stay in memory; the file changes with the reviewer's first change."""
    if not Path("/etc/hostname").is_file():
        pytest.skip("no /etc/hostname on this machine")
    review, wire, raw = hostile_review
    wire.write_text("Update: talks are planned.\n\n" + WIRE, encoding="utf-8")  # the annotated words moved
    mtime = review.stat().st_mtime_ns
    app, loaded = asking_app(review)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert loaded and app.screen.alignment is not None
        ann = app.keeper.annotations[0]
        for _ in range(50):
            if ann.targets[0].anchor == "relocated":
                break
            await pilot.pause(0.05)
        assert ann.targets[0].anchor == "relocated"
        assert {r.sha256 for r in app.keeper.store.sources} != {"old-hash", "x"}
        await pilot.press("q")
        await settle(pilot)
    assert app.return_code == 0
    assert review.read_bytes() == raw and review.stat().st_mtime_ns == mtime
