"""The LightGBM forecasters on the real country-year panel: hurdle, residual draws, mixture."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from detente.warning.forecasters.lgbm import (
    MIN_ROWS,
    MONOTONE_FEATURES,
    LGBMForecaster,
    LGBMLogForecaster,
    _oof,
    _Residuals,
)

CUTOFF = "2015"
SYRIA, NORWAY = 652, 385


@pytest.fixture(scope="module")
def trees_only(cy_panel: pd.DataFrame) -> LGBMForecaster:
    """The hurdle model without the mixture, so draws come from the trees alone."""
    return LGBMForecaster(mix={}, knn_share={}).fit(cy_panel, CUTOFF)


def test_hurdle_draws_are_positive_as_often_as_the_classifier_says(
    trees_only: LGBMForecaster,
) -> None:
    n = 4000
    draws = trees_only.draws(n, seed=7)
    assert trees_only.history_model is None  # no mixture asked for
    assert trees_only.knn_model is None
    for h in (1, 2, 3):
        p = trees_only.probability(h)
        share = (draws[:, h - 1, :] > 0).mean(axis=1)
        tolerance = 5 * np.sqrt(p * (1 - p) / n) + 3 / n  # 3/n: p near 0 or 1
        assert (np.abs(share - p) <= tolerance).all()
    syria = int(np.searchsorted(trees_only.gwnos, SYRIA))
    norway = int(np.searchsorted(trees_only.gwnos, NORWAY))
    assert trees_only.probability(1)[syria] > 0.9 > 0.1 > trees_only.probability(1)[norway]
    # UCDP counts people: whole deaths only
    assert np.array_equal(draws, np.rint(draws))


def test_hurdle_contributions_add_up_to_the_classifiers_log_odds(
    trees_only: LGBMForecaster,
) -> None:
    table = trees_only.contributions(1)
    assert list(table.columns) == [*trees_only.features, "bias"]
    assert list(table.index) == list(trees_only.gwnos)
    p = trees_only.probability(1).clip(1e-12, 1 - 1e-12)
    np.testing.assert_allclose(table.sum(axis=1), np.log(p / (1 - p)), rtol=1e-6, atol=1e-6)
    # Syria's recent war pushes towards violence
    assert table["sb_log"].to_numpy()[list(table.index).index(SYRIA)] > 0


def test_more_deaths_now_never_predict_fewer_deaths_later(trees_only: LGBMForecaster) -> None:
    """The regressor is monotone in the country's own state-based deaths: Syria's row with
    each of those features raised step by step never gets a lower predicted level."""
    assert set(MONOTONE_FEATURES) <= set(trees_only.features)
    syria = trees_only.current.loc[[SYRIA]]
    levels = np.linspace(0.0, 12.0, 49)
    for h in (1, 2, 3):
        regressor = trees_only.models[h]["regressor"]
        for name in MONOTONE_FEATURES:
            rows = pd.concat([syria] * levels.size, ignore_index=True).assign(**{name: levels})
            predicted = regressor.predict(rows)
            assert (np.diff(predicted) >= -1e-9).all(), (h, name)


def test_mixture_draws_come_from_the_countrys_own_history(cy_panel: pd.DataFrame) -> None:
    """With the whole first year given to the conflictology benchmark, horizon 1 resamples
    the country's 2006-2015 values only; the later horizons still come from the trees."""
    model = LGBMForecaster(mix={1: (1.0, 0.0), 2: (0.0, 0.0)}, knn_share={}).fit(cy_panel, CUTOFF)
    draws = model.draws(300, seed=1)
    for gwno in (SYRIA, 625, NORWAY):
        row = int(np.searchsorted(model.gwnos, gwno))
        own = cy_panel.loc[(cy_panel.gwno == gwno) & cy_panel.year.between(2006, 2015), "sb_best"]
        assert set(np.unique(draws[row, 0])) <= set(own)
    syria = int(np.searchsorted(model.gwnos, SYRIA))
    past = set(cy_panel.loc[(cy_panel.gwno == SYRIA) & (cy_panel.year <= 2015), "sb_best"])
    assert not set(np.unique(draws[syria, 1])) <= past


def test_log_model_has_no_classifier_and_explains_its_mean(cy_panel: pd.DataFrame) -> None:
    model = LGBMLogForecaster().fit(cy_panel, CUTOFF)
    assert not model.hurdle
    with pytest.raises(ValueError, match="no classifier"):
        model.probability(1)
    table = model.contributions(2)
    mean = model.models[2]["regressor"].predict(model.current)
    np.testing.assert_allclose(table.sum(axis=1), mean, rtol=1e-6, atol=1e-6)
    draws = model.draws(200, seed=0)
    norway = int(np.searchsorted(model.gwnos, NORWAY))
    assert (draws[norway] == 0).mean() > 0.5  # rounding gives zero its mass


def test_a_short_history_falls_back_to_empirical_rates(cm_panel: pd.DataFrame) -> None:
    """The test GED file has too few violent months for trees: rate and magnitudes instead."""
    model = LGBMForecaster(mix={}, knn_share={}).fit(cm_panel, "2011-06")
    fitted = model.models[1]
    assert "rate" in fitted
    assert fitted["values"].size < MIN_ROWS
    assert (model.probability(1) == fitted["rate"]).all()
    assert (model.contributions(1).to_numpy() == 0.0).all()
    draws = model.draws(500, seed=2)
    assert set(np.unique(draws[:, 0, :])) <= {0.0, *fitted["values"]}
    assert (draws[:, 0, :] > 0).mean() == pytest.approx(fitted["rate"], abs=0.02)


def test_residuals_are_drawn_from_the_bin_of_the_prediction() -> None:
    predicted = np.arange(100, dtype=np.float64)
    residuals = predicted.copy()  # a residual tells which prediction it came with
    pools = _Residuals(predicted, residuals, bins=5)
    rng = np.random.default_rng(0)
    drawn = pools.draw(np.array([3.0, 97.0]), (2, 500), rng)
    assert drawn[0].max() < 20  # lowest fifth
    assert drawn[1].min() >= 80  # highest fifth
    # a bin without residuals borrows all of them
    lumpy = _Residuals(np.array([0.0, 0.0, 0.0, 1.0]), np.array([1.0, 2.0, 3.0, 4.0]), bins=4)
    assert all(p.size for p in lumpy.pools)


def test_out_of_fold_predictions_never_see_their_own_fold() -> None:
    """Constant features: a tree predicts the mean of what it was trained on. Year 2000 alone
    has y = 10; ten years in five folds put 2000 and 2005 together, so only those two are
    predicted without ever seeing 2000."""
    groups = np.repeat(np.arange(2000, 2010), 30)
    x = pd.DataFrame({"constant": np.ones(groups.size)})
    y = np.where(groups == 2000, 10.0, 0.0)
    predicted = _oof(x, y, groups, seed=0)
    held_out = np.isin(groups, [2000, 2005])
    assert np.allclose(predicted[held_out], 0.0)
    # the others were fitted on 8 years, one of them 2000: mean 10 / 8
    assert np.allclose(predicted[~held_out], 10.0 / 8)


def test_out_of_fold_with_fewer_years_than_folds() -> None:
    """Three years: two folds stay empty, each year is predicted from the other two; a
    single year has nothing else to learn from and is predicted as zero."""
    groups = np.repeat(np.array([2001, 2002, 2003]), 30)
    x = pd.DataFrame({"constant": np.ones(groups.size)})
    y = np.select([groups == 2001, groups == 2002], [3.0, 6.0], 9.0)
    predicted = _oof(x, y, groups, seed=0)
    for year, others in ((2001, 7.5), (2002, 6.0), (2003, 4.5)):
        assert np.allclose(predicted[groups == year], others)
    alone = _oof(x.iloc[:30], y[:30], groups[:30], seed=0)
    assert np.array_equal(alone, np.zeros(30))


def test_a_knn_share_replaces_that_share_of_the_draws(cy_panel: pd.DataFrame) -> None:
    """All of year 1 from ``knn_change`` (same cutoff, same draws), none of year 2."""
    model = LGBMForecaster(mix={}, knn_share={1: 1.0, 2: 0.0}).fit(cy_panel, CUTOFF)
    assert model.knn_model is not None
    draws = model.draws(400, seed=5)
    knn = model.knn_model.draws(400, seed=11)
    syria = int(np.searchsorted(model.gwnos, SYRIA))
    # same distribution as knn_change alone (Syria 2016 after 51,098 deaths in 2015)
    assert np.median(draws[syria, 0]) == pytest.approx(np.median(knn[syria, 0]), rel=0.35)
    trees = LGBMForecaster(mix={}, knn_share={}).fit(cy_panel, CUTOFF).draws(400, seed=5)
    assert np.median(trees[syria, 0]) < 0.5 * np.median(draws[syria, 0])
    assert not np.array_equal(draws[:, 1], knn[:, 1])


@pytest.mark.parametrize(("cutoff", "with_pax"), [("2019", True), ("2021", False)])
def test_features_unknown_at_the_cutoff_are_left_out(
    cy_panel: pd.DataFrame, cutoff: str, with_pax: bool
) -> None:
    """PA-X ends in April 2020: trees fitted at 2021 must not read its NaNs as "no peace
    process", so its features are left out there, and kept where PA-X covers the cutoff."""
    model = LGBMForecaster(mix={}, knn_share={}).fit(cy_panel, cutoff)
    pax = {"pax_agreements", "pax_ceasefire", "pax_comprehensive", "pax_5y"}
    assert (pax <= set(model.features)) is with_pax
    assert not (pax & set(model.features)) or with_pax
    assert "sb_log" in model.features
    assert list(model.contributions(1).columns) == [*model.features, "bias"]
    assert np.isfinite(model.current.to_numpy()).all()
