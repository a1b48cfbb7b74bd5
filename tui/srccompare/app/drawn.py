"""What the app draws of a text from its data: controls as visible symbols, one cell each.

Sources, review files and file names may hold escape sequences or bidi
overrides; drawn raw, they would act on the terminal (clear it, retitle it,
write the clipboard). Every string from the data passes through here before
Textual measures it, so a control is one visible cell and offsets still line up.
Plain Python (no Textual), as :mod:`srccompare.core.visible` is.
"""

from __future__ import annotations

from functools import lru_cache

from srccompare.core.visible import visible, visible_lines

WRAP_SPACES = "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f\x85"
"""Controls that ``str.split()`` takes for blank space: the view wraps at them and never draws them."""


def drawn(text: str) -> str:
    """One line of data (a title, an id, a category, a path) as drawn: every control a symbol."""
    return visible(text)


def drawn_lines(text: str) -> str:
    """Several lines of data (a note) as drawn: line breaks kept, other controls as symbols."""
    return visible_lines(text)


def pasted(text: str) -> str:
    """Pasted text as it is let in: tab and line breaks kept (a terminal pastes newlines as CR), other controls as symbols."""
    return visible(text, keep="\t\n\r")


@lru_cache(maxsize=16)
def cell_text(text: str) -> str:
    """A source's text as the side-by-side view wraps and draws it, code point for code point.

    Blank-space controls stay (the wrapper breaks lines at them and draws a
    space); every other control becomes its symbol. Cached per text: the view
    asks once per paragraph, and a long text is scanned only once.
    """
    return visible(text, keep=WRAP_SPACES)
