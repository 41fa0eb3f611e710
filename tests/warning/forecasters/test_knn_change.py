"""``knn_change`` on the real country-year panel: neighbours by level, their change applied."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from detente.errors import DataValidationError
from detente.warning.forecasters.knn_change import K, KnnChangeForecaster, level_features

CUTOFF = "2015"
SYRIA, NORWAY = 652, 385


@pytest.fixture(scope="module")
def fitted(cy_panel: pd.DataFrame) -> KnnChangeForecaster:
    return KnnChangeForecaster().fit(cy_panel, CUTOFF)


def _row(model: KnnChangeForecaster, gwno: int) -> int:
    return int(np.searchsorted(model.gwnos, gwno))


def test_a_large_war_stays_large(fitted: KnnChangeForecaster) -> None:
    """Syria had 51,098 state-based deaths in 2015: the median for 2016 is tens of thousands
    (UCDP: 44,939), not the few thousand the trees alone give."""
    draws = fitted.draws(2000, seed=0)
    syria = draws[_row(fitted, SYRIA), 0]
    assert 20_000 < np.median(syria) < 100_000
    assert (syria == 0).mean() < 0.05


def test_a_calm_country_is_compared_with_every_calm_country_year(
    fitted: KnnChangeForecaster, cy_panel: pd.DataFrame
) -> None:
    """Ties with the k-th nearest are kept: Norway (no deaths 2013-2015) draws from every
    country-year with no deaths in it and the two before (and a year after it), not from an
    arbitrary 60."""
    rows = fitted.neighbours(1)[_row(fitted, NORWAY)]
    history = cy_panel.loc[cy_panel["year"] <= 2015].sort_values(["gwno", "year"])
    levels = level_features(history.assign(t=history["year"]))
    known = set(zip(levels["gwno"], levels["t"], strict=True))
    followed = [(g, t + 1) in known for g, t in zip(levels["gwno"], levels["t"], strict=True)]
    calm = int(((levels["now"] == 0) & (levels["mean"] == 0) & np.array(followed)).sum())
    assert rows.size == calm > 10 * K
    draws = fitted.draws(4000, seed=1)[_row(fitted, NORWAY)]
    assert (draws == 0).mean() > 0.9


def test_each_draw_is_a_neighbours_change_applied_to_the_countrys_level(
    fitted: KnnChangeForecaster,
) -> None:
    for gwno in (SYRIA, 625, NORWAY):  # 625 = Sudan
        row = _row(fitted, gwno)
        for h in (1, 3):
            _, before, after = fitted.pools[h]
            picked = fitted.neighbours(h)[row]
            own = fitted.query[row, 0]
            moved = np.maximum(after[picked] - before[picked] + own, np.log1p(1.0))
            possible = set(np.where(after[picked] > 0, np.rint(np.expm1(moved)), 0.0))
            assert set(np.unique(fitted.draws(500, seed=h)[row, h - 1])) <= possible


def test_k_must_be_positive() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        KnnChangeForecaster(k=0)


def test_draws_stay_below_twice_the_largest_count_seen(cy_panel: pd.DataFrame) -> None:
    """At the earliest cutoff (1992) few country-years are alike, and a ratio learnt between
    small counts once gave Ethiopia 56 million deaths; the ceiling is twice the history's
    largest count."""
    model = KnnChangeForecaster().fit(cy_panel, "1992")
    largest = cy_panel.loc[cy_panel["year"] <= 1992, "sb_best"].max()
    draws = model.draws(1000, seed=0)
    assert draws.max() <= 2 * largest + 1
    assert (draws[:, 1:] > 0).any()  # the longer horizons learn something too


def test_a_cutoff_without_history_for_every_horizon_is_refused(cy_panel: pd.DataFrame) -> None:
    with pytest.raises(DataValidationError, match="earliest cutoff is 1992"):
        KnnChangeForecaster().fit(cy_panel, "1991")
