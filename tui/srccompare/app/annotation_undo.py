"""Undo for the review's annotations (``u``): each change the reviewer makes can be taken back.

Plain Python (no Textual). The keeper (annotation_keeper.py) tells the log what
the annotations were before each change it commits; the log keeps, per change,
only the annotations it touched (as they were, or None for one it added).
Undoing puts those back through the keeper, so the undo is saved at once like
any other change, and is not itself recorded.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from srccompare.review.model import Annotation
from srccompare.review.store import AnnotationStore

UNDO_STEPS = 100
"""Changes kept for undo (the oldest go first)."""


@dataclass(frozen=True, slots=True)
class Step:
    """One change: what it was, and each annotation it touched as it was before (None: added by it)."""

    description: str
    before: dict[str, Annotation | None]


class UndoLog:
    """The changes that can be undone, the last one last."""

    def __init__(self, limit: int = UNDO_STEPS) -> None:
        self.limit = limit
        self.steps: list[Step] = []
        self._paused = False

    def snapshot(self, annotations: list[Annotation]) -> dict[str, Annotation]:
        """The annotations before a change, by id (copies: a change may edit them in place)."""
        return {a.id: copy.deepcopy(a) for a in annotations}

    def record(self, before: dict[str, Annotation], after: list[Annotation], description: str) -> None:
        """Remember what a change did (nothing, if it changed nothing or an undo is running)."""
        if self._paused:
            return
        now = {a.id: a for a in after}
        touched: dict[str, Annotation | None] = {}
        for annotation_id, old in before.items():
            if now.get(annotation_id) != old:
                touched[annotation_id] = old
        for annotation_id in now.keys() - before.keys():
            touched[annotation_id] = None
        if touched:
            self.steps.append(Step(description, touched))
            del self.steps[: -self.limit]

    @property
    def last(self) -> Step | None:
        return self.steps[-1] if self.steps else None

    @contextmanager
    def paused(self) -> Iterator[None]:
        self._paused = True
        try:
            yield
        finally:
            self._paused = False

    def pop(self) -> Step | None:
        return self.steps.pop() if self.steps else None


def restore(step: Step, store: AnnotationStore) -> None:
    """Put back what ``step`` changed: edited and deleted annotations as they were, added ones removed."""
    for annotation_id, old in step.before.items():
        if old is None:
            store.remove(annotation_id)
        else:
            store.put(copy.deepcopy(old))
