"""A source's title for its column heading: the story's headline, never a menu item.

A web page's headline comes from its metadata (trafilatura, in
``readers/html.py``). A plain-text copy has none, and a scraped one starts with
the page's menus ("News Feed", "Show More", "Skip to content"), so its title is
the headline the page repeats (a scraped page shows it in the breadcrumb or the
browser title and again above the article), else the first line when it reads as
a headline, else the file name. A line too short to be a headline, a row of menu
items, or a line the page-furniture patterns match is never a title.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from pathlib import Path

from srccompare.text.normalize import collapse_spaces, fold_punctuation

HEAD_LINES = 30
"""The headline sits above the article, among the page furniture: only these first lines are searched."""
MIN_WORDS = 3
"""Menu items and section labels ("News Feed", "Opinion") are shorter than a headline."""
MAX_WORDS = 25
MAX_CHARS = 160
SENTENCE_END = (".", ":", ";", ",")
CLOSERS = "'\")]»”’"
_MENU_SEPARATORS = re.compile(r"\s+[·|•›»/]\s+|\t|\s{3,}")
MENU_ITEM_WORDS = 3
"""A line cut by separators into three or more parts of at most this many words is a row of menu items
(two parts may be a short headline and the site's name)."""


@lru_cache(maxsize=1)
def _furniture():
    """The built-in page-furniture patterns (``config.yaml``, ``boilerplate.patterns``) as one regex."""
    from srccompare.core.config import BoilerplateConfig

    patterns = BoilerplateConfig().patterns
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


def _clean(line: str) -> str:
    return collapse_spaces(fold_punctuation(line)).strip()


def looks_like_menu(line: str) -> bool:
    """Too short for a headline, a row of menu items, or page furniture ("4 min read", "By ...")."""
    words = line.split()
    if len(words) < MIN_WORDS:
        return True
    parts = [part for part in _MENU_SEPARATORS.split(line) if part.strip()]
    if len(parts) >= 3 and all(len(part.split()) <= MENU_ITEM_WORDS for part in parts):
        return True
    return _furniture().match(_clean(line)) is not None


def reads_as_headline(line: str) -> bool:
    """A line of a few words that does not end like a sentence and is not a menu."""
    line = line.strip()
    if not line or len(line) > MAX_CHARS or len(line.split()) > MAX_WORDS:
        return False
    return not line.rstrip(CLOSERS).endswith(SENTENCE_END) and not looks_like_menu(line)


def _heading_line(line: str) -> str:
    return line.strip().lstrip("#").strip()  # a Markdown heading's marks are not part of the title


def repeated_headline(text: str) -> str | None:
    """The first line near the top that reads as a headline and appears there twice."""
    lines = [_heading_line(line) for line in text.split("\n", HEAD_LINES * 4)[: HEAD_LINES * 4] if line.strip()]
    lines = lines[:HEAD_LINES]
    seen = Counter(_clean(line).casefold() for line in lines)
    return next((line for line in lines if seen[_clean(line).casefold()] > 1 and reads_as_headline(line)), None)


def guess_title(text: str, path: str, first_line: str | None = None) -> str:
    """The repeated headline, else the first line (``first_line``: a headline wrapped over two lines)
    when it reads as a headline, else the file name."""
    if found := repeated_headline(text):
        return found
    first = _heading_line(first_line if first_line is not None else text.lstrip().split("\n", 1)[0])
    return first if reads_as_headline(first) else Path(path).name
