"""The outlook: what a stored forecast expects for the year after the data (real panel)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from detente.analytics import load_panel
from detente.settings import Settings
from detente.warning.outlook import NEW_RISK_FLOOR, make_outlook, outlook_from_frame
from detente.warning.storage import forecast_path, write_forecast
from tests.warning.alerts_support import poisson_forecast, store_settings

ICELAND, NIGERIA = 395, 475


@pytest.fixture(scope="module")
def panel(analytics_path: Path) -> pd.DataFrame:
    return load_panel(analytics_path, "cy")


def test_the_outlook_counts_likely_conflicts_and_ranks_calm_states_and_large_wars(
    panel: pd.DataFrame,
) -> None:
    # Iceland (calm) forecast around 30 deaths, Nigeria (at war) around 40: only Iceland is new
    frame = poisson_forecast(panel, 2023, level={ICELAND: 30.0, NIGERIA: 40.0})
    outlook = outlook_from_frame(frame, "test", panel, 2023)
    assert (outlook.year, outlook.calm_since) == (2024, 2021)
    first = frame.loc[frame["horizon"] == 1]
    chances = first.groupby("gwno")["fatalities"].apply(lambda d: (d >= 25).mean())
    assert outlook.likely == int((chances >= 0.5).sum())
    assert outlook.new_risks[0].gwno == ICELAND
    assert outlook.new_risks[0].chance == pytest.approx(chances[ICELAND])
    assert all(row.gwno != NIGERIA for row in outlook.new_risks)
    assert all(row.chance >= NEW_RISK_FLOOR for row in outlook.new_risks)
    # the most deaths expected where the most died (Poisson around the 2023 count)
    deaths_2023 = panel.loc[panel["year"] == 2023].set_index("gwno")["sb_best"]
    assert outlook.largest[0].gwno == int(deaths_2023.idxmax())
    top = outlook.largest[0]
    assert top.low <= top.median <= top.high
    assert top.iso3 == "UKR"


def test_no_stored_forecast_for_the_data_year_means_no_outlook(
    tmp_path: Path, analytics_path: Path, panel: pd.DataFrame
) -> None:
    settings: Settings = store_settings(tmp_path, analytics_path)
    assert make_outlook(settings, 2023, panel=panel) is None
    frame = poisson_forecast(panel, 2022)
    path = forecast_path(settings, "cy", "lgbm", "2022")
    path.parent.mkdir(parents=True, exist_ok=True)
    write_forecast(frame, path, unit="cy", model="lgbm", cutoff="2022")
    assert make_outlook(settings, 2023, panel=panel) is None  # another cutoff
    found = make_outlook(settings, 2022, panel=panel)
    assert found is not None
    assert (found.model, found.cutoff) == ("lgbm", 2022)
