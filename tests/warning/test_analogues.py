"""Analogues on the real snapshot: only the past searched, outcomes shown, forecaster contract."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from detente.analytics import load_panel
from detente.errors import DataValidationError
from detente.settings import Settings
from detente.warning.analogues import (
    FOLLOW,
    AnalogueForecaster,
    _distances,
    find_analogues,
    panel_features,
)
from detente.warning.forecasters.base import NotFittedError
from tests.warning.alerts_support import store_settings


@pytest.fixture
def settings_store(tmp_path: Path, analytics_path: Path) -> Settings:
    return store_settings(tmp_path, analytics_path)


@pytest.fixture(scope="module")
def panel(analytics_path: Path) -> pd.DataFrame:
    return load_panel(analytics_path, "cy")


def _deaths(panel: pd.DataFrame, gwno: int, year: int) -> float:
    return float(panel.loc[(panel.gwno == gwno) & (panel.year == year), "sb_best"].sum())


def test_analogues_come_from_the_past_with_their_outcomes(
    settings_store: Settings, panel: pd.DataFrame
) -> None:
    found = find_analogues(settings_store, 432, 2011, k=5)  # Mali before the 2012 crisis
    assert found.pattern == tuple(_deaths(panel, 432, y) for y in range(2007, 2012))
    assert len(found.analogues) == 5
    assert len({a.gwno for a in found.analogues}) == 5
    distances = [a.distance for a in found.analogues]
    assert distances == sorted(distances)
    for a in found.analogues:
        assert a.year + FOLLOW <= 2011
        assert a.followed == tuple(_deaths(panel, a.gwno, a.year + h) for h in (1, 2, 3))
        assert a.pattern[-1] == _deaths(panel, a.gwno, a.year)
        for agreement in a.agreements:
            assert a.year < int(agreement["date"][:4]) <= a.year + FOLLOW
    assert "similar situations" in found.summary
    assert found.as_dict()["analogues"][0]["gwno"] == found.analogues[0].gwno


def test_no_past_to_learn_from_in_the_first_years(settings_store: Settings) -> None:
    found = find_analogues(settings_store, 432, 1994)
    assert found.analogues == ()
    assert found.summary.startswith("No comparable")


def test_unknown_state_year_is_refused(settings_store: Settings) -> None:
    with pytest.raises(DataValidationError, match="no panel row"):
        find_analogues(settings_store, 626, 2005)


@pytest.mark.parametrize("year", [1988, 2024, 2030])
def test_a_year_outside_the_data_is_refused_as_such(settings_store: Settings, year: int) -> None:
    """Before: "panel, field 'period': no panel row for state 625 in 2030", as if Sudan were
    the problem, not the year."""
    with pytest.raises(DataValidationError) as error:
        find_analogues(settings_store, 625, year)
    assert str(error.value) == f"analogues, field 'year': {year} is outside the data (1989-2023)"


def test_features_are_bounded_and_use_no_future(panel: pd.DataFrame) -> None:
    full = panel_features(panel)
    cut = panel_features(panel[panel.year <= 2010])
    # log scales pass 1 only above 10,000 deaths (1.5 at a million)
    assert full.drop(columns=["gwno", "period", "t", "sb_best"]).to_numpy().max() <= 1.5
    merged = cut.merge(full, on=["gwno", "period"], suffixes=("_cut", "_full"))
    for column in ("sb_0", "sb_4", "calm", "neighbour_violence", "peace_agreements"):
        assert np.allclose(merged[f"{column}_cut"], merged[f"{column}_full"]), column


def test_forecaster_follows_the_contract(panel: pd.DataFrame) -> None:
    model = AnalogueForecaster(k=10)
    with pytest.raises(NotFittedError):
        model.sample(5)
    frame = model.fit(panel, "2015").sample(n=50, seed=3)
    assert list(frame.columns) == ["gwno", "period", "horizon", "draw", "fatalities"]
    states = panel.loc[panel.year == 2015, "gwno"].nunique()
    assert len(frame) == states * 3 * 50
    assert set(frame["period"]) == {"2016", "2017", "2018"}
    assert (frame["fatalities"] >= 0).all()
    assert frame.groupby(["gwno", "horizon"])["draw"].nunique().eq(50).all()
    again = AnalogueForecaster(k=10).fit(panel, "2015").sample(n=50, seed=3)
    pd.testing.assert_frame_equal(frame, again)
    # data after the cutoff changes nothing
    cut = AnalogueForecaster(k=10).fit(panel[panel.year <= 2015], "2015").sample(n=50, seed=3)
    pd.testing.assert_frame_equal(frame, cut)
    # a state at war is forecast far above a calm one
    means = frame[frame.horizon == 1].groupby("gwno")["fatalities"].mean()
    assert means[652] > 1000 > means[395]  # Syria vs Iceland


def test_forecaster_refuses_a_cutoff_without_data(panel: pd.DataFrame) -> None:
    with pytest.raises(DataValidationError, match="cutoff"):
        AnalogueForecaster().fit(panel, "2040")


def test_a_feature_unknown_on_either_side_adds_nothing_to_the_distance() -> None:
    """PA-X's features are NaN after its coverage: they drop out of that pair's distance."""
    library = np.array([[0.0, 1.0], [3.0, np.nan]])
    query = np.array([[0.0, np.nan], [0.0, 0.0]])
    weights = np.array([1.0, 1.0])
    got = _distances(library, query, weights)
    np.testing.assert_allclose(got, [[0.0, 3.0], [1.0, 3.0]])
