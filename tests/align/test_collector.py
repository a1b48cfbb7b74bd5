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
