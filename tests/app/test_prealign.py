"""Aligning in a forked process while the app starts: same result, progress relayed, errors reported."""

from __future__ import annotations

import multiprocessing
import subprocess
import sys

import pytest

from srccompare.app.prealign import AlignmentFailed, AlignmentJob
from srccompare.config import Config
from srccompare.pipeline import build_alignment
from tests.app.support import A, B, C, make_source, settle, story_app, view_lines, view_of

pytestmark = pytest.mark.skipif(
    "fork" not in multiprocessing.get_all_start_methods(), reason="needs the fork start method"
)


def sources():
    return [make_source("a", A), make_source("b", B), make_source("c", C)]


def test_forked_alignment_equals_the_in_process_one():
    progress = []
    job = AlignmentJob(sources(), "b", Config())
    got = job.result(lambda done, total: progress.append((done, total)))
    want = build_alignment(sources(), "b", Config())
    assert got.to_dict() == want.to_dict()
    assert progress and progress[-1][0] == progress[-1][1], "progress reaches the end"


def test_an_engine_error_comes_back_as_a_message():
    job = AlignmentJob(sources(), "no-such-source", Config())
    with pytest.raises(AlignmentFailed) as failed:
        job.result()
    assert "no-such-source" in str(failed.value)


async def test_the_app_shows_a_pending_alignment(tmp_path):
    alignment = build_alignment(sources(), None, Config())
    app = story_app(alignment, tmp_path=tmp_path)
    app.alignment = None
    app.pending = AlignmentJob(sources(), None, Config())
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        view = view_of(app)
        assert view.alignment is not None and view.alignment.to_dict() == alignment.to_dict()
        assert "Harbour council approves new ferry" in view_lines(view)[0]


def test_run_app_does_not_fork_once_textual_is_loaded():
    code = (
        "import textual.app\n"
        "from srccompare.app.prealign import start_alignment\n"
        "print(start_alignment([], None, None))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "None", "forking a process that may run threads is unsafe"
