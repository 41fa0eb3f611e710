"""Importing releases: idempotence, replacement by newer releases, transactions, GED months."""

from __future__ import annotations

import csv
import hashlib
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from detente.analytics import data_status, import_release, load_panel
from detente.errors import ConflictError, DataValidationError
from tests.sources.ged_files import SUDAN_EVENTS, event, write_ged
from tests.sources.snapshot_files import CY_FILE


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _cy_copy(target: Path, version: str, extra_deaths: int = 0) -> Path:
    """The real CY file with another version label (and more deaths for Afghanistan 2023)."""
    with CY_FILE.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    header = rows[0]
    for row in rows[1:]:
        row[header.index("version")] = version
        if row[header.index("country_id_cy")] == "700" and row[header.index("year_cy")] == "2023":
            for field in ("sb_total_deaths_best_cy", "sb_total_deaths_high_cy"):
                row[header.index(field)] = str(int(row[header.index(field)]) + extra_deaths)
    with target.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)
    return target


def test_importing_the_same_release_twice_changes_nothing(store: Path) -> None:
    before = _digest(store)
    result = import_release(store, CY_FILE)
    assert result.status == "unchanged"
    assert (result.release, result.rows) == ("25.1", 6_740)
    assert _digest(store) == before


def test_a_newer_release_replaces_the_older_rows_and_both_are_recorded(
    store: Path, tmp_path: Path
) -> None:
    before = load_panel(store, "cy")["sb_best"].sum()
    newer = _cy_copy(tmp_path / "organizedviolencecy_v25_2.csv", "25.2", extra_deaths=100)
    result = import_release(store, newer)
    assert (result.status, result.release, result.replaced) == (
        "imported",
        "25.2",
        ("ucdp-cy 25.1",),
    )
    releases = {r.release: r for r in data_status(store).releases if r.kind == "ucdp-cy"}
    assert releases["25.1"].rows_current == 0
    assert releases["25.1"].rows_imported == 6_740
    assert releases["25.2"].rows_current == 6_740
    assert load_panel(store, "cy")["sb_best"].sum() == before + 100
    source = next(s for s in data_status(store).sources if s.kind == "ucdp-cy")
    assert source.releases == ("25.2",)


def test_an_older_release_is_refused_and_changes_nothing(store: Path, tmp_path: Path) -> None:
    before = _digest(store)
    older = _cy_copy(tmp_path / "organizedviolencecy_v25_0.csv", "24.1")
    with pytest.raises(ConflictError, match=r"older than the imported release 25\.1"):
        import_release(store, older)
    assert _digest(store) == before


def test_a_bad_file_writes_nothing(store: Path, tmp_path: Path) -> None:
    before = _digest(store)
    bad = write_ged(
        tmp_path / "GEDEvent_v25_1.csv", [*SUDAN_EVENTS, event(9, 625, "2010-01-01", best=-2)]
    )
    with pytest.raises(DataValidationError, match="row 9, field 'deaths_a': -1 is negative"):
        import_release(store, bad)
    assert _digest(store) == before


def test_a_bad_file_creates_no_store(tmp_path: Path) -> None:
    bad = write_ged(tmp_path / "GEDEvent_v25_1.csv", [event(1, 9999, "2010-01-01")])
    with pytest.raises(DataValidationError):
        import_release(tmp_path / "new.duckdb", bad)
    assert not (tmp_path / "new.duckdb").exists()


def _month(panel: pd.DataFrame, gwno: int, month: str) -> pd.Series:
    rows = panel[(panel["gwno"] == gwno) & (panel["month"] == month)]
    assert len(rows) == 1
    return rows.iloc[0]


def test_ged_events_count_in_the_month_of_date_start(store: Path, tmp_path: Path) -> None:
    path = write_ged(tmp_path / "GEDEvent_v25_1.csv", SUDAN_EVENTS)
    result = import_release(store, path)
    assert (result.kind, result.first_period, result.last_period) == ("ged", "2010-03", "2011-08")
    panel = load_panel(store, "cm")
    assert panel["month"].min() == "1989-01"
    assert panel["month"].max() == "2011-08"
    assert not panel.duplicated(["gwno", "month_id"]).any()
    assert (panel["period"] == panel["month"]).all()
    march = _month(panel, 625, "2010-03")
    assert (march["sb_best"], march["ns_best"], march["os_best"]) == (15.0, 7.0, 0.0)
    assert (march["sb_low"], march["sb_high"]) == (13.0, 19.0)
    assert march["month_id"] == (2010 - 1980) * 12 + 3
    assert _month(panel, 625, "2010-04")["os_best"] == 3.0
    assert _month(panel, 625, "2010-12")["sb_best"] == 6.0  # 626 before independence: Sudan
    assert _month(panel, 626, "2011-08")["sb_best"] == 4.0
    assert _month(panel, 340, "2010-05")["ns_best"] == 1.0  # UCDP 345 after 2006: Serbia
    assert _month(panel, 700, "2010-03")["sb_best"] == 2.0
    assert panel["sb_best"].sum() == sum(
        e["best"] for e in SUDAN_EVENTS if e["type_of_violence"] == 1
    )
    assert 626 not in set(panel.loc[panel["month"] == "2011-06", "gwno"])
    assert 626 in set(panel.loc[panel["month"] == "2011-07", "gwno"])
    cy = load_panel(store, "cy").set_index(["gwno", "year"])
    assert _month(panel, 625, "2010-07")["acd_conflicts"] == cy.loc[(625, 2010), "acd_conflicts"]


def test_candidate_months_add_to_the_annual_release_until_the_next_one(
    store: Path, tmp_path: Path
) -> None:
    import_release(store, write_ged(tmp_path / "GEDEvent_v25_1.csv", SUDAN_EVENTS))
    candidate = write_ged(
        tmp_path / "GEDEvent_v25_0_1.csv", [event(100, 625, "2011-09-02", best=40)]
    )
    assert import_release(store, candidate).replaced == ()
    panel = load_panel(store, "cm")
    assert panel["month"].max() == "2011-09"
    assert _month(panel, 625, "2011-09")["sb_best"] == 40.0
    assert _month(panel, 625, "2010-03")["sb_best"] == 15.0
    annual = write_ged(
        tmp_path / "GEDEvent_v26_1.csv",
        [event(200, 625, "2010-03-04", best=1), event(201, 625, "2011-12-30", best=2)],
    )
    assert set(import_release(store, annual).replaced) == {"ged 25.1", "ged 25.0.1"}
    panel = load_panel(store, "cm")
    assert _month(panel, 625, "2010-03")["sb_best"] == 1.0
    assert _month(panel, 625, "2011-09")["sb_best"] == 0.0
    ged = [r for r in data_status(store).releases if r.kind == "ged"]
    assert [(r.release, r.rows_current) for r in ged] == [("25.1", 0), ("25.0.1", 0), ("26.1", 2)]


def test_a_release_larger_than_a_duckdb_row_group_keeps_every_row(
    store: Path, tmp_path: Path
) -> None:
    """Guards a DuckDB 2.0.0 data loss (see detente.analytics.imports._ensure_raw_tables)."""
    path = tmp_path / "GEDEvent_v25_1.csv"
    template = pd.DataFrame([event(0, 625, "2010-03-04", best=1)])
    with duckdb.connect() as con:
        con.register("template", template)
        con.execute(
            "COPY (SELECT * REPLACE (range + 1 AS id) FROM template, range(130000)) "
            f"TO '{path}' (HEADER)"
        )
    assert import_release(store, path).rows == 130_000
    with duckdb.connect(str(store), read_only=True) as con:
        assert con.execute("SELECT count(*), sum(best) FROM raw_ged").fetchone() == (
            130_000,
            130_000,
        )
    assert _month(load_panel(store, "cm"), 625, "2010-03")["sb_best"] == 130_000.0


def test_a_cut_down_copy_of_the_same_release_is_refused_unless_asked(
    store: Path, tmp_path: Path
) -> None:
    """199 rows labelled 25.1 would drop most of the 6,740 imported: refused, then allowed."""
    with CY_FILE.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    small = tmp_path / "organizedviolencecy_v25_1_subset.csv"
    with small.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows[:200])
    before = _digest(store)
    with pytest.raises(ConflictError, match="199 rows where the store holds"):
        import_release(store, small)
    assert _digest(store) == before
    result = import_release(store, small, replace=True)
    assert (result.status, result.rows) == ("imported", 199)
