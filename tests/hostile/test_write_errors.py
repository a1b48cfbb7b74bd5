"""Standard output that cannot be written, and folders or config files that cannot be read (issue 13, item 12).

``> /dev/full``, a closed stdout (``>&-``) and a file-size limit (``ulimit -f``)
each end with exit status 2 and one line naming standard output, with no
"Exception ignored" at interpreter exit; a reader that went away (``| head``)
stops quietly. A folder with mode 000 and an unreadable user config are one
line and exit status 2 too: those cases run as the unprivileged user ``nobody``
(see :mod:`tests.hostile.as_nobody`), since root may read anything.
"""

from __future__ import annotations

import os
import resource
import subprocess
from pathlib import Path

import pytest

from tests.hostile.as_nobody import run_as_nobody, shared_folder
from tests.hostile.cli_checks import assert_one_line_error, files_in, run

STORY = "Dock workers walked out on Monday.\n\nThe strike will last 30 days.\n"
OTHER = "Dock workers walked out on Tuesday.\n\nThe strike will last 30 days.\n"
REVIEW = "format: srccompare-annotations\nschema_version: 1\nsources: []\nannotations:\n  - id: a1\n    note: hi\n"

COMMANDS = {
    "show": ["show", "a.txt"],
    "show --paragraphs": ["show", "--paragraphs", "a.txt"],
    "align": ["align", "a.txt", "b.txt"],
    "align --format json": ["align", "a.txt", "b.txt", "--format", "json"],
    "export": ["export", "review.yaml", "--format", "csv"],
    "--help": ["--help"],
    "--version": ["--version"],
}


@pytest.fixture
def story(tmp_path: Path) -> Path:
    (tmp_path / "a.txt").write_text(STORY * 40, encoding="utf-8")
    (tmp_path / "b.txt").write_text(OTHER * 40, encoding="utf-8")
    (tmp_path / "review.yaml").write_text(REVIEW, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("command", list(COMMANDS))
def test_a_full_disk_on_stdout_is_one_line(story, command):
    before = files_in(story)
    with open("/dev/full", "wb") as full:
        done = run(*COMMANDS[command], cwd=story, stdout=full.fileno())
    assert_one_line_error(done, "standard output", "No space left on device")
    assert files_in(story) == before


@pytest.mark.parametrize("command", ["show", "align", "export"])
def test_a_closed_stdout_is_one_line(story, command):
    done = run(*COMMANDS[command], cwd=story, stdout=None, preexec_fn=lambda: os.close(1))
    assert_one_line_error(done, "standard output", "closed")


@pytest.mark.parametrize("command", ["show", "align", "export"])
def test_a_file_size_limit_is_one_line(story, command):
    out = story / "out.txt"

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (200, 200))

    with open(out, "wb") as target:
        done = run(
            *COMMANDS[command],
            cwd=story,
            stdout=target.fileno(),
            preexec_fn=limit,
            env={"PYTHONDONTWRITEBYTECODE": "1"},  # no cache file may hit the limit before srccompare runs
        )
    assert_one_line_error(done, "standard output", "File too large")
    assert out.stat().st_size == 200


def test_a_file_size_limit_with_o_leaves_no_file(story):
    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (200, 200))

    before = files_in(story)
    done = run("show", "a.txt", "-o", "out.txt", cwd=story, preexec_fn=limit, env={"PYTHONDONTWRITEBYTECODE": "1"})
    assert_one_line_error(done, "out.txt", "File too large")
    assert files_in(story) == before  # no partial output, no temp file left


def test_a_terminal_that_cannot_encode_the_text_is_one_line(story):
    (story / "accent.txt").write_text("Café strike ends.\n", encoding="utf-8")
    done = run("show", "accent.txt", cwd=story, env={"PYTHONIOENCODING": "ascii"})
    assert_one_line_error(done, "standard output", "encoding (ascii)", "-o FILE")


def test_a_reader_that_went_away_stops_quietly(story):
    read, write = os.pipe()
    os.close(read)
    try:
        done = run("show", "a.txt", cwd=story, stdout=write)
    finally:
        os.close(write)
    assert done.stderr == b""  # no message, no "Exception ignored ... BrokenPipeError"
    assert done.returncode == 1


def test_a_reader_that_stops_early_leaves_no_noise(story):
    (story / "big.txt").write_text(STORY * 20000, encoding="utf-8")
    pipe = subprocess.Popen(["head", "-c", "10"], stdin=subprocess.PIPE, stdout=subprocess.DEVNULL)
    assert pipe.stdin is not None
    done = run("show", "big.txt", cwd=story, stdout=pipe.stdin.fileno())
    pipe.stdin.close()
    pipe.wait()
    assert done.stderr == b""
    assert done.returncode in (0, 1)  # 0 when head read everything before it went


# --------------------------------------------------------------------- as an unprivileged user


@pytest.fixture
def locked() -> Path:
    """A folder ``nobody`` owns, holding ``locked/`` (mode 000) with a story and a review in it."""
    with shared_folder() as folder:
        inner = folder / "locked"
        inner.mkdir()
        (inner / "a.txt").write_text(STORY, encoding="utf-8")
        (inner / "review.yaml").write_text(REVIEW, encoding="utf-8")
        (inner / "config.yaml").write_text("alignment: {}\n", encoding="utf-8")
        (folder / "b.txt").write_text(OTHER, encoding="utf-8")
        (folder / "c.txt").write_text(STORY, encoding="utf-8")
        inner.chmod(0)
        yield folder
        inner.chmod(0o755)


LOCKED = {
    "show a file in it": (["show", "locked/a.txt"], "locked/a.txt"),
    "show --paragraphs": (["show", "--paragraphs", "locked/a.txt"], "locked/a.txt"),
    "align the folder": (["align", "locked", "b.txt"], "locked"),
    "align a file in it": (["align", "locked/a.txt", "b.txt"], "locked/a.txt"),
    "export a review in it": (["export", "locked/review.yaml"], "locked/review.yaml"),
    "write -o into it": (["show", "b.txt", "-o", "locked/out.txt"], "locked/out.txt"),
    "open the app on it": (["locked/a.txt", "b.txt"], "locked/a.txt"),
    "a review file in it": (["b.txt", "c.txt", "--annotations", "locked/review.yaml"], "locked/review.yaml"),
    "--config in it": (["--config", "locked/config.yaml", "align", "b.txt", "c.txt"], "locked/config.yaml"),
}


@pytest.mark.parametrize("case", list(LOCKED))
def test_a_folder_with_mode_000_is_one_line_as_a_user(locked, case):
    args, name = LOCKED[case]
    before = {p.name: p.read_bytes() for p in locked.iterdir() if p.is_file()}
    done = run_as_nobody(args, cwd=locked)
    assert_one_line_error(done, name, "ermission denied")
    assert {p.name: p.read_bytes() for p in locked.iterdir() if p.is_file()} == before


USER_CONFIG = {
    "in a folder with mode 000": ({"XDG_CONFIG_HOME": "{folder}/locked"}, "locked/srccompare/config.yaml"),
    "named by SRCCOMPARE_CONFIG in it": ({"SRCCOMPARE_CONFIG": "{folder}/locked/config.yaml"}, "locked/config.yaml"),
    "a file with mode 000": ({"SRCCOMPARE_CONFIG": "{folder}/secret.yaml"}, "secret.yaml"),
}


@pytest.mark.parametrize("case", list(USER_CONFIG))
@pytest.mark.parametrize("command", [["align", "b.txt", "c.txt"], ["b.txt", "c.txt"]], ids=["align", "app"])
def test_an_unreadable_user_config_is_one_line_as_a_user(locked, case, command):
    env, name = USER_CONFIG[case]
    secret = locked / "secret.yaml"
    secret.write_text("alignment: {}\n", encoding="utf-8")
    secret.chmod(0)
    env = {key: value.format(folder=locked) for key, value in env.items()}
    done = run_as_nobody(command, cwd=locked, env={**env, "SRCCOMPARE_NO_USER_CONFIG": ""})
    assert_one_line_error(done, name, "ermission denied")
    assert done.stdout == b""


@pytest.mark.parametrize("command", [["align", "a.txt", "b.txt"], ["a.txt", "b.txt"]], ids=["align", "app"])
def test_a_folder_at_the_user_config_path_is_one_line(story, command):
    (story / "srccompare" / "config.yaml").mkdir(parents=True)
    done = run(*command, cwd=story, env={"XDG_CONFIG_HOME": str(story), "SRCCOMPARE_NO_USER_CONFIG": ""})
    assert_one_line_error(done, "srccompare/config.yaml", "is a folder")
