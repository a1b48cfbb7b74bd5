"""The engine runs headless: its layers never import Textual or Rich (DESIGN.md, Layout).

``core``, ``text``, ``inputs`` and ``engine`` import neither Textual nor Rich nor the
layers above (``app``, ``cli``); ``review`` and ``output`` never import Textual,
``app`` or ``cli`` (``output`` may use Rich to measure text). import-linter checks
the same contracts (``lint-imports``, see pyproject.toml); these tests keep them
in the test run, including imports made inside functions, and check what a
fresh interpreter really loads.
"""

import ast
import pathlib
import subprocess
import sys

import pytest

PACKAGE = pathlib.Path(__file__).resolve().parents[1] / "tui" / "srccompare"

ENGINE_LAYERS = ("core", "text", "inputs", "engine")
HEADLESS_LAYERS = ("review", "output")
SCAN_LAYERS = ("scan",)

ENGINE_FORBIDDEN = ("textual", "rich", "srccompare.app", "srccompare.cli")
HEADLESS_FORBIDDEN = ("textual", "srccompare.app", "srccompare.cli")
SCAN_FORBIDDEN = ("textual", "rich", "srccompare.app", "srccompare.cli", "srccompare.review", "srccompare.output")


def modules_of(layers: tuple[str, ...]) -> list[pathlib.Path]:
    return sorted(p for layer in layers for p in (PACKAGE / layer).rglob("*.py"))


def module_name(path: pathlib.Path) -> str:
    return "srccompare." + ".".join(path.relative_to(PACKAGE).with_suffix("").parts).removesuffix(".__init__")


def imported_names(path: pathlib.Path):
    """(line, module) for every import in the file, at any depth (lazy imports in functions too)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            assert node.level == 0, f"{path.relative_to(PACKAGE)}:{node.lineno}: use absolute imports"
            yield node.lineno, node.module or ""


def offenders(layers: tuple[str, ...], forbidden: tuple[str, ...]) -> list[str]:
    found = []
    for path in modules_of(layers):
        for line, name in imported_names(path):
            if any(name == f or name.startswith(f + ".") for f in forbidden):
                found.append(f"{path.relative_to(PACKAGE)}:{line} imports {name}")
    return found


def test_the_layers_exist():
    for layer in ENGINE_LAYERS + HEADLESS_LAYERS:
        assert (PACKAGE / layer / "__init__.py").is_file(), layer


def test_engine_layers_import_no_textual_rich_app_or_cli():
    assert offenders(ENGINE_LAYERS, ENGINE_FORBIDDEN) == []


def test_review_and_output_import_no_textual_app_or_cli():
    assert offenders(HEADLESS_LAYERS, HEADLESS_FORBIDDEN) == []


def test_the_archive_scan_imports_no_textual_rich_ui_cli_review_or_output():
    """scan/ runs on Dask workers, headless like the engine."""
    assert offenders(SCAN_LAYERS, SCAN_FORBIDDEN) == []


def loaded_after_importing(layers: tuple[str, ...]) -> set[str]:
    """Top-level packages a fresh interpreter has loaded after importing every module of ``layers``."""
    modules = [module_name(p) for p in modules_of(layers)]
    code = (
        "import importlib, sys\n"
        f"for m in {modules!r}: importlib.import_module(m)\n"
        "print(' '.join(sorted({m.partition('.')[0] for m in sys.modules})))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return set(out.stdout.split())


@pytest.mark.parametrize(
    ("layers", "absent"),
    [(ENGINE_LAYERS, {"textual", "rich"}), (HEADLESS_LAYERS, {"textual"}), (SCAN_LAYERS, {"textual", "rich"})],
    ids=["engine", "review+output", "scan"],
)
def test_importing_every_module_of_the_layers_loads_no_ui_library(layers, absent):
    assert loaded_after_importing(layers) & absent == set()
