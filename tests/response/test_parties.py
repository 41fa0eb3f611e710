"""Parties to recent conflicts, read from the real UCDP/PRIO ACD release of the snapshot."""

from __future__ import annotations

from pathlib import Path

from detente.analytics import import_release
from detente.response.parties import conflict_parties
from detente.settings import REPO_ROOT, Settings

UKRAINE, RUSSIA, MALI, NORWAY = 369, 365, 432, 385


def _with_store(tmp_path: Path, store: Path) -> Settings:
    return Settings(data_dir=tmp_path / "var", snapshot_dir=REPO_ROOT / "data", duckdb_path=store)


def test_russia_and_ukraine_are_parties_to_the_war_in_ukraine(
    tmp_path: Path, analytics_path: Path
) -> None:
    parties = conflict_parties(_with_store(tmp_path, analytics_path), UKRAINE)
    assert parties.gwno == UKRAINE
    assert parties.states == {RUSSIA, UKRAINE}
    assert parties.source == "UCDP/PRIO ACD 2021-2023"  # the release ends in 2023


def test_secondary_supporters_are_not_parties(tmp_path: Path, analytics_path: Path) -> None:
    """Mali's 2022-2023 conflicts with JNIM and IS list over fifty states as secondary
    supporters of the government; only Mali is a primary side."""
    assert conflict_parties(_with_store(tmp_path, analytics_path), MALI).states == {MALI}


def test_the_window_follows_the_years_asked(tmp_path: Path, analytics_path: Path) -> None:
    settings = _with_store(tmp_path, analytics_path)
    # ACD has Russia as a primary side in Ukraine from 2022 (before: Ukraine against DPR/LPR)
    assert conflict_parties(settings, UKRAINE, years=1).states == {RUSSIA, UKRAINE}
    assert conflict_parties(settings, UKRAINE, years=1).source == "UCDP/PRIO ACD 2023-2023"
    assert RUSSIA in conflict_parties(settings, UKRAINE, years=10).states


def test_a_country_at_peace_has_no_parties(tmp_path: Path, analytics_path: Path) -> None:
    parties = conflict_parties(_with_store(tmp_path, analytics_path), NORWAY)
    assert parties.states == frozenset()
    assert parties.source.startswith("UCDP/PRIO ACD")


def test_without_a_store_or_an_acd_release_the_reason_is_given(tmp_path: Path) -> None:
    missing = conflict_parties(_with_store(tmp_path, tmp_path / "none.duckdb"), UKRAINE)
    assert missing.states == frozenset()
    assert "detente init" in missing.source
    store = tmp_path / "cy_only.duckdb"
    import_release(store, REPO_ROOT / "data" / "ucdp" / "organizedviolencecy_v25_1.csv")
    without_acd = conflict_parties(_with_store(tmp_path, store), UKRAINE)
    assert without_acd.states == frozenset()
    assert without_acd.source == "no ACD release imported"
