"""Where review files live: beside the first source by default, in the user's data folder when rescued.

Plain path logic, no file is read or written here.
"""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path

DEFAULT_FILE_NAME = "srccompare-review.yaml"
"""The annotation file used when ``--annotations`` is not given, beside the first source."""


def default_annotation_path(first_source: str | os.PathLike[str]) -> Path:
    """Where a review's annotations go without ``--annotations``: beside the first source."""
    first = Path(first_source)
    if str(first_source) == "-" or not str(first_source):
        return Path.cwd() / DEFAULT_FILE_NAME
    folder = first if first.is_dir() else first.parent
    return folder / DEFAULT_FILE_NAME


def rescue_folder() -> Path:
    """The user's data folder for reviews that could not be saved in place, and for unfinished notes
    (on Linux ``~/.local/share/srccompare/rescued``; ``XDG_DATA_HOME`` moves it)."""
    from platformdirs import user_data_dir

    return Path(user_data_dir("srccompare")) / "rescued"


def review_key(path: str | os.PathLike[str]) -> str:
    """A file-name stem that stands for the review file ``path`` (its name and a hash of where it is)."""
    intended = Path(path).resolve()
    digest = hashlib.sha256(str(intended).encode("utf-8")).hexdigest()[:10]
    return f"{intended.stem}-{digest}"


def rescue_path(path: str | os.PathLike[str]) -> Path:
    """Where a review goes when its own file cannot be written: the user's data folder.

    The name is derived from the intended path, so running the same command again
    finds the rescued review (see :func:`srccompare.review.store.open_review_file`).
    """
    return rescue_folder() / f"{review_key(path)}.yaml"


def outside_folder(folder: str | os.PathLike[str], paths: list[str]) -> list[str]:
    """Those of ``paths`` that lead out of ``folder`` (and its subfolders), each as the real path it opens.

    Symbolic links are followed on both sides, so a link inside the folder that
    points elsewhere counts as outside. Nothing is opened or read.
    """
    home = os.path.realpath(folder)
    out = []
    for path in paths:
        real = os.path.realpath(path)
        try:
            inside = os.path.commonpath([home, real]) == home
        except ValueError:  # another drive on Windows
            inside = False
        if not inside:
            out.append(real)
    return out


def free_name(path: Path) -> Path:
    """``path``, or a dated variant of it when something is there already."""
    import time

    if not os.path.lexists(path):
        return path
    dated = path.with_name(f"{path.stem}-{time.strftime('%Y%m%d-%H%M%S')}{path.suffix}")
    count = 1
    while os.path.lexists(dated):
        count += 1
        dated = path.with_name(f"{path.stem}-{time.strftime('%Y%m%d-%H%M%S')}-{count}{path.suffix}")
    return dated


def what_is_there(path: str | os.PathLike[str]) -> str:
    """What ``path`` is when it is not a plain file (``a device``, ``a named pipe``, ``a folder``,
    ``missing``), else ``""``. Only asks the file system; nothing is opened."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return "missing"
    except OSError as exc:
        return f"not readable ({exc.strerror or exc})"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISDIR(mode):
        return "a folder"
    return "" if stat.S_ISREG(mode) else "not a file"


def described(path: str) -> str:
    """``path``, with what it is when it is not a plain file: ``/dev/zero (a device)``."""
    kind = what_is_there(path)
    return f"{path} ({kind})" if kind else path
