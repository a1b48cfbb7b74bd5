"""Asked when a review opens with an unfinished note an earlier session left: restore, discard, or later."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static

from srccompare.review.drafts import Draft

RESTORE, DISCARD, LATER = "restore", "discard", "later"


def describe_draft(draft: Draft) -> str:
    """What the draft holds, in a few lines: when, where, what kind, the note's start."""
    ann = draft.annotation
    what = "a new annotation" if draft.new else "changes to an annotation"
    row = f" on row {ann.row + 1}" if ann.row is not None else ""
    note = " ".join(ann.note.split())
    note = note if len(note) <= 300 else note[:299] + "…"
    return (
        f"{what}{row}, kept {draft.kept or 'earlier'}\n"
        f"{ann.category} · {ann.severity} · {ann.status}\n\n"
        f"{note or '(no note)'}\n\n"
        f"(kept in {draft.path})"
    )


class DraftOfferScreen(ModalScreen[str]):
    """Returns ``restore`` (open it in the annotation dialog), ``discard``, or ``later`` (ask next time)."""

    # It may pop up while the reviewer is typing review keys: none of these keys is one (d deletes there).
    BINDINGS = [
        Binding("r", "choose('restore')", "Restore", id="draft_restore"),
        Binding("x", "choose('discard')", "Discard", id="draft_discard"),
        Binding("l,escape", "choose('later')", "Later", id="draft_later"),
    ]

    def __init__(self, draft: Draft) -> None:
        super().__init__()
        self.draft = draft

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("An unfinished note from an earlier session", classes="title")
            yield Static(describe_draft(self.draft), markup=False)
            yield Static(
                "r  Restore it: open it in the annotation dialog\nx  Discard it\nl  Later: keep it and ask next time",
                markup=False,
            )
            with Horizontal():
                yield Button("Discard (x)", id=DISCARD)
                yield Button("Later (l)", id=LATER)
                yield Button("Restore (r)", id=RESTORE, variant="primary")

    def on_mount(self) -> None:
        self.query_one(f"#{RESTORE}", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(str(event.button.id))

    def action_choose(self, choice: str) -> None:
        self.dismiss(choice)
