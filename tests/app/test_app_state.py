"""The theme chosen in the command palette is remembered in a state file, never in the config."""

from __future__ import annotations

import json
import os

import pytest

from srccompare.app.app_state import STATE_DIR_ENV, load_state, save_theme, saved_theme, state_path
from tests.app.support import settle, story_app


@pytest.fixture
def state_file(tmp_path):
    path = state_path()
    assert path.parent == tmp_path / "state", "tests never touch the real data folder"
    return path


async def test_a_chosen_theme_is_used_at_the_next_start(tmp_path, state_file):
    app = story_app(tmp_path=tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert not state_file.exists(), "nothing is written until the reviewer picks a theme"
        app.theme = "nord"
        await pilot.pause()
    assert json.loads(state_file.read_text(encoding="utf-8")) == {"theme": "nord"}
    again = story_app(tmp_path=tmp_path)
    async with again.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert again.theme == "nord"
    assert json.loads(state_file.read_text(encoding="utf-8")) == {"theme": "nord"}


async def test_the_theme_palette_command_is_remembered(tmp_path, state_file):
    app = story_app(tmp_path=tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.search_themes()
        await pilot.pause()
        await pilot.press(*"gruvbox")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert app.theme == "gruvbox"
    assert saved_theme() == "gruvbox"


@pytest.mark.parametrize(
    "content",
    [b"{not json", b"\xff\xfe\x00garbage", b'["a list"]', b'{"theme": 42}', b'{"theme": "no-such-theme"}', b""],
)
async def test_a_broken_state_file_is_ignored_silently(tmp_path, state_file, content):
    state_file.parent.mkdir(parents=True)
    state_file.write_bytes(content)
    app = story_app(tmp_path=tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert app.theme == "textual-dark"
        assert not app._notifications, "no message about the state file"
        app.theme = "nord"
        await pilot.pause()
    assert saved_theme() == "nord", "a broken file is replaced by a good one"


async def test_an_unreadable_state_folder_does_not_stop_the_app(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv(STATE_DIR_ENV, str(blocker / "state"))
    app = story_app(tmp_path=tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.theme = "nord"
        await pilot.pause()
        assert app.is_running and app.theme == "nord"
    assert blocker.read_text(encoding="utf-8") == "not a folder"


def test_a_symlink_in_place_of_the_state_file_is_neither_written_through_nor_replaced(tmp_path, state_file):
    config = tmp_path / "config.yaml"
    config.write_text("keys:\n  next_divergence: x\n", encoding="utf-8")
    state_file.parent.mkdir(parents=True)
    os.symlink(config, state_file)
    assert saved_theme() is None, "the config behind the link is not a state file"
    assert save_theme("nord") is False, "not remembered, and nothing else harmed"
    assert config.read_text(encoding="utf-8") == "keys:\n  next_divergence: x\n"
    assert state_file.is_symlink()
    assert [p.name for p in state_file.parent.iterdir()] == [state_file.name], "no temporary file is left behind"


def test_other_remembered_settings_are_kept(state_file):
    state_file.parent.mkdir(parents=True)
    state_file.write_text('{"theme": "nord", "later": [1, 2]}', encoding="utf-8")
    assert save_theme("gruvbox")
    assert load_state() == {"theme": "gruvbox", "later": [1, 2]}
    leftovers = [p.name for p in state_file.parent.iterdir() if p.name != state_file.name]
    assert leftovers == [], "no temporary file is left behind"


def test_the_default_place_is_the_user_data_folder(monkeypatch):
    from platformdirs import user_data_dir

    monkeypatch.delenv(STATE_DIR_ENV)
    assert state_path().parent == type(state_path())(user_data_dir("srccompare"))
