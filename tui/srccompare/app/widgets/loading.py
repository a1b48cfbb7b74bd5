"""What the screen shows while the sources are aligned: a message and a text progress bar.

A single Static rather than Textual's ProgressBar (three widgets and a timer):
it appears on the very first frame, so it has to cost next to nothing.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from srccompare.app.drawn import drawn_lines

BAR_WIDTH = 40


def progress_text(message: str, done: int | None = None, total: int | None = None) -> Text:
    text = Text(message + "\n\n", style="bold")
    if done is None or not total:
        text.append("━" * 6, style="bold")
        text.append("─" * (BAR_WIDTH - 6), style="dim")
        return text
    filled = round(BAR_WIDTH * min(done, total) / total)
    text.append("━" * filled, style="bold")
    text.append("─" * (BAR_WIDTH - filled), style="dim")
    text.append(f"  {done}/{total}")
    return text


class LoadingPanel(Static):
    DEFAULT_CSS = """
    LoadingPanel { width: 1fr; height: 1fr; content-align: center middle; text-align: center; }
    """

    def __init__(self, id: str | None = None) -> None:
        super().__init__(progress_text("Reading the sources…"), id=id)
        self.message = "Reading the sources…"
        self._shown: tuple[int, int] | None = None

    def start(self, message: str) -> None:
        self.message = message
        self._shown = None
        self.update(progress_text(message))

    def progress(self, done: int, total: int) -> None:
        if (done, total) != self._shown:  # the panel fills the screen: repaint it only for news
            self._shown = (done, total)
            self.update(progress_text(self.message, done, total))

    def fail(self, message: str) -> None:
        self.add_class("-failed")
        self.update(Text(drawn_lines(message)))  # an error may quote a file name
