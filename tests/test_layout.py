"""The package's shape: imports point one way, types check, lint is clean.

Layers, lowest first. A module may import from its own layer or any lower one,
never from a higher one; ``errors`` is importable from everywhere. The order is
the pipeline a query walks: a name's form, then the registry on disk, then who
the name is, then who an article mentions, then the tools on top.
"""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys

import pytest

from tests.conftest import ROOT

PACKAGE = ROOT / "registry"
LAYERS = {
    "errors": 0,
    "model": 1,
    "names": 2,
    "store": 3,
    "match": 4,
    "text": 5,
    "core": 6,
    "review": 7,
    "io": 7,
    "cli": 8,
    "__init__": 9,
    "__main__": 9,
}


def _layer(module: str) -> str:
    """'registry.match.index' -> 'match'; 'registry' -> '__init__'."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _imports(path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text("utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "registry":
                found += [(node.lineno, f"registry.{a.name}") for a in node.names]
            elif node.module.startswith("registry."):
                found.append((node.lineno, node.module))
        elif isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names if a.name.startswith("registry.")]
    return found


def test_every_module_is_in_a_known_layer():
    for path in PACKAGE.rglob("*.py"):
        module = ".".join(path.relative_to(ROOT).with_suffix("").parts)
        assert _layer(module) in LAYERS, f"{path}: not in a known layer"


def test_imports_point_downward_only():
    upward = []
    for path in PACKAGE.rglob("*.py"):
        module = ".".join(path.relative_to(ROOT).with_suffix("").parts)
        here = LAYERS[_layer(module)]
        for line, target in _imports(path):
            layer = _layer(target)
            if layer not in LAYERS:  # e.g. "registry.__version__"-style names
                continue
            if LAYERS[layer] > here:
                upward.append(f"{path.relative_to(ROOT)}:{line}: imports {target}")
    assert not upward, "\n".join(upward)


def test_package_ships_type_information():
    assert (PACKAGE / "py.typed").is_file()


def test_mypy_strict_is_clean():
    pytest.importorskip("mypy")
    proc = subprocess.run([sys.executable, "-m", "mypy", "--no-error-summary"], cwd=ROOT,
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_ruff_is_clean():
    ruff = shutil.which("ruff") or str(ROOT / ".venv" / "bin" / "ruff")
    proc = subprocess.run([ruff, "check", "registry", "tests", "tools"], cwd=ROOT,
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
