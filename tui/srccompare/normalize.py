"""Normalisation for matching: quotes, dashes, case, diacritics, whitespace.

Normalising never changes reported offsets: :func:`tokens` returns each
normalised word with the span it came from in the original text.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from srccompare.model import Span

_QUOTES = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "`": "'",
        "\u00b4": "'", "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u00ab": '"',
        "\u00bb": '"', "\u2033": '"', "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-",
        "\u2014": "-", "\u2015": "-", "\u2212": "-", "\u00a0": " ", "\u202f": " ", "\u2009": " ",
        "\u00ad": None, "\u200b": None, "\ufeff": None,
    }
)
_SPACES = re.compile(r"\s+")
TOKEN = re.compile(r"\w+(?:['’\-.,:/]\w+)*", re.UNICODE)
_TRANSLIT = str.maketrans({"ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "đ": "d", "ł": "l", "ı": "i", "þ": "th"})


def fold_punctuation(text: str) -> str:
    """Curly quotes to straight, dash variants to '-', odd spaces to plain ones."""
    return text.translate(_QUOTES)


@lru_cache(maxsize=65536)
def fold_word(word: str) -> str:
    """A word as compared: case-folded, diacritics and quote styles removed."""
    word = word.translate(_QUOTES).casefold().translate(_TRANSLIT)
    if word.isascii():
        return word
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def normalize_text(text: str) -> str:
    """Whole-text normalisation used for equality: folded words joined by single spaces."""
    return " ".join(fold_word(m.group()) for m in TOKEN.finditer(text))


def tokens(text: str, start: int = 0, end: int | None = None) -> list[tuple[str, Span]]:
    """Folded words of ``text[start:end]`` with their spans in ``text``."""
    stop = len(text) if end is None else end
    return [(fold_word(m.group()), Span(m.start(), m.end())) for m in TOKEN.finditer(text, start, stop)]


def collapse_spaces(text: str) -> str:
    return _SPACES.sub(" ", text).strip()
