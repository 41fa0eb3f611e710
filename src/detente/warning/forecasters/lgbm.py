"""Our forecasters: gradient-boosted trees (LightGBM) on panel features, with draws.

One model per horizon ``h`` ("direct" forecasting): rows are (country, t) with the features
of :mod:`detente.warning.features` at ``t`` and the target ``sb_best`` at ``t + h``; only rows
with ``t + h <= cutoff`` are used for training, and the model is applied to the rows at the
cutoff.

``lgbm`` — hurdle model (the one we keep, see ``docs/methods.md``):
  a classifier gives P(deaths > 0); a regressor trained on the positive rows gives the mean of
  ``log1p(deaths)``, never lower for more deaths now (:data:`MONOTONE_FEATURES`). A draw is
  zero with probability 1 - P, otherwise
  ``expm1(mean + e)`` with ``e`` resampled from the regressor's *out-of-fold* residuals
  (5 folds grouped by year, so the spread reflects errors on unseen years, not the training
  fit). Residuals are pooled by quintile of the predicted mean (errors grow differently at
  low and high levels).
  These tree draws are then mixed, per forecast year, with draws of two benchmarks fitted at
  the same cutoff (:data:`MIX`): the country's own recent history (conflictology) and Poisson
  draws around its last value. Trees alone miss the persistence of large wars (the "last"
  benchmark beats them at one year ahead) and have a thin upper tail; the mixture fixes both.
  Finally a share of the draws (:data:`KNN_SHARE`) comes from
  :mod:`~detente.warning.forecasters.knn_change`, which carries the later change of past
  country-years at the same level: trees cannot extrapolate to the few largest wars.

``lgbm_log`` — one regressor of ``log1p(deaths)`` on every row, same out-of-fold residual
draws, rounded to whole deaths (so zero gets mass), same mixture. Kept as the variant we
compared with.

Draws are rounded to whole deaths (UCDP counts people).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from detente.warning.features import build_features, feature_names
from detente.warning.forecasters.base import TARGET, PanelForecaster
from detente.warning.forecasters.benchmarks import ConflictologyForecaster, LastForecaster
from detente.warning.forecasters.knn_change import KnnChangeForecaster

PARAMS: dict[str, Any] = {
    "n_estimators": 200,
    "learning_rate": 0.05,
    "num_leaves": 15,
    "min_child_samples": 20,
    "subsample": 0.8,
    "subsample_freq": 1,
    "colsample_bytree": 0.8,
    "reg_lambda": 1.0,
    "n_jobs": 1,
    "verbose": -1,
}
MONOTONE_FEATURES = ("sb_log", "sb_lag1", "sb_mean3y", "sb_max3y", "sb_mean10y", "sb_max10y")
"""The regressor's prediction may only rise with these (the country's own state-based deaths
now, a year before, and their 3- and 10-year mean and maximum), all else equal. Without the
constraint the few largest wars of the 1990s, most of which ended, taught the trees that the
largest level predicts a collapse: Syria after 72,013 deaths in 2013 got a median of 1,191 for
2014 (UCDP: 66,071). With it the trees alone score better on both backtest periods (CRPS ratio
to conflictology 0.849 -> 0.834 on 1995–2009, 0.929 -> 0.915 on 2010–2023; ``docs/methods.md``)."""
FOLDS = 5
RESIDUAL_BINS = 5
MIX: dict[int, tuple[float, float]] = {1: (0.1, 0.3), 2: (0.3, 0.1), 3: (0.3, 0.1)}
"""Per forecast year (1st, 2nd, 3rd year after the cutoff): the shares of draws taken from
the country's own last 10 years (the conflictology benchmark) and from Poisson draws around
its last value (the "last" benchmark); the rest come from the trees. The mixture keeps the
trees' sharp zeros and adds the persistence and the heavy upper tail of the country's own
history. Chosen on the 2000–2009 backtest, then scored on 2010–2023 (``docs/methods.md``)."""
KNN_SHARE: dict[int, float] = {1: 0.30, 2: 0.15, 3: 0.10}
"""Per forecast year, the share of the final draws taken from ``knn_change`` (after the
:data:`MIX`). Chosen like :data:`MIX`: the value on a 0.05 grid with the lowest CRPS on the
2000–2009 backtest, horizon by horizon, then scored unchanged on 2010–2023."""
MIN_ROWS = 30
"""Fewer positive training rows than this (a short GED import): no trees, the empirical
rate and magnitudes of the training rows instead."""


class _Residuals:
    """Out-of-fold residuals pooled by quantile bin of the prediction they belong to."""

    def __init__(self, predicted: np.ndarray, residuals: np.ndarray, bins: int) -> None:
        quantiles = np.linspace(0, 1, bins + 1)[1:-1]
        self.edges = np.quantile(predicted, quantiles) if predicted.size else np.empty(0)
        which = np.searchsorted(self.edges, predicted, side="right")
        self.pools = [residuals[which == b] for b in range(bins)]
        self.pools = [p if p.size else residuals for p in self.pools]

    def draw(
        self, predicted: np.ndarray, shape: tuple[int, ...], rng: np.random.Generator
    ) -> np.ndarray:
        """Residuals for each prediction: ``shape`` = (len(predicted), ...)."""
        which = np.searchsorted(self.edges, predicted, side="right")
        out = np.empty(shape)
        for b, pool in enumerate(self.pools):
            rows = which == b
            if rows.any() and pool.size:
                out[rows] = pool[rng.integers(0, pool.size, size=(int(rows.sum()), *shape[1:]))]
            elif rows.any():
                out[rows] = 0.0
        return out


def known_at_cutoff(current: pd.DataFrame, features: list[str]) -> list[str]:
    """The features known for some country at the cutoff, in order.

    A source that ends before the cutoff (the bundled PA-X ends in April 2020) leaves its
    features unknown (NaN) there for every country. The trees would read a NaN like the 0 of
    the years they learned from ("no peace process"), so such a feature is left out of the
    models fitted at that cutoff, and only there: every earlier cutoff keeps it.
    """
    return [name for name in features if current[name].notna().any()]


def _regressor(seed: int, features: list[str]) -> Any:
    from lightgbm import LGBMRegressor

    monotone = [1 if name in MONOTONE_FEATURES else 0 for name in features]
    return LGBMRegressor(random_state=seed, monotone_constraints=monotone, **PARAMS)


def _classifier(seed: int) -> Any:
    from lightgbm import LGBMClassifier

    return LGBMClassifier(random_state=seed, **PARAMS)


def _oof(x: pd.DataFrame, y: np.ndarray, groups: np.ndarray, seed: int) -> np.ndarray:
    """Out-of-fold predictions of a regressor, folds grouped by time."""
    labels = np.unique(groups)
    fold_of = {label: i % FOLDS for i, label in enumerate(labels)}
    fold = np.array([fold_of[g] for g in groups])
    predicted = np.empty(y.size)
    for k in range(FOLDS):
        test = fold == k
        if not test.any() or test.all():
            predicted[test] = y[~test].mean() if (~test).any() else 0.0
            continue
        model = _regressor(seed + k, list(x.columns)).fit(x.loc[~test], y[~test])
        predicted[test] = model.predict(x.loc[test])
    return predicted


class LGBMForecaster(PanelForecaster):
    """LightGBM hurdle (``hurdle=True``) or log-target regression, with residual draws."""

    name = "lgbm"
    learns_from_outcomes = True

    def __init__(
        self,
        hurdle: bool = True,
        seed: int = 0,
        residual_scale: float = 1.0,
        mix: dict[int, tuple[float, float]] | None = None,
        knn_share: dict[int, float] | None = None,
    ) -> None:
        super().__init__()
        self.hurdle = hurdle
        self.residual_scale = residual_scale
        self.mix = MIX if mix is None else mix
        self.knn_share = KNN_SHARE if knn_share is None else knn_share
        self.knn_model: KnnChangeForecaster | None = None
        self.history_model: ConflictologyForecaster | None = None
        self.last_model: LastForecaster | None = None
        self.seed = seed
        self.models: dict[int, dict[str, Any]] = {}
        self.features: list[str] = []
        self.current = pd.DataFrame()

    def _fit(self, history: pd.DataFrame) -> None:
        unit = self._unit()
        table = build_features(history, unit)
        current = table.loc[table["t"] == self.cutoff_index].set_index("gwno")
        self.features = known_at_cutoff(current, feature_names(table))
        target = history[["gwno", "t", TARGET]].rename(columns={TARGET: "y"})
        self.current = current.reindex(self.gwnos)[self.features].fillna(0.0)
        self.models = {}
        for h in range(1, unit.horizons + 1):
            shifted = target.assign(t=target["t"] - h)
            rows = table.merge(shifted, on=["gwno", "t"], how="inner")
            rows = rows.loc[rows["t"] + h <= self.cutoff_index]
            self.models[h] = self._fit_horizon(rows, h)
        if any(sum(w) > 0 for w in self.mix.values()):
            self.history_model = ConflictologyForecaster().fit(history, self.cutoff or "")
            self.last_model = LastForecaster().fit(history, self.cutoff or "")
        if any(share > 0 for share in self.knn_share.values()):
            self.knn_model = KnnChangeForecaster().fit(history, self.cutoff or "")

    def _fit_horizon(self, rows: pd.DataFrame, h: int) -> dict[str, Any]:
        x = rows[self.features]
        y = rows["y"].to_numpy(dtype=np.float64)
        seed = self.seed + 100 * h
        fitted: dict[str, Any] = {}
        if int((y > 0).sum()) < MIN_ROWS or np.unique(rows["t"]).size < FOLDS:
            return {"rate": float((y > 0).mean()) if y.size else 0.0, "values": y[y > 0]}
        if self.hurdle:
            positive = y > 0
            fitted["classifier"] = _classifier(seed).fit(x, positive.astype(int))
            x, y, groups = x.loc[positive], y[positive], rows["t"].to_numpy()[positive]
        else:
            groups = rows["t"].to_numpy()
        target = np.log1p(y)
        fitted["regressor"] = _regressor(seed, self.features).fit(x, target)
        predicted = _oof(x, target, groups, seed)
        fitted["residuals"] = _Residuals(predicted, target - predicted, RESIDUAL_BINS)
        return fitted

    def _draws(self, n: int, rng: np.random.Generator) -> np.ndarray:
        unit = self._unit()
        out = np.empty((self.gwnos.size, unit.horizons, n))
        for h in range(1, unit.horizons + 1):
            fitted = self.models[h]
            if "rate" in fitted:
                out[:, h - 1, :] = self._empirical(fitted, n, rng)
                continue
            mean = fitted["regressor"].predict(self.current)
            noise = self.residual_scale * fitted["residuals"].draw(mean, (mean.size, n), rng)
            values = np.rint(np.expm1(mean[:, None] + noise)).clip(min=0.0)
            if self.hurdle:
                p = self.probability(h)
                values = np.maximum(values, 1.0)
                values[rng.random((mean.size, n)) >= p[:, None]] = 0.0
            out[:, h - 1, :] = values
        if self.history_model is not None and self.last_model is not None:
            own = self.history_model.draws(n, int(rng.integers(0, 2**31)))
            last = self.last_model.draws(n, int(rng.integers(0, 2**31)))
            years = self._years()
            share_own = np.array([self.mix.get(int(y), (0.0, 0.0))[0] for y in years])
            share_last = np.array([self.mix.get(int(y), (0.0, 0.0))[1] for y in years])
            pick = rng.random(out.shape)
            own_cut = share_own[None, :, None]
            last_cut = (share_own + share_last)[None, :, None]
            out = np.where(pick < own_cut, own, np.where(pick < last_cut, last, out))
        if self.knn_model is not None:
            knn = self.knn_model.draws(n, int(rng.integers(0, 2**31)))
            share = np.array([self.knn_share.get(int(y), 0.0) for y in self._years()])
            out = np.where(rng.random(out.shape) < share[None, :, None], knn, out)
        return out

    def _years(self) -> np.ndarray:
        """The forecast year of each horizon (cy: 1, 2, 3; cm: months 1-12 are all year 1),
        capped at the last year :data:`MIX` or :data:`KNN_SHARE` gives shares for."""
        unit = self._unit()
        years = np.arange(unit.horizons) // unit.per_year + 1
        return years.clip(max=max((*self.mix, *self.knn_share), default=1))

    def _empirical(self, fitted: dict[str, Any], n: int, rng: np.random.Generator) -> np.ndarray:
        shape = (self.gwnos.size, n)
        values: np.ndarray = fitted["values"]
        if values.size == 0:
            return np.zeros(shape)
        draws = values[rng.integers(0, values.size, size=shape)]
        draws[rng.random(shape) >= fitted["rate"]] = 0.0
        return draws

    def probability(self, horizon: int) -> np.ndarray:
        """P(deaths > 0) per forecast country (hurdle only; from the draws' model otherwise)."""
        fitted = self.models[horizon]
        if "rate" in fitted:
            return np.full(self.gwnos.size, fitted["rate"])
        if "classifier" in fitted:
            return np.asarray(fitted["classifier"].predict_proba(self.current)[:, 1])
        raise ValueError("the log-target model has no classifier")

    def contributions(self, horizon: int) -> pd.DataFrame:
        """Per forecast country (index gwno), each feature's contribution (LightGBM SHAP).

        For the hurdle model: to the log-odds of any state-based death at ``horizon``; for the
        log model: to the predicted ``log1p(deaths)``. The last column ``bias`` is the base value.
        """
        fitted = self.models[horizon]
        if "rate" in fitted:
            return pd.DataFrame(0.0, index=self.gwnos, columns=[*self.features, "bias"])
        model = fitted.get("classifier", fitted["regressor"])
        values = model.predict(self.current, pred_contrib=True)
        return pd.DataFrame(values, index=self.gwnos, columns=[*self.features, "bias"])


class LGBMLogForecaster(LGBMForecaster):
    """The log-target variant (no hurdle)."""

    name = "lgbm_log"

    def __init__(self, seed: int = 0) -> None:
        super().__init__(hurdle=False, seed=seed)
