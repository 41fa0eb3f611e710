"""Imports point one way: web/cli -> core domains, and core domains follow the layer table.

A small AST check rather than a runtime one, so a forbidden import fails even in a module that
no test imports.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "detente"

# Which first-level packages each core package may import (besides itself and the shared
# modules errors, types, settings, marks...). web and cli may import anything.
ALLOWED: dict[str, set[str]] = {
    "store": set(),
    "countries": set(),
    "sources": {"countries"},
    "analytics": {"countries", "sources"},
    "accounts": {"store", "countries"},
    "warning": {"countries", "sources", "analytics", "store"},
    "response": {"countries", "sources", "analytics", "store", "warning", "accounts"},
    "alliance": {"countries", "sources", "analytics", "store", "accounts"},
    "security": {"countries", "sources", "analytics", "store", "accounts"},
}
SHARED = {
    "errors",
    "types",
    "settings",
    "caching",
    "numbers",
    "marks",
    "dates",
    "safetext",
    "__init__",
}


def _detente_imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
        for name in names:
            parts = name.split(".")
            if parts[0] == "detente" and len(parts) > 1:
                found.add(parts[1])
    return found


def _core_files() -> list[tuple[str, Path]]:
    files = []
    for package in ALLOWED:
        files += [(package, path) for path in sorted((PACKAGE / package).rglob("*.py"))]
    return files


@pytest.mark.parametrize(("package", "path"), _core_files(), ids=lambda v: str(v))
def test_core_modules_import_only_lower_layers(package: str, path: Path) -> None:
    if "migrations" in path.parts:  # alembic env imports the model registry by design
        return
    imported = _detente_imports(path) - SHARED - {package}
    forbidden = imported - ALLOWED[package]
    assert not forbidden, f"{path.relative_to(PACKAGE)} imports {sorted(forbidden)}"


def test_every_top_level_package_is_classified() -> None:
    packages = {p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    assert packages - {"web", "cli"} <= set(ALLOWED), "add the new package to ALLOWED"
