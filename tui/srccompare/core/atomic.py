"""Atomic file writes: a temp file in the same folder, flushed, fsynced, then replaced.

A reader (or a crash) sees either the old file or the new one, never half of one.
Only a regular file or a new path is ever replaced: renaming over a symbolic
link, a device (``/dev/null``), a named pipe or a folder would put a plain file
in its place (run as root, ``-o /dev/null`` would replace the machine's
``/dev/null``), so those raise :class:`UnsafeTarget` before anything is written.
"""

from __future__ import annotations

import errno
import os
import stat
import sys
import tempfile
from pathlib import Path

STDOUT_NAMES = frozenset({"/dev/stdout", "/dev/fd/1", "/proc/self/fd/1"})
"""Names of standard output itself (each a link to whatever standard output is)."""


class UnsafeTarget(OSError):
    """The path holds something other than a regular file, so it is not written over.

    ``strerror`` says what it is; ``kind`` is one of ``link``, ``stdout``,
    ``device``, ``pipe``, ``folder`` or ``other``, for a caller's hint.
    """

    def __init__(self, path: str, kind: str, problem: str) -> None:
        super().__init__(errno.EEXIST, problem, path)
        self.kind = kind


def _is_stdout(path: Path) -> bool:
    if os.path.normpath(str(path)) in STDOUT_NAMES:
        return True
    try:
        here, out = os.stat(path), os.fstat(sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # a dangling link; no stdout (closed, or replaced in tests)
        return False
    return (here.st_dev, here.st_ino) == (out.st_dev, out.st_ino) and not stat.S_ISREG(here.st_mode)


def check_target(path: str | os.PathLike[str]) -> None:
    """Raise :class:`UnsafeTarget` unless ``path`` is a regular file or does not exist yet.

    Only the last component is looked at (``lstat``): a link there is refused,
    a linked folder on the way is not (many systems link ``/tmp`` or home folders).
    """
    target = Path(path)
    try:
        mode = os.lstat(target).st_mode
    except OSError:
        return  # nothing there (or not reachable): the write itself says what is wrong
    if stat.S_ISREG(mode):
        return
    name = str(path)
    if _is_stdout(target):
        raise UnsafeTarget(name, "stdout", "is standard output, not a file")
    if stat.S_ISLNK(mode):
        raise UnsafeTarget(
            name, "link", f"is a symbolic link (to {os.readlink(target)}); links are never written through"
        )
    if stat.S_ISDIR(mode):
        raise UnsafeTarget(name, "folder", "is a folder, not a file")
    if stat.S_ISFIFO(mode):
        raise UnsafeTarget(name, "pipe", "is a named pipe (FIFO), not a regular file, so it is not written over")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        raise UnsafeTarget(name, "device", "is a device, not a regular file, so it is not written over")
    raise UnsafeTarget(name, "other", "is not a regular file (a socket?), so it is not written over")


def _current_umask() -> int:
    """The process umask (reading it means setting it, so it is put straight back)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _mode_for(target: Path) -> int:
    """The existing file's mode, else what a plain ``open()`` would give (mkstemp's 0600 would hide a
    report or review file from colleagues in a shared folder)."""
    try:
        return target.stat().st_mode & 0o777
    except OSError:
        return 0o666 & ~_current_umask()


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes, *, durable: bool = True) -> None:
    """Replace ``path`` with ``data`` atomically; :class:`UnsafeTarget` if it is not a regular file or new.

    ``durable=False`` leaves out the two fsyncs (file and folder): readers still see the old file or the
    new one, but a power cut may lose the new one. For files a later run rewrites anyway (a scan's review
    folders, thousands of small files, where the fsyncs were most of the CPU time spent writing them).
    """
    target = Path(path)
    check_target(target)
    folder = target.parent if str(target.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        try:
            os.chmod(tmp, _mode_for(target))
        except OSError:
            pass
        check_target(target)  # again: something may have been put there while we wrote
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    if not durable:
        return
    try:
        dir_fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dir_fd)
    except OSError:
        pass
    finally:
        os.close(dir_fd)


def atomic_write_text(path: str | os.PathLike[str], text: str, *, durable: bool = True) -> None:
    atomic_write_bytes(path, text.encode("utf-8"), durable=durable)
