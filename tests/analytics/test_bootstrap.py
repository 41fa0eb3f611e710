"""The ``detente init`` step: load the snapshot once, then only check."""

from __future__ import annotations

from pathlib import Path

import duckdb

from detente.analytics import load_panel, load_snapshot, refresh_panels
from detente.settings import REPO_ROOT, Settings


def test_second_run_finds_everything_loaded(store: Path, tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, snapshot_dir=REPO_ROOT / "data", duckdb_path=store)
    line = load_snapshot(settings)
    assert line.startswith("analytics: snapshot already loaded")
    assert "ucdp-cy 25.1" in line


def test_first_run_loads_the_snapshot(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, snapshot_dir=REPO_ROOT / "data")
    assert load_snapshot(settings).startswith("analytics: loaded 4 releases")
    assert len(load_panel(settings)) == 6_773


def test_panels_are_rebuilt_when_built_from_another_reference(store: Path) -> None:
    assert refresh_panels(store) is False
    with duckdb.connect(str(store)) as con:
        con.execute("UPDATE store_meta SET value = 'old' WHERE key = 'panel_reference'")
        con.execute("DELETE FROM panel_cy")
    assert refresh_panels(store) is True
    assert len(load_panel(store)) == 6_773
