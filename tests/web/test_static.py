"""Vendored assets: present, licensed, recorded, and nothing points outside the site."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from detente.web.app import STATIC_DIR, TEMPLATES_DIR

VENDORED = STATIC_DIR / "VENDORED.md"
EXTERNAL = re.compile(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", re.IGNORECASE)


def test_every_vendored_folder_is_recorded_with_a_licence() -> None:
    record = VENDORED.read_text(encoding="utf-8")
    for folder in sorted(p for p in (STATIC_DIR / "vendor").iterdir() if p.is_dir()):
        assert f"`vendor/{folder.name}/`" in record, folder.name
        assert any("LICENSE" in f.name for f in folder.iterdir()), f"{folder.name} has no licence"


def test_recorded_checksums_match_the_files() -> None:
    import hashlib

    record = VENDORED.read_text(encoding="utf-8")
    sums = re.findall(r"^([0-9a-f]{64})  (\S+)$", record, re.MULTILINE)
    assert len(sums) >= 7
    for digest, name in sums:
        path = STATIC_DIR / "vendor" / name
        assert hashlib.sha256(path.read_bytes()).hexdigest() == digest, name


@pytest.mark.parametrize(
    "path",
    sorted([*TEMPLATES_DIR.rglob("*.html"), *(STATIC_DIR / "js").rglob("*.js")]),
    ids=lambda p: str(Path(p).relative_to(TEMPLATES_DIR.parent)),
)
def test_templates_and_scripts_load_nothing_from_elsewhere(path: Path) -> None:
    assert not EXTERNAL.search(path.read_text(encoding="utf-8")), path


@pytest.mark.parametrize("path", sorted(TEMPLATES_DIR.rglob("*.html")), ids=lambda p: p.name)
def test_templates_have_no_inline_scripts(path: Path) -> None:
    """The CSP forbids inline scripts: only src= scripts and JSON data blocks are allowed."""
    for tag in re.findall(r"<script\b[^>]*>", path.read_text(encoding="utf-8")):
        assert "src=" in tag or 'type="application/json"' in tag, f"{path.name}: {tag}"
