"""The bundled snapshot: its manifest matches the files, it fits in git, it rebuilds identically."""

from __future__ import annotations

import hashlib
import importlib.util
import json
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from detente.settings import REPO_ROOT

DATA = REPO_ROOT / "data"
SHARED = REPO_ROOT.parent / "shared" / "data"


def _builder() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "build_snapshot", REPO_ROOT / "scripts" / "build_snapshot.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["build_snapshot"] = module
    spec.loader.exec_module(module)
    return module


PROJECT_MADE = ("response/", "backtest/")
"""Folders of data/ the project makes itself, not the snapshot of public releases: the generated
demo roster (``scripts/generate_demo_roster.py``) and the committed backtest results the methods
page shows (``detente backtest``)."""


def _files(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def test_manifest_describes_every_bundled_file() -> None:
    manifest = json.loads((DATA / "manifest.json").read_text(encoding="utf-8"))
    for entry in manifest["files"]:
        path = DATA / entry["file"]
        assert hashlib.sha256(path.read_bytes()).hexdigest() == entry["sha256"], entry["file"]
        assert path.stat().st_size == entry["bytes"]
        for key in ("title", "publisher", "release", "licence", "citation"):
            assert entry[key], (entry["file"], key)
        assert all(len(i["sha256"]) == 64 for i in entry["inputs"])
    kinds = {e["import_kind"] for e in manifest["files"] if e.get("import_kind")}
    assert kinds == {"ucdp-cy", "acd", "pax", "unvotes"}
    listed = {e["file"] for e in manifest["files"]}
    on_disk = {
        k
        for k in _files(DATA)
        if k not in ("manifest.json", "PROVENANCE.md") and not k.startswith(PROJECT_MADE)
    }
    assert on_disk == listed, "data/ changed without scripts/build_snapshot.py"


def test_demo_roster_is_what_its_generator_writes(tmp_path: Path) -> None:
    """The generated (not real) demo roster in data/ is reproducible from its script."""
    out = tmp_path / "roster.csv"
    subprocess.run(
        [sys.executable, str(REPO_ROOT / "scripts" / "generate_demo_roster.py"), "--out", str(out)],
        check=True,
        capture_output=True,
    )
    written = _rows_ignoring_language_order(out.read_text(encoding="utf-8"))
    bundled = _rows_ignoring_language_order(
        (DATA / "response" / "demo_roster.csv").read_text(encoding="utf-8")
    )
    assert written == bundled


def _rows_ignoring_language_order(text: str) -> list[tuple[str, ...]]:
    """CSV rows with the ``languages`` field as a sorted set.

    Official languages come from CLDR through Babel, whose releases may reorder a territory's
    languages (Belarus: be;ru in one, ru;be in the next); the set is what the roster means.
    """
    rows = [line.split(",") for line in text.splitlines()]
    column = rows[0].index("languages")
    return [(*r[:column], ";".join(sorted(r[column].split(";"))), *r[column + 1 :]) for r in rows]


def test_provenance_names_publisher_release_licence_and_rows() -> None:
    text = (DATA / "PROVENANCE.md").read_text(encoding="utf-8")
    assert "| `ucdp/organizedviolencecy_v25_1.csv` | 6,740 |" in text
    assert "Uppsala Conflict Data Program" in text
    assert "CC BY 4.0" in text
    assert "d43b49d6e1717f4d6fdb0c235e230f2f160accebb9fb519712637a72dbee6f46" in text


def test_snapshot_fits_in_git() -> None:
    assert _builder().folder_bytes(DATA) < 25 * 1024 * 1024


@pytest.mark.skipif(not SHARED.is_dir(), reason="the raw releases (../shared/data) are not here")
def test_two_builds_are_byte_identical_and_match_the_bundled_snapshot(tmp_path: Path) -> None:
    builder = _builder()
    builder.build(SHARED, tmp_path / "a")
    builder.build(SHARED, tmp_path / "b")
    first, second = _files(tmp_path / "a"), _files(tmp_path / "b")
    assert first == second
    bundled = _files(DATA)
    assert {k: bundled.get(k) for k in first} == first
