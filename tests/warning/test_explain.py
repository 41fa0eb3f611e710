"""Feature contributions: ranked from a fitted model, long for storage, read back from disk."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from detente.settings import Settings
from detente.warning import make_model
from detente.warning.explain import contributions, contributions_frame, stored_contributions
from detente.warning.forecasters.lgbm import LGBMForecaster
from detente.warning.storage import forecast_path, write_forecast

CUTOFF = "2015"
SYRIA, NORWAY = 652, 385


@pytest.fixture(scope="module")
def lgbm(cy_panel: pd.DataFrame) -> LGBMForecaster:
    model = make_model("lgbm").fit(cy_panel, CUTOFF)
    assert isinstance(model, LGBMForecaster)
    return model


def test_top_contributions_are_the_largest_in_absolute_value(lgbm: LGBMForecaster) -> None:
    full = lgbm.contributions(1).T[SYRIA].drop("bias")
    top = contributions(lgbm, SYRIA, 1, top=5)
    assert len(top) == 5
    expected = full.abs().sort_values(ascending=False).index[:5]
    assert [name for name, _ in top] == list(expected)
    assert all(value == pytest.approx(full[name]) for name, value in top)
    # all of them when asked for more than there are
    assert len(contributions(lgbm, SYRIA, 1, top=1000)) == len(lgbm.features)


def test_no_explanation_for_benchmarks_or_unknown_countries(
    lgbm: LGBMForecaster, cy_panel: pd.DataFrame
) -> None:
    assert contributions(lgbm, 999, 1) == []  # no such state
    assert contributions(lgbm, 265, 1) == []  # German Democratic Republic: gone by 2015
    zero = make_model("zero").fit(cy_panel, CUTOFF)
    assert contributions(zero, SYRIA, 1) == []
    assert contributions_frame(zero) is None
    assert contributions_frame(LGBMForecaster()) is None  # not fitted yet


def test_long_frame_holds_every_country_horizon_and_feature(lgbm: LGBMForecaster) -> None:
    frame = contributions_frame(lgbm)
    assert frame is not None
    assert list(frame.columns) == ["gwno", "horizon", "feature", "contribution"]
    assert frame["gwno"].dtype == np.int64
    assert len(frame) == lgbm.gwnos.size * 3 * (len(lgbm.features) + 1)
    assert sorted(frame["horizon"].unique()) == [1, 2, 3]
    one = frame.loc[(frame.gwno == NORWAY) & (frame.horizon == 2)].set_index("feature")
    wide = lgbm.contributions(2).T[NORWAY]
    pd.testing.assert_series_equal(
        one["contribution"], wide, check_names=False, check_index_type=False
    )


def test_stored_contributions_match_the_model_until_a_newer_forecast_has_none(
    lgbm: LGBMForecaster, cy_panel: pd.DataFrame, settings: Settings
) -> None:
    assert stored_contributions(settings, SYRIA) == []  # nothing stored yet
    write_forecast(
        lgbm.sample(n=20, seed=0),
        forecast_path(settings, "cy", "lgbm", CUTOFF),
        unit="cy",
        model="lgbm",
        cutoff=CUTOFF,
        contributions=contributions_frame(lgbm),
    )
    for gwno, horizon in ((SYRIA, 1), (NORWAY, 3)):
        stored = stored_contributions(settings, gwno, horizon=horizon)
        live = contributions(lgbm, gwno, horizon)
        assert [name for name, _ in stored] == [name for name, _ in live]
        assert [v for _, v in stored] == pytest.approx([v for _, v in live])
    assert stored_contributions(settings, 999) == []
    # a newer cutoff from a benchmark is now the latest forecast, and it explains nothing
    zero = make_model("zero").fit(cy_panel, "2016")
    write_forecast(
        zero.sample(n=20, seed=0),
        forecast_path(settings, "cy", "zero", "2016"),
        unit="cy",
        model="zero",
        cutoff="2016",
    )
    assert stored_contributions(settings, SYRIA) == []
