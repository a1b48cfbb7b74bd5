"""Aligning in a forked process while the app starts: same result, progress relayed, errors reported."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from srccompare.core.config import Config
from srccompare.engine.jobs import AlignmentFailed, start_alignment
from srccompare.engine.pipeline import build_alignment
from tests.app.support import A, B, C, make_source, settle, story_app, view_lines, view_of

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")


def sources():
    return [make_source("a", A), make_source("b", B), make_source("c", C)]


def test_forked_alignment_equals_the_in_process_one():
    progress = []
    job = start_alignment(sources(), "b", Config())
    got = job.result(lambda done, total: progress.append((done, total)))
    want = build_alignment(sources(), "b", Config())
    assert got.to_dict() == want.to_dict()
    assert progress and progress[-1][0] == progress[-1][1], "progress reaches the end"


def test_an_engine_error_comes_back_as_a_message():
    job = start_alignment(sources(), "no-such-source", Config())
    with pytest.raises(AlignmentFailed) as failed:
        job.result()
    assert "no-such-source" in str(failed.value)


async def test_the_app_shows_a_pending_alignment(tmp_path):
    alignment = build_alignment(sources(), None, Config())
    app = story_app(alignment, tmp_path=tmp_path)
    app.alignment = None
    app.pending = start_alignment(sources(), None, Config())
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        view = view_of(app)
        assert view.alignment is not None and view.alignment.to_dict() == alignment.to_dict()
        first = view_lines(view)[0]
        row = view.alignment.rows[0]
        for source in view.alignment.sources:
            if row.cells.get(source.id):
                assert source.paragraph_text(row.cells[source.id][0])[:12] in first


def test_no_fork_once_textual_is_loaded():
    code = (
        "import textual.app\n"
        "from srccompare.cli.prealign import start_review\n"
        "print(start_review(['a.txt', 'b.txt']))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "None", "forking a process that may run threads is unsafe"


def _review(argv):
    """Run start_review in a fresh process (no Textual loaded) and report what the parent got."""
    code = (
        "import sys\n"
        "from srccompare.cli.prealign import start_review\n"
        "from srccompare.core.errors import UserError\n"
        f"job = start_review({argv!r})\n"
        "try:\n"
        "    args, config, sources, base = job.prepared()\n"
        "except UserError as exc:\n"
        "    print('user-error', exc); sys.exit(0)\n"
        "alignment = job.result()\n"
        "print('ok', [s.id for s in sources], base, alignment.base, len(alignment.rows))\n"
    )
    return subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=60,
        env={"SRCCOMPARE_NO_USER_CONFIG": "1", "PATH": "/usr/bin:/bin"},
    )


def test_the_child_reads_the_input_and_aligns_it(tmp_path):
    a, b = tmp_path / "wire.txt", tmp_path / "copy.txt"
    a.write_text("Title\n\nDockers strike for thirty days.\n\nTalks resume.\n", encoding="utf-8")
    b.write_text("Title\n\nDockers strike for 30 days.\n\nTalks resume.\n", encoding="utf-8")
    out = _review([str(a), str(b), "--base", "copy", "--annotations", str(tmp_path / "r.yaml")])
    assert out.stdout.split()[:5] == ["ok", "['wire',", "'copy']", "copy", "copy"], out.stderr


def test_a_mistake_in_the_input_comes_back_as_a_user_error(tmp_path):
    a = tmp_path / "wire.txt"
    a.write_text("Title\n\nText.\n", encoding="utf-8")
    out = _review([str(a), str(tmp_path / "missing.txt")])
    assert out.stdout.startswith("user-error") and "missing.txt" in out.stdout and "no such file" in out.stdout


def test_large_results_cross_the_pipe_whole():
    from srccompare.engine.jobs import AlignmentJob

    big = "verse " * 1_500_000  # about 9 MB: far more than a pipe holds at once
    job = AlignmentJob(lambda send: (send(("progress", 1, 2)), send(("done", big))))
    assert job.result() == big


async def test_quitting_while_the_child_aligns_does_not_wait_for_it(tmp_path):
    import time

    from srccompare.engine.jobs import AlignmentJob

    app = story_app(tmp_path=tmp_path)
    app.alignment = None
    app.pending = AlignmentJob(lambda send: time.sleep(30))
    start = time.perf_counter()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause(0.2)
        assert app.aligning is not None, "a worker waits on the child"
        await pilot.press("q")
    assert time.perf_counter() - start < 3
