"""The srccompare review app: holds the sources and settings, and starts on the review screen.

Kept small on purpose: screens live in ``screens/`` (other parts add their own
there), and every binding carries an id so ``keys:`` in config.yaml remaps it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from textual import events, on
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.constants import DIM_FACTOR
from textual.filter import LineFilter
from textual.screen import Screen
from textual.worker import Worker, WorkerState

from srccompare.app.annotation_keeper import AnnotationKeeper
from srccompare.app.app_state import save_theme, saved_theme
from srccompare.app.consent import OutsideSources, consent_dialog, declined
from srccompare.app.contrast import ContrastFilter
from srccompare.app.drawn import drawn, drawn_lines, pasted
from srccompare.app.screens.help import HelpScreen, collect_bindings
from srccompare.app.screens.review import ReviewScreen
from srccompare.app.signals import SignalGuard
from srccompare.app.typeahead import CaughtUp, KeyHold
from srccompare.core.config import Config
from srccompare.core.model import Alignment, Source
from srccompare.review.store import AnnotationStore

if TYPE_CHECKING:
    from srccompare.engine.jobs import AlignmentJob


UNOFFERED_THEMES = ("ansi-dark", "ansi-light")
"""Themes the app does not offer: their colours are the terminal's own palette, unknown to the app,
so it cannot keep text readable in them (see contrast.py). NO_COLOR still gives a plain terminal."""


class SrcCompareApp(App[int]):
    """Compare several versions of one story side by side."""

    CSS_PATH = Path(__file__).with_name("srccompare.tcss")
    TITLE = "srccompare"

    BINDINGS = [
        Binding("q", "quit", "Quit", id="quit"),
        Binding("question_mark", "help", "Help", id="help"),
        Binding("ctrl+p", "command_palette", "Commands", id="command_palette", priority=True, show=False),
        Binding("ctrl+s", "save_annotations", "Save again (after a failed save)", id="save_annotations", show=False),
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
        outside: OutsideSources | None = None,
        signals: SignalGuard | None = None,
    ) -> None:
        super().__init__()
        for name in UNOFFERED_THEMES:
            self.unregister_theme(name)
        self._contrast = ContrastFilter(DIM_FACTOR)
        self.outside = outside
        """Sources the review names outside its folder: read only once the reviewer allows it."""
        self.signals = signals
        """Catches SIGTERM, SIGHUP and the like (see signals.py); None in tests driving the app."""
        self.farewell: list[str] = []
        """Lines for stderr once the app has closed (why it stopped, where unfinished notes are)."""
        self._begin_after_consent: Callable[[], None] = lambda: None
        self.typeahead = KeyHold(self, super().on_event)
        """Keys typed straight after ``a`` go into the dialog it opens (see typeahead.py)."""
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

    def get_line_filters(self) -> Sequence[LineFilter]:
        """Textual's filters (dim and ANSI colours made RGB), then the contrast floor (contrast.py)."""
        return [*super().get_line_filters(), self._contrast]

    def get_default_screen(self) -> Screen:
        return ReviewScreen()

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Paste):  # a paste may carry escape sequences into a note or the search
            event.text = pasted(event.text)
        if isinstance(event, (events.Key, events.Paste)) and not event.is_forwarded:
            await self.typeahead.handle(event)  # from the terminal: held while a dialog opens
            return
        await super().on_event(event)

    @on(CaughtUp)
    async def _caught_up(self) -> None:
        await self.typeahead.release()

    def on_load(self) -> None:
        if self.signals is not None:
            import asyncio

            self.signals.attach(asyncio.get_running_loop(), self.stop_for_signal, self._terminal_modes)

    def _terminal_modes(self) -> tuple[int, list] | None:
        """The terminal's file descriptor and its modes before the app changed them (None: not a terminal)."""
        driver = self._driver
        modes = getattr(driver, "attrs_before", None)
        fileno = getattr(driver, "fileno", None)
        return (fileno, modes) if isinstance(fileno, int) and modes is not None else None

    # ------------------------------------------------------------ the review's sources

    def ask_consent(self, begin: Callable[[], None]) -> None:
        """Show the sources outside the review's folder; read them all only after a yes, then ``begin``."""
        outside = self.outside
        assert outside is not None

        def answered(yes: bool | None) -> None:
            if not yes:
                self.farewell.append(declined(outside))
                self.exit(return_code=2)
                return
            self._begin_after_consent = begin
            self.run_worker(outside.load, thread=True, group="allowed-sources", exit_on_error=False)

        self.push_screen(consent_dialog(outside), answered)

    @on(Worker.StateChanged)
    def _allowed_sources_read(self, event: Worker.StateChanged) -> None:
        if event.worker.group != "allowed-sources":
            return
        if event.state == WorkerState.SUCCESS:
            result: tuple[list[Source], str | None] = event.worker.result  # type: ignore[assignment]
            self.sources, self.base = result
            self.outside = None
            self._begin_after_consent()
        elif event.state == WorkerState.ERROR:
            self.farewell.append(f"srccompare: {event.worker.error}")
            self.exit(return_code=2)

    # ------------------------------------------------------------ saving, quitting, signals

    def action_save_annotations(self) -> None:
        """Save again what a save could not write (a full disk, once there is room)."""
        self.keeper.save_again()

    async def action_quit(self) -> None:
        self.leave()

    def leave(self) -> None:
        """Quit, but never over work that is not on disk without asking first."""
        from srccompare.app.quitting import check_before_quitting

        check_before_quitting(self)

    def stop_for_signal(self, signum: int) -> None:
        """A terminating signal: keep open notes and unsaved changes, then exit (the terminal is put back)."""
        import signal

        from srccompare.app.quitting import keep_everything

        self.farewell.append(f"srccompare: stopped by {signal.Signals(signum).name}")
        self.farewell.extend(keep_everything(self))
        self.exit(return_code=128 + signum)

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
