"""The review's annotations inside the app: placed on rows, changed through dialogs, saved at once.

One keeper per app. Every change goes through :meth:`AnnotationKeeper.commit`,
which applies it and saves the file straight away; if the file changed on disk
meanwhile, the reviewer chooses (reload and re-apply, keep mine, discard mine)
and nothing is clobbered silently. A file that cannot be read is never written:
the keeper reports the problem and refuses every change. What saving, rescuing
and settling a conflict do is the store's business
(:meth:`~srccompare.review.store.AnnotationStore.save_or_rescue`,
:meth:`~srccompare.review.store.AnnotationStore.resolve_conflict`); the keeper
asks the reviewer and tells them what happened.

Only a change the reviewer makes is saved: opening a review (and re-anchoring its
annotations on changed sources) never rewrites the file. When a save fails even
in the rescue folder (a full disk), the changes stay in this session
(:attr:`AnnotationKeeper.unsaved`) and every later change, ``ctrl+s`` and quitting
try again. Unfinished notes in open dialogs are kept as drafts
(:mod:`srccompare.review.drafts`) and offered back when the review is opened again.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from srccompare.app.annotation_undo import UndoLog, restore
from srccompare.app.draft_keeper import DraftKeeper
from srccompare.core.config import AnnotationsConfig
from srccompare.core.errors import UserError
from srccompare.core.model import Alignment, Flag
from srccompare.review.model import Annotation, default_author
from srccompare.review.store import RELOAD, AnnotationStore, Change, ConflictError, ReloadError, Rescue

if TYPE_CHECKING:
    from textual.app import App

    from srccompare.app.screens.annotate import AnnotateScreen
    from srccompare.review.anchoring import AnchorReport


class AnnotationKeeper:
    """Owns the :class:`AnnotationStore` of a running review."""

    def __init__(
        self, app: App, store: AnnotationStore | None, settings: AnnotationsConfig, problem: str | None = None
    ) -> None:
        self.app = app
        self.store = store
        self.settings = settings
        self.problem = problem
        """Why annotations cannot be saved (unreadable file), shown instead of saving."""
        self.alignment: Alignment | None = None
        self.rows: dict[int, list[Annotation]] = {}
        self._listeners: list[Callable[[], None]] = []
        self._told_rescued = False
        self.unsaved: str | None = None
        """Why the last save failed; the changes since are in memory only (saved again on the next try)."""
        self._pending: list[Change] = []
        """The changes not on disk yet, re-applied after a conflict when saving again."""
        self.from_dialogs: set[str] = set()
        """Annotations saved from a dialog and not on disk yet: their drafts go once they are."""
        self.notes = DraftKeeper(self)
        """The unfinished notes of open dialogs, kept as drafts and offered back."""
        self.undo = UndoLog()
        """The reviewer's changes, for ``u`` (see annotation_undo.py)."""

    # ------------------------------------------------------------ state

    @property
    def path(self) -> Path | None:
        return self.store.path if self.store is not None else None

    @property
    def annotations(self) -> list[Annotation]:
        return self.store.annotations if self.store is not None else []

    def watch(self, listener: Callable[[], None]) -> None:
        """Call ``listener`` after every change (marks in the view, the list screen)."""
        self._listeners.append(listener)

    def _changed(self) -> None:
        self._place()
        for listener in list(self._listeners):
            listener()

    def _place(self) -> None:
        from srccompare.review.placement import annotated_rows

        self.rows = annotated_rows(self.alignment, self.annotations) if self.alignment is not None else {}

    def row_of(self, annotation: Annotation) -> int | None:
        return next((row for row, anns in self.rows.items() if any(a.id == annotation.id for a in anns)), None)

    def texts(self) -> dict[str, str]:
        return {s.id: s.text for s in self.alignment.sources} if self.alignment is not None else {}

    def usable(self) -> bool:
        """Can annotations be changed now? Tells the reviewer why not."""
        if self.store is None or self.problem:
            self.app.notify(
                f"Annotations are read-only: {self.problem or 'no annotation file'}",
                severity="error",
                timeout=8,
            )
            return False
        return True

    # ------------------------------------------------------------ aligning

    def attach(self, alignment: Alignment) -> None:
        """A (new) alignment is on screen: place annotations on rows, then re-anchor them in a thread.

        Re-anchoring (exact, then approximate search over changed sources) can
        take a while on long texts, so it runs off the UI thread on a copy; the
        result is applied to every annotation the reviewer has not edited since.
        """
        self.alignment = alignment
        if self.store is not None and self.store.rescued_from is not None and not self._told_rescued:
            self._told_rescued = True
            self.app.notify(
                f"{self.store.rescued_from} could not be written in an earlier session; "
                f"this review is kept in {self.store.path}.",
                severity="warning",
                timeout=15,
            )
        if self.problem:
            self.app.notify(
                f"{self.problem}. Annotations are read-only in this session and the file will not be overwritten.",
                severity="error",
                timeout=15,
            )
        self._changed()
        self.app.call_after_refresh(self.notes.offer)
        store = self.store
        if store is None or not store.annotations:
            return
        snapshot = copy.deepcopy(store.annotations)
        records = copy.deepcopy(store.sources)
        self.app.run_worker(
            partial(self._reanchor_in_thread, alignment, snapshot, records),
            thread=True,
            group="reanchor",
            exclusive=True,
            exit_on_error=False,
        )

    def _reanchor_in_thread(self, alignment: Alignment, snapshot: list[Annotation], records: list) -> None:
        from srccompare.review.anchoring import reanchor_store

        assert self.store is not None
        modified = {a.id: a.modified for a in snapshot}
        scratch = AnnotationStore(self.store.path)
        scratch.annotations, scratch.sources = snapshot, records
        try:
            report = reanchor_store(scratch, alignment.sources)
        except Exception as exc:  # never lose the review over a search that failed
            self.app.call_from_thread(self.app.notify, f"Could not re-anchor the annotations: {exc}", severity="error")
            return
        self.app.call_from_thread(self._reanchored, alignment, modified, scratch.annotations, report)

    def _reanchored(
        self,
        alignment: Alignment,
        modified: dict[str, str],
        found: list[Annotation],
        report: AnchorReport,
    ) -> None:
        store = self.store
        if store is None or alignment is not self.alignment:
            return  # another alignment took over meanwhile; it re-anchors itself
        live = {a.id: a for a in store.annotations}
        for ann in found:
            current = live.get(ann.id)
            if current is not None and current.modified == modified[ann.id]:
                current.targets = ann.targets
        store.record_sources(alignment.sources)  # in memory: written with the reviewer's next change
        self._changed()
        if report.changed and report.needs_review:
            self.app.notify(
                f"Sources changed since they were annotated: {report.summary()}. Press A to confirm or re-attach.",
                severity="warning",
                timeout=10,
            )
        if report.missing_sources:
            self.app.notify(
                f"Annotations on sources not open now ({', '.join(report.missing_sources)}) are kept as they are.",
                timeout=6,
            )

    # ------------------------------------------------------------ changing

    def commit(self, change: Change, description: str, done: Callable[[], None] | None = None) -> None:
        """Apply ``change`` to the store and save at once (asking the reviewer on a conflict)."""
        if not self.usable():
            return
        assert self.store is not None
        before = self.undo.snapshot(self.store.annotations)
        change(self.store)
        self.undo.record(before, self.store.annotations, description)
        self._pending.append(change)
        self._changed()
        self._save(description, self._replay, done)

    def _replay(self, store: AnnotationStore) -> None:
        """Every change not on disk yet, applied again (to the file as another program left it)."""
        for change in list(self._pending):
            change(store)

    def save_again(self, *, quiet: bool = False) -> bool:
        """Save what an earlier save could not (the reviewer asked, or is quitting); True when all is on disk."""
        if self.store is None or self.problem:
            if not quiet:
                self.usable()  # says why annotations cannot be saved
            return self.unsaved is None
        if self.unsaved is None:
            if not quiet:
                self.app.notify(f"Nothing to save: every change is in {self.path}.", timeout=4)
            return True
        self._save("save the changes not saved yet", self._replay, quiet=quiet)
        if self.unsaved is None and not quiet:
            self.app.notify(f"Saved {self.path}.", timeout=4)
        return self.unsaved is None

    def undo_last(self) -> str | None:
        """Take back the last change (saved at once, like any change); what it was, or None."""
        step = self.undo.last
        if step is None or not self.usable():
            return None
        self.undo.pop()
        with self.undo.paused():
            self.commit(partial(restore, step), f"undo: {step.description}")
        return step.description

    def _sources(self) -> list | None:
        """The sources on screen, recorded in the file with every save."""
        return list(self.alignment.sources) if self.alignment is not None else None

    def _save(
        self, description: str, change: Change | None, done: Callable[[], None] | None = None, *, quiet: bool = False
    ) -> None:
        store = self.store
        assert store is not None
        try:
            rescue = store.save_or_rescue(sources=self._sources())
        except ConflictError:
            self._ask_conflict(description, change, done)
            return
        except UserError as exc:  # cannot be written anywhere, or broken on disk (never written over)
            self._not_saved(exc, quiet=quiet)
            return
        self._saved(rescue, done)

    def save_key(self) -> str:
        """The key that saves again (``ctrl+s`` unless the config remaps it)."""
        keys = [key for key, active in self.app.active_bindings.items() if active.binding.id == "save_annotations"]
        return keys[0] if keys else "ctrl+s"

    def _not_saved(self, failure: UserError, *, quiet: bool = False) -> None:
        """Keep the changes in this session; the reviewer frees space (or fixes the folder) and saves again."""
        self.unsaved = str(failure)
        if not quiet:
            self.app.notify(
                f"Not saved: {failure}. Your changes are kept in this session: make room (or fix the folder), "
                f"then press {self.save_key()} to save again. Quitting asks first.",
                severity="error",
                timeout=30,
            )

    def _saved(self, rescue: Rescue | None, done: Callable[[], None] | None) -> None:
        self.unsaved = None
        self._pending.clear()
        for annotation_id in self.from_dialogs:
            self.notes.drop_draft(annotation_id)
        self.from_dialogs.clear()
        if rescue is not None:  # the store kept the review in the user's data folder: say where
            self.app.notify(
                f"{rescue.intended} {rescue.reason}. Your annotations are saved in {rescue.path} instead; "
                f"'srccompare --annotations {rescue.path}' reopens them.",
                severity="warning",
                timeout=30,
            )
        if done is not None:
            done()

    def _ask_conflict(self, description: str, change: Change | None, done: Callable[[], None] | None) -> None:
        from srccompare.app.screens.confirm import ConflictScreen

        store = self.store
        assert store is not None

        def settle(choice: str | None) -> None:
            try:
                settled = store.resolve_conflict(choice or RELOAD, change, self._sources())
            except ConflictError:  # changed yet again meanwhile: ask again
                self._changed()
                self._ask_conflict(description, change, done)
                return
            except ReloadError as exc:
                self.problem = str(exc)
                self.app.notify(f"Cannot reload: {exc}", severity="error", timeout=12)
                return
            except UserError as exc:
                self._changed()
                self._not_saved(exc)
                return
            self._changed()
            if not settled.saved:
                self.unsaved = None
                self._pending.clear()
                self.app.notify("Reloaded the annotation file; your change was dropped.", timeout=5)
                return
            self._saved(settled.rescue, done)

        self.app.push_screen(ConflictScreen(str(store.path), description), settle)

    def put(self, annotation: Annotation, done: Callable[[], None] | None = None) -> None:
        self.from_dialogs.add(annotation.id)
        self.commit(lambda s: s.put(annotation), f"save the annotation “{annotation.category}”", done)

    def delete(self, annotation_id: str, done: Callable[[], None] | None = None) -> None:
        self.commit(lambda s: s.remove(annotation_id), "delete an annotation", done)

    def update(self, annotation_id: str, description: str, done: Callable[[], None] | None = None, **changes) -> None:
        def change(store: AnnotationStore) -> None:
            current = store.get(annotation_id)
            if current is not None:
                store.put(current.touched(**changes))

        self.commit(change, description, done)

    def confirm_anchors(self, annotation_id: str, done: Callable[[], None] | None = None) -> None:
        """The reviewer checked the relocated/fuzzy targets: they count as anchored from now on."""

        def change(store: AnnotationStore) -> None:
            from dataclasses import replace

            current = store.get(annotation_id)
            if current is not None:
                targets = [
                    replace(t, anchor="anchored") if t.anchor in ("relocated", "fuzzy") else t for t in current.targets
                ]
                store.put(current.touched(targets=targets))

        self.commit(change, "confirm the moved targets", done)

    # ------------------------------------------------------------ dialogs

    def _author(self) -> str:
        return self.settings.author or default_author()

    def dialog_for_row(self, index: int) -> AnnotateScreen | None:
        """The dialog for a new annotation on row ``index``, proposing each source's divergent words."""
        from srccompare.app.screens.annotate import AnnotateScreen
        from srccompare.review.placement import cell_span, row_targets

        if self.alignment is None or not self.usable():
            return None
        from srccompare.review.placement import category_for_flag

        row = self.alignment.rows[index]
        choices = self._choices(row_targets(self.alignment, row), lambda sid: cell_span(self.alignment, row, sid))
        category, severity = self._first_category(), self._default("severities", "major")
        worst = self._worst_flag(row.flags)
        if worst is not None:  # the engine's strongest flag on the row is the likeliest kind of discrepancy
            category = category_for_flag(worst.kind, self.settings.categories)
            severity = worst.severity if worst.severity in self.settings.severities else severity
        draft = Annotation(
            category=category,
            severity=severity,
            status=self._default("statuses", "open"),
            row=index,
            author=self._author(),
        )
        return AnnotateScreen(
            draft, choices, self.texts(), self.settings, title=f"Annotate row {index + 1}", new=True, drafts=self.notes
        )

    def dialog_for_flag(self, index: int, flag: Flag) -> AnnotateScreen | None:
        """The dialog for a new annotation on a flag: category from its kind, its spans as targets."""
        from srccompare.app.screens.annotate import AnnotateScreen
        from srccompare.app.source_names import flag_message
        from srccompare.review.placement import category_for_flag, cell_span, flag_targets

        if self.alignment is None or not self.usable():
            return None
        row = self.alignment.rows[index]
        choices = self._choices(flag_targets(self.alignment, flag), lambda sid: cell_span(self.alignment, row, sid))
        severity = flag.severity if flag.severity in self.settings.severities else self._default("severities", "major")
        draft = Annotation(
            category=category_for_flag(flag.kind, self.settings.categories),
            severity=severity,
            status=self._default("statuses", "open"),
            note=flag_message(self.alignment, flag),  # as the flag panel says it: columns, not ids
            row=index,
            author=self._author(),
        )
        return AnnotateScreen(
            draft,
            choices,
            self.texts(),
            self.settings,
            title=f"Annotate the {flag.kind} flag on row {index + 1}",
            new=True,
            drafts=self.notes,
        )

    def dialog_for_edit(self, annotation: Annotation) -> AnnotateScreen | None:
        """The dialog for an existing annotation; orphaned targets can be re-attached by editing their words."""
        from srccompare.app.screens.annotate import AnnotateScreen, TargetChoice

        if not self.usable():
            return None
        choices = [TargetChoice(t, self._label(t.source), True, None) for t in annotation.targets]
        row = self.row_of(annotation)
        where = f" (row {row + 1})" if row is not None else ""
        return AnnotateScreen(
            annotation, choices, self.texts(), self.settings, title=f"Edit annotation{where}", drafts=self.notes
        )

    def _choices(self, targets, scope_of) -> list:
        from srccompare.app.screens.annotate import TargetChoice

        return [TargetChoice(t, self._label(t.source), True, scope_of(t.source)) for t in targets]

    def _label(self, source_id: str) -> str:
        if self.alignment is not None:
            for number, source in enumerate(self.alignment.sources, 1):
                if source.id == source_id:
                    return f"{number} {source_id}"
        return source_id

    @staticmethod
    def _worst_flag(flags: list[Flag]) -> Flag | None:
        rank = {"critical": 0, "major": 1, "minor": 2}
        return min(flags, key=lambda f: rank.get(f.severity, 3), default=None)

    def _first_category(self) -> str:
        return self.settings.categories[0] if self.settings.categories else "other"

    def _default(self, name: str, fallback: str) -> str:
        values = getattr(self.settings, name)
        if fallback in values:
            return fallback
        return values[0] if values else fallback

    # ------------------------------------------------------------ export

    def export(self, fmt: str) -> Path | None:
        """Write the export beside the annotation file (``review.md``...) and say where."""
        from srccompare.core.atomic import atomic_write_text
        from srccompare.review.export import export_text, format_name

        if self.store is None:
            self.app.notify("No annotation file to export.", severity="warning")
            return None
        fmt = format_name(fmt)
        suffix = {"w3c": ".jsonld", "md": ".md"}.get(fmt, f".{fmt}")
        out = self.store.path.with_suffix(suffix)
        inputs = {self.store.path.resolve()}
        if self.alignment is not None:
            inputs |= {Path(s.path).resolve() for s in self.alignment.sources}
        if out.resolve() in inputs:
            out = self.store.path.with_suffix(f".export{suffix}")  # never over the review file or a source
        try:
            atomic_write_text(out, export_text(self.store, fmt))
        except OSError as exc:
            self.app.notify(f"Export failed: {out}: {exc.strerror or exc}", severity="error", timeout=10)
            return None
        self.app.notify(f"Exported {len(self.annotations)} annotations to {out}", timeout=6)
        return out
