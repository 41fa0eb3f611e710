"""``data_status`` and ``load_panel`` on the snapshot store, and on no store at all."""

from __future__ import annotations

from pathlib import Path

import pytest

from detente.analytics import CM_COLUMNS, data_status, load_panel
from detente.errors import NotFoundError
from detente.settings import Settings


def test_status_of_the_snapshot_store(analytics_path: Path) -> None:
    status = data_status(analytics_path)
    assert status.exists
    by_kind = {s.kind: s for s in status.sources}
    assert set(by_kind) == {"ucdp-cy", "acd", "pax", "unvotes"}
    assert (by_kind["ucdp-cy"].releases, by_kind["ucdp-cy"].rows) == (("25.1",), 6_740)
    assert (by_kind["acd"].first_period, by_kind["acd"].last_period) == ("1946", "2023")
    assert by_kind["pax"].rows == 1_868
    assert by_kind["unvotes"].rows == 870_109 + 6_203 + 5_745
    assert status.coverage_years == (1989, 2023)
    assert status.coverage_months is None
    assert status.cy.rows == 6_773
    assert all(len(r.sha256) == 64 for r in status.releases)


def test_status_reads_settings(analytics_path: Path) -> None:
    settings = Settings(duckdb_path=analytics_path)
    assert data_status(settings).cy.rows == data_status(analytics_path).cy.rows


def test_no_store_yet(tmp_path: Path) -> None:
    status = data_status(Settings(data_dir=tmp_path))
    assert not status.exists
    assert status.sources == ()
    assert status.coverage_years is None
    with pytest.raises(NotFoundError, match="run `detente init`"):
        load_panel(tmp_path / "analytics.duckdb")


def test_country_month_panel_is_empty_until_ged_is_imported(analytics_path: Path) -> None:
    panel = load_panel(analytics_path, unit="cm")
    assert panel.empty
    assert list(panel.columns) == CM_COLUMNS


def test_unknown_unit(analytics_path: Path) -> None:
    with pytest.raises(ValueError, match="unit must be 'cy' or 'cm'"):
        load_panel(analytics_path, unit="cw")
