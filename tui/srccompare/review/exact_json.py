"""Whether a review's data can be written as JSON exactly, and if not, where and why.

YAML can tag values JSON has no type for: a date (``reviewed: 2024-01-02``), a
``!!set``, ``!!binary`` data, ``!!omap`` pairs, ``.nan``. The review file keeps
them under keys this version does not know, and the YAML export writes them
back unchanged. JSON could only change them (a date into text that a script
cannot tell from text, a set into a list), so the JSON export refuses them
with one line naming the key, and says how to get an export.
"""

from __future__ import annotations

import math
from datetime import date, datetime
from typing import Any

from srccompare.core.errors import UserError


def _what(value: Any) -> str | None:
    """What ``value`` is, when JSON cannot hold it exactly; None when it can."""
    if value is None or isinstance(value, (str, bool, int)):
        return None
    if isinstance(value, float):
        return None if math.isfinite(value) else f"{value} (.nan or .inf), which JSON has no number for"
    if isinstance(value, datetime):
        return f"a date and time ({value.isoformat()}), which JSON has no type for"
    if isinstance(value, date):
        return f"a date ({value.isoformat()}), which JSON has no type for"
    if isinstance(value, (set, frozenset)):
        return "a set (!!set), which JSON has no type for"
    if isinstance(value, (bytes, bytearray)):
        return "binary data (!!binary), which JSON has no type for"
    if isinstance(value, tuple):
        return "ordered pairs (!!omap or !!pairs), which JSON has no type for"
    if isinstance(value, (dict, list)):
        return None
    return f"a value of type {type(value).__name__}, which JSON has no type for"


def _first_inexact(value: Any, where: str) -> tuple[str, str] | None:
    """``(where, what)`` of the first value or key in ``value`` that JSON cannot hold exactly."""
    stack = [(value, where)]
    while stack:
        item, at = stack.pop()
        what = _what(item)
        if what is not None:
            return at, what
        if isinstance(item, dict):
            children = []
            for key, child in item.items():
                if not isinstance(key, str):
                    return at or "the top level", f"a key that is not text ({key}), which JSON would turn into text"
                children.append((child, f"{at}.{key}" if at else key))
            stack.extend(reversed(children))
        elif isinstance(item, list):
            stack.extend(reversed([(child, f"{at}[{i}]") for i, child in enumerate(item)]))
    return None


def check_json_exact(data: Any, path: str) -> None:
    """Raise :class:`UserError` naming the file and the key when JSON cannot hold ``data`` exactly."""
    found = _first_inexact(data, "")
    if found is not None:
        where, what = found
        raise UserError(
            f"cannot be exported as JSON: '{where}' holds {what}; export as yaml, which keeps it, "
            "or put the value in quotes in the file to make it text",
            path,
        )
