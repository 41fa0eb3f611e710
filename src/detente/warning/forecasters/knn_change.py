"""``knn_change``: what happened next to past country-periods at the same level of violence.

For each country at the cutoff, take its state-based deaths now and their mean over the last
three periods, both as ``log1p``. Among all past country-periods of every country whose outcome
``h`` periods later is already known (``t + h <= cutoff``), find the ``k`` nearest in those two
numbers (L1 distance; every row tied with the ``k``-th nearest is kept, so a calm country is
compared with *all* calm country-periods, not with an arbitrary 60 of them). A draw picks one
of these neighbours and applies its change in ``log1p`` deaths over ``h`` periods to the
country's own level: a neighbour that went from 9,000 to 18,000 deaths doubles the country's
level; a neighbour whose violence stopped gives 0; any other positive outcome gives at least 1
and at most twice the largest count in the history (:data:`CEILING_FACTOR`).

Why a model this simple: the trees of :mod:`detente.warning.forecasters.lgbm` need 20 rows per
leaf, and there are only a few dozen country-years above 10,000 deaths since 1989, so at the
top of the distribution they shrink towards the middle (Syria 2013 at one year ahead, after
50,485 deaths in 2012: median 6,131 from the trees, 32,113 from this model; UCDP counted
72,013). Those few wars make most of the mean CRPS. Carrying relative
changes instead of levels keeps a large war large and gives it the spread of escalations and
de-escalations seen before at that level. It ignores every covariate, so it is worse than the
trees where covariates matter (wars ended by an agreement, such as Ethiopia–Eritrea in 2000);
``lgbm`` takes a share of its draws (numbers in ``docs/methods.md``).

``k`` = 60 (about 1% of the country-years of the bundled panel) was the first value tried and
is kept; the 2000–2009 backtest scores k = 30 the same and k = 120 or 250 worse.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from detente.warning.forecasters.base import TARGET, PanelForecaster

K = 60
SMOOTHING_PERIODS = 3
"""The level is described by ``log1p`` deaths now and their mean over this many periods."""
CEILING_FACTOR = 2.0
"""No draw exceeds this multiple of the largest count in the history: a neighbour's change is
a ratio, and a ratio learnt between small counts (0 to 50) applied to a large war would give
absurd numbers where few country-periods are alike (tens of millions in the early 1990s)."""
_CHUNK = 32
"""Countries whose distances to the whole pool are computed at once (memory for monthly data)."""


def level_features(history: pd.DataFrame) -> pd.DataFrame:
    """``gwno``, ``t``, ``now`` = log1p(deaths) and ``mean`` = its mean over the last periods."""
    frame = history[["gwno", "t"]].copy()
    frame["now"] = np.log1p(history[TARGET].to_numpy(dtype=np.float64))
    frame["mean"] = frame.groupby("gwno")["now"].transform(
        lambda values: values.rolling(SMOOTHING_PERIODS, min_periods=1).mean()
    )
    return frame


class KnnChangeForecaster(PanelForecaster):
    """Nearest past country-periods by level; their later change in log deaths, applied."""

    name = "knn_change"
    learns_from_outcomes = True

    def __init__(self, k: int = K) -> None:
        super().__init__()
        if k < 1:
            raise ValueError("k must be at least 1")
        self.k = k
        self.query = np.empty((0, 2))
        self.pools: dict[int, tuple[np.ndarray, np.ndarray, np.ndarray]] = {}
        self.ceiling = 0.0

    def _fit(self, history: pd.DataFrame) -> None:
        levels = level_features(history)
        current = levels.loc[levels["t"] == self.cutoff_index].set_index("gwno")
        self.query = current.reindex(self.gwnos)[["now", "mean"]].fillna(0.0).to_numpy()
        self.pools = {}
        for h in range(1, self._unit().horizons + 1):
            later = levels[["gwno", "t", "now"]].rename(columns={"now": "later"})
            pairs = levels.merge(later.assign(t=later["t"] - h), on=["gwno", "t"])
            pairs = pairs.loc[pairs["t"] + h <= self.cutoff_index]
            self.pools[h] = (
                pairs[["now", "mean"]].to_numpy(),
                pairs["now"].to_numpy(),
                pairs["later"].to_numpy(),
            )
        self.ceiling = float(levels["now"].max()) + np.log(CEILING_FACTOR) if len(levels) else 0.0

    def neighbours(self, horizon: int) -> list[np.ndarray]:
        """Per forecast country, the pool rows it draws from (the k nearest and their ties)."""
        features, _, _ = self.pools[horizon]
        if features.shape[0] == 0:
            return [np.empty(0, dtype=np.int64) for _ in range(self.gwnos.size)]
        k = min(self.k, features.shape[0])
        found: list[np.ndarray] = []
        for start in range(0, self.query.shape[0], _CHUNK):
            block = self.query[start : start + _CHUNK]
            distance = np.abs(block[:, None, :] - features[None, :, :]).sum(axis=2)
            kth = np.partition(distance, k - 1, axis=1)[:, k - 1]
            found.extend(np.flatnonzero(d <= most) for d, most in zip(distance, kth, strict=True))
        return found

    def _draws(self, n: int, rng: np.random.Generator) -> np.ndarray:
        unit = self._unit()
        out = np.zeros((self.gwnos.size, unit.horizons, n))
        own_level = self.query[:, 0]
        for h in range(1, unit.horizons + 1):
            _, before, after = self.pools[h]
            for row, rows in enumerate(self.neighbours(h)):
                if rows.size == 0:
                    continue
                pick = rows[rng.integers(0, rows.size, size=n)]
                moved = after[pick] - before[pick] + own_level[row]
                moved = np.clip(moved, np.log1p(1.0), max(self.ceiling, np.log1p(1.0)))
                out[row, h - 1] = np.where(after[pick] > 0, np.rint(np.expm1(moved)), 0.0)
        return out
