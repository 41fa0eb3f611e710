"""Metrics: the identities of the zero forecast, and agreement with direct definitions."""

from __future__ import annotations

import numpy as np
import pytest
import scoringrules as sr

from detente.warning import metrics


@pytest.fixture
def observed() -> np.ndarray:
    rng = np.random.default_rng(0)
    y = rng.negative_binomial(0.3, 0.01, size=400).astype(float)
    y[rng.random(400) < 0.7] = 0.0
    return y


def test_zero_forecast_crps_is_mean_observed(observed: np.ndarray) -> None:
    draws = np.zeros((observed.size, 1000))
    summary = metrics.summarise(observed, metrics.score(observed, draws))
    assert summary.crps == pytest.approx(observed.mean())


def test_zero_forecast_mis90_is_twenty_times_mean_observed(observed: np.ndarray) -> None:
    draws = np.zeros((observed.size, 1000))
    summary = metrics.summarise(observed, metrics.score(observed, draws))
    assert summary.mis == pytest.approx(20 * observed.mean())
    assert summary.coverage == pytest.approx((observed == 0).mean())


def test_crps_matches_the_energy_form_on_random_draws(observed: np.ndarray) -> None:
    rng = np.random.default_rng(1)
    draws = rng.poisson(50, size=(30, 200)).astype(float)
    y = observed[:30]
    direct = [
        np.abs(d - v).mean() - 0.5 * np.abs(d[:, None] - d[None, :]).mean()
        for d, v in zip(draws, y, strict=True)
    ]
    assert metrics.crps(y, draws) == pytest.approx(direct)
    assert metrics.crps(y, draws) == pytest.approx(sr.crps_ensemble(y, draws, backend="numpy"))


def test_ignorance_uses_the_views_bins_with_one_pseudo_count() -> None:
    draws = np.zeros((3, 9))  # all 9 draws in the first bin (0)
    y = np.array([0.0, 2.0, 5000.0])
    bins = metrics.IGN_EDGES.size
    expected = -np.log2(np.array([10 / (9 + bins), 1 / (9 + bins), 1 / (9 + bins)]))
    assert metrics.ign(y, draws) == pytest.approx(expected)
    # 25 and 26 fall in different bins (11-25, 26-50)
    edge = np.full((2, 4), 25.0)
    scores = metrics.ign(np.array([25.0, 26.0]), edge)
    assert scores[0] < scores[1]


def test_interval_coverage_brier_and_auc_pr() -> None:
    draws = np.tile(np.arange(100, dtype=float), (4, 1))  # 5%..95% = 4.95..94.05
    y = np.array([0.0, 50.0, 94.0, 200.0])
    scores = metrics.score(y, draws)
    assert scores.covered.tolist() == [False, True, True, False]
    assert scores.p_event == pytest.approx([0.75] * 4)
    summary = metrics.summarise(y, scores)
    assert summary.brier == pytest.approx(np.mean((0.75 - np.array([0, 1, 1, 1])) ** 2))
    assert summary.auc_pr == pytest.approx(0.75)


def test_auc_pr_is_none_without_any_event() -> None:
    y = np.zeros(5)
    summary = metrics.summarise(y, metrics.score(y, np.zeros((5, 10))))
    assert summary.auc_pr is None
    assert summary.brier == 0.0


def test_shapes_are_checked() -> None:
    with pytest.raises(ValueError, match="rows"):
        metrics.score(np.zeros(3), np.zeros((4, 10)))


def test_pit_coverage_of_a_point_mass_is_the_nominal_share() -> None:
    """All draws 0 and y = 0: the PIT is uniform on [0, 1], 90% of it inside [0.05, 0.95]
    (the closed interval [0, 0] covers it fully); y = 3 beyond every draw: PIT 1, outside."""
    draws = np.zeros((2, 500))
    covered = metrics.pit_coverage(np.array([0.0, 3.0]), draws)
    np.testing.assert_allclose(covered, [0.9, 0.0])
    # distinct draws 0..99: y = 50 has PIT in [0.50, 0.51], inside; y = 2 in [0.02, 0.03]
    ladder = np.tile(np.arange(100.0), (2, 1))
    np.testing.assert_allclose(metrics.pit_coverage(np.array([50.0, 2.0]), ladder), [1.0, 0.0])
    # a range that straddles the bound counts the part inside: 50 draws, y = 2 -> [0.04, 0.06]
    np.testing.assert_allclose(metrics.pit_coverage(np.array([2.0]), np.arange(50.0)[None]), [0.5])


def test_a_calibrated_count_forecast_covers_ninety_percent_by_pit_not_by_interval() -> None:
    """Outcomes drawn from the forecast itself (mostly zeros, some counts): the closed 90%
    interval over-covers, the count-data PIT coverage is 0.90 up to sampling noise."""
    rng = np.random.default_rng(3)
    rows, n = 4000, 1000
    rate = np.where(rng.random(rows) < 0.8, 0.05, rng.uniform(1, 200, rows))
    draws = rng.poisson(rate[:, None], size=(rows, n)).astype(float)
    y = rng.poisson(rate).astype(float)
    summary = metrics.summarise(y, metrics.score(y, draws))
    assert summary.coverage > 0.95
    assert summary.coverage_pit == pytest.approx(0.90, abs=0.015)


def _calibrated(rows: int = 4000, n: int = 1000) -> tuple[np.ndarray, np.ndarray]:
    """Outcomes drawn from the forecast itself: 80% near-zero rates, the rest up to 200."""
    rng = np.random.default_rng(3)
    rate = np.where(rng.random(rows) < 0.8, 0.05, rng.uniform(1, 200, rows))
    draws = rng.poisson(rate[:, None], size=(rows, n)).astype(float)
    return rng.poisson(rate).astype(float), draws


def test_the_pit_histogram_of_a_calibrated_forecast_is_flat() -> None:
    y, draws = _calibrated()
    histogram = metrics.pit_histogram(y, draws)
    assert histogram.sum() == pytest.approx(1.0)
    np.testing.assert_allclose(histogram, 0.1, atol=0.012)


def test_the_pit_histogram_shows_forecasts_too_narrow_or_too_wide() -> None:
    """Draws half as spread as the outcomes pile PIT at both ends (U); twice, in the middle."""
    rng = np.random.default_rng(5)
    y = rng.normal(1000, 100, 3000).round()
    narrow = metrics.pit_histogram(y, rng.normal(1000, 50, (3000, 500)).round())
    wide = metrics.pit_histogram(y, rng.normal(1000, 200, (3000, 500)).round())
    assert min(narrow[0], narrow[-1]) > 0.2  # flat would be 0.1
    assert narrow[4:6].max() < 0.07
    assert max(wide[0], wide[-1]) < 0.02
    assert wide[4:6].min() > 0.15


def test_the_inner_pit_mass_is_the_pit_coverage() -> None:
    """With 20 bins, bins 2..19 hold [0.05, 0.95]: the mean of pit_coverage."""
    y, draws = _calibrated(rows=600, n=400)
    histogram = metrics.pit_histogram(y, draws, bins=20)
    assert histogram[1:-1].sum() == pytest.approx(metrics.pit_coverage(y, draws).mean(), abs=1e-9)


def test_pit_masses_split_a_range_and_place_a_point() -> None:
    # 50 draws 0..49, y = 2: PIT uniform on [0.04, 0.06], half in bin 0 and half in bin 1 of 20
    masses = metrics.pit_masses(np.array([2.0]), np.arange(50.0)[None], bins=20)
    np.testing.assert_allclose(masses[0, :2], [0.5, 0.5])
    # beyond every draw: a point at 1, in the last bin; below every draw: a point at 0
    masses = metrics.pit_masses(np.array([99.0, -1.0]), np.arange(10.0)[None].repeat(2, 0))
    assert masses[0, -1] == 1.0
    assert masses[1, 0] == 1.0


def test_reliability_agrees_with_scikit_learn_on_equal_bins() -> None:
    from sklearn.calibration import calibration_curve

    rng = np.random.default_rng(1)
    p = rng.beta(0.4, 2.0, 5000)
    event = rng.random(5000) < p
    edges = tuple(np.linspace(0, 1, 11))
    table = metrics.reliability(p, event, edges)
    observed, forecast = calibration_curve(event, p, n_bins=10, strategy="uniform")
    np.testing.assert_allclose([b.observed for b in table], observed)
    np.testing.assert_allclose([b.forecast for b in table], forecast)
    assert sum(b.rows for b in table) == 5000


def test_reliability_of_a_calibrated_chance_is_on_the_diagonal() -> None:
    y, draws = _calibrated()
    scores = metrics.score(y, draws)
    for group in metrics.reliability(scores.p_event, scores.event):
        if group.rows >= 100:
            assert group.observed == pytest.approx(group.forecast, abs=0.08)
    with pytest.raises(ValueError, match="3 chances for 2 outcomes"):
        metrics.reliability(np.zeros(3), np.zeros(2))
