"""Scoring against UCDP files as published: GED for months (and years), the CY file for years."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from detente.errors import DataValidationError
from detente.warning import make_model, read_actuals, score_forecast
from detente.warning.units import CM, CY
from tests.sources.ged_files import SUDAN_EVENTS, event, write_ged
from tests.sources.snapshot_files import CY_FILE, read_rows, write_rows


def test_ged_actuals_by_month_keep_state_based_events_in_their_start_month(tmp_path: Path) -> None:
    path = write_ged(tmp_path / "GEDEvent_v25_1.csv", SUDAN_EVENTS)
    actuals = read_actuals(path, CM)
    assert actuals.coverage == ("2010-03", "2011-08")
    assert actuals.zero_if_missing  # GED lists events: no event, no death
    by_key = actuals.frame.set_index(["gwno", "period"])["fatalities"].to_dict()
    assert by_key[(625, "2010-03")] == 15  # 10 + 5 state-based; the non-state 7 left out
    assert by_key[(625, "2010-12")] == 6  # South Sudan's code before independence is Sudan
    assert by_key[(626, "2011-08")] == 4
    assert (625, "2010-04") not in by_key  # one-sided only


def test_ged_actuals_by_year(tmp_path: Path) -> None:
    path = write_ged(tmp_path / "GEDEvent_v25_1.csv", SUDAN_EVENTS)
    actuals = read_actuals(path, CY)
    assert actuals.coverage == ("2010", "2011")
    assert actuals.frame.set_index(["gwno", "period"])["fatalities"][(625, "2010")] == 21


def test_cy_file_cannot_score_months_and_other_files_are_refused(tmp_path: Path) -> None:
    with pytest.raises(DataValidationError, match="country-year file cannot score monthly"):
        read_actuals(CY_FILE, CM)
    other = write_rows(tmp_path / "votes.csv", ["x", "y"], [["1", "2"]])
    with pytest.raises(DataValidationError, match=r"votes\.csv"):
        read_actuals(other, CY)


def test_month_forecast_scored_on_a_ged_file_counts_missing_months_as_zero(
    cm_panel: pd.DataFrame, tmp_path: Path
) -> None:
    frame = make_model("zero").fit(cm_panel, "2011-06").sample(n=20)
    events = [event(1, 625, "2011-07-03", best=30), event(2, 2, "2012-01-05", best=4)]
    path = write_ged(tmp_path / "GEDEvent_v25_1.csv", events)
    actuals = read_actuals(path, CM)
    result = score_forecast(frame, actuals.frame, actuals.coverage)
    rows = frame["gwno"].nunique()
    # coverage 2011-07..2012-01: horizons 1-7 are scored, 8-12 are not
    assert sorted(result["by_horizon"], key=int) == [str(h) for h in range(1, 8)]
    assert result["overall"]["rows"] == 7 * rows
    assert result["overall"]["crps"] == pytest.approx((30 + 4) / (7 * rows))
    assert result["overall"]["mis"] == pytest.approx(20 * (30 + 4) / (7 * rows))
    assert result["not_in_actuals"] == 0


def test_the_published_cy_file_matches_the_panel(cy_panel: pd.DataFrame) -> None:
    actuals = read_actuals(CY_FILE, CY)
    assert actuals.coverage == ("1989", "2023")
    assert not actuals.zero_if_missing  # the file lists every country-year, zeros included
    merged = cy_panel.merge(actuals.frame, on=["gwno", "period"], how="left")
    assert np.allclose(merged["fatalities"].fillna(0), merged["sb_best"])


def test_a_cut_cy_file_scores_only_the_country_years_it_lists(
    cy_panel: pd.DataFrame, tmp_path: Path
) -> None:
    """A country-year file cut to Afghanistan and Albania must not score the other countries'
    forecasts as zero deaths: they are left out and counted."""
    header, rows = read_rows(CY_FILE, limit=49)
    assert {row[1] for row in rows} == {"Afghanistan", "Albania"}
    actuals = read_actuals(write_rows(tmp_path / "cut.csv", header, rows), CY)
    assert actuals.coverage == ("1989", "2023")
    frame = make_model("zero").fit(cy_panel, "2020").sample(n=20)
    result = score_forecast(
        frame, actuals.frame, actuals.coverage, zero_if_missing=actuals.zero_if_missing
    )
    afghanistan = actuals.frame.set_index(["gwno", "period"])["fatalities"]
    observed = [afghanistan[(700, year)] for year in ("2021", "2022", "2023")]
    assert result["overall"]["rows"] == 3  # Albania's rows stop before 2021
    assert result["overall"]["crps"] == pytest.approx(sum(observed) / 3)
    assert result["not_in_actuals"] == 3 * frame["gwno"].nunique() - 3
