"""The whole-text word index: a cell's words sliced from it equal searching the cell's spans alone."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from srccompare.core.model import Span
from srccompare.engine.compare import DIFF_WORD, SourceWords, source_words, word_key
from srccompare.engine.flags.cells import Cell
from srccompare.inputs.sources import build_source

# Words, joiners that DIFF_WORD keeps inside a word (apostrophes, number punctuation, a line-end
# hyphen), separators and non-Latin letters, so that spans often fall inside words.
_PIECES = st.sampled_from(
    [
        "word",
        "Mon",
        "day",
        "3",
        ",000",
        "'s",
        "’",
        ".",
        ":",
        "/",
        "-\n",
        "-\n  ",
        " ",
        "  ",
        "\n\n",
        "é",
        "ß",
        "Жук",
        "x",
        "—",
        "5.5",
    ]
)
TEXTS = st.lists(_PIECES, max_size=40).map("".join)


def _searched(text: str, pieces: list[tuple[int, int]]) -> tuple[tuple[str, ...], list[int], list[int]]:
    keys: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for start, end in pieces:
        for m in DIFF_WORD.finditer(text, start, end):
            keys.append(word_key(m.group()))
            starts.append(m.start())
            ends.append(m.end())
    return tuple(keys), starts, ends


@settings(max_examples=400, deadline=None)
@given(TEXTS, st.data())
def test_a_slice_equals_searching_the_spans(text, data):
    cuts = sorted(data.draw(st.lists(st.integers(0, len(text)), min_size=2, max_size=6)))
    pieces = [(cuts[i], cuts[i + 1]) for i in range(0, len(cuts) - 1, 2)]
    index = SourceWords(text)
    sliced = index.words(tuple(pieces))
    keys, starts, ends = _searched(text, pieces)
    if sliced is None:
        # Only a span that cuts a word of the whole text is refused.
        whole = [m.span() for m in DIFF_WORD.finditer(text)]
        assert any(s < cut < e for s, e in whole for piece in pieces for cut in piece)
        return
    assert sliced.keys == keys
    assert sliced.starts == starts and sliced.ends == ends


@given(TEXTS)
def test_the_index_holds_every_word_of_the_text_with_its_offsets(text):
    index = SourceWords(text)
    keys, starts, ends = _searched(text, [(0, len(text))])
    assert index.keys == keys and list(index.starts) == starts and list(index.ends) == ends


def test_a_span_cutting_a_word_is_searched_alone_and_gives_the_same_words():
    source = build_source("a.txt", "The Mon-\nday meeting cost 3,000 dollars.", {}, set())
    cut = Span(4, 6)  # inside "Mon-\nday"
    assert SourceWords(source.text).words(((cut.start, cut.end),)) is None
    cell = Cell(source, [0], spans=[cut])
    assert cell.words.keys == ("mo",)


def test_cells_of_sentences_take_their_words_from_the_index():
    source = build_source("a.txt", "Alpha beta. Gamma’s 3,000 delta.\n\nEpsilon.", {}, set())
    first, second = Span(0, 11), Span(12, 32)
    cell = Cell(source, [0], spans=[first, second])
    assert cell.words.keys == ("alpha", "beta", "gamma's", "3000", "delta")
    assert [source.text[s.start : s.end] for s in cell.words.spans] == ["Alpha", "beta", "Gamma’s", "3,000", "delta"]
    assert source_words(source) is source_words(source)  # made once


def test_very_long_texts_are_not_indexed(monkeypatch):
    import srccompare.engine.compare as compare

    monkeypatch.setattr(compare, "SOURCE_WORDS_MAX_CHARS", 10)
    source = build_source("a.txt", "Eleven chars and more.", {}, set())
    assert source_words(source) is None
    assert Cell(source, [0], spans=[Span(0, 6)]).words.keys == ("eleven",)
