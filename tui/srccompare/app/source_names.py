"""Sources as the reviewer sees them: by column number and title, not by id (plain Python).

The engine's flag messages name sources by id (``2,400 (003-622b2473189a) vs
4,200 (001-9c0e…)``), which is right for the JSON but unreadable on screen. The
app shows the same messages with every id it can place replaced by the column
it heads: ``col 3 “Harbour pilots strike”``. The messages themselves (and the
JSON and review files) do not change.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import PurePath

from srccompare.core.model import Alignment, Flag

TITLE_ROOM = 26
"""Characters of a title kept in a message (longer ones end in an ellipsis)."""


def short_title(title: str, room: int = TITLE_ROOM) -> str:
    """``title`` on one line, at most ``room`` characters: cut after a whole word where it can be."""
    flat = " ".join(title.split())
    if len(flat) <= room:
        return flat
    cut = flat[: room - 1]
    space = cut.rfind(" ")
    return (cut[:space] if space > room // 2 else cut).rstrip() + "…"


def column_number(alignment: Alignment, source_id: str) -> int:
    """1-based column number of a source (the order the headings, the overview and the palette use)."""
    return next((n for n, s in enumerate(alignment.sources, 1) if s.id == source_id), 0)


def column_names(alignment: Alignment) -> dict[str, str]:
    """Source id -> ``col N “Title”`` (just ``col N`` for a source whose title is only its id or
    file name: the number says as much)."""
    out = {}
    for n, source in enumerate(alignment.sources, 1):
        name = PurePath(source.path or "").name
        plain = {source.id, name, PurePath(name).stem, ""}
        title = short_title(source.title or "")
        out[source.id] = f"col {n}" if (source.title or "").strip() in plain else f"col {n} “{title}”"
    return out


def columns_list(alignment: Alignment, source_ids) -> str:
    """``cols 1, 3, 5`` (or ``col 2``): the columns of ``source_ids``, in column order."""
    numbers = sorted(n for n in (column_number(alignment, sid) for sid in source_ids) if n)
    if not numbers:
        return ""
    return f"col{'s' if len(numbers) > 1 else ''} {', '.join(map(str, numbers))}"


_QUOTED = re.compile(r"“[^”]*”")


@lru_cache(maxsize=64)
def _id_pattern(ids: tuple[str, ...]) -> re.Pattern[str]:
    # An id counts where the engine's messages put one: after "(", "in ", "from ", "also " or
    # ", ", and before ")", ",", ";", " vs", " (" or the end. A one-letter id ("a") inside a
    # sentence is then left alone.
    names = "|".join(re.escape(i) for i in sorted(ids, key=len, reverse=True))
    return re.compile(rf"(\(|\bin |\bfrom |\balso |, )({names})(?=\)|,|;| vs\b| \(| —|$)")


@lru_cache(maxsize=64)
def _also_pattern(ids: tuple[str, ...]) -> re.Pattern[str]:
    names = "|".join(re.escape(i) for i in sorted(ids, key=len, reverse=True))
    return re.compile(rf"\(also ((?:{names})(?:, (?:{names}))*)\)")


def name_sources(message: str, names: dict[str, str], numbers: dict[str, int] | None = None) -> str:
    """``message`` with each source id (outside quoted text) replaced by its name from ``names``
    (in the order of the columns, unless ``numbers`` gives each id's column number);
    the sources listed in an ``(also ...)`` tail go by column number alone (``(also cols 1, 2)``)."""
    if not names or not message:
        return message
    ids = tuple(names)
    pattern, also = _id_pattern(ids), _also_pattern(ids)
    numbers = numbers or {sid: n for n, sid in enumerate(names, 1)}

    def also_columns(m: re.Match[str]) -> str:
        listed = sorted(numbers[i] for i in m.group(1).split(", "))
        return f"(also col{'s' if len(listed) > 1 else ''} {', '.join(map(str, listed))})"

    def plain(part: str) -> str:
        part = also.sub(also_columns, part)
        return pattern.sub(lambda m: m.group(1) + names[m.group(2)], part)

    out, pos = [], 0
    for quoted in _QUOTED.finditer(message):
        out.append(plain(message[pos : quoted.start()]))
        out.append(quoted.group())
        pos = quoted.end()
    out.append(plain(message[pos:]))
    return "".join(out)


def flag_message(alignment: Alignment, flag: Flag) -> str:
    """A flag's message as shown: sources named by column and title."""
    numbers = {s.id: n for n, s in enumerate(alignment.sources, 1)}
    return name_sources(flag.message, column_names(alignment), numbers)
