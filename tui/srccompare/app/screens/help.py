"""The help screen: every key binding with its id (for ``keys:`` in config.yaml) and how to read the view."""

from __future__ import annotations

from dataclasses import dataclass

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static


@dataclass(frozen=True, slots=True)
class KeyHelp:
    keys: str
    description: str
    binding_id: str


def collect_bindings(screen: Screen) -> list[KeyHelp]:
    """The bindings active on ``screen`` (after the user's keymap), one entry per id."""
    by_id: dict[str, tuple[list[str], str]] = {}
    order: list[str] = []
    for key, active in screen.active_bindings.items():
        binding = active.binding
        if binding.system or not binding.id:
            continue
        if binding.id not in by_id:
            by_id[binding.id] = ([], binding.description or binding.action)
            order.append(binding.id)
        display = screen.app.get_key_display(Binding(key, binding.action, key_display=binding.key_display))
        if display not in by_id[binding.id][0]:
            by_id[binding.id][0].append(display)
    return [KeyHelp(", ".join(by_id[i][0]), by_id[i][1], i) for i in order]


READING = """\
How to read the screen
  Columns   one per source: number, title, id. ★ marks the base, which every other
            column is compared with; ◆ marks the focused column (tab moves it).
            ◀2 / 2▶ in the headings: columns scrolled out of view (←/→ show them);
            the focused column always shows, and f brings in the column a flag is
            about. z (focus mode) keeps the base and the focused column, and hides
            the rows that have text in neither.
  Rows      matching paragraphs start on the same line. "· · ·" marks a gap (the
            source has nothing there); "¶12 of wire, moved" says where a paragraph
            sits in its own source. Page furniture (menus, "Read more") starts
            folded, a row to one line; h shows it whole (dimmed) and folds it again.
            The view opens on the first row with text of the base.
  Words     underlined = inserted, struck through = deleted from the base,
            bold reversed = replaced; the base column shows what the focused
            column dropped or replaced. Bold underlined = the words a flag is
            about. Words are compared sentence by sentence, along the links
            between sentences that say the same. Quote and dash styles, spacing
            and line breaks are not differences.
  Sentences dim italic = a sentence with no partner in the compared column (the
            base is compared with the focused column, the others with the base).
            [ / ] move a sentence cursor through the focused column: it is bold
            and overlined, and the sentences linked to it in the other columns
            are overlined.
  Gutter    row number; ! = major or critical flags, · = minor flags (listed in
            the panel under the view; f/F skip rows flagged only as page
            furniture); ✎ = annotated.
  Flags     the panel under the view lists the cursor row's flags; messages name
            sources by column number and title (col 3 “…”). l opens the list of
            every flag: s sorts it by severity, row or kind, ↑/↓ take the view to
            each flag's row and column, enter goes there and back to the view, esc
            closes it. v shows only stronger flags (minor, major, critical) in the
            gutter, the panels and f/F. o switches f/F between top to bottom and
            most serious first (critical, then major, then minor; row order within).
  Notes     ✎ in the gutter marks an annotated row; . and , go to the next and
            previous one, u undoes the last change to the annotations, and the
            status line counts them by status (open, confirmed, dismissed, resolved).
            : goes to a row by number; c copies the cursor sentence, else the
            focused column's text in the row, to the clipboard.
  Overview  right edge: one line per group of rows, one cell per source, numbered
            as the columns: · agrees with the base, ░ ▒ ▓ █ differ more and more,
            × has nothing there; then flags (! ·) and ✎. ▶ is the cursor, │ the
            rows on screen. Click a line to jump there.
"""


class HelpScreen(ModalScreen[None]):
    """Lists the bindings that apply on the screen below, with their ids."""

    BINDINGS = [
        Binding("escape,q,question_mark", "dismiss_help", "Close help", id="close_help"),
    ]

    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: 96; max-width: 100%; height: 90%; border: round $accent;
        background: $surface; padding: 0 1;
    }
    """

    def __init__(self, entries: list[KeyHelp]) -> None:
        super().__init__()
        self.entries = entries

    def compose(self) -> ComposeResult:
        table = Table(title="srccompare keys (change them under keys: in config.yaml)", expand=True, box=None)
        table.add_column("Key", style="bold", no_wrap=True)
        table.add_column("Does")
        table.add_column("Binding id", style="dim", no_wrap=True)
        for entry in self.entries:
            table.add_row(entry.keys, entry.description, entry.binding_id)
        with VerticalScroll():
            yield Static(table, id="help-keys")
            yield Static(Text(READING), id="help-reading")
            yield Static(Text("escape, q or ? closes this help.", style="dim"))

    def action_dismiss_help(self) -> None:
        self.dismiss(None)
