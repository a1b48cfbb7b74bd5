"""Texts built to make a careless regular expression slow, each of about a given size in characters.

Shared by ``test_regex_linear.py`` (growth at two sizes) and
``benchmarks/bench_hostile_text.py`` (against plain prose of the same size).
Every text ends with a line of prose saying "30 days" in the paragraph of the
hostile part, so a copy saying "31 days" puts that paragraph in a changed row
and the whole pipeline (paragraphs, sentences, words, flags) runs over it.
"""

from __future__ import annotations

from collections.abc import Callable

HEAD = "Dock workers walked out on Monday, stopping 41 ships.\n\n"
TAIL = "\nThe union said the strike would last 30 days.\n"


def leading_spaces(size: int) -> str:
    """A paragraph's second line indented by ``size`` spaces before a plain word (no list number follows)."""
    return HEAD + "The strike began at dawn.\n" + " " * size + "pilots joined later." + TAIL


def quoted_indent(size: int) -> str:
    """Spaces, a Markdown quote mark, more spaces, then a word: both indentations of the list-number pattern."""
    half = size // 2
    return HEAD + "The strike began.\n" + " " * half + ">" + "\t" * half + "pilots joined later." + TAIL


def indented_lines(size: int) -> str:
    """Ten lines in one paragraph, each indented by a tenth of ``size`` (a 52 KB file like this took 22 s)."""
    line = " " * (size // 10) + "harbour pilots\n"
    return HEAD + "The strike began.\n" + line * 10 + TAIL


def nested_list(size: int) -> str:
    """A Markdown list nested one level deeper on every line, as many levels as fit in ``size``."""
    lines, total, level = [], 0, 0
    while total < size:
        line = "  " * level + f"- item {level}\n"
        lines.append(line)
        total += len(line)
        level += 1
    return HEAD + "A list follows.\n" + "".join(lines) + TAIL


def blank_line_of_spaces(size: int) -> str:
    """A line of nothing but ``size`` spaces between two paragraphs."""
    return HEAD + "The strike began.\n" + " " * size + "\nPilots joined later." + TAIL


def spaces_without_blank_lines(size: int) -> str:
    """A text with no blank line (one paragraph per line) and one line of spaces in it."""
    return "Dock workers walked out.\n" + " " * size + "\nPilots joined later for 30 days.\n"


def run_of_marks(size: int) -> str:
    """A run of question marks glued to a word: every mark a possible sentence end."""
    return HEAD + "Why" + "?" * size + "x then" + TAIL


def photo_credit(size: int) -> str:
    """An unclosed bracket full of agency names: the photo-credit furniture pattern's worst case."""
    return HEAD + "(" + "ap," * (size // 3) + "x" + TAIL


HOSTILE: dict[str, Callable[[int], str]] = {
    "leading spaces": leading_spaces,
    "quote-mark indent": quoted_indent,
    "indented lines": indented_lines,
    "nested list": nested_list,
    "line of spaces": blank_line_of_spaces,
    "spaces, no blank lines": spaces_without_blank_lines,
    "run of marks": run_of_marks,
    "photo credit": photo_credit,
}
"""Each hostile text by name."""


_PROSE = (
    "Harbour pilots in Velmora walked off the job on Monday, stopping 41 container ships at anchor. "
    "The pilots' union said the strike would last 30 days unless night-shift pay came back. "
    "Port director Agnieszka Wróbel called the stoppage reckless and warned of losses near 12 million euros.\n\n"
)


def plain_prose(size: int) -> str:
    """Ordinary news prose of about ``size`` characters, for comparison."""
    return HEAD + _PROSE * max(1, size // len(_PROSE)) + TAIL.lstrip("\n")


def changed_copy(text: str) -> str:
    """The same text saying "31 days" for its last "30 days": the hostile part's row is compared and flagged."""
    head, found, tail = text.rpartition("30 days")
    assert found, "every text says 30 days at its end"
    return head + "31 days" + tail
