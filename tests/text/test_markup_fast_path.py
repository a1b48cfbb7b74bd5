"""Words found with the markup-blind pattern and with the word pattern alone, where no markup can start, are the same."""

from __future__ import annotations

import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from srccompare.text.normalize import TOKEN

PIECES = list("ab cd\n\t12.)>-’'_[]<&^(\"x:/,") + ["http://", "&amp;", "](u)", "<b>", "1. ", "\n2) ", "-\n", "[^1]"]


def _through_markup(text: str, pos: int = 0, endpos: int = sys.maxsize) -> list[str]:
    """The words as the full pattern finds them (markup tried first at every position)."""
    return [m.group() for m in TOKEN._regex.finditer(text, pos, endpos) if m.lastgroup == "word"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40).map("".join), st.data())
def test_words_are_those_of_the_full_pattern(text: str, data: st.DataObject) -> None:
    assert TOKEN.words(text) == _through_markup(text)
    pos = data.draw(st.integers(0, len(text)))
    endpos = data.draw(st.integers(pos, len(text)))
    assert TOKEN.words(text, pos, endpos) == _through_markup(text, pos, endpos)


def test_plain_prose_takes_the_fast_path_and_markup_does_not():
    assert TOKEN._no_markup("Plain prose, 12 words.\n3 ships", 0, 40)
    for marked in ("a [link](http://x) b", "a <b>c</b>", "AT&amp;T", "1. first", "  > 2) quoted item"):
        assert not TOKEN._no_markup(marked, 0, len(marked))
