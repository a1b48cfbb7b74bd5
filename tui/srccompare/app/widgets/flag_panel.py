"""The flag panel: what the engine flagged in the current row, most severe first."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from srccompare.core.model import Alignment, Flag, Row

SEVERITY_STYLE = {"critical": "bold reverse red", "major": "bold red", "minor": "yellow"}


def describe_flag(alignment: Alignment, flag: Flag) -> Text:
    """One line: severity, kind, message, and the sources it involves."""
    line = Text()
    line.append(f"[{flag.severity}]", SEVERITY_STYLE.get(flag.severity, ""))
    line.append(f" {flag.kind}: ", "bold")
    line.append(flag.message)
    involved = [sid for sid in flag.spans if flag.spans[sid]]
    if involved:
        line.append(f"  ({', '.join(involved)})", "dim")
    return line


class FlagPanel(Static):
    """Lists the current row's flags at or above the chosen severity."""

    DEFAULT_CSS = """
    FlagPanel { height: auto; max-height: 6; padding: 0 1; background: $boost; }
    """

    _lines = 0

    def show_row(self, alignment: Alignment | None, row: Row | None, flags: list[Flag], min_severity: str) -> None:
        self._show(self.describe_row(alignment, row, flags, min_severity))

    @staticmethod
    def describe_row(alignment: Alignment | None, row: Row | None, flags: list[Flag], min_severity: str) -> Text:
        if alignment is None or row is None:
            return Text("")
        if not flags:
            hidden = len(row.flags)
            note = f"Row {row.id + 1}: no flags"
            if hidden:
                note += f" at {min_severity} or above ({hidden} below)"
            return Text(note, "dim")
        text = Text(
            f"Row {row.id + 1}: {len(flags)} flag{'s' if len(flags) != 1 else ''} (f/F: next/previous flagged row)\n",
            "bold",
        )
        text.append(Text("\n").join(describe_flag(alignment, f) for f in flags))
        return text

    def _show(self, text: Text) -> None:
        """Redraw; re-layout the screen only when the panel's height changes (layout is costly)."""
        room = max(1, self.size.width - 2)
        lines = sum(max(1, -(-line.cell_len // room)) for line in text.split("\n"))
        self.update(text, layout=min(lines, 6) != self._lines)
        self._lines = min(lines, 6)
