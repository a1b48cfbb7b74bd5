"""The srccompare review app: holds the sources and settings, and starts on the review screen.

Kept small on purpose: screens live in ``screens/`` (other parts add their own
there), and every binding carries an id so ``keys:`` in config.yaml remaps it.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from srccompare.app.annotation_keeper import AnnotationKeeper
from srccompare.app.app_state import save_theme, saved_theme
from srccompare.app.drawn import drawn, drawn_lines, pasted
from srccompare.app.screens.help import HelpScreen, collect_bindings
from srccompare.app.screens.review import ReviewScreen
from srccompare.core.config import Config
from srccompare.core.model import Alignment, Source
from srccompare.review.store import AnnotationStore

if TYPE_CHECKING:
    from srccompare.engine.jobs import AlignmentJob


class SrcCompareApp(App[int]):
    """Compare several versions of one story side by side."""

    CSS_PATH = Path(__file__).with_name("srccompare.tcss")
    TITLE = "srccompare"

    BINDINGS = [
        Binding("q", "quit", "Quit", id="quit"),
        Binding("question_mark", "help", "Help", id="help"),
        Binding("ctrl+p", "command_palette", "Commands", id="command_palette", priority=True, show=False),
    ]

    def __init__(
        self,
        sources: list[Source],
        config: Config,
        base: str | None = None,
        *,
        annotations_path: str | Path | None = None,
        annotations: AnnotationStore | None = None,
        min_severity: str = "minor",
        alignment: Alignment | None = None,
        pending: AlignmentJob | None = None,
    ) -> None:
        super().__init__()
        self.sources = sources
        self.config = config
        self.base = base
        self.annotations_path = Path(annotations_path) if annotations_path else None
        self.min_severity = min_severity
        self.alignment = alignment
        self.pending = pending
        """An alignment already being computed in another process (see cli/prealign.py)."""
        self.aligning: AlignmentJob | None = None
        """The child process a worker is waiting on, stopped if the reviewer quits first."""
        """A finished alignment to show at once (tests, benchmarks); None aligns in a worker."""
        self.keeper = self._open_annotations(annotations)
        """The review's annotations: placed on rows, saved at once (see annotation_keeper.py)."""
        self._remembered_theme: str | None = None
        """The theme in the state file (see app_state.py); a different one chosen later is saved."""
        self._theme_restored = False

    def _open_annotations(self, store: AnnotationStore | None) -> AnnotationKeeper:
        """The given store, else the file named by ``annotations_path`` or the default beside the first source."""
        from srccompare.core.errors import UserError
        from srccompare.review.paths import default_annotation_path
        from srccompare.review.store import open_review_file

        problem = None
        if store is None:
            path = self.annotations_path or (default_annotation_path(self.sources[0].path) if self.sources else None)
            try:
                store = open_review_file(path) if path is not None else None
            except UserError as exc:
                problem = str(exc)  # shown in the app; the file is never written
        return AnnotationKeeper(self, store, self.config.annotations, problem)

    def exit(self, *args, **kwargs) -> None:
        """Quit; a worker still waiting for the alignment process is released at once."""
        if self.aligning is not None:
            self.aligning.stop()
        super().exit(*args, **kwargs)

    def notify(self, message: str, *, title: str = "", severity="information", timeout=None, markup=True) -> None:
        """Every notification (screens' and widgets' too) shows controls in it as symbols: messages quote file names."""
        super().notify(drawn_lines(message), title=drawn(title), severity=severity, timeout=timeout, markup=markup)

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Paste):  # a paste may carry escape sequences into a note or the search
            event.text = pasted(event.text)
        await super().on_event(event)

    def get_default_screen(self) -> Screen:
        return ReviewScreen()

    def on_mount(self) -> None:
        self._restore_theme()
        if self.config.keys:
            self.set_keymap(self.config.keys)
            self.call_after_refresh(self._check_keymap)

    def _restore_theme(self) -> None:
        """Start with the theme chosen last time (one no longer available is ignored)."""
        self._remembered_theme = saved_theme()
        if self._remembered_theme in self.available_themes:
            self.theme = self._remembered_theme
        self._theme_restored = True

    def watch_theme(self, theme: str) -> None:
        """Remember a theme chosen in the command palette for the next start."""
        if self._theme_restored and theme != self._remembered_theme:
            self._remembered_theme = theme
            save_theme(theme)

    def _check_keymap(self) -> None:  # a last guard; launch.run_app refuses unknown ids before start
        known = {entry.binding_id for entry in collect_bindings(self.screen)}
        unknown = sorted(set(self.config.keys) - known)
        if unknown:
            self.notify(
                f"config keys: no binding with id {', '.join(unknown)} (see ? for the ids)",
                severity="warning",
                timeout=8,
            )

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(collect_bindings(self.screen)))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """The palette offers every bound action of the screen, with its key and id."""
        yield from super().get_system_commands(screen)
        if isinstance(screen, HelpScreen):
            return
        for fmt, name in (
            ("md", "Markdown report"),
            ("html", "HTML report"),
            ("csv", "CSV"),
            ("json", "JSON"),
            ("w3c", "W3C Web Annotations"),
        ):
            yield SystemCommand(
                f"Export annotations: {name}",
                "written beside the annotation file",
                partial(self.keeper.export, fmt),
            )
        if isinstance(screen, ReviewScreen):
            from srccompare.app.report_file import save_report

            yield SystemCommand(
                "Save report as HTML…",
                "the columns side by side with marks, flags and annotations, written beside the annotation file",
                partial(save_report, screen),
            )
        seen = {"command_palette", "quit"}
        for entry in collect_bindings(screen):
            if entry.binding_id in seen:
                continue
            seen.add(entry.binding_id)
            action = next(
                (a.binding.action for a in screen.active_bindings.values() if a.binding.id == entry.binding_id), None
            )
            if action is None:
                continue
            yield SystemCommand(
                entry.description,
                f"key {entry.keys} · binding id {entry.binding_id}",
                partial(self.run_action, action, screen),
            )
        if isinstance(screen, ReviewScreen):
            yield from screen.column_commands()


def known_binding_ids() -> set[str]:
    """Every binding id of the app, its screens and widgets: what ``keys:`` in the config may name."""
    import importlib
    import pkgutil

    import srccompare.app.screens as screens
    import srccompare.app.widgets as widgets

    modules = [importlib.import_module(__name__)]
    for package in (screens, widgets):
        for info in pkgutil.iter_modules(package.__path__):
            modules.append(importlib.import_module(f"{package.__name__}.{info.name}"))
    ids: set[str] = set()
    for module in modules:
        for obj in vars(module).values():
            if isinstance(obj, type) and obj.__module__ == module.__name__:
                for binding in getattr(obj, "BINDINGS", ()):
                    if isinstance(binding, Binding) and binding.id:
                        ids.add(binding.id)
    return ids
