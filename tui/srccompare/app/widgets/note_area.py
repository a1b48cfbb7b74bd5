"""The note editor: a TextArea that draws controls in a note as visible symbols.

A note read from a review file may hold escape sequences; the note is kept as
it is (the reviewer's data), only its drawing changes, one symbol per code
point, so the cursor and the selection stay on the right characters.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import TextArea

from srccompare.core.visible import visible


class NoteArea(TextArea):
    """A TextArea whose lines are drawn with every control but tab as its symbol."""

    def get_line(self, line_index: int) -> Text:
        return Text(visible(self.document.get_line(line_index), keep="\t"), end="", no_wrap=True)
