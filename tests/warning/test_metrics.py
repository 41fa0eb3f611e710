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
