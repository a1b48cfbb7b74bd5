"""Asked before quitting over work that is not in the review file: changes a save could not write,
or a note still being written. Back to it, try saving again, or quit."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static

BACK, RETRY, QUIT = "back", "retry", "quit"


class QuitScreen(ModalScreen[str]):
    """Returns ``back`` (stay), ``retry`` (save again, then ask again if need be) or ``quit``."""

    BINDINGS = [
        Binding("escape,n", "choose('back')", "Back", id="quit_back"),
        Binding("r", "choose('retry')", "Try saving again", id="quit_retry"),
        Binding("y", "choose('quit')", "Quit anyway", id="quit_anyway"),
    ]

    def __init__(self, title: str, lines: list[str], *, losing: bool) -> None:
        super().__init__()
        self._title, self._lines, self._losing = title, lines, losing

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self._title, classes="title")
            yield Static("\n\n".join(self._lines), markup=False)
            with Horizontal():
                yield Button("Back (esc)", id=BACK)
                yield Button("Try saving again (r)", id=RETRY)
                label = "Quit and lose them (y)" if self._losing else "Quit (y)"
                yield Button(label, id=QUIT, variant="error" if self._losing else "warning")

    def on_mount(self) -> None:
        self.query_one(f"#{BACK}", Button).focus()  # the safe answer has the focus

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(str(event.button.id))

    def action_choose(self, choice: str) -> None:
        self.dismiss(choice)
