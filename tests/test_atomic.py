"""Atomic writes leave files as any other program would: readable by whoever the umask allows."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from srccompare.core.atomic import atomic_write_text


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_file_gets_the_umask_permissions_not_owner_only(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        target = tmp_path / "report.html"
        atomic_write_text(target, "<p>shared with colleagues</p>\n")
    finally:
        os.umask(old)
    assert target.read_text(encoding="utf-8") == "<p>shared with colleagues</p>\n"
    assert _mode(target) == 0o644


def test_a_stricter_umask_is_honoured(tmp_path: Path) -> None:
    old = os.umask(0o077)
    try:
        target = tmp_path / "private.yaml"
        atomic_write_text(target, "x: 1\n")
    finally:
        os.umask(old)
    assert _mode(target) == 0o600


def test_rewriting_keeps_the_mode_the_user_gave_the_file(tmp_path: Path) -> None:
    target = tmp_path / "review.yaml"
    target.write_text("old\n", encoding="utf-8")
    target.chmod(0o640)
    atomic_write_text(target, "new\n")
    assert target.read_text(encoding="utf-8") == "new\n"
    assert _mode(target) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["review.yaml"]  # no temp file left behind


def test_a_write_that_need_not_last_skips_the_fsyncs_and_is_still_atomic(tmp_path, monkeypatch):
    from srccompare.core import atomic

    synced: list[int] = []
    monkeypatch.setattr(atomic.os, "fsync", lambda fd: synced.append(fd))
    target = tmp_path / "review.txt"
    target.write_text("old", encoding="utf-8")
    atomic.atomic_write_text(target, "new", durable=False)
    assert target.read_text(encoding="utf-8") == "new" and synced == []
    assert [p.name for p in tmp_path.iterdir()] == ["review.txt"]  # no temp file left behind
    atomic.atomic_write_text(target, "newer")
    assert target.read_text(encoding="utf-8") == "newer" and len(synced) == 2
    link = tmp_path / "link.txt"
    os.symlink(target, link)
    with pytest.raises(atomic.UnsafeTarget):
        atomic.atomic_write_text(link, "x", durable=False)
