"""What every detector looks at: one source's cell in a row, and a cell paired with the reference.

Detectors extract facts per cell once (cached on the :class:`Cell`) and compare
them per :class:`Pair`, so a row with five sources extracts each cell once.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, TypeVar

from srccompare.core.lazy import lazy
from srccompare.core.model import Flag, Source, Span
from srccompare.engine.compare import CellWords, cell_words, similarity
from srccompare.engine.flags.rules import Rules

T = TypeVar("T")

LINKED_AGREEMENT = 0.3
"""Least word agreement of two linked sentence groups for their leftover facts to be compared."""

# A sentence ends at . ! ? (and closing quotes/brackets) followed by space and a capital, digit or quote.
# Only a run's first mark may start a match: one where the run's start fails would fail, but trying it
# from each mark of a long run ("?????...") would cost the run's length squared.
_SENTENCE_END = re.compile(r"(?<![.!?…])[.!?…]+[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9\u00C0-\u024F])")


@dataclass(eq=False)
class Cell:
    """Text of one source that is compared with another: paragraphs, or given spans (linked sentences).

    With ``spans`` the cell is exactly those spans (``paragraphs`` then names the paragraphs
    that hold them); ``whole`` is the cell of those paragraphs, for facts that need the
    paragraph around a sentence (a quote running over several sentences). ``lexicon`` is the
    source's own name lexicon: facts then depend on the source alone, so one cell serves
    every pair it takes part in.
    """

    source: Source
    paragraphs: list[int]
    spans: list[Span] | None = None
    whole: Cell | None = None
    lexicon: NameLexicon | None = None
    _facts: dict[str, Any] = field(default_factory=dict)

    @property
    def id(self) -> str:
        return self.source.id

    @property
    def text(self) -> str:
        return self.source.text

    @lazy
    def pieces(self) -> list[Span]:
        """The paragraph spans (or the given spans), in cell order."""
        if self.spans is not None:
            return list(self.spans)
        return [self.source.paragraphs[i].span for i in self.paragraphs]

    @lazy
    def words(self) -> CellWords:
        if self.spans is None:
            return cell_words(self.source, self.paragraphs)
        from srccompare.engine.compare import DIFF_WORD, source_words, word_key

        pieces = tuple((s.start, s.end) for s in self.spans)
        index = source_words(self.source)
        sliced = index.words(pieces) if index is not None else None
        if sliced is not None:
            return sliced
        # One C-level pass per span (findall, then the cached key of each word): word offsets,
        # which most cells never need, are found later, only if asked (``CellWords.starts``).
        text, findall = self.source.text, DIFF_WORD.findall
        if len(self.spans) == 1:
            (only,) = self.spans
            keys = tuple(map(word_key, findall(text, only.start, only.end)))
        else:
            found: list[str] = []
            for s in self.spans:
                found += findall(text, s.start, s.end)
            keys = tuple(map(word_key, found))
        return CellWords(keys, text, pieces)

    @lazy
    def sentences(self) -> list[Span]:
        """Sentence spans (a light regex split: detectors only need rough sentences)."""
        out: list[Span] = []
        for piece in self.pieces:
            start = piece.start
            for m in _SENTENCE_END.finditer(self.text, piece.start, piece.end):
                out.append(Span(start, m.start() + len(m.group().rstrip())))
                start = m.end()
            if start < piece.end:
                out.append(Span(start, piece.end))
        return out

    def facts(self, key: str, extract: Callable[[Cell], T]) -> T:
        """``extract(self)``, computed once per cell."""
        if key not in self._facts:
            self._facts[key] = extract(self)
        return self._facts[key]

    def slice(self, span: Span) -> str:
        return self.text[span.start : span.end]

    def word_index(self, pos: int) -> int:
        """Index of the first word that ends after ``pos``."""
        from bisect import bisect_right

        return bisect_right(self.words.ends, pos)

    @lazy
    def key_set(self) -> frozenset[str]:
        return frozenset(self.words.keys)


@dataclass(eq=False)
class Pair:
    """The reference cell of a row and one other source's cell, with their word diff."""

    ref: Cell
    other: Cell
    rules: Rules
    lexicon: NameLexicon

    @lazy
    def word_ops(self) -> list[tuple[str, int, int, int, int]]:
        """Word-index edit ops (no 'equal' runs). rapidfuzz's minimal word edit (C++): detectors only
        ask which words changed, so they need its speed more than difflib's nicer grouping."""
        if self.ref.words.keys == self.other.words.keys:
            return []
        from rapidfuzz.distance import Levenshtein

        return [
            (op.tag, op.src_start, op.src_end, op.dest_start, op.dest_end)
            for op in Levenshtein.opcodes(self.ref.words.keys, self.other.words.keys)
            if op.tag != "equal"
        ]

    @lazy
    def agreement(self) -> float:
        return similarity(self.ref.words, self.other.words)

    @property
    def close(self) -> bool:
        """A close copy: facts on one side only are worth a flag here (not in a paraphrase)."""
        return self.agreement >= self.rules.close_copy

    @property
    def linked(self) -> bool:
        """Both cells are sentences the aligner linked: they say the same thing, however worded,
        so one figure left on each side is one figure changed, and a figure on one side only is
        worth a flag."""
        return self.ref.spans is not None and self.other.spans is not None and self.agreement >= LINKED_AGREEMENT

    @lazy
    def _op_bounds(self) -> dict[str, tuple[list[int], list[int]]]:
        ops = self.word_ops
        return {
            "ref": ([op[1] for op in ops], [op[2] for op in ops]),
            "other": ([op[3] for op in ops], [op[4] for op in ops]),
        }

    def op_at(self, side: str, span: Span) -> int | None:
        """Index of the word op whose ``side`` ('ref' or 'other') words overlap ``span``."""
        from bisect import bisect_left

        cell = self.ref if side == "ref" else self.other
        lo, hi = cell.word_index(span.start), cell.word_index(span.end - 1) + 1
        starts, ends = self._op_bounds[side]
        k = bisect_left(starts, hi) - 1  # ops are in order on both sides, their ends too
        while k >= 0 and ends[k] > lo:
            if starts[k] < hi:
                return k
            k -= 1
        return None

    def op_size(self, index: int) -> int:
        """Words on the longer side of one word op."""
        _tag, i1, i2, j1, j2 = self.word_ops[index]
        return max(i2 - i1, j2 - j1)


class NameLexicon:
    """Words that are names in these sources: capitalised mid-sentence, never written in lower case.

    Built once per alignment from all its texts, so a name that opens a sentence
    ("Putin said...") is still known as a name.
    """

    # A capital (Latin, Greek, Cyrillic; Latin Extended-A mixes cases, so checked in code) right after
    # "word " or ", ": the class comes first so most positions fail at once.
    _CAPS = "A-Z\u00c0-\u00d6\u00d8-\u00de\u0100-\u017f\u0391-\u03a9\u0400-\u042f"
    _LOWS = "a-z\u00df-\u00f6\u00f8-\u00ff\u0100-\u017f\u03b1-\u03c9\u0430-\u045f"
    _MID_CAPITAL = re.compile(rf"[{_CAPS}](?<=[\w,;:%)\]”’\"] .)[\w'’.\-]*")
    # A lower-case word not inside another: the look-behind first, which rules out most positions at once
    # (the letter first would be tried, and fail, at every letter inside a word).
    _LOWER = re.compile(rf"(?<![\w'’\-])[{_LOWS}][\w'’]*")

    def __init__(self, texts: Iterator[str] | list[str] | None = None) -> None:
        from srccompare.text.normalize import fold_word

        capital: set[str] = set()
        lower: set[str] = set()
        for text in texts or ():
            for word in set(self._MID_CAPITAL.findall(text)):  # each distinct word once: names repeat
                if not word[0].isupper():
                    continue
                parts = _NAME_JOINS.split(word) if "-" in word or "." in word else (word,)
                for part in parts:
                    if part[:1].isupper():
                        capital.add(_strip_possessive(part))
            lower.update(self._LOWER.findall(text))
        self.names = frozenset(
            fold_word(w) for w in capital if w.casefold() not in lower and (w[:1].lower() + w[1:]) not in lower
        )
        self.lower = frozenset(lower)

    @classmethod
    def union(cls, a: NameLexicon, b: NameLexicon) -> NameLexicon:
        """The names of two lexicons that neither writes in lower case."""
        out = cls()
        lower = a.lower | b.lower
        out.names = frozenset(n for n in a.names | b.names if n not in lower)
        out.lower = lower
        return out

    def could_be_name(self, word: str) -> bool:
        """A capitalised word that is a known name, or at least never written in lower case here."""
        from srccompare.text.normalize import fold_word

        return fold_word(word) in self.names or word.casefold() not in self.lower

    def __contains__(self, key: str) -> bool:
        return key in self.names


_NAME_JOINS = re.compile(r"[\-.]")


def _strip_possessive(word: str) -> str:
    if len(word) > 2 and word[-2] in "'’" and word[-1] in "sS":
        return word[:-2]
    if word[-1:] in "'’":
        return word[:-1]
    return word


strip_possessive = _strip_possessive


def make_flag(kind: str, severity: str, message: str, spans: dict[str, list[Span]]) -> Flag:
    return Flag(kind=kind, severity=severity, message=message, spans={k: v for k, v in spans.items() if v})


def excerpt(text: str, limit: int = 70) -> str:
    """One line of ``text``, shortened in the middle if long."""
    line = " ".join(text.split())
    if len(line) <= limit:
        return line
    half = (limit - 1) // 2
    return line[:half].rstrip() + "…" + line[-half:].lstrip()
