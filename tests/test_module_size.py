"""No module under tui/srccompare grows past 500 lines: past that, split it by responsibility."""

import pathlib

import pytest

PACKAGE = pathlib.Path(__file__).resolve().parents[1] / "tui" / "srccompare"
LIMIT = 500

MODULES = sorted(str(p.relative_to(PACKAGE)) for p in PACKAGE.rglob("*.py"))


def test_the_package_is_found():
    assert "core/model.py" in MODULES, PACKAGE


@pytest.mark.parametrize(
    "module",
    MODULES,
)
def test_module_is_at_most_500_lines(module):
    with open(PACKAGE / module, encoding="utf-8") as f:
        lines = sum(1 for _ in f)
    assert lines <= LIMIT, f"srccompare/{module} has {lines} lines (limit {LIMIT}): split it by responsibility"
