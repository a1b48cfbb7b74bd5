"""Every annotation of the review in one table: filter, jump to the row, edit, change status, delete.

Targets that moved (relocated), were matched approximately (fuzzy) or were lost
(orphan) after a source changed are marked here, for the reviewer to confirm
(``c``) or re-attach (``e``: edit the words of the lost target). Severities and
anchor states are words first; their colours are the theme's (component classes,
see srccompare.tcss).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.theme import Theme
from textual.widgets import DataTable, Label, Select, Static

from srccompare.app.drawn import drawn, drawn_lines
from srccompare.core.kinds import SEVERITIES
from srccompare.review.model import Annotation

if TYPE_CHECKING:
    from srccompare.app.annotation_keeper import AnnotationKeeper

ANCHOR_MARK = {"anchored": "", "relocated": "moved", "fuzzy": "fuzzy?", "orphan": "ORPHAN"}


def excerpt(text: str, width: int = 40) -> str:
    flat = drawn(" ".join(text.split()))
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def anchor_summary(annotation: Annotation) -> str:
    """The worst anchor state among the targets, as shown in the list ('' when all anchored)."""
    order = ("orphan", "fuzzy", "relocated")
    states = {t.anchor for t in annotation.targets}
    return next((ANCHOR_MARK[s] for s in order if s in states), "")


class AnnotationsScreen(ModalScreen[int | None]):
    """Lists the annotations; dismisses with a row index to jump to, or None."""

    DEFAULT_CSS = """
    AnnotationsScreen { align: center middle; }
    AnnotationsScreen > #panel {
        width: 95%; height: 90%; border: thick $accent; background: $surface; padding: 0 1;
    }
    AnnotationsScreen .title { text-style: bold; margin-top: 1; }
    AnnotationsScreen #filters { height: auto; }
    AnnotationsScreen #filters Select { width: 1fr; }
    AnnotationsScreen DataTable { height: 1fr; }
    AnnotationsScreen #detail { height: auto; max-height: 8; padding: 0 1; background: $boost; }
    AnnotationsScreen .hint { color: $text-muted; }
    """

    COMPONENT_CLASSES = {
        *(f"annotations--{severity}" for severity in SEVERITIES),
        "annotations--orphan",
        "annotations--moved",
    }

    BINDINGS = [
        Binding("enter", "jump", "Go to row", id="annotations_jump", priority=True),
        Binding("e", "edit", "Edit / re-attach", id="annotations_edit"),
        Binding("s", "cycle_status", "Next status", id="annotations_status"),
        Binding("c", "confirm_anchor", "Confirm moved", id="annotations_confirm"),
        Binding("d,delete", "delete", "Delete", id="annotations_delete"),
        Binding("escape,A,q", "close", "Close", id="annotations_close"),
    ]

    def __init__(self, keeper: AnnotationKeeper) -> None:
        super().__init__()
        self.keeper = keeper
        self.shown: list[Annotation] = []
        self._ready = False

    # ------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        keeper = self.keeper
        settings = keeper.settings
        sources = (
            [s.id for s in keeper.alignment.sources]
            if keeper.alignment
            else [s.id for s in keeper.store.sources]
            if keeper.store
            else []
        )
        with Vertical(id="panel"):
            yield Label(self._title(), classes="title", id="title")
            with Horizontal(id="filters"):
                yield Select(
                    [(drawn(c), c) for c in self._values("category", settings.categories)],
                    prompt="all categories",
                    id="f-category",
                )
                yield Select(
                    [(drawn(s), s) for s in self._values("severity", settings.severities)],
                    prompt="all severities",
                    id="f-severity",
                )
                yield Select(
                    [(drawn(s), s) for s in self._values("status", settings.statuses)],
                    prompt="all statuses",
                    id="f-status",
                )
                yield Select([(drawn(s), s) for s in sources], prompt="all sources", id="f-source")
            yield DataTable(cursor_type="row", zebra_stripes=True, id="table")
            yield Static("", id="detail")
            yield Static(
                "enter go to row · e edit (re-attach a lost target by editing its words) · s next status · "
                "c confirm moved targets · d delete · esc close",
                classes="hint",
            )

    def _values(self, field: str, configured: list[str]) -> list[str]:
        extra = sorted({getattr(a, field) for a in self.keeper.annotations} - set(configured))
        return list(configured) + extra

    def _title(self) -> str:
        keeper = self.keeper
        lost = sum(1 for a in keeper.annotations if a.needs_review)
        where = f" — {keeper.path}" if keeper.path else ""
        tail = f" · {lost} to check (fuzzy or orphaned)" if lost else ""
        return drawn(f"Annotations: {len(keeper.annotations)}{tail}{where}")

    def on_mount(self) -> None:
        self._ready = True
        table = self.query_one(DataTable)
        table.add_columns("row", "category", "severity", "status", "anchor", "wordings", "note")
        self.keeper.watch(self._refresh)
        self.app.theme_changed_signal.subscribe(self, self._theme_changed)
        self._refresh()
        table.focus()

    def _theme_changed(self, theme: Theme) -> None:
        self._refresh()  # the table's cells hold styles of the old theme

    def on_unmount(self) -> None:
        self._ready = False
        self.app.theme_changed_signal.unsubscribe(self)
        try:
            self.keeper._listeners.remove(self._refresh)
        except ValueError:
            pass

    # ------------------------------------------------------------ content

    def _filters(self) -> dict[str, str | None]:
        out: dict[str, str | None] = {}
        for name in ("category", "severity", "status", "source"):
            select = self.query_one(f"#f-{name}", Select)
            out[name] = None if select.is_blank() else str(select.value)
        return out

    def _matches(self, annotation: Annotation, filters: dict[str, str | None]) -> bool:
        for name in ("category", "severity", "status"):
            if filters[name] is not None and getattr(annotation, name) != filters[name]:
                return False
        source = filters["source"]
        return source is None or any(t.source == source for t in annotation.targets)

    def _style(self, name: str) -> Style:
        return self.get_component_rich_style(f"annotations--{name}", partial=True)

    def _refresh(self) -> None:
        if not self._ready:
            return
        table = self.query_one(DataTable)
        keep = self.current.id if self.current else None
        filters = self._filters()
        keeper = self.keeper
        rows = {a.id: keeper.row_of(a) for a in keeper.annotations}
        self.shown = sorted(
            (a for a in keeper.annotations if self._matches(a, filters)),
            key=lambda a: (rows[a.id] is None, rows[a.id] or 0, a.created),
        )
        table.clear()
        for ann in self.shown:
            row = rows[ann.id]
            wordings = " | ".join(f"{drawn(t.source)}: {excerpt(t.exact, 28)}" for t in ann.targets) or "(no target)"
            anchor = anchor_summary(ann)
            table.add_row(
                "—" if row is None else str(row + 1),
                drawn(ann.category),
                Text(drawn(ann.severity), self._style(ann.severity) if ann.severity in SEVERITIES else ""),
                drawn(ann.status),
                Text(anchor, self._style("orphan" if anchor == "ORPHAN" else "moved")),
                wordings,
                excerpt(ann.note, 40),
                key=ann.id,
            )
        if keep is not None:
            index = next((i for i, a in enumerate(self.shown) if a.id == keep), None)
            if index is not None:
                table.move_cursor(row=index)
        self.query_one("#title", Label).update(self._title())
        self._show_detail()

    @property
    def current(self) -> Annotation | None:
        if not self._ready or not self.shown:
            return None
        index = self.query_one(DataTable).cursor_row
        return self.shown[index] if 0 <= index < len(self.shown) else None

    def _show_detail(self) -> None:
        ann = self.current
        detail = self.query_one("#detail", Static)
        if ann is None:
            detail.update(
                Text(
                    "No annotations match."
                    if self.keeper.annotations
                    else "No annotations yet: press a on a row to add one.",
                    "dim",
                )
            )
            return
        text = Text()
        text.append(drawn(f"{ann.category} · {ann.severity} · {ann.status}"), "bold")
        text.append(drawn(f"  by {ann.author or '?'}, {ann.modified}") + "\n", "dim")
        if ann.note:
            text.append(drawn_lines(ann.note.rstrip("\n")) + "\n")
        for t in ann.targets:
            state = "" if t.anchor == "anchored" else f" [{t.anchor}]"
            text.append(drawn(f"{t.source} {t.start}–{t.end}{state}: "), "bold")
            text.append(f"“{excerpt(t.exact, 90)}”\n")
        detail.update(text)

    def on_select_changed(self, event: Select.Changed) -> None:
        self._refresh()

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_detail()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_jump()

    # ------------------------------------------------------------ actions

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "jump" and not isinstance(self.focused, DataTable):
            return False  # Enter opens a focused filter instead
        if action in ("edit", "cycle_status", "confirm_anchor", "delete", "jump") and self.current is None:
            return None
        return True

    def action_close(self) -> None:
        self.dismiss(None)

    def action_jump(self) -> None:
        ann = self.current
        if ann is None:
            return
        row = self.keeper.row_of(ann)
        if row is None:
            self.notify("This annotation's targets are lost (orphaned): press e to re-attach it.", severity="warning")
            return
        self.dismiss(row)

    def action_edit(self) -> None:
        ann = self.current
        if ann is None:
            return
        dialog = self.keeper.dialog_for_edit(ann)
        if dialog is None:
            return

        def saved(result: Annotation | None) -> None:
            if result is not None:
                self.keeper.put(result)

        self.app.push_screen(dialog, saved)

    def action_cycle_status(self) -> None:
        ann = self.current
        statuses = self.keeper.settings.statuses
        if ann is None or not statuses:
            return
        nxt = statuses[(statuses.index(ann.status) + 1) % len(statuses)] if ann.status in statuses else statuses[0]
        self.keeper.update(ann.id, f"set the status to {nxt}", status=nxt)

    def action_confirm_anchor(self) -> None:
        ann = self.current
        if ann is None:
            return
        if not any(t.anchor in ("relocated", "fuzzy") for t in ann.targets):
            self.notify("Nothing to confirm: no target of this annotation moved.", timeout=3)
            return
        self.keeper.confirm_anchors(ann.id)

    def action_delete(self) -> None:
        from srccompare.app.screens.confirm import ConfirmScreen

        ann = self.current
        if ann is None:
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.keeper.delete(ann.id)

        quote = next((t.exact for t in ann.targets), "")
        message = f"{drawn(ann.category)} · {drawn(ann.severity)}\n{excerpt(ann.note, 70) or '(no note)'}\n“{excerpt(quote, 70)}”"
        self.app.push_screen(ConfirmScreen("Delete this annotation?", message, yes="Delete"), answered)
