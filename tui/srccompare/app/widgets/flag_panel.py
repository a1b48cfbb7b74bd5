"""The flag panel: what the engine flagged in the current row, most severe first.

Severities are coloured through component classes (theme colours, see
srccompare.tcss) and always spelled out, so they never rely on colour alone.
"""

from __future__ import annotations

from collections.abc import Mapping

from rich.style import Style
from rich.text import Text
from textual.theme import Theme
from textual.widgets import Static

from srccompare.app.drawn import drawn
from srccompare.app.source_names import columns_list, flag_message
from srccompare.core.kinds import SEVERITIES
from srccompare.core.model import Alignment, Flag, Row

SEVERITY_SHAPE: Mapping[str, Style | str] = {"critical": "bold reverse", "major": "bold", "minor": ""}
"""The severities without colour (what a caller outside the app gets)."""


def describe_flag(alignment: Alignment, flag: Flag, styles: Mapping[str, Style | str] = SEVERITY_SHAPE) -> Text:
    """One line: severity, kind, message, and the columns it involves."""
    line = Text()
    line.append(f"[{flag.severity}]", styles.get(flag.severity, ""))
    line.append(f" {drawn(flag.kind)}: ", "bold")
    line.append(drawn(flag_message(alignment, flag)))  # sources named by column and title, not by id
    involved = columns_list(alignment, [sid for sid in flag.spans if flag.spans[sid]])
    if involved:
        line.append(drawn(f"  ({involved})"), "dim")
    return line


class FlagPanel(Static):
    """Lists the current row's flags at or above the chosen severity."""

    COMPONENT_CLASSES = {f"flagpanel--{severity}" for severity in SEVERITIES}

    DEFAULT_CSS = """
    FlagPanel { height: auto; max-height: 6; padding: 0 1; background: $boost; }
    """

    _lines = 0
    _shown: tuple[Alignment | None, Row | None, list[Flag], str] = (None, None, [], "minor")

    def on_mount(self) -> None:
        self.app.theme_changed_signal.subscribe(self, self._theme_changed)

    def _theme_changed(self, theme: Theme) -> None:
        self.show_row(*self._shown)

    def severity_styles(self) -> dict[str, Style]:
        """Each severity's style from the theme (component classes ``flagpanel--<severity>``)."""
        return {s: self.get_component_rich_style(f"flagpanel--{s}", partial=True) for s in SEVERITIES}

    def show_row(self, alignment: Alignment | None, row: Row | None, flags: list[Flag], min_severity: str) -> None:
        self._shown = (alignment, row, flags, min_severity)
        self._show(self.describe_row(alignment, row, flags, min_severity, self.severity_styles()))

    @staticmethod
    def describe_row(
        alignment: Alignment | None,
        row: Row | None,
        flags: list[Flag],
        min_severity: str,
        styles: Mapping[str, Style | str] = SEVERITY_SHAPE,
    ) -> Text:
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
        text.append(Text("\n").join(describe_flag(alignment, f, styles) for f in flags))
        return text

    def _show(self, text: Text) -> None:
        """Redraw; re-layout the screen only when the panel's height changes (layout is costly)."""
        room = max(1, self.size.width - 2)
        lines = sum(max(1, -(-line.cell_len // room)) for line in text.split("\n"))
        self.update(text, layout=min(lines, 6) != self._lines)
        self._lines = min(lines, 6)
