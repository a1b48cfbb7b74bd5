"""Normalisation for matching: quotes, dashes, case, diacritics, whitespace.

Normalising never changes reported offsets: :func:`tokens` returns each
normalised word with the span it came from in the original text.

Two things a reader does not see as words are left out of matching: a word
hyphenated at a line end is one word (``negoti-\nations`` == ``negotiations``),
and Markdown markup (link targets, ``_emphasis_`` underscores, list numbers,
inline HTML tags, entities) yields no words, so a Markdown copy matches the
same text from a web page or a Word file.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from collections.abc import Iterator, Mapping
from functools import lru_cache

from srccompare.core.model import Span

_QUOTES = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "`": "'",
        "\u00b4": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2033": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
        "\u00a0": " ",
        "\u202f": " ",
        "\u2009": " ",
        "\u00ad": None,
        "\u200b": None,
        "\ufeff": None,
    }
)
_ALNUM = r"[^\W_]+"
LINE_END_HYPHEN_JOIN = r"-\n[ \t]*(?=[^\W\d_])"
"""Joins the two halves of a word hyphenated at a line end; for use inside word patterns."""
# A word: letters/digits joined by inner punctuation or underscores, or by a
# hyphen at a line end (the next line going on with the word).
_WORD = rf"{_ALNUM}(?:(?:{LINE_END_HYPHEN_JOIN}|['’\-.,:/]|_+){_ALNUM})*"
_MARKUP = "|".join(
    (
        r"\]\([^()\s]*(?:\([^()\s]*\)[^()\s]*)*(?:\s+\"[^\"\n]*\")?\)",  # link or image target: ](url "title")
        r"<(?:https?://|mailto:)[^>\s]+>",  # autolink
        r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>\n]*)?/?>",  # inline HTML tag
        r"&(?:[A-Za-z][A-Za-z0-9]*|\#[0-9]+|\#[xX][0-9A-Fa-f]+);",  # HTML entity
        r"\[\^[^\]\s]+\]",  # footnote reference [^1]
        r"(?m:^[ \t]*\[[^\]\n]+\]:[ \t]*\S+.*$)",  # reference link definition
        r"(?m:^[ \t]*+(?:>[ \t]*+)?\d{1,3}[.)](?=[ \t]))",  # numbered list marker
    )
)
_MARKUP_CHARS = "]<&["
"""One of these starts every kind of markup but the numbered-list marker."""
_LIST_MARKER = re.compile(r"(?m:^[ \t]*+(?:>[ \t]*+)?\d{1,3}[.)](?=[ \t]))")
"""The numbered-list marker of ``_MARKUP``, on its own."""
_LINE_END_HYPHEN = re.compile(r"-\n[ \t]*(?=(.))")


class MarkupBlindFinder:
    """``finditer(text, start, end)`` over the words of ``pattern``, never inside Markdown/HTML markup.

    The markup is matched too, so the pieces of a link target are never taken
    for words, but only word matches are yielded. Other modules that need
    their own idea of a word (the word-level diff splits at hyphens) can build
    one: ``MarkupBlindFinder(r"...")``.
    """

    def __init__(self, pattern: str) -> None:
        self.pattern = pattern
        self._regex = re.compile(rf"(?P<markup>{_MARKUP})|(?P<word>{pattern})", re.UNICODE)
        self._plain = re.compile(pattern, re.UNICODE)

    @staticmethod
    def _no_markup(text: str, pos: int, endpos: int) -> bool:
        """Whether no markup can start in ``text[pos:endpos]``: every kind but the numbered-list
        marker needs one of ``] < & [``, and the marker is looked for as the full pattern does."""
        for ch in _MARKUP_CHARS:
            if text.find(ch, pos, endpos) >= 0:
                return False
        return _LIST_MARKER.search(text, pos, endpos) is None

    def finditer(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[re.Match[str]]:
        for match in self._regex.finditer(text, pos, endpos):
            if match.lastgroup == "word":
                yield match

    def words(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> list[str]:
        """The words ``finditer`` matches, as written, in one list (no generator step per word).

        Most text holds no markup at all; there the word pattern alone finds the same words
        (markup is tried first at every position, so where none can match, only words do).
        """
        if self._no_markup(text, pos, endpos):
            return self._plain.findall(text, pos, endpos)
        return [m.group() for m in self._regex.finditer(text, pos, endpos) if m.lastgroup == "word"]


TOKEN = MarkupBlindFinder(_WORD)


def no_markup(text: str) -> bool:
    """Whether no Markdown/HTML markup can start in ``text``: :data:`TOKEN` then reads its words with
    the word pattern alone."""
    return MarkupBlindFinder._no_markup(text, 0, len(text))


_TRANSLIT = str.maketrans({"ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "đ": "d", "ł": "l", "ı": "i", "þ": "th"})


class CharFolding:
    """A character-for-string table applied fast to texts of any length.

    ``str.translate`` looks every character up in a Python dict: fine for a
    word, 20 times slower than a regex that skips unfolded text for a paragraph.
    """

    LONG_TEXT = 64

    def __init__(self, table: Mapping[int, str | None]) -> None:
        self.table = table
        self._chars = re.compile("[" + re.escape("".join(map(chr, table))) + "]")
        self._to = {chr(k): v or "" for k, v in table.items()}

    def __call__(self, text: str) -> str:
        if len(text) < self.LONG_TEXT:
            return text.translate(self.table)
        to = self._to
        return self._chars.sub(lambda m: to[m.group()], text)


_FOLD_PUNCTUATION = CharFolding(_QUOTES)


def fold_punctuation(text: str) -> str:
    """Curly quotes to straight, dash variants to '-', odd spaces to plain ones."""
    return _FOLD_PUNCTUATION(text)


@lru_cache(maxsize=65536)
def fold_word(word: str) -> str:
    """A word as compared: case-folded, diacritics and quote styles removed, line-end hyphens undone."""
    if "\n" in word:
        word = _LINE_END_HYPHEN.sub(lambda m: "" if m.group(1).islower() else "-", word)
    word = word.translate(_QUOTES).casefold().translate(_TRANSLIT)
    if word.isascii():
        return word
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def normalize_text(text: str) -> str:
    """Whole-text normalisation used for equality: folded words joined by single spaces."""
    return " ".join(map(fold_word, TOKEN.words(text)))


def tokens(text: str, start: int = 0, end: int | None = None) -> list[tuple[str, Span]]:
    """Folded words of ``text[start:end]`` with their spans in ``text``."""
    stop = len(text) if end is None else end
    return [(fold_word(m.group()), Span(m.start(), m.end())) for m in TOKEN.finditer(text, start, stop)]


def collapse_spaces(text: str) -> str:
    """Runs of white space as one space, none at the ends (``str.split`` knows the same spaces as ``\\s``)."""
    return " ".join(text.split())
