"""Small modal questions: confirm a deletion, or settle a conflict over the annotation file."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static

from srccompare.app.drawn import drawn, drawn_lines

DIALOG_CSS = """
ConfirmScreen, ConflictScreen { align: center middle; }
ConfirmScreen > Vertical, ConflictScreen > Vertical {
    width: 72; max-width: 95%; height: auto; padding: 1 2;
    border: thick $accent; background: $surface;
}
ConfirmScreen .title, ConflictScreen .title { text-style: bold; margin-bottom: 1; }
ConfirmScreen Horizontal, ConflictScreen Horizontal { height: auto; margin-top: 1; align-horizontal: right; }
ConfirmScreen Button, ConflictScreen Button { margin-left: 1; }
"""


class ConfirmScreen(ModalScreen[bool]):
    """Ask a yes/no question; ``y`` or Enter on the default button says yes, ``n``/Escape no."""

    DEFAULT_CSS = DIALOG_CSS
    BINDINGS = [
        Binding("y", "answer(True)", "Yes", id="confirm_yes"),
        Binding("n,escape", "answer(False)", "No", id="confirm_no"),
    ]

    def __init__(self, title: str, message: str = "", *, yes: str = "Yes", no: str = "No") -> None:
        super().__init__()
        self._title, self._message, self._yes, self._no = drawn(title), drawn_lines(message), yes, no

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self._title, classes="title")
            if self._message:
                yield Static(self._message, markup=False)
            with Horizontal():
                yield Button(f"{self._no} (n)", id="no")
                yield Button(f"{self._yes} (y)", id="yes", variant="error")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()  # the safe answer has the focus

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)


class ConflictScreen(ModalScreen[str]):
    """The annotation file changed on disk since it was loaded: reload (and re-apply), or keep mine.

    Returns ``"reload"`` (take the file as it is now and add this change to it),
    ``"keep"`` (write my version over theirs) or ``"discard"`` (take theirs, drop this change).
    """

    DEFAULT_CSS = DIALOG_CSS
    BINDINGS = [
        Binding("r,escape", "choose('reload')", "Reload + re-apply", id="conflict_reload"),
        Binding("k", "choose('keep')", "Keep mine", id="conflict_keep"),
        Binding("d", "choose('discard')", "Discard mine", id="conflict_discard"),
    ]

    def __init__(self, path: str, change: str) -> None:
        super().__init__()
        self._path, self._change = drawn(path), drawn(change)

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("The annotation file changed on disk", classes="title")
            yield Static(
                f"{self._path} was changed by another program or window since this review loaded it.\n\n"
                f"Your change: {self._change}\n\n"
                "r  Reload it and re-apply your change (keeps both)\n"
                "k  Keep mine: overwrite the file with this review's annotations\n"
                "d  Discard your change and reload the file",
                markup=False,
            )
            with Horizontal():
                yield Button("Discard mine (d)", id="discard")
                yield Button("Keep mine (k)", id="keep", variant="warning")
                yield Button("Reload + re-apply (r)", id="reload", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#reload", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(str(event.button.id))

    def action_choose(self, choice: str) -> None:
        self.dismiss(choice)
