"""Issue 13, item 9: signals end the app with the terminal put back and no note lost.

The app runs for real in a pseudo-terminal. SIGTERM and SIGHUP arrive while a
note is being typed: every mode the app switched on is switched off again at
the end of the byte stream, echo and line editing are back on, and the note is
in the rescue folder. ``kill -9`` cannot be caught: the draft kept every few
seconds is offered back on the next start.
"""

from __future__ import annotations

import os
import signal
import sys
import termios
import time
from pathlib import Path

import pytest

pytest.importorskip("pexpect")

from srccompare.review.store import AnnotationStore
from tests.hostile.pty_app import DIALOG, READY, AppInPty, rescued, restored, story

pytestmark = pytest.mark.skipif(os.name != "posix", reason="pseudo-terminals and signals are POSIX")


def drafts(home: Path) -> list[Path]:
    return sorted(rescued(home).glob("*.draft-*.yaml"))


def open_dialog_and_type(app: AppInPty, note: str) -> None:
    app.wait_for_text(READY, 60)
    mark = len(app.output)
    app.send("a")
    app.wait_for_text(DIALOG, after=mark)
    app.send(note)
    app.wait_for_text(note.encode(), after=mark)


CAUGHT = [signal.SIGTERM, signal.SIGHUP, signal.SIGINT, signal.SIGQUIT]
"""kill's default, a closed terminal, and the two a terminal sends (here from outside: the app reads ctrl+c as a key)."""


@pytest.mark.parametrize("sig", CAUGHT, ids=[s.name for s in CAUGHT])
def test_a_signal_restores_the_terminal_and_keeps_the_note_being_typed(tmp_path: Path, sig: signal.Signals):
    wire, reprint = story(tmp_path / "story")
    review = tmp_path / "story" / "review.yaml"
    note = f"typed-before-{sig.name}: the reprint says 300"
    app = AppInPty(tmp_path, str(wire), str(reprint), "--annotations", str(review))
    try:
        open_dialog_and_type(app, note)
        os.kill(app.pid, sig)
        status = app.finish()
    finally:
        app.stop()
    assert status == 128 + sig, f"exit status {status}, signal {app.signal_status}"
    output = bytes(app.output)
    assert restored(output) == [], "modes the app left switched on"
    assert output.rfind(b"\x1b[?1049l") > output.rfind(b"\x1b[?1049h") >= 0
    assert app.modes_at_exit is not None
    lflag = app.modes_at_exit[3]
    assert lflag & termios.ECHO and lflag & termios.ICANON, "echo and line editing are back on"
    assert f"stopped by {sig.name}".encode() in output

    kept = drafts(tmp_path)
    assert len(kept) == 1
    assert note in kept[0].read_text(encoding="utf-8")
    assert str(kept[0]).encode() in output.replace(b"\r\n", b"")  # the last lines say where it is
    assert not review.exists(), "nothing was saved: the note waits as a draft"


def test_after_kill_9_the_draft_is_offered_back_on_the_next_start(tmp_path: Path):
    wire, reprint = story(tmp_path / "story")
    review = tmp_path / "story" / "review.yaml"
    note = "typed-before-kill-9: 3,000 or 300?"
    args = (str(wire), str(reprint), "--annotations", str(review))
    app = AppInPty(tmp_path, *args)
    try:
        open_dialog_and_type(app, note)
        app.wait_for(lambda: any(note in d.read_text(encoding="utf-8") for d in drafts(tmp_path)), "the draft", 10)
        os.kill(app.pid, signal.SIGKILL)
        app.finish()
    finally:
        app.stop()
    assert app.signal_status == signal.SIGKILL
    assert not review.exists()

    again = AppInPty(tmp_path, *args)
    try:
        again.wait_for_text(b"An unfinished note from an earlier session", 60)
        mark = len(again.output)
        again.send("r")  # restore: the dialog opens with the note
        again.send(" Checked.")  # typed at once: it waits for the dialog
        again.wait_for_text(b"Unfinished note from an earlier session", after=mark)
        again.wait_for_text(b"Checked.", after=mark)
        again.send("\x13")  # ctrl+s
        again.wait_for(lambda: review.exists() and len(AnnotationStore.load(review)) == 1, "the saved annotation")
        again.send("q")
        assert again.finish() == 0
    finally:
        again.stop()
    assert [a.note for a in AnnotationStore.load(review).annotations] == [note + " Checked."]
    assert drafts(tmp_path) == [], "the draft goes once its note is in the review"
    assert restored(bytes(again.output)) == []


def test_in_a_terminal_the_app_asks_before_opening_sources_outside_the_review_folder(tmp_path: Path):
    """Item 6 through the real launcher: the question, then the review after a yes."""
    wire, reprint = story(tmp_path / "sources")
    folder = tmp_path / "reviews"
    folder.mkdir()
    review = folder / "review.yaml"
    store = AnnotationStore(review)
    store.record_sources([_Source("wire", str(wire)), _Source("reprint", str(reprint))])
    store.save()
    raw = review.read_bytes()
    app = AppInPty(tmp_path, "--annotations", str(review))
    try:
        app.wait_for_text(b"Open files outside the review's folder?", 60)
        app.send("y")
        app.wait_for_text(READY, 60)
        app.send("q")
        assert app.finish() == 0
    finally:
        app.stop()
    assert review.read_bytes() == raw


class _Source:
    def __init__(self, source_id: str, path: str) -> None:
        self.id, self.path, self.sha256 = source_id, path, ""


STUCK = """
import asyncio, os, sys, termios, time, tty
from srccompare.app.signals import SignalGuard

fd = sys.stdin.fileno()
before = termios.tcgetattr(fd)
tty.setraw(fd)
os.write(1, b"\\x1b[?1049h\\x1b[?1000h\\x1b[?25l")
guard = SignalGuard().install()

async def main():
    # The app's answer to a signal never runs: its loop is busy (or writes to a dead terminal hang).
    guard.attach(asyncio.get_running_loop(), lambda signum: None, lambda: (fd, before))
    os.write(1, b"stuck\\r\\n")
    time.sleep(60)

asyncio.run(main())
"""


@pytest.mark.parametrize("second", [False, True], ids=["watchdog", "second-signal"])
def test_an_app_that_cannot_finish_is_ended_with_the_terminal_put_back(tmp_path: Path, second: bool):
    """If the app has not exited GRACE_SECONDS after the signal (or a second signal comes), the terminal
    modes are put back by hand and the process ends with status 128 + signal."""
    import pexpect

    from srccompare.app.signals import GRACE_SECONDS

    child = pexpect.spawn(sys.executable, ["-c", STUCK], dimensions=(24, 80), timeout=30)
    try:
        child.expect("stuck")
        output = child.before + child.after
        assert not termios.tcgetattr(child.child_fd)[3] & termios.ECHO, "raw, as the app leaves it"
        started = time.monotonic()
        os.kill(child.pid, signal.SIGTERM)
        if second:
            time.sleep(0.3)
            os.kill(child.pid, signal.SIGTERM)
        child.expect(pexpect.EOF, timeout=GRACE_SECONDS + 10)
        took = time.monotonic() - started
        output += child.before
        modes = termios.tcgetattr(child.child_fd)
        child.wait()
    finally:
        child.close(force=True)
    assert child.exitstatus == 128 + signal.SIGTERM
    assert (took < GRACE_SECONDS) if second else (took >= GRACE_SECONDS - 0.5)
    assert b"\x1b[?1049h" in output and restored(output) == []
    assert modes[3] & termios.ECHO and modes[3] & termios.ICANON


def test_a_signal_set_to_be_ignored_stays_ignored():
    """Under ``nohup`` SIGHUP is ignored: the app leaves it so (and still catches SIGTERM)."""
    import subprocess

    code = (
        "import signal; signal.signal(signal.SIGHUP, signal.SIG_IGN)\n"
        "from srccompare.app.signals import SignalGuard\n"
        "with SignalGuard() as guard:\n"
        "    print(signal.getsignal(signal.SIGHUP) is signal.SIG_IGN,"
        " signal.getsignal(signal.SIGTERM) == guard._received)\n"
        "print(signal.getsignal(signal.SIGTERM) is signal.SIG_DFL)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["True", "True", "True"], "HUP left ignored, TERM caught, then given back"
