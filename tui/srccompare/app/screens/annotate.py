"""The annotation dialog: what kind of discrepancy, how bad, why, and which words in which sources.

It opens with the note focused and every source's divergent words proposed as
targets. The reviewer narrows a target by editing its words (they must occur in
that source, near the proposal) or leaves a source out by unticking it.
``ctrl+s`` saves and closes, Escape cancels.

Nothing typed is lost:

* keys typed before the dialog is on screen (straight after ``a``) land in the
  note, and ``ctrl+s`` saves only once every key typed before it is in;
* a new annotation with a blank note and the proposal untouched is not saved:
  that records nothing the reviewer decided (it is what a lost note looks like);
* every few seconds the dialog's state is kept as a draft (see
  :mod:`srccompare.review.drafts`) through its :class:`DraftSink`, which the app
  also asks on SIGTERM and on quit.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, Select, Static, TextArea

from srccompare.app.drawn import drawn
from srccompare.app.widgets.note_area import NoteArea
from srccompare.app.widgets.target_checkbox import TargetCheckbox
from srccompare.core.config import AnnotationsConfig
from srccompare.core.model import Span
from srccompare.core.visible import visible
from srccompare.review.drafts import DRAFT_SECONDS
from srccompare.review.model import Annotation, Target
from srccompare.review.placement import narrow


class DraftSink(Protocol):
    """Where the dialog keeps its unfinished note (the app's annotation keeper)."""

    def keep_draft(self, annotation: Annotation, *, new: bool) -> str | None:
        """Keep ``annotation`` as a draft; returns why it could not be kept (None: kept)."""
        ...

    def drop_draft(self, annotation_id: str) -> None:
        """The reviewer cancelled: forget the draft."""
        ...


class DialogNote(NoteArea):
    """The dialog's note. A paste it took goes no further: the dialog types in only pastes that came
    before the note had the focus (see :meth:`AnnotateScreen.on_paste`)."""

    def on_paste(self, event: events.Paste) -> None:
        event.stop()


@dataclass(slots=True)
class TargetChoice:
    """A proposed target, whether it starts ticked, and where edited words may be looked for."""

    target: Target
    label: str
    use: bool = True
    scope: Span | None = None


def one_line(text: str) -> str:
    """A quote as shown in a one-line field: line breaks as spaces (they still match line breaks)."""
    return " ".join(text.split()) if "\n" in text else text


class AnnotateScreen(ModalScreen[Annotation | None]):
    """Record or edit one annotation; dismisses with the annotation, or None when cancelled."""

    DEFAULT_CSS = """
    AnnotateScreen { align: center middle; }
    AnnotateScreen > #dialog {
        width: 100; max-width: 98%; height: auto; max-height: 98%;
        border: thick $accent; background: $surface; padding: 0 1;
    }
    AnnotateScreen .title { text-style: bold; }
    AnnotateScreen .hint { color: $text-muted; }
    AnnotateScreen #note { height: 5; }
    AnnotateScreen #fields { height: auto; }
    AnnotateScreen #fields Select { width: 1fr; }
    AnnotateScreen #targets { height: auto; }
    AnnotateScreen .target { height: 1; margin-bottom: 1; }
    AnnotateScreen .target Checkbox { width: 24; height: 1; border: none; padding: 0; background: $surface; }
    AnnotateScreen .target Input { width: 1fr; height: 1; border: none; padding: 0 1; background: $boost; }
    AnnotateScreen .target Input:focus { background: $accent 30%; }
    AnnotateScreen #problem { color: $text-error; height: auto; }
    AnnotateScreen #buttons { height: auto; align-horizontal: right; }
    AnnotateScreen #buttons Button { margin-left: 1; }
    """

    AUTO_FOCUS = "#note"
    """Not the first focusable widget (the scrolling dialog itself): typing goes to the note."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="annotation_save", priority=True),
        Binding("escape", "cancel", "Cancel", id="annotation_cancel"),
        Binding("ctrl+r", "add_span", "Add a span from another row", id="annotation_add_span"),
    ]

    def __init__(
        self,
        annotation: Annotation,
        choices: list[TargetChoice],
        texts: dict[str, str],
        settings: AnnotationsConfig,
        *,
        title: str = "Annotate",
        new: bool = False,
        drafts: DraftSink | None = None,
        from_draft: bool = False,
    ) -> None:
        super().__init__()
        self.annotation = annotation
        self.choices = choices
        self.texts = texts
        self.settings = settings
        self.heading = drawn(title)
        self.new = new
        """A new annotation (else an edit of one in the review)."""
        self.drafts = drafts
        self.from_draft = from_draft
        """Opened on an unfinished note of an earlier session: it is the reviewer's work already."""
        self._kept: tuple | None = None
        """The state last kept as a draft."""
        self._finished = False
        self._opened_with = self._state(annotation.touched(targets=[c.target for c in choices if c.use]))
        """What the dialog proposed (targets added later, e.g. from another row, are the reviewer's choice)."""

    @staticmethod
    def _options(values: list[str], current: str) -> list[tuple[str, str]]:
        listed = list(values)
        if current and current not in listed:
            listed.append(current)  # a value from an older vocabulary stays selectable
        return [(drawn(v), v) for v in listed]

    def compose(self) -> ComposeResult:
        ann, settings = self.annotation, self.settings
        with VerticalScroll(id="dialog"):
            yield Label(self.heading, classes="title")
            yield Label("Note — why this matters (ctrl+s saves, Esc cancels)", classes="hint")
            yield DialogNote(ann.note, id="note", soft_wrap=True, tab_behavior="focus")
            with Horizontal(id="fields"):
                yield Select(
                    self._options(settings.categories, ann.category),
                    value=ann.category or settings.categories[0],
                    allow_blank=False,
                    id="category",
                    prompt="category",
                )
                yield Select(
                    self._options(settings.severities, ann.severity),
                    value=ann.severity,
                    allow_blank=False,
                    id="severity",
                    prompt="severity",
                )
                yield Select(
                    self._options(settings.statuses, ann.status),
                    value=ann.status,
                    allow_blank=False,
                    id="status",
                    prompt="status",
                )
            yield Label(
                "Targets — untick a source to leave it out; edit the words to narrow; ctrl+r adds one from another row",
                classes="hint",
            )
            with Vertical(id="targets"):
                if not self.choices:
                    yield Static("(no source text in this row: the note stands alone)", classes="hint no-targets")
                for i, choice in enumerate(self.choices):
                    yield self._target_line(i, choice)
            yield Static("", id="problem")
            with Horizontal(id="buttons"):
                yield Button("Cancel (esc)", id="cancel")
                yield Button("Save (ctrl+s)", id="save", variant="primary")

    @staticmethod
    def _target_line(i: int, choice: TargetChoice) -> Horizontal:
        state = "" if choice.target.anchor == "anchored" else f" [{choice.target.anchor}]"
        return Horizontal(
            TargetCheckbox(drawn(f"{choice.label}{state}"), choice.use, id=f"use-{i}"),
            Input(drawn(one_line(choice.target.exact)), id=f"quote-{i}", placeholder="the words this is about"),
            classes="target",
        )

    def action_add_span(self) -> None:
        """Ask for a row and a column, and add that cell's proposed words as one more target."""
        from srccompare.app.screens.add_span import AddSpanScreen

        keeper = getattr(self.app, "keeper", None)
        if keeper is None or keeper.alignment is None:
            self.app.bell()
            return

        def chosen(choice: TargetChoice | None) -> None:
            if choice is None:
                return
            self.choices.append(choice)
            self.query(".no-targets").remove()
            index = len(self.choices) - 1
            self.query_one("#targets").mount(self._target_line(index, choice))
            self.call_after_refresh(lambda: self.query_one(f"#quote-{index}", Input).focus())

        self.app.push_screen(AddSpanScreen(keeper), chosen)

    def on_mount(self) -> None:
        note = self.query_one("#note", TextArea)
        note.move_cursor(note.document.end)  # editing continues the note, not before it
        note.focus()
        if self.drafts is not None:
            self.set_interval(DRAFT_SECONDS, self.keep_draft)

    def on_key(self, event: events.Key) -> None:
        """Keys that reached the dialog before its note had the focus (typed straight after ``a``).

        Until the note is focused the app hands keys to the screen itself; they
        are typed into the note here, in order, and go no further (``q`` must
        not quit). A key that a focused checkbox or button did not want is
        left alone.
        """
        note = self.query_one("#note", TextArea)
        if self.focused not in (None, note):
            return
        if event.is_printable and event.character:
            note.insert(event.character)
        elif event.key == "enter":
            note.insert("\n")
        elif event.key == "backspace":
            note.action_delete_left()
        else:
            return
        event.stop()
        event.prevent_default()

    def on_paste(self, event: events.Paste) -> None:
        """A paste handed to the dialog before its note had the focus goes into the note."""
        note = self.query_one("#note", TextArea)
        if self.focused in (None, note):
            note.insert(event.text)
            event.stop()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "save":
            self.action_save()
        else:
            self.action_cancel()

    def action_cancel(self) -> None:
        if self._finished:
            return
        self._finished = True
        if self.drafts is not None:
            self.drafts.drop_draft(self.annotation.id)
        self.dismiss(None)

    def _targets(self) -> list[Target] | str:
        """The chosen targets, or a message saying which edited words were not found."""
        targets: list[Target] = []
        for i, choice in enumerate(self.choices):
            if not self.query_one(f"#use-{i}", Checkbox).value:
                continue
            wanted = self.query_one(f"#quote-{i}", Input).value
            target = choice.target
            text = self.texts.get(target.source)
            shown_quote = drawn(one_line(target.exact))
            if wanted == shown_quote and (text is None or target.holds(text) or target.anchor == "orphan"):
                targets.append(target)  # unchanged (a lost target stays listed until its words are re-attached)
                continue
            if text is None:
                return drawn(f"{choice.label}: the source is not open, so its words cannot be changed")
            # The field shows controls as symbols: look the words up in the text as shown, same offsets.
            found = narrow(visible(text, keep="\t\n"), target, wanted, choice.scope)
            if found is None:
                return drawn(f"{choice.label}: “{wanted.strip()[:60]}” does not occur in this source")
            targets.append(Target.from_text(target.source, text, found.start, found.end, found.anchor))
        return targets

    def action_save(self) -> None:
        """Save once every key typed before ``ctrl+s`` is in.

        ``ctrl+s`` is a priority binding, handled as soon as it arrives, while
        keys typed before it may still wait in the dialog's queue or the note's:
        the save is queued behind them.
        """
        if self._finished:
            return

        def behind_the_keys() -> None:
            focused = self.focused
            if focused is None:
                self._save_now()
            else:  # once the focused widget has taken its keys, save from the dialog's own queue
                focused.call_later(self.call_later, self._save_now)

        self.call_later(behind_the_keys)

    def _values(self, targets: list[Target]) -> dict:
        return {
            "category": str(self.query_one("#category", Select).value),
            "severity": str(self.query_one("#severity", Select).value),
            "status": str(self.query_one("#status", Select).value),
            "note": self.query_one("#note", TextArea).text,
            "targets": targets,
        }

    @staticmethod
    def _state(ann: Annotation) -> tuple:
        return (ann.note, ann.category, ann.severity, ann.status, ann.targets)

    def _save_now(self) -> None:
        if self._finished or not self.is_attached:
            return
        targets = self._targets()
        if isinstance(targets, str):
            self._refuse(targets)
            return
        values = self._values(targets)
        if not values["note"].strip():
            values["note"] = ""
            chosen = (values["category"], values["severity"], values["status"], values["targets"])
            if self.new and not self.from_draft and chosen == self._opened_with[1:]:
                self._refuse("Nothing to save yet: write a note, or choose the category, severity or targets.")
                return
        self._finished = True
        self.dismiss(self.annotation.touched(**values))

    def _refuse(self, problem: str) -> None:
        self.query_one("#problem", Static).update(problem)
        self.app.bell()

    # ------------------------------------------------------------ drafts

    def draft(self) -> Annotation:
        """The dialog's state as an annotation (targets whose edited words are not found stay as proposed)."""
        targets = self._targets()
        if isinstance(targets, str):
            targets = [c.target for i, c in enumerate(self.choices) if self.query_one(f"#use-{i}", Checkbox).value]
        return self.annotation.touched(**self._values(targets))

    def changed(self) -> bool:
        """Does the dialog hold anything the reviewer typed or chose (or a draft of an earlier session)?"""
        return self.is_mounted and (self.from_draft or self._state(self.draft()) != self._opened_with)

    def keep_draft(self) -> str | None:
        """Keep the dialog's state as a draft if it changed since last time; why not, if it could not be."""
        if self.drafts is None or self._finished or not self.is_mounted:
            return None
        draft = self.draft()
        state = self._state(draft)
        if state == self._kept:
            return None
        if state == self._opened_with and self._kept is None and not self.from_draft:
            return None  # nothing typed or chosen yet
        problem = self.drafts.keep_draft(draft, new=self.new)
        if problem is None:
            self._kept = state
        return problem
