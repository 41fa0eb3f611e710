"""``update_releases`` against a real HTTP server on loopback laid out like ucdp.uu.se."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from detente.analytics import data_status, load_panel, update_releases
from detente.errors import OfflineError
from detente.settings import REPO_ROOT, Settings
from tests.sources.ged_files import event
from tests.sources.ucdp_site import closed_port_url, make_site, serve_folder


def _settings(tmp_path: Path, store: Path, base: str) -> Settings:
    return Settings(
        data_dir=tmp_path,
        snapshot_dir=REPO_ROOT / "data",
        duckdb_path=store,
        ucdp_downloads_base=base,
        http_timeout=5.0,
    )


def test_downloads_and_imports_ged_annual_and_candidates(store: Path, tmp_path: Path) -> None:
    site = make_site(
        tmp_path / "site",
        24,
        [event(1, 625, "2023-05-04", best=9)],
        {1: [event(2, 625, "2024-01-05", best=3)]},
    )
    with serve_folder(site) as base:
        settings = _settings(tmp_path, store, base)
        result = update_releases(settings, today=date(2024, 6, 1))
        assert [(r.kind, r.release) for r in result.imported] == [
            ("ged", "24.1"),
            ("ged", "24.0.1"),
        ]
        again = update_releases(settings, today=date(2024, 6, 1))
    assert again.imported == ()
    assert len(again.already_imported) == 2
    panel = load_panel(store, "cm")
    assert panel["month"].max() == "2024-01"
    assert panel.loc[(panel["gwno"] == 625) & (panel["month"] == "2023-05"), "sb_best"].item() == 9


def test_offline_changes_nothing(store: Path, tmp_path: Path) -> None:
    before = data_status(store).releases
    with pytest.raises(OfflineError, match=r"^offline: cannot reach"):
        update_releases(_settings(tmp_path, store, closed_port_url()))
    assert data_status(store).releases == before
