"""Bytes -> text: UTF-8, UTF-16 with BOM, European code pages scored as prose, then charset-normalizer."""

from __future__ import annotations

from srccompare.core.errors import UserError


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
    except UnicodeDecodeError:
        pass
    from srccompare.inputs.charset import guess_code_page

    guessed = guess_code_page(data)
    if guessed is not None:
        return guessed
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise UserError("cannot be decoded as text (unknown encoding); save it as UTF-8", path)
    return str(best), best.encoding


def _looks_binary(data: bytes) -> bool:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False  # UTF-16 text has NUL bytes by design
    head = data[:8192]
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    return bool(head) and controls / len(head) > 0.05
