"""The README's picture of the app: an SVG that Textual saves, made from the project's own sample."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.app.support import ROOT, SAMPLE

PICTURE = ROOT / "docs" / "review-app.svg"


def test_the_readme_shows_the_picture_made_from_the_sample():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "](docs/review-app.svg)" in readme
    svg = PICTURE.read_text(encoding="utf-8")
    assert svg.lstrip().startswith("<svg") and "Generated with Rich" in svg, "a screenshot Textual saved"
    assert "Gdańsk&#160;dockers" in svg, "the bundled sample story"


@pytest.mark.skipif(not SAMPLE.is_dir(), reason="the bundled sample story is missing")
def test_the_screenshot_script_saves_the_picture(tmp_path):
    out = tmp_path / "app.svg"
    env = {**os.environ, "PYTHONPATH": str(ROOT / "tui")}
    done = subprocess.run(
        [sys.executable, str(ROOT / "docs" / "screenshot.py"), str(out)],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    svg = out.read_text(encoding="utf-8")
    assert svg.lstrip().startswith("<svg")
    assert "[critical]" in svg.replace("&#160;", " "), "the cursor on the most serious flag"
