"""The key bar at the bottom: the keys that apply now, as one line of text.

Textual's Footer builds a widget per key and rebuilds them whenever bindings
change, which cost more than everything else on the first screen put
together. This draws the same information as a single line of text (keys that
do not apply are dimmed), follows the screen's binding updates, and runs a
key's action when it is clicked. Help and quit come first so they stay
visible on a narrow terminal; a key is shown whole or not at all, and the
command palette's key stays at the end when the others do not all fit.
"""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.screen import Screen
from textual.widgets import Static

FIRST = ("help", "quit")


class KeyBar(Static):
    DEFAULT_CSS = """
    KeyBar { dock: bottom; height: 1; background: $footer-background; color: $footer-foreground; }
    """

    def __init__(self, id: str | None = None) -> None:
        super().__init__("", id=id)
        self._targets: list[tuple[int, int, str]] = []
        self._scheduled = False

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self._bindings_changed(self.screen)

    def on_resize(self, event: events.Resize) -> None:
        self._bindings_changed(self.screen)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen) -> None:
        """Redraw once for a burst of binding updates (start-up sends several in a row)."""
        if self.is_attached and screen is self.screen and not self._scheduled:
            self._scheduled = True
            self.call_next(self._redraw)

    def _redraw(self) -> None:
        self._scheduled = False
        if self.is_attached:
            self.update(self.describe(self.screen), layout=False)

    def describe(self, screen: Screen, width: int | None = None) -> Text:
        """One line: each shown binding once, keys bold, disabled ones dimmed; those that
        do not fit whole in ``width`` (default: the bar's own) are left out."""
        if width is None:
            width = self.size.width or None
        seen: set[str] = set()
        entries = []
        for _key, active in screen.active_bindings.items():
            binding = active.binding
            if not binding.show or binding.action in seen:
                continue
            seen.add(binding.action)
            entries.append((binding, active.enabled))
        entries.sort(key=lambda e: FIRST.index(e[0].id) if e[0].id in FIRST else len(FIRST))
        palette = screen.active_bindings.get(self.app.COMMAND_PALETTE_BINDING)
        palette_key = f" {self.app.get_key_display(palette.binding)} " if palette is not None else ""
        room = None if width is None else width - (len(palette_key) + len(" Commands ") + 2 if palette else 0)
        text = Text(no_wrap=True, overflow="ellipsis")
        self._targets = []
        for binding, enabled in entries:
            key = f" {self.app.get_key_display(binding)} "
            label = f" {binding.description} "
            if room is not None and len(text) + len(key) + len(label) > room:
                break
            start = len(text)
            text.append(key, "bold reverse" if enabled else "dim reverse")
            text.append(label, "" if enabled else "dim")
            self._targets.append((start, len(text), binding.action))
        if palette is not None:
            text.append("  ")
            start = len(text)
            text.append(palette_key, "bold reverse")
            text.append(" Commands ")
            self._targets.append((start, len(text), palette.binding.action))
        return text

    async def on_click(self, event: events.Click) -> None:
        for start, end, action in self._targets:
            if start <= event.x < end:
                await self.app.run_action(action, self.screen)
                return
