"""Standard output for the commands: a write that fails is one line on stderr and exit status 2.

Standard output may be a full disk (``> /dev/full``), closed (``>&-``), a file
past the size limit (``ulimit -f``) or a terminal whose encoding cannot show
the text. Each ends as a :class:`UserError` naming standard output, and file
descriptor 1 is then pointed at ``/dev/null``, so the interpreter's last flush
at exit has nothing left to fail on (no "Exception ignored" after the message).
A reader that went away (``| head``) is no mistake: :class:`BrokenPipeError`
is left to the caller, which stops quietly.
"""

from __future__ import annotations

import errno
import os
import sys
from typing import TextIO

from srccompare.core.errors import UserError

STDOUT = "standard output"


def silence_stdout() -> None:
    """Point file descriptor 1 at /dev/null: what is still buffered for it then goes nowhere, quietly."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
    except OSError:
        return
    try:
        os.dup2(devnull, 1)
    except OSError:
        pass
    finally:
        if devnull != 1:
            os.close(devnull)


def _failed(exc: OSError | UnicodeEncodeError) -> UserError:
    silence_stdout()
    if isinstance(exc, UnicodeEncodeError):
        encoding = getattr(sys.stdout, "encoding", None) or "?"
        return UserError(f"cannot show this text in its encoding ({encoding}); use a UTF-8 locale or -o FILE", STDOUT)
    return UserError(f"cannot be written ({exc.strerror or exc})", STDOUT)


def _write_all(stream: TextIO, text: str) -> None:
    """Write all of ``text``, or raise.

    Python ignores SIGXFSZ, so past a file-size limit a write fails with EFBIG;
    but a buffered write that stops short returns how much it wrote instead of
    raising, and a text stream drops that count: the output would be cut off
    without a word. Writing the bytes until all are out brings the error up.
    """
    buffer = getattr(stream, "buffer", None)
    if buffer is None:
        stream.write(text)
        stream.flush()
        return
    stream.flush()  # what was printed before goes first
    if os.linesep != "\n":
        text = text.replace("\n", os.linesep)
    view = memoryview(text.encode(stream.encoding or "utf-8", stream.errors or "strict"))
    while view:
        written = buffer.write(view)
        if not written:
            raise OSError(errno.EIO, "nothing more could be written")
        view = view[written:]
    buffer.flush()


def write_stdout(text: str) -> None:
    """Write ``text`` to standard output and flush it; a failure is a :class:`UserError`."""
    stream = sys.stdout
    if stream is None:  # file descriptor 1 was closed before we started
        raise UserError("is closed; give -o FILE to write the result to a file", STDOUT)
    try:
        _write_all(stream, text)
    except BrokenPipeError:
        raise
    except (OSError, UnicodeEncodeError) as exc:
        raise _failed(exc) from None


def flush_stdout() -> None:
    """Flush what is buffered for standard output (help text, say); a failure is a :class:`UserError`."""
    stream = sys.stdout
    if stream is None:
        return
    try:
        stream.flush()
    except BrokenPipeError:
        raise
    except ValueError:  # closed already: nothing is left to flush
        return
    except OSError as exc:
        raise _failed(exc) from None
