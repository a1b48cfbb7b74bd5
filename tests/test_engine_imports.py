"""The engine (everything outside srccompare.app) must never import Textual."""

import ast
import pathlib
import subprocess
import sys

import srccompare

PACKAGE = pathlib.Path(srccompare.__file__).parent


def engine_modules():
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE)
        if rel.parts[0] == "app" or rel.name == "launch.py":
            continue
        yield path


def test_no_engine_module_imports_textual_in_source():
    offenders = []
    for path in engine_modules():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            if any(n == "textual" or n.startswith("textual.") or n.startswith("srccompare.app") for n in names):
                offenders.append(f"{path.relative_to(PACKAGE)}:{node.lineno}")
    assert offenders == []


def test_importing_every_engine_module_leaves_textual_unloaded():
    modules = [
        "srccompare." + ".".join(p.relative_to(PACKAGE).with_suffix("").parts).removesuffix(".__init__")
        for p in engine_modules()
        if p.name != "__main__.py"
    ]
    code = (
        "import importlib, sys\n"
        f"for m in {modules!r}: importlib.import_module(m)\n"
        "print([m for m in sys.modules if m == 'textual' or m.startswith('textual.')])\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
