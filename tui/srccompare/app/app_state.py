"""What the app remembers between sessions (for now: the theme picked in the command palette).

A small JSON file in the user's data folder, written by the app alone: not the
user's config.yaml (which the app never writes). It is replaced atomically, and
only when it is a regular file or missing: a link, pipe or device in its place is
left alone (the theme is then not remembered); a missing, unreadable or broken
file is ignored without a word, and so is a failure to write it.
``SRCCOMPARE_STATE_DIR`` names another folder (tests use it).
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path
from typing import Any

from srccompare.core.atomic import atomic_write_text

STATE_DIR_ENV = "SRCCOMPARE_STATE_DIR"
STATE_FILE = "state.json"
MAX_STATE_BYTES = 1 << 20
"""A state file larger than this is not ours (it holds a theme name): it is ignored, never read."""


def state_path() -> Path:
    folder = os.environ.get(STATE_DIR_ENV)
    if not folder:
        from platformdirs import user_data_dir

        folder = user_data_dir("srccompare")  # the folder rescued reviews go to, too
    return Path(folder) / STATE_FILE


def load_state(path: Path | None = None) -> dict[str, Any]:
    """The remembered settings; empty if there are none or the file cannot be read as a JSON object."""
    path = path or state_path()
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_STATE_BYTES:
            return {}  # a pipe or device could block or never end; a huge file is not ours
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):  # missing, unreadable, not UTF-8, not JSON
        return {}
    return data if isinstance(data, dict) else {}


def saved_theme(path: Path | None = None) -> str | None:
    theme = load_state(path).get("theme")
    return theme if isinstance(theme, str) and theme else None


def save_theme(theme: str, path: Path | None = None) -> bool:
    """Remember ``theme`` (other remembered settings are kept); False if it could not be written."""
    path = path or state_path()
    state = load_state(path)
    if state.get("theme") == theme:
        return True
    state["theme"] = theme
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_text(path, json.dumps(state, indent=2, sort_keys=True) + "\n")
    except OSError:
        return False
    return True
