"""``-o`` (and every other file srccompare writes) replaces only a regular file or creates a new one.

An atomic write renames a temp file over the target, so a symbolic link, a
device, a named pipe or a folder there would become a plain file (as root,
``-o /dev/null`` replaced the machine's /dev/null). Each kind is refused with
exit status 2 and one line, before anything is written; the thing at the path
and the folder around it are left exactly as they were.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from srccompare.core.atomic import UnsafeTarget, atomic_write_text
from tests.hostile.as_nobody import run_as_nobody, shared_folder
from tests.hostile.cli_checks import run
from tests.hostile.hostile_cli import STORY, refusal

pytestmark = pytest.mark.skipif(os.name != "posix", reason="links, pipes and device nodes as POSIX has them")


@pytest.fixture
def work(tmp_path: Path) -> Path:
    (tmp_path / "story.txt").write_text(STORY, encoding="utf-8")
    return tmp_path


def _snapshot(folder: Path) -> dict[str, tuple[int, int, int, str | None, str | None]]:
    """What each entry of ``folder`` is (type, inode, device number, link target) and the bytes of plain files."""
    out = {}
    for entry in folder.iterdir():
        info = entry.lstat()
        link = os.readlink(entry) if stat.S_ISLNK(info.st_mode) else None
        body = entry.read_bytes().hex() if stat.S_ISREG(info.st_mode) else None
        out[entry.name] = (stat.S_IFMT(info.st_mode), info.st_ino, info.st_rdev, link, body)
    return out


def _make_link(work: Path) -> Path:
    victim = work / "victim.txt"
    victim.write_text("not to be touched\n", encoding="utf-8")
    link = work / "out.txt"
    link.symlink_to(victim)
    return link


def _make_fifo(work: Path) -> Path:
    fifo = work / "out.fifo"
    os.mkfifo(fifo)
    return fifo


def _make_folder(work: Path) -> Path:
    folder = work / "out"
    folder.mkdir()
    (folder / "inside.txt").write_text("kept\n", encoding="utf-8")
    return folder


def _make_null(work: Path) -> Path:
    """A copy of /dev/null (same device numbers) in the test folder: the real one is never risked."""
    if os.geteuid() != 0:
        pytest.skip("making a device node needs root (CI runs as root); the other kinds are covered without it")
    node = work / "null"
    os.mknod(node, stat.S_IFCHR | 0o666, os.stat("/dev/null").st_rdev)
    return node


KINDS = {
    "symbolic link": (_make_link, "symbolic link", "points to"),
    "named pipe": (_make_fifo, "named pipe", "redirect"),
    "folder": (_make_folder, "folder", "file name"),
    "character device": (_make_null, "device", "redirect"),
}


@pytest.mark.parametrize("kind", list(KINDS))
@pytest.mark.parametrize("command", ["show", "align", "export"])
def test_o_refuses_what_is_not_a_regular_file(work: Path, kind: str, command: str) -> None:
    make, what, hint = KINDS[kind]
    target = make(work)
    if command == "export":
        (work / "review.yaml").write_text("format: srccompare-annotations\nschema_version: 1\n", encoding="utf-8")
        args = ["export", "review.yaml", "--format", "csv"]
    else:
        args = ["show", "story.txt"] if command == "show" else ["align", "story.txt", "story.txt"]
    before = _snapshot(work)
    proc = run(*args, "-o", target.name, cwd=work)  # a pipe opened for writing would hang: it is never opened
    refusal(proc, target.name, what, hint)
    assert _snapshot(work) == before, "the path, its target and the folder are unchanged, no temp file left"


def test_dev_stdout_is_refused_with_a_hint_to_leave_out_o(work: Path) -> None:
    line = refusal(run("show", "story.txt", "-o", "/dev/stdout", cwd=work), "/dev/stdout", "standard output")
    assert "leave out -o" in line


def test_a_regular_file_and_a_new_path_are_still_written(work: Path) -> None:
    (work / "old.txt").write_text("old\n", encoding="utf-8")
    for name in ("old.txt", "new.txt"):
        proc = run("show", "story.txt", "-o", name, cwd=work)
        assert proc.returncode == 0, proc.stderr
        assert (work / name).read_text(encoding="utf-8") == STORY, proc.stderr


@pytest.mark.parametrize("kind", ["symbolic link", "named pipe", "folder", "character device"])
def test_the_atomic_writer_itself_refuses_before_writing(work: Path, kind: str) -> None:
    """Review files, exports from the app, the app's state and rescue files all go through it."""
    target = KINDS[kind][0](work)
    before = _snapshot(work)
    with pytest.raises(UnsafeTarget) as refused:
        atomic_write_text(target, "data\n")
    assert isinstance(refused.value, OSError), "callers that catch OSError (the app's export) handle it"
    assert _snapshot(work) == before


def test_a_link_to_a_review_file_given_to_the_app_is_refused(work: Path) -> None:
    real = work / "real-review.yaml"
    real.write_text("format: srccompare-annotations\nschema_version: 1\n", encoding="utf-8")
    (work / "review.yaml").symlink_to(real)
    (work / "other.txt").write_text(STORY.replace("30", "31"), encoding="utf-8")
    before = _snapshot(work)
    proc = run("story.txt", "other.txt", "--annotations", "review.yaml", cwd=work)
    refusal(proc, "review.yaml", "symbolic link")
    assert _snapshot(work) == before


def test_the_real_dev_null_is_refused_for_an_unprivileged_user() -> None:
    """/dev/null itself, but only as a user who could not replace it anyway (root would risk the machine's)."""
    before = os.stat("/dev/null")
    with shared_folder() as folder:
        (folder / "story.txt").write_text(STORY, encoding="utf-8")
        (folder / "story.txt").chmod(0o644)
        proc = run_as_nobody(["show", "story.txt", "-o", "/dev/null"], cwd=folder)
    refusal(proc, "/dev/null", "device", "redirect")
    after = os.stat("/dev/null")
    assert stat.S_ISCHR(after.st_mode) and (after.st_ino, after.st_rdev) == (before.st_ino, before.st_rdev)
