"""The annotation dialog: what kind of discrepancy, how bad, why, and which words in which sources.

It opens with the note focused and every source's divergent words proposed as
targets. The reviewer narrows a target by editing its words (they must occur in
that source, near the proposal) or leaves a source out by unticking it.
``ctrl+s`` saves and closes, Escape cancels.
"""

from __future__ import annotations

from dataclasses import dataclass

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
from srccompare.review.model import Annotation, Target
from srccompare.review.placement import narrow


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
    ) -> None:
        super().__init__()
        self.annotation = annotation
        self.choices = choices
        self.texts = texts
        self.settings = settings
        self.heading = drawn(title)

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
            yield NoteArea(ann.note, id="note", soft_wrap=True, tab_behavior="focus")
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

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "save":
            self.action_save()
        else:
            self.action_cancel()

    def action_cancel(self) -> None:
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
        targets = self._targets()
        if isinstance(targets, str):
            self.query_one("#problem", Static).update(targets)
            self.app.bell()
            return
        values = {
            "category": str(self.query_one("#category", Select).value),
            "severity": str(self.query_one("#severity", Select).value),
            "status": str(self.query_one("#status", Select).value),
            "note": self.query_one("#note", TextArea).text,
            "targets": targets,
        }
        self.dismiss(self.annotation.touched(**values))
