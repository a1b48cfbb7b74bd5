"""Bytes -> text: UTF-8, UTF-16 with BOM, European code pages scored as prose, then charset-normalizer.

A UTF-8 file with a few broken bytes stays UTF-8: one stray 0xFF once made a
whole file read as Mac Icelandic. When its valid multi-byte sequences are at
least as many as its invalid ones, it is read as UTF-8 with U+FFFD for each
invalid one, and a warning line names the file. A file with no valid
multi-byte sequence (Latin-1 with one é) goes to legacy detection as before.
"""

from __future__ import annotations

import sys

from srccompare.core.errors import UserError

REPLACEMENT = "\ufffd"


def decode_bytes(data: bytes, path: str) -> tuple[str, str]:
    """Decode ``data`` to text, returning ``(text, encoding)``.

    UTF-8 (with or without BOM) is tried first, then the common European code
    pages scored as prose (:mod:`srccompare.inputs.charset`; charset-normalizer alone
    misreads short Latin-1 news text), and only then charset-normalizer.
    """
    if _looks_binary(data):
        raise UserError("looks like a binary file, not text", path)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            # Its NUL bytes would otherwise pass as text in some code page.
            raise UserError(
                "starts with a UTF-16 byte-order mark but is not valid UTF-16 (cut off or not text?)", path
            ) from None
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    damaged = _damaged_utf8(data)
    if damaged is not None:
        text, bad = damaged
        report_warning(
            f"not valid UTF-8 at {bad} place{'s' if bad != 1 else ''} (the first at byte {first_bad}); "
            "read as UTF-8 with the replacement character U+FFFD there",
            path,
        )
        return text, "utf-8"
    from srccompare.inputs.charset import guess_code_page

    guessed = guess_code_page(data)
    if guessed is not None:
        return guessed
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise UserError("cannot be decoded as text (unknown encoding); save it as UTF-8", path)
    return str(best), best.encoding


def _damaged_utf8(data: bytes) -> tuple[str, int] | None:
    """``(text, invalid sequences)`` when ``data`` is UTF-8 with a few bad bytes, else None.

    Legacy code pages make valid UTF-8 multi-byte sequences only by accident
    (a capital before a symbol), and then among many invalid ones.
    """
    text = data.decode("utf-8-sig", errors="replace")
    marks = text.count(REPLACEMENT)
    invalid = marks - data.count(REPLACEMENT.encode("utf-8"))
    valid = len(text) - len(text.encode("ascii", "ignore")) - marks
    return (text, invalid) if valid >= max(1, invalid) else None


def report_warning(problem: str, path: str) -> None:
    """One line on stderr: the file was read, but not exactly as it is."""
    print(f"srccompare: {path}: warning: {problem}", file=sys.stderr)


def _looks_binary(data: bytes) -> bool:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False  # UTF-16 text has NUL bytes by design
    head = data[:8192]
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    return bool(head) and controls / len(head) > 0.05
