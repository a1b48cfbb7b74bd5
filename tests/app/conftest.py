import pytest

from srccompare.app.app_state import STATE_DIR_ENV


@pytest.fixture(autouse=True)
def _state_in_tmp(tmp_path, monkeypatch):
    """The app's remembered state (the theme), rescued reviews and drafts of unfinished notes go to a
    temporary folder, never the real home."""
    monkeypatch.setenv(STATE_DIR_ENV, str(tmp_path / "state"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    return tmp_path / "state"
