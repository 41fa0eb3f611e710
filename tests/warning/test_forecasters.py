"""ONE conformance test over every model in MODELS, on both units, plus each benchmark's rule."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from detente.errors import DataValidationError
from detente.warning import CONTRACT_COLUMNS, MODELS, Forecaster, make_model
from detente.warning.forecasters import (
    BootstrapForecaster,
    ConflictologyForecaster,
    LastForecaster,
    NotFittedError,
)


@pytest.mark.parametrize("name", list(MODELS))
@pytest.mark.parametrize(("unit", "cutoff", "horizons"), [("cy", "2015", 3), ("cm", "2011-06", 12)])
def test_every_model_follows_the_forecaster_contract(
    name: str,
    unit: str,
    cutoff: str,
    horizons: int,
    cy_panel: pd.DataFrame,
    cm_panel: pd.DataFrame,
) -> None:
    panel = cy_panel if unit == "cy" else cm_panel
    model = MODELS[name]()
    assert isinstance(model, Forecaster)
    assert model.fit(panel, cutoff) is model
    frame = model.sample(n=50, seed=3)
    assert tuple(frame.columns) == CONTRACT_COLUMNS
    column = "year" if unit == "cy" else "month_id"
    alive = set(panel.loc[panel["period"] == cutoff, "gwno"])
    assert set(frame["gwno"]) == alive
    assert len(frame) == len(alive) * horizons * 50
    assert sorted(frame["horizon"].unique()) == list(range(1, horizons + 1))
    assert sorted(frame["draw"].unique()) == list(range(50))
    assert (frame["fatalities"] >= 0).all()
    assert np.isfinite(frame["fatalities"]).all()
    first = panel.loc[panel["period"] == cutoff, column].iloc[0]
    expected = panel.loc[panel[column] == first + 1, "period"]
    if not expected.empty:
        assert set(frame.loc[frame["horizon"] == 1, "period"]) == {expected.iloc[0]}
    # the same seed gives the same draws; no data after the cutoff is used
    again = MODELS[name]().fit(panel, cutoff).sample(n=50, seed=3)
    pd.testing.assert_frame_equal(frame, again)
    truncated = panel.loc[panel[column] <= first]
    alone = MODELS[name]().fit(truncated, cutoff).sample(n=50, seed=3)
    pd.testing.assert_frame_equal(frame, alone)


def test_sample_before_fit_and_bad_cutoffs_are_refused(cy_panel: pd.DataFrame) -> None:
    with pytest.raises(NotFittedError):
        make_model("zero").sample(10)
    with pytest.raises(DataValidationError, match="cutoff"):
        make_model("zero").fit(cy_panel, "2015-13")
    with pytest.raises(DataValidationError, match="no rows for the cutoff 1950"):
        make_model("zero").fit(cy_panel, "1950")
    with pytest.raises(DataValidationError, match="month_id"):
        make_model("zero").fit(cy_panel, "2015-01")
    with pytest.raises(ValueError, match="unknown model"):
        make_model("prophet")


def test_last_draws_poisson_around_the_cutoff_value(cy_panel: pd.DataFrame) -> None:
    model = LastForecaster().fit(cy_panel, "2015")
    draws = model.draws(4000, seed=1)
    syria = int(np.searchsorted(model.gwnos, 652))
    value = cy_panel.loc[(cy_panel.gwno == 652) & (cy_panel.year == 2015), "sb_best"].iloc[0]
    assert draws[syria].mean() == pytest.approx(value, rel=0.01)
    assert draws[syria].var() == pytest.approx(value, rel=0.1)


def test_conflictology_resamples_only_the_countrys_last_ten_years(cy_panel: pd.DataFrame) -> None:
    model = ConflictologyForecaster().fit(cy_panel, "2015")
    draws = model.draws(500, seed=1)
    for gwno in (652, 625, 2):
        row = int(np.searchsorted(model.gwnos, gwno))
        own = cy_panel.loc[(cy_panel.gwno == gwno) & cy_panel.year.between(2006, 2015), "sb_best"]
        assert set(np.unique(draws[row])) <= set(own)
    south_sudan = int(np.searchsorted(model.gwnos, 626))  # independent from 2011: 5 years
    own = cy_panel.loc[(cy_panel.gwno == 626) & (cy_panel.year <= 2015), "sb_best"]
    assert set(np.unique(draws[south_sudan])) == set(own)


def test_bootstrap_pools_every_country(cy_panel: pd.DataFrame) -> None:
    model = BootstrapForecaster().fit(cy_panel, "2015")
    draws = model.draws(2000, seed=1)
    pool = cy_panel.loc[cy_panel.year.between(2006, 2015), "sb_best"]
    assert set(np.unique(draws)) <= set(pool)
    share_positive = (draws > 0).mean()
    assert share_positive == pytest.approx((pool > 0).mean(), abs=0.01)


def test_lgbm_explains_and_ranks_countries_at_war_higher(cy_panel: pd.DataFrame) -> None:
    from detente.warning import contributions

    model = make_model("lgbm").fit(cy_panel, "2015")
    draws = model.draws(500, seed=0)
    syria = int(np.searchsorted(model.gwnos, 652))
    norway = int(np.searchsorted(model.gwnos, 385))
    assert (draws[syria, 0] > 0).mean() > 0.9
    assert (draws[norway, 0] > 0).mean() < 0.1
    top = contributions(model, 652, 1)
    assert len(top) == 8
    assert all(isinstance(name, str) and name != "bias" for name, _ in top)
    assert abs(top[0][1]) >= abs(top[-1][1])
    assert contributions(make_model("zero").fit(cy_panel, "2015"), 652, 1) == []
