"""Unfinished notes inside the app: open dialogs kept as drafts, and drafts of earlier sessions offered back.

The annotation dialog keeps its state every few seconds through
:meth:`DraftKeeper.keep_draft`; the app does so at once on SIGTERM, SIGHUP and
the like, and when the reviewer quits with a dialog open. Where drafts live and
how they are written is :mod:`srccompare.review.drafts`' business. A draft goes
when its annotation is on disk or the reviewer cancels the dialog; one left by a
session that ended (``kill -9``, a closed terminal) is offered back when the
review is opened again: restore it, discard it, or keep it for later.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from srccompare.review.drafts import Draft, DraftBox
from srccompare.review.model import Annotation

if TYPE_CHECKING:
    from srccompare.app.annotation_keeper import AnnotationKeeper
    from srccompare.app.screens.annotate import AnnotateScreen


class DraftKeeper:
    """The drafts of the review an :class:`AnnotationKeeper` holds (the dialogs' :class:`DraftSink`)."""

    def __init__(self, keeper: AnnotationKeeper) -> None:
        self.keeper = keeper
        self._box: DraftBox | None = None
        self._offered = False

    @property
    def box(self) -> DraftBox | None:
        """The review's drafts, named by the file the reviewer opened (also when the review was rescued)."""
        store = self.keeper.store
        if store is None:
            return None
        if self._box is None:
            self._box = DraftBox(store.rescued_from or store.path)
        return self._box

    def keep_draft(self, annotation: Annotation, *, new: bool) -> str | None:
        """Keep ``annotation`` as a draft; returns why it could not be kept (None: kept)."""
        box = self.box
        if box is None:
            return "there is no annotation file"
        try:
            box.keep(annotation, new=new)
        except OSError as exc:
            return f"{box.path_for(annotation.id)}: {exc.strerror or exc}"
        return None

    def drop_draft(self, annotation_id: str) -> None:
        if self.box is not None:
            self.box.drop(annotation_id)

    def where(self, annotation_id: str) -> str:
        return str(self.box.path_for(annotation_id)) if self.box is not None else "(nowhere)"

    def keep_unsaved(self) -> list[str]:
        """Last resort when the app ends with changes not on disk: the annotations saved from dialogs
        since go to the rescue folder as drafts. Returns why any could not be kept."""
        store, problems = self.keeper.store, []
        for annotation_id in sorted(self.keeper.from_dialogs):
            ann = store.get(annotation_id) if store is not None else None
            if ann is not None and (problem := self.keep_draft(ann, new=False)) is not None:
                problems.append(problem)
        return problems

    # ------------------------------------------------------------ offering back

    def offer(self) -> None:
        """Offer back, one by one, the unfinished notes earlier sessions left (once per session)."""
        keeper = self.keeper
        if self._offered or keeper.alignment is None or keeper.problem or self.box is None:
            return
        self._offered = True
        self._offer(self.box.pending())

    def _offer(self, drafts: list[Draft]) -> None:
        from srccompare.app.screens.drafts import DISCARD, RESTORE, DraftOfferScreen

        if not drafts:
            return
        draft, rest = drafts[0], drafts[1:]
        app = self.keeper.app

        def answered(choice: str | None) -> None:
            if choice == RESTORE and (dialog := self.dialog_for(draft)) is not None:
                app.push_screen(dialog, lambda result: self._restored(result, rest))
                return
            if choice == DISCARD:
                self.drop_draft(draft.annotation.id)
            self._offer(rest)

        app.push_screen(DraftOfferScreen(draft), answered)

    def _restored(self, result: Annotation | None, rest: list[Draft]) -> None:
        if result is not None:
            self.keeper.put(result)
        self._offer(rest)

    def dialog_for(self, draft: Draft) -> AnnotateScreen | None:
        """The annotation dialog holding ``draft``, its targets looked up again in today's sources."""
        from srccompare.app.screens.annotate import AnnotateScreen
        from srccompare.review.anchoring import locate
        from srccompare.review.placement import cell_span

        keeper = self.keeper
        alignment = keeper.alignment
        if alignment is None or not keeper.usable():
            return None
        texts = keeper.texts()
        ann = draft.annotation
        ann.targets = [locate(t, texts[t.source]) if t.source in texts else t for t in ann.targets]
        row = alignment.rows[ann.row] if ann.row is not None and 0 <= ann.row < len(alignment.rows) else None

        def scope(source_id: str):
            return cell_span(alignment, row, source_id) if row is not None else None

        return AnnotateScreen(
            ann,
            keeper._choices(ann.targets, scope),
            texts,
            keeper.settings,
            title="Unfinished note from an earlier session",
            new=draft.new,
            drafts=self,
            from_draft=True,
        )
