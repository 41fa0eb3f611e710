"""Scores of probabilistic forecasts given as draws, on dense numpy arrays.

``y`` is a ``(rows,)`` array of observed fatalities and ``draws`` a ``(rows, n)`` array of
sampled fatalities for the same rows. The scores follow the ViEWS 2023/24 challenge:

* **CRPS** of the empirical distribution of the draws, ``E|X - y| - E|X - X'| / 2``, with the
  second term from the sorted draws in one dot product. It equals
  ``scoringrules.crps_ensemble`` (its default estimator; checked in the tests), which builds
  several ``rows x draws`` temporaries and is 25x slower at the backtest's size. For the zero
  forecast the CRPS is ``y`` itself, so its mean is ``mean(y)``.
* **IGN** (ignorance, log2) over the ViEWS bins of fatalities 0, 1–2, 3–5, 6–10, 11–25, 26–50,
  51–100, 101–250, 251–500, 501–1000, 1001+. Draw frequencies get one pseudo-observation per
  bin, ``(count + 1) / (n + bins)``, so that an outcome no draw reached scores a large but
  finite value.
* **MIS** (interval score, ``scoringrules.interval_score``) of the central 90% interval from the
  5% and 95% quantiles of the draws, and its **coverage**. For the zero forecast the interval is
  [0, 0] and the score ``2 / 0.1 * y``, so its mean is ``20 × mean(y)``.
* **PIT coverage**: the same 90% for count data (Czado, Gneiting & Held 2009, "Predictive
  model assessment for count data", *Biometrics* 65(4)). The closed interval of the draws'
  quantiles covers every outcome at a point mass: a forecast that gives 0 deaths a 97% chance
  covers every 0 observed, so a calibrated count forecast over-covers (most country-years are
  0). Here the outcome's PIT is spread uniformly over ``[F(y-1), F(y)]`` and the score is the
  probability that it falls in ``[0.05, 0.95]``, computed exactly (no random draw). A
  calibrated forecast scores 0.90 on average.
* **Brier** score and **AUC-PR** (average precision, scikit-learn) of the event ``y >= 25``
  with the probability = share of draws >= 25.
* **Calibration**, to read beside the scores: the **PIT histogram** (the same randomized PIT
  spread over ten bins of [0, 1]; flat at 10% each when calibrated, U-shaped when the forecasts
  are too narrow, humped when too wide) and the **reliability** of the chance of ``y >= 25``
  (forecasts grouped by their chance; in each group the mean chance and how often it happened).
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass

import numpy as np
import scoringrules as sr
from sklearn.metrics import average_precision_score, brier_score_loss

IGN_EDGES = np.array([0, 1, 3, 6, 11, 26, 51, 101, 251, 501, 1001], dtype=np.float64)
"""Lower bounds of the ViEWS IGN bins (the last bin is 1001 and more)."""
ALPHA = 0.1
"""1 - nominal coverage of the interval (90% interval)."""
EVENT = 25.0
"""Deaths that make a conflict (UCDP's threshold): the event of the Brier score and AUC-PR."""
RELIABILITY_EDGES = (0.0, 0.02, 0.05, 0.1, 0.2, 0.35, 0.5, 0.65, 0.8, 0.9, 1.0)
"""Groups of the forecast chance of ``y >= EVENT`` for :func:`reliability`. Finer near 0,
where most country-years are; scikit-learn's ``calibration_curve`` only has equal-width or
equal-count bins and drops empty ones without counts, so the table is built here."""


@dataclass(frozen=True)
class Scores:
    """Per-row scores of one set of forecasts (dense arrays, same length as ``y``)."""

    crps: np.ndarray
    ign: np.ndarray
    mis: np.ndarray
    covered: np.ndarray
    pit_covered: np.ndarray
    """Probability that the outcome's randomized PIT lies in the central interval."""
    pit_mass: np.ndarray
    """``rows x 10``: the outcome's randomized PIT spread over ten bins (:func:`pit_masses`)."""
    p_event: np.ndarray
    event: np.ndarray


@dataclass(frozen=True)
class Summary:
    """Mean scores over a set of rows (what the CLI and the methods page show)."""

    rows: int
    crps: float
    ign: float
    mis: float
    coverage: float
    coverage_pit: float
    brier: float
    auc_pr: float | None
    mean_observed: float

    def as_dict(self) -> dict[str, float | int | None]:
        """JSON-ready (``None`` for an AUC-PR with no event among the rows)."""
        return asdict(self)


def _check(y: np.ndarray, draws: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    y = np.asarray(y, dtype=np.float64)
    draws = np.asarray(draws, dtype=np.float64)
    if draws.ndim != 2 or y.ndim != 1 or draws.shape[0] != y.shape[0]:
        raise ValueError(f"need y (rows,) and draws (rows, n); got {y.shape} and {draws.shape}")
    return y, draws


def crps(y: np.ndarray, draws: np.ndarray, *, is_sorted: bool = False) -> np.ndarray:
    """CRPS of each row's draws against its observation."""
    y, draws = _check(y, draws)
    ordered = draws if is_sorted else np.sort(draws, axis=1)
    m = ordered.shape[1]
    # E|X - y| - E|X - X'| / 2, the second term from the sorted draws (Gini mean difference)
    weights = (2.0 * np.arange(1, m + 1) - m - 1) / (m * m)
    result: np.ndarray = np.abs(ordered - y[:, None]).mean(axis=1) - ordered @ weights
    return result


def ign(y: np.ndarray, draws: np.ndarray) -> np.ndarray:
    """Ignorance (log2) of each row over the ViEWS bins, with one pseudo-count per bin."""
    y, draws = _check(y, draws)
    bins = IGN_EDGES.size
    observed_bin = np.searchsorted(IGN_EDGES, y, side="right") - 1
    lower = IGN_EDGES[observed_bin][:, None]
    upper = np.append(IGN_EDGES[1:], np.inf)[observed_bin][:, None]
    same = (draws >= lower) & (draws < upper)
    probability = (same.sum(axis=1) + 1.0) / (draws.shape[1] + bins)
    return np.asarray(-np.log2(probability), dtype=np.float64)


def _sorted_quantile(ordered: np.ndarray, q: float) -> np.ndarray:
    """numpy's default (linear) quantile of each row of an already sorted array."""
    position = q * (ordered.shape[1] - 1)
    low = int(np.floor(position))
    high = min(low + 1, ordered.shape[1] - 1)
    result: np.ndarray = ordered[:, low] + (position - low) * (ordered[:, high] - ordered[:, low])
    return result


def interval(
    draws: np.ndarray, alpha: float = ALPHA, *, is_sorted: bool = False
) -> tuple[np.ndarray, np.ndarray]:
    """Lower and upper bounds of the central ``1 - alpha`` interval of each row's draws."""
    values = np.asarray(draws, dtype=np.float64)
    ordered = values if is_sorted else np.sort(values, axis=1)
    return _sorted_quantile(ordered, alpha / 2), _sorted_quantile(ordered, 1 - alpha / 2)


def pit_coverage(
    y: np.ndarray, draws: np.ndarray, alpha: float = ALPHA, *, is_sorted: bool = False
) -> np.ndarray:
    """Per row, the probability that the randomized PIT of ``y`` lies in the central interval.

    ``F(y-1)`` and ``F(y)`` are the shares of draws below and at most ``y``; the PIT is uniform
    between them (Czado et al. 2009), and the result is the share of that range inside
    ``[alpha/2, 1 - alpha/2]``. Where no draw equals ``y`` the PIT is a single point.
    """
    y, draws = _check(y, draws)
    ordered = draws if is_sorted else np.sort(draws, axis=1)
    below, at_most = _pit_range(y, ordered)
    low, high = alpha / 2, 1 - alpha / 2
    width = at_most - below
    inside = np.clip(np.minimum(at_most, high) - np.maximum(below, low), 0.0, None)
    point = ((below >= low) & (below <= high)).astype(np.float64)
    result: np.ndarray = np.where(width > 0, inside / np.where(width > 0, width, 1.0), point)
    return result


def _pit_range(y: np.ndarray, ordered: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per row, ``F(y-1)`` and ``F(y)``: the shares of sorted draws below and at most ``y``."""
    n = ordered.shape[1]
    below = (ordered < y[:, None]).sum(axis=1) / n
    at_most = (ordered <= y[:, None]).sum(axis=1) / n
    return below, at_most


def pit_masses(
    y: np.ndarray, draws: np.ndarray, bins: int = 10, *, is_sorted: bool = False
) -> np.ndarray:
    """Per row, the share of the outcome's randomized PIT in each of ``bins`` equal bins of
    [0, 1] (``rows x bins``; each row sums to 1).

    The PIT is uniform on ``[F(y-1), F(y)]``, so its mass is split exactly over the bins it
    spans; where no draw equals ``y`` it is a point and falls in one bin (the last bin is
    closed at 1).
    """
    y, draws = _check(y, draws)
    ordered = draws if is_sorted else np.sort(draws, axis=1)
    below, at_most = _pit_range(y, ordered)
    edges = np.linspace(0.0, 1.0, bins + 1)
    width = (at_most - below)[:, None]
    overlap = np.clip(
        np.minimum(at_most[:, None], edges[None, 1:])
        - np.maximum(below[:, None], edges[None, :-1]),
        0.0,
        None,
    )
    point = np.zeros((y.size, bins))
    point[np.arange(y.size), np.minimum((below * bins).astype(int), bins - 1)] = 1.0
    result: np.ndarray = np.where(width > 0, overlap / np.where(width > 0, width, 1.0), point)
    return result


def pit_histogram(y: np.ndarray, draws: np.ndarray, bins: int = 10) -> np.ndarray:
    """Share of all outcomes' randomized PIT in each of ``bins`` equal bins (sums to 1).

    Flat at ``1 / bins`` when the forecasts are calibrated. With 20 bins, the mass of the 18
    inner ones is the mean of :func:`pit_coverage` (up to PITs exactly on 0.05 or 0.95).
    """
    masses = pit_masses(y, draws, bins)
    result: np.ndarray = masses.mean(axis=0) if masses.size else np.zeros(bins)
    return result


@dataclass(frozen=True)
class ReliabilityBin:
    """Forecasts whose chance of the event fell in ``[low, high)`` (the last group includes 1)."""

    low: float
    high: float
    rows: int
    forecast: float
    """Mean forecast chance in the group."""
    observed: float
    """Share of the group's rows where the event happened."""


def reliability(
    p_event: np.ndarray, event: np.ndarray, edges: tuple[float, ...] = RELIABILITY_EDGES
) -> list[ReliabilityBin]:
    """How often forecasts of each chance came true (empty groups left out)."""
    p = np.asarray(p_event, dtype=np.float64)
    happened = np.asarray(event, dtype=np.float64)
    if p.shape != happened.shape:
        raise ValueError(f"{p.size} chances for {happened.size} outcomes")
    group = np.clip(np.searchsorted(np.asarray(edges), p, side="right") - 1, 0, len(edges) - 2)
    rows = np.bincount(group, minlength=len(edges) - 1)
    forecast = np.bincount(group, weights=p, minlength=len(edges) - 1)
    observed = np.bincount(group, weights=happened, minlength=len(edges) - 1)
    return [
        ReliabilityBin(
            low=edges[g],
            high=edges[g + 1],
            rows=int(rows[g]),
            forecast=float(forecast[g] / rows[g]),
            observed=float(observed[g] / rows[g]),
        )
        for g in range(len(edges) - 1)
        if rows[g]
    ]


def interval_score(y: np.ndarray, draws: np.ndarray, alpha: float = ALPHA) -> np.ndarray:
    """Interval score of the central ``1 - alpha`` interval (MIS when averaged)."""
    y, draws = _check(y, draws)
    lower, upper = interval(draws, alpha)
    return np.asarray(sr.interval_score(y, lower, upper, alpha, backend="numpy"), np.float64)


def score(y: np.ndarray, draws: np.ndarray, alpha: float = ALPHA) -> Scores:
    """Every per-row score of ``draws`` against ``y``."""
    y, draws = _check(y, draws)
    ordered = np.sort(draws, axis=1)  # once: CRPS and the interval both read sorted draws
    lower, upper = interval(ordered, alpha, is_sorted=True)
    return Scores(
        crps=crps(y, ordered, is_sorted=True),
        ign=ign(y, draws),
        mis=np.asarray(sr.interval_score(y, lower, upper, alpha, backend="numpy"), np.float64),
        covered=(y >= lower) & (y <= upper),
        pit_covered=pit_coverage(y, ordered, alpha, is_sorted=True),
        pit_mass=pit_masses(y, ordered, is_sorted=True),
        p_event=(draws >= EVENT).mean(axis=1),
        event=y >= EVENT,
    )


def summarise(y: np.ndarray, scores: Scores, mask: np.ndarray | None = None) -> Summary:
    """Mean scores over the rows selected by ``mask`` (all rows by default)."""
    keep = np.ones(len(y), dtype=bool) if mask is None else np.asarray(mask, dtype=bool)
    rows = int(keep.sum())
    if rows == 0:
        nan = math.nan
        return Summary(0, nan, nan, nan, nan, nan, nan, None, nan)
    event = scores.event[keep]
    p_event = scores.p_event[keep]
    auc_pr = float(average_precision_score(event, p_event)) if event.any() else None
    return Summary(
        rows=rows,
        crps=float(scores.crps[keep].mean()),
        ign=float(scores.ign[keep].mean()),
        mis=float(scores.mis[keep].mean()),
        coverage=float(scores.covered[keep].mean()),
        coverage_pit=float(scores.pit_covered[keep].mean()),
        brier=float(brier_score_loss(event, p_event)) if rows else math.nan,
        auc_pr=auc_pr,
        mean_observed=float(np.asarray(y, dtype=np.float64)[keep].mean()),
    )
