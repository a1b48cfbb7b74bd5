"""The engine pauses the cycle collector while it works, and always gives it back as it found it."""

from __future__ import annotations

import gc

import pytest

from srccompare.engine.collector import collector_paused


@pytest.fixture(autouse=True)
def _collector_on():
    gc.enable()
    yield
    gc.enable()


def test_paused_inside_and_running_after():
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_restored_after_an_error():
    with pytest.raises(ValueError), collector_paused():
        raise ValueError("boom")
    assert gc.isenabled()


def test_nested_pause_leaves_it_to_the_outer_one():
    with collector_paused():
        with collector_paused():
            pass
        assert not gc.isenabled()
    assert gc.isenabled()


def test_a_disabled_collector_stays_disabled():
    gc.disable()
    with collector_paused():
        pass
    assert not gc.isenabled()


def test_build_alignment_runs_with_the_collector_paused(monkeypatch):
    from srccompare.core.config import Config
    from srccompare.engine import pipeline
    from srccompare.inputs.sources import build_source

    seen: list[bool] = []

    def spy(alignment, rules):
        seen.append(gc.isenabled())
        return []

    monkeypatch.setattr("srccompare.engine.flags.compute_flags", spy)
    taken: set[str] = set()
    sources = [
        build_source(name, text, {}, taken) for name, text in (("a.txt", "One line.\n"), ("b.txt", "One line here.\n"))
    ]
    pipeline.build_alignment(sources, None, Config())
    assert seen == [False] and gc.isenabled()


class _Work:
    """Stands for a large structure the engine is done with."""


def test_let_go_work_is_freed_as_usual_outside_a_one_shot_command(monkeypatch):
    import weakref

    from srccompare.engine import collector

    monkeypatch.setattr(collector, "_kept", None)
    work = _Work()
    gone = weakref.ref(work)
    collector.let_go(work)
    del work
    assert gone() is None


def test_let_go_work_is_kept_to_the_exit_of_a_one_shot_command(monkeypatch):
    import weakref

    from srccompare.engine import collector

    monkeypatch.setattr(collector, "_kept", None)
    collector.keep_until_exit()
    work = _Work()
    kept = weakref.ref(work)
    collector.let_go(work)
    del work
    assert kept() is not None


@pytest.mark.parametrize(
    ("argv", "keeps"),
    [(["align", "a", "b"], True), (["--config", "c.yaml", "report"], True), (["show", "a"], False), ([], False)],
)
def test_only_commands_that_end_at_once_keep_the_engines_work(argv, keeps):
    """``srccompare align`` and ``report`` end without freeing their heap: nothing is freed mid-run
    either. The app, the servers and the other commands free as usual."""
    import os
    import subprocess
    import sys

    probe = (
        "import importlib, sys; m = importlib.import_module('srccompare.cli.main'); "
        "from srccompare.engine import collector; "
        "m.main = lambda argv: print(collector._kept is not None) or 0; "
        f"sys.argv = ['srccompare'] + {argv!r}; m.run()"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, env=dict(os.environ), check=True
    )
    assert out.stdout.strip() == str(keeps)
