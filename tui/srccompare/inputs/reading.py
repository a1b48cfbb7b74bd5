"""The bytes of one source, never more than the cap: regular files, named pipes and standard input.

``show /dev/zero`` once read until memory ran out. Devices and sockets are not
sources and are refused before they are opened; a regular file over the cap is
refused by its size alone; a pipe or standard input is read in chunks and
refused as soon as it passes the cap. The cap is ``limits.max_source_mb``.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import BinaryIO

from srccompare.core.errors import UserError

CHUNK = 1 << 20
FOLDER = "is a folder; give it as a source on its own to read its files"


def too_large(name: str, limit: int) -> UserError:
    return UserError(
        f"is larger than {limit / 1_000_000:g} MB, the most srccompare reads from one source "
        "(limits.max_source_mb in the config file raises it)",
        name,
    )


def read_capped(stream: BinaryIO, limit: int, name: str) -> bytes:
    """All of ``stream``, or :func:`too_large` once it passes ``limit`` bytes (never holding more than that)."""
    chunks: list[bytes] = []
    total = 0
    while chunk := stream.read(min(CHUNK, limit + 1 - total)):
        chunks.append(chunk)
        total += len(chunk)
        if total > limit:
            raise too_large(name, limit)
    return b"".join(chunks)


def _refuse_special(mode: int, name: str) -> None:
    if stat.S_ISDIR(mode):
        raise UserError(FOLDER, name)
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        raise UserError("is a device, not a file; sources are files, named pipes or standard input (-)", name)
    if not (stat.S_ISREG(mode) or stat.S_ISFIFO(mode)):
        raise UserError("is not a file (a socket?); sources are files, named pipes or standard input (-)", name)


def read_source_bytes(path: Path, limit: int) -> bytes:
    """The bytes of the file at ``path`` (a link is followed), or a :class:`UserError` naming it."""
    name = str(path)
    try:
        info = os.stat(path)
        _refuse_special(info.st_mode, name)
        if stat.S_ISREG(info.st_mode) and info.st_size > limit:
            raise too_large(name, limit)
        with open(path, "rb") as handle:
            return read_capped(handle, limit, name)
    except FileNotFoundError:
        raise UserError("no such file", name) from None
    except IsADirectoryError:
        raise UserError(FOLDER, name) from None
    except PermissionError:
        raise UserError("permission denied", name) from None
    except OSError as exc:
        raise UserError(f"cannot be read ({exc.strerror or exc})", name) from None
