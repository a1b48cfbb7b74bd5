"""The review screen: headings, the side-by-side view, the overview strip, flags, search.

It owns the workers that align (and re-align on a base change) so the screen
never freezes, and turns key bindings into calls on the view.
"""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Input
from textual.worker import Worker, WorkerState, get_current_worker

from srccompare.app.drawn import drawn
from srccompare.app.screens.review_keys import NEEDS_ALIGNMENT, REVIEW_BINDINGS
from srccompare.app.screens.review_tools import ReviewTools
from srccompare.app.widgets.aligned_view import AlignedView
from srccompare.app.widgets.column_header import ColumnHeader
from srccompare.app.widgets.flag_list import FlagList
from srccompare.app.widgets.flag_panel import FlagPanel
from srccompare.app.widgets.key_bar import KeyBar
from srccompare.app.widgets.loading import LoadingPanel
from srccompare.app.widgets.overview import Overview
from srccompare.app.widgets.status_line import StatusLine
from srccompare.core.model import Alignment

NOTHING_FURTHER = {
    ("divergence", 1): "No more divergent rows below.",
    ("divergence", -1): "No divergent rows above.",
    ("flag", 1): "No more flagged rows below (showing {severity} and above).",
    ("flag", -1): "No flagged rows above.",
    ("worst flag", 1): "No less serious flags left (o: top to bottom).",
    ("worst flag", -1): "No more serious flags (o: top to bottom).",
    ("sentence", 1): "No more sentences below in the focused column.",
    ("sentence", -1): "No sentences above in the focused column.",
}


class ReviewScreen(ReviewTools):
    """Where the reviewer reads the sources side by side and moves through what differs."""

    BINDINGS = REVIEW_BINDINGS

    def __init__(self) -> None:
        super().__init__()
        self.view = AlignedView(min_severity=self.srcapp.min_severity, id="aligned")
        self._anchor: tuple[str, int] | None = None
        self._footer_state: tuple | None = None
        self._panels_state: tuple | None = None
        self._latest_progress: tuple[int, int] | None = None

    @property
    def alignment(self) -> Alignment | None:
        return self.view.alignment

    def compose(self) -> ComposeResult:
        yield LoadingPanel(id="loading")
        with Vertical(id="review"):
            yield ColumnHeader(self.view, id="header")
            with Horizontal(id="body"):
                yield self.view
                yield Overview(self.view, id="overview")
            yield StatusLine(id="status")
            yield FlagPanel(id="flags")
            yield FlagList(id="flag-list")
        yield KeyBar(id="keys")

    def on_mount(self) -> None:
        self.srcapp.keeper.watch(self._annotations_changed)
        self.set_interval(0.1, self._show_progress)
        if self.srcapp.outside is not None:  # the review names files outside its folder: ask first
            self._set_loading("Waiting for your answer…")
            self.srcapp.ask_consent(self.begin)
        else:
            self.begin()

    def begin(self) -> None:
        """Show the alignment given, or the one being computed, or align now."""
        if self.srcapp.alignment is not None:
            self._show(self.srcapp.alignment)
        elif self.srcapp.pending is not None and (ready := self.srcapp.pending.try_result()) is not None:
            self.srcapp.pending = None
            self._show(ready)
        elif self.srcapp.pending is not None:
            self._set_loading(f"Aligning {len(self.srcapp.sources)} sources…")
            self._await_pending()
        else:
            self.start_align(self.srcapp.base)

    # ---------------------------------------------------------- aligning

    def _set_loading(self, message: str | None) -> None:
        """Show the progress panel with ``message`` (None: show the review)."""
        loading = message is not None
        panel = self.query_one(LoadingPanel)
        changed = panel.display != loading
        panel.display = loading  # an overlay: the review underneath keeps its layout
        if message is not None:
            self._latest_progress = None
            panel.start(message)
        if changed:
            self.refresh_bindings()

    def start_align(self, base: str | None) -> None:
        """Align (again) with ``base`` as the base column, showing progress meanwhile."""
        self._set_loading(f"Aligning {len(self.srcapp.sources)} sources…")
        self.align(base)

    def _note_progress(self, done: int, total: int) -> None:
        """Called from the worker thread: only remember; a timer draws it (no cross-thread round trip)."""
        self._latest_progress = (done, total)

    def _show_progress(self) -> None:
        latest = self._latest_progress
        if latest is not None and self.query_one(LoadingPanel).display:
            self.query_one(LoadingPanel).progress(*latest)

    @work(thread=True, exclusive=True, group="align", exit_on_error=False, description="align the sources")
    def align(self, base: str | None) -> Alignment:
        """Align the sources in a thread; progress goes to the loading panel. Under another base, the
        pairs' work kept with the current alignment is used again (only the rows are made anew)."""
        from srccompare.engine.pipeline import build_alignment

        app = self.srcapp
        return build_alignment(app.sources, base, app.config, self._note_progress, reuse=self.alignment)

    @work(thread=True, exclusive=True, group="align", exit_on_error=False, description="await the alignment")
    def _await_pending(self) -> Alignment:
        """Wait for the alignment started in another process before the app (see cli/prealign.py)."""
        app = self.srcapp
        job, app.pending = app.pending, None
        assert job is not None
        app.aligning = job
        try:
            return job.result(self._note_progress)
        finally:
            app.aligning = None

    @on(Worker.StateChanged)
    def _worker_done(self, event: Worker.StateChanged) -> None:
        worker = event.worker
        if worker.group == "align":
            if event.state == WorkerState.SUCCESS and isinstance(worker.result, Alignment):
                self._show(worker.result)
            elif event.state == WorkerState.ERROR:
                message = str(worker.error) or type(worker.error).__name__
                self.query_one(LoadingPanel).fail(f"Could not align: {message}")
                self.notify(f"Could not align: {message}", severity="error", timeout=10)
                if self.alignment is not None:
                    self._set_loading(None)
        elif worker.group == "agreement" and event.state == WorkerState.SUCCESS:
            result = worker.result
            if isinstance(result, tuple) and result[0] is self.alignment:
                self.query_one(Overview).set_agreement(result[1])

    def _show(self, alignment: Alignment) -> None:
        """Display a finished alignment, keeping the reader on the same paragraph after a re-align."""
        # Before the first layout the view has no size yet: lay out for the size it will get
        # (terminal minus overview and scrollbar), so the very first frame shows the rows.
        self.view.expected_width = self.app.size.width - (len(alignment.sources) + 3) - 1
        self.view.set_alignment(alignment)
        self.srcapp.keeper.attach(alignment)
        if self._anchor is not None:
            row = self.view.state.row_of_paragraph(*self._anchor)
            if row is not None:
                self.view.move_cursor(row, jump=True)
            self._anchor = None
        overview = self.query_one(Overview)
        overview.fit_width()
        overview.set_agreement(None)
        # The headings redraw with the rows, not a message later: on a long alignment the rows'
        # wrapping worker can hold that message back long enough to show a new base under old headings.
        self._layout_changed()
        self._set_loading(None)
        self.view.focus()
        # The exact overview figures can wait until the first screen is painted.
        self.set_timer(0.3, lambda: self._measure_agreement(alignment) if alignment is self.alignment else None)

    @work(thread=True, exclusive=True, group="agreement", description="measure row agreement")
    def _measure_agreement(self, alignment: Alignment) -> tuple[Alignment, list[dict[str, float | None]]] | None:
        """Per-row agreement for the overview (the proxy shows until this is done)."""
        from srccompare.engine.compare import agreement

        worker = get_current_worker()
        out = []
        for row in alignment.rows:
            if worker.is_cancelled:
                return None
            out.append(agreement(alignment, row))
        return alignment, out

    # ------------------------------------------------------------ updates

    @on(AlignedView.CursorMoved)
    def _cursor_moved(self) -> None:
        """Bring the panels in line with the view.

        Keyboard actions call this directly so everything changes in one frame;
        the view's message arrives later and then finds nothing to do.
        """
        view = self.view
        state = (
            view.alignment,
            view.cursor,
            view.sentence,
            view.focused,
            view.state.min_severity,
            view.search_query,
            view.match_count,
            view.geometry,
            view.zoom,
            view.folded,
            round(view.scroll_offset.y),
        )
        if state == self._panels_state:
            return
        self._panels_state = state
        self.query_one(FlagPanel).show_row(
            view.alignment, view.current_row, view.visible_flags(view.current_row), view.state.min_severity
        )
        self.follow_view()
        self.query_one(StatusLine).show(view)
        self.query_one(Overview).refresh()
        self.query_one(ColumnHeader).refresh()
        self._refresh_footer()

    def _refresh_footer(self) -> None:
        """Re-check which keys apply, but only when that can have changed (the footer is costly to rebuild)."""
        view = self.view
        state = (view.alignment is not None and view.alignment.base, view.focused, bool(view.search_query))
        if state != self._footer_state:
            self._footer_state = state
            self.refresh_bindings()

    @on(AlignedView.LayoutChanged)
    def _layout_changed(self) -> None:
        self._refresh_footer()
        self.query_one(ColumnHeader).refresh()
        self.query_one(StatusLine).show(self.view)
        self.query_one(Overview).refresh()

    def column_commands(self):
        """Palette commands to bring any column into view (on a narrow terminal, pick what to show)."""
        from textual.app import SystemCommand

        alignment = self.alignment
        if alignment is None:
            return
        for n, source in enumerate(alignment.sources, 1):
            yield SystemCommand(
                drawn(f"Show column {n}: {source.id}"),
                drawn(f"{source.title} — focus it (scrolls it into view)"),
                lambda source_id=source.id: self._focus_column(source_id),
            )

    def _focus_column(self, source_id: str) -> None:
        self.view.focus_column(source_id)
        self._cursor_moved()

    @on(AlignedView.Scrolled)
    def _scrolled(self) -> None:
        """Mouse-wheel scrolling: redraw what shows the rows on screen. After a key the
        action has already done so in the same frame, and this finds nothing new."""
        self._cursor_moved()

    @on(Overview.Jump)
    def _jump(self, event: Overview.Jump) -> None:
        self.view.move_cursor(event.row, jump=True)
        self.view.focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in NEEDS_ALIGNMENT and (self.alignment is None or self.query_one(LoadingPanel).display):
            return None
        if action == "annotate_flag" and not self.view.visible_flags(self.view.current_row):
            return None
        if action in ("edit_annotation", "delete_annotation") and self.view.cursor not in self.srcapp.keeper.rows:
            return None
        if action == "make_base" and self.alignment is not None and self.view.focused == self.alignment.base:
            return None
        if action == "next_match" and not self.view.search_query:
            return None
        return self.tools_check(action)

    # ------------------------------------------------------------ actions

    def action_next_row(self, delta: int) -> None:
        self.view.step(delta)
        self._cursor_moved()

    def _nothing_further(self, what: str, direction: int) -> None:
        if what == "flag" and self.view.state.worst_first:
            what = "worst flag"
        message = NOTHING_FURTHER[what, 1 if direction > 0 else -1]
        self.notify(message.format(severity=self.view.state.min_severity), timeout=2)

    def action_next_divergence(self, direction: int) -> None:
        if not self.view.next_divergence(direction):
            self._nothing_further("divergence", direction)
        self._cursor_moved()

    def action_next_flag(self, direction: int) -> None:
        if not self.view.next_flag(direction):
            self._nothing_further("flag", direction)
        self._cursor_moved()

    def action_next_sentence(self, direction: int) -> None:
        """Move the sentence cursor through the focused column; the sentences linked to it are marked."""
        if not self.view.step_sentence(direction):
            self._nothing_further("sentence", direction)
        self._cursor_moved()

    def action_next_column(self, direction: int) -> None:
        self.view.cycle_column(direction)
        self._cursor_moved()

    def action_scroll_columns(self, direction: int) -> None:
        self.view.scroll_columns(direction)

    def action_page(self, direction: int) -> None:
        self.view.page(direction)
        self._cursor_moved()

    def action_go_to_end(self, direction: int) -> None:
        """The last row (1) or the first (-1)."""
        self.view.move_cursor(len(self.view.rows) - 1 if direction > 0 else 0, jump=True)
        self._cursor_moved()

    def action_toggle_zoom(self) -> None:
        self.view.toggle_zoom()
        self.query_one(StatusLine).show(self.view)

    def action_toggle_fold(self) -> None:
        self.view.toggle_fold()
        self.query_one(StatusLine).show(self.view)

    def action_make_base(self) -> None:
        """Re-align with the focused column as the base, keeping the cursor on its paragraph."""
        view, alignment = self.view, self.alignment
        if alignment is None or view.focused is None or view.focused == alignment.base:
            return
        row = view.current_row
        self._anchor = None
        if row is not None:
            for source_id in [view.focused, *[s.id for s in alignment.sources]]:
                cells = row.cells.get(source_id)
                if cells:
                    self._anchor = (source_id, cells[0])
                    break
        self.start_align(view.focused)

    def action_search(self) -> None:
        found = self.query("#search")
        if found:
            search = found.first(Input)
        else:
            search = Input(placeholder="search all sources (Enter: next hit, Esc: close)", id="search")
            self.query_one("#review").mount(search)
        search.display = True
        search.value = self.view.search_query
        search.focus()

    def action_next_match(self, direction: int = 1) -> None:
        if not self.view.next_match(direction):
            self.notify(f"No hits for '{self.view.search_query}'.", timeout=2)
        self._cursor_moved()

    @on(Input.Submitted, "#search")
    def _search_submitted(self, event: Input.Submitted) -> None:
        query = event.value
        if query != self.view.search_query:
            hits = self.view.search(query)
            if not query.strip():
                self._close_search()
            elif hits == 0:
                self.notify(f"No hits for '{query}'.", timeout=3)
            elif self.view.cursor not in self.view.match_rows:
                self.view.next_match(1)
        else:
            self.view.next_match(1)
        self.query_one(StatusLine).show(self.view)
        self.refresh_bindings()

    def key_escape(self) -> None:
        if self.query("#search") and self.query_one("#search").display:
            self._close_search()

    def _close_search(self) -> None:
        self.query_one("#search").display = False
        self.view.focus()

    # ------------------------------------------------------------ annotations

    def _annotations_changed(self) -> None:
        """Annotations were added, edited, deleted or reloaded: redraw the marks."""
        self.view.set_annotated(set(self.srcapp.keeper.rows))
        self.query_one(Overview).reset()
        self.refresh_bindings()

    def _save_new(self, result) -> None:
        if result is not None:
            self.srcapp.keeper.put(result)

    def action_annotate(self) -> None:
        """Annotate the current row: the dialog proposes each source's divergent words."""
        dialog = self.srcapp.keeper.dialog_for_row(self.view.cursor)
        if dialog is not None:
            self.app.push_screen(dialog, self._save_new)

    def action_annotate_flag(self) -> None:
        """Annotate the current row's first (most severe) flag: category and words from the flag."""
        flags = self.view.visible_flags(self.view.current_row)
        if not flags:
            return
        dialog = self.srcapp.keeper.dialog_for_flag(self.view.cursor, flags[0])
        if dialog is not None:
            self.app.push_screen(dialog, self._save_new)

    def _row_annotation(self):
        annotations = self.srcapp.keeper.rows.get(self.view.cursor, [])
        return annotations[-1] if annotations else None

    def action_edit_annotation(self) -> None:
        annotation = self._row_annotation()
        if annotation is None:
            return
        if len(self.srcapp.keeper.rows.get(self.view.cursor, [])) > 1:
            self.notify("This row has several annotations: editing the latest (A lists them all).", timeout=3)
        dialog = self.srcapp.keeper.dialog_for_edit(annotation)
        if dialog is not None:
            self.app.push_screen(dialog, self._save_new)

    def action_delete_annotation(self) -> None:
        from srccompare.app.screens.confirm import ConfirmScreen

        annotation = self._row_annotation()
        if annotation is None:
            return
        keeper = self.srcapp.keeper

        def answered(yes: bool | None) -> None:
            if yes:
                keeper.delete(annotation.id)

        note = " ".join(annotation.note.split())[:70] or "(no note)"
        self.app.push_screen(
            ConfirmScreen(
                "Delete the annotation on this row?",
                f"{annotation.category} · {annotation.severity}\n{note}",
                yes="Delete",
            ),
            answered,
        )

    def action_annotations(self) -> None:
        """List every annotation; choosing one jumps to its row."""
        from srccompare.app.screens.annotations_list import AnnotationsScreen

        def jump(row: int | None) -> None:
            if row is not None and self.alignment is not None and 0 <= row < len(self.alignment.rows):
                self.view.move_cursor(row, jump=True)
                self.view.focus()

        self.app.push_screen(AnnotationsScreen(self.srcapp.keeper), jump)
