"""Leaving the app without losing work: asked before quitting over it, kept when a signal ends the app.

Work not in the review file is of two kinds: changes a save could not write
(a full disk; :attr:`AnnotationKeeper.unsaved`) and a note in an open annotation
dialog. Quitting saves again first; whatever is still at risk is listed, and
the reviewer goes back, tries again, or quits. An open note is kept as a draft
in the rescue folder either way, and offered back next time.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from srccompare.app.screens.annotate import AnnotateScreen

if TYPE_CHECKING:
    from srccompare.app.app import SrcCompareApp


def open_dialogs(app: SrcCompareApp) -> list[AnnotateScreen]:
    """Annotation dialogs holding something the reviewer typed or chose."""
    return [s for s in app.screen_stack if isinstance(s, AnnotateScreen) and s.changed()]


def at_risk(app: SrcCompareApp) -> tuple[list[str], bool]:
    """What quitting now would leave out of the review file, and whether any of it would be lost."""
    keeper, lines, losing = app.keeper, [], False
    if keeper.unsaved is not None:
        keeper.save_again(quiet=True)
    if keeper.unsaved is not None:
        losing = True
        lines.append(f"Changes to the annotations are not saved: {keeper.unsaved}")
    for dialog in open_dialogs(app):
        problem = dialog.keep_draft()
        if problem is not None:
            losing = True
            lines.append(f"The note you are writing could not be kept as a draft: {problem}")
        else:
            lines.append(
                "The note you are writing is not saved in the review yet. It is kept as a draft in "
                f"{keeper.notes.where(dialog.annotation.id)} and offered back when you open this review again."
            )
    return lines, losing


def check_before_quitting(app: SrcCompareApp) -> None:
    """Quit at once when everything is on disk; else ask (back, try again, quit)."""
    from srccompare.app.screens.quit import QUIT, RETRY, QuitScreen

    if isinstance(app.screen, QuitScreen):
        return
    lines, losing = at_risk(app)
    if not lines:
        app.exit()
        return

    def answered(choice: str | None) -> None:
        if choice == RETRY:
            check_before_quitting(app)
        elif choice == QUIT:
            if losing:
                app.keeper.notes.keep_unsaved()  # one last try: the rescue folder may be on another disk
            app.exit()

    title = "Quit and lose work that is not saved?" if losing else "Quit with an unfinished note?"
    app.push_screen(QuitScreen(title, lines, losing=losing), answered)


def keep_everything(app: SrcCompareApp) -> list[str]:
    """A signal is ending the app: keep what can be kept, without asking. Returns lines for stderr."""
    keeper, lines = app.keeper, []
    for dialog in open_dialogs(app):
        problem = dialog.keep_draft()
        where = keeper.notes.where(dialog.annotation.id)
        if problem is None:
            lines.append(f"srccompare: the note being written is kept in {where}; it is offered back next time")
        else:
            lines.append(f"srccompare: the note being written could not be kept: {problem}")
    if keeper.unsaved is not None:
        keeper.save_again(quiet=True)
    if keeper.unsaved is not None:
        problems = keeper.notes.keep_unsaved()
        kept = f"could not be kept either: {problems[0]}" if problems else "are kept as drafts in the rescue folder"
        lines.append(f"srccompare: changes not saved ({keeper.unsaved}) {kept}")
    return lines
