"""Killing a process at random moments while it saves never leaves a broken annotation file."""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import time

import pytest

from srccompare.review.store import AnnotationStore

WRITER = r"""
import sys
from srccompare.review.model import Annotation, Target
from srccompare.review.store import AnnotationStore
path = sys.argv[1]
store = AnnotationStore.load(path)  # must be readable at every start
text = "Quote " * 400
k = max([a.row for a in store.annotations] + [0])
first = True
while True:
    k += 1
    count = k % 40 + 1
    store.annotations = [
        Annotation(category="other", row=k, note=f"save {k} note {i}\n" * (i % 4 + 1),
                   targets=[Target.from_text("a", text, i, i + 200)])
        for i in range(count)
    ]
    store.save(force=True)
    if first:
        print("ready", flush=True)
        first = False
"""


def _check_complete(path) -> int:
    store = AnnotationStore.load(path)  # raises if the file is broken
    rows = {a.row for a in store.annotations}
    assert len(rows) == 1, "annotations from two different saves in one file"
    k = rows.pop()
    assert len(store.annotations) == k % 40 + 1, "a save was cut short"
    for i, ann in enumerate(store.annotations):
        assert ann.note == f"save {k} note {i}\n" * (i % 4 + 1)
        assert len(ann.targets[0].exact) == 200
    return k


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_file_is_always_complete_after_sigkill_during_saves(tmp_path):
    path = tmp_path / "review.yaml"
    rng = random.Random(20261124)
    seen_saves = []
    for _ in range(12):
        proc = subprocess.Popen([sys.executable, "-c", WRITER, str(path)], stdout=subprocess.PIPE, text=True)
        try:
            assert proc.stdout.readline().strip() == "ready"
            time.sleep(rng.uniform(0.0, 0.08))
        finally:
            proc.send_signal(signal.SIGKILL)
            proc.wait(timeout=10)
        assert proc.returncode == -signal.SIGKILL  # it was killed mid-loop, not finished
        seen_saves.append(_check_complete(path))
    assert seen_saves == sorted(seen_saves) and seen_saves[-1] > seen_saves[0]
    assert [p.name for p in tmp_path.iterdir() if not p.name.startswith(".")] == ["review.yaml"]


def test_leftover_temp_files_of_killed_saves_are_removed_when_old(tmp_path):
    import os

    path = tmp_path / "review.yaml"
    store = AnnotationStore(path)
    store.save()
    old, fresh = tmp_path / ".review.yaml.abc123.tmp", tmp_path / ".review.yaml.def456.tmp"
    old.write_text("half a fi", encoding="utf-8")
    fresh.write_text("being writ", encoding="utf-8")
    os.utime(old, (time.time() - 7200, time.time() - 7200))
    AnnotationStore.load(path)
    assert not old.exists()
    assert fresh.exists()  # may belong to a save in progress elsewhere
