"""Keys typed straight after a key that opens the annotation dialog go into the dialog, in order.

Textual hands each key to the focused widget's queue; a binding acts only once
the key has bubbled up through the widget's ancestors to the app. Keys typed
meanwhile have already been handed to the same widget, so without care the
note typed after ``a`` would act on the review screen (``q`` quitting, ``n``
moving, ``h`` folding) and be lost. Making ``a`` a priority binding would not
do: it would jump ahead of ``j`` typed before it and annotate the wrong row.

So when a key arrives whose binding opens the dialog, the app lets it go its
usual way, posts :class:`CaughtUp` behind it to the same widget, and holds every
later key. The marker reaches the app after the key has been acted on (queues
are first in, first out along the same path), and the held keys are then
handed on in order, to the dialog if one opened. A timer releases them in any
case, so a marker that never arrives costs no key.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import events
from textual.message import Message
from textual.timer import Timer

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable

    from textual.app import App

DIALOG_BINDINGS = frozenset({"annotate", "annotate_flag", "edit_annotation", "annotations_edit", "draft_restore"})
"""Ids of the bindings that open the annotation dialog."""

RELEASE_SECONDS = 3.0
"""Held keys are handed on after this long even if the marker never arrived."""


class CaughtUp(Message):
    """Posted behind a key that opens a dialog: when it reaches the app, that key has been acted on."""


class KeyHold:
    """Holds the keys that follow a dialog-opening key until that key has been acted on."""

    def __init__(self, app: App, dispatch: Callable[[events.Event], Awaitable[None]]) -> None:
        self.app = app
        self._dispatch = dispatch
        """Hands a key or paste to Textual as usual (``App.on_event``)."""
        self._held: list[events.Key | events.Paste] | None = None
        self._timer: Timer | None = None

    def opens_dialog(self, key: str) -> bool:
        from textual.app import ScreenStackError

        try:
            active = self.app.screen.active_bindings.get(key)
        except ScreenStackError:  # starting or closing: no screen to act on it
            return False
        return active is not None and active.binding.id in DIALOG_BINDINGS

    async def handle(self, event: events.Key | events.Paste) -> None:
        """A key or paste from the terminal: hold it, or hand it on (and start holding if it opens a dialog)."""
        if self._held is not None:
            self._held.append(event)
            return
        await self._pass(event)

    async def _pass(self, event: events.Key | events.Paste) -> None:
        opens = isinstance(event, events.Key) and self.opens_dialog(event.key)
        target = self.app.focused or self.app.screen
        await self._dispatch(event)
        if opens and self._held is None:
            self._held = []
            target.post_message(CaughtUp())
            self._timer = self.app.set_timer(RELEASE_SECONDS, self.release)

    async def release(self) -> None:
        """Hand the held keys on, in order; one that opens a dialog again holds the rest behind it."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        pending, self._held = self._held or [], None
        while pending:
            await self._pass(pending.pop(0))
            if self._held is not None:
                self._held[:0] = pending
                return
