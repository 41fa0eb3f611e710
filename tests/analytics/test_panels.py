"""The country-year panel built from the real snapshot (docs/data-contracts.md)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from detente.analytics import CY_COLUMNS, load_panel
from detente.countries import states_alive
from detente.settings import REPO_ROOT
from detente.sources import read_ucdp_cy

CY_FILE = REPO_ROOT / "data" / "ucdp" / "organizedviolencecy_v25_1.csv"


@pytest.fixture(scope="module")
def panel(analytics_path: Path) -> pd.DataFrame:
    return load_panel(analytics_path, unit="cy")


def test_columns_follow_the_contract(panel: pd.DataFrame) -> None:
    assert list(panel.columns) == CY_COLUMNS


def test_one_row_per_state_alive_each_year_from_1989_to_2023(panel: pd.DataFrame) -> None:
    assert panel["year"].min() == 1989
    assert panel["year"].max() == 2023
    assert not panel.duplicated(["gwno", "year"]).any()
    for year in (1989, 1991, 2006, 2011, 2023):
        expected = {state.gwno for state in states_alive(year)}
        assert set(panel.loc[panel["year"] == year, "gwno"]) == expected


def test_sudan_and_south_sudan_around_2011(panel: pd.DataFrame) -> None:
    def years(gwno: int) -> set[int]:
        return set(panel.loc[panel["gwno"] == gwno, "year"])

    assert {2010, 2011, 2012} <= years(625)
    assert 2010 not in years(626)
    assert {2011, 2012} <= years(626)


PAX_COLUMNS = ["pax_agreements", "pax_ceasefire", "pax_comprehensive"]


def test_zeros_not_missing_where_the_sources_cover_the_year(panel: pd.DataFrame) -> None:
    covered = panel.loc[panel["year"] <= 2019]
    assert not covered.isna().drop(columns=["iso3"]).any().any()
    assert not panel.drop(columns=["iso3", *PAX_COLUMNS]).isna().any().any()
    iceland = panel[(panel["gwno"] == 395) & (panel["year"] == 2000)].iloc[0]
    assert iceland["sb_best"] == 0.0
    assert iceland["acd_conflicts"] == 0
    assert iceland["pax_agreements"] == 0


def test_years_after_pax_coverage_are_unknown_not_zero(panel: pd.DataFrame) -> None:
    """The bundled PA-X ends with an agreement of 2020-04-09: 2020 is only partly covered."""
    after = panel.loc[panel["year"] >= 2020, PAX_COLUMNS]
    assert len(after) > 0
    assert after.isna().all().all()
    assert panel.loc[panel["year"] == 2019, "pax_agreements"].sum() == 34


def test_state_based_deaths_sum_to_the_country_year_file(panel: pd.DataFrame) -> None:
    cy = read_ucdp_cy(CY_FILE)
    assert panel["sb_best"].sum() == cy["sb_total_deaths_best_cy"].sum() == 2_244_519
    assert panel["ns_high"].sum() == cy["ns_total_deaths_high_cy"].sum()
    assert panel["os_low"].sum() == cy["os_total_deaths_low_cy"].sum()


def test_serbia_after_2006_gets_ucdp_code_345(panel: pd.DataFrame) -> None:
    serbia = panel[panel["gwno"] == 340].set_index("year")
    assert 2005 not in serbia.index
    assert serbia.loc[2007, "iso3"] == "SRB"
    cy = read_ucdp_cy(CY_FILE)
    ucdp = cy[(cy["country_id_cy"] == 345) & (cy["year_cy"] >= 2007)]
    assert serbia.loc[2007:, "ns_best"].sum() == ucdp["ns_total_deaths_best_cy"].sum()
