"""The four benchmarks of the ViEWS 2023/24 prediction challenge (Hegre et al. 2025).

* ``zero``: every draw is 0 — the score of "nothing happens".
* ``last``: Poisson draws with the last observed value as mean (the challenge's "last
  historical value with Poisson draws"), the same for every horizon.
* ``bootstrap``: draws resampled from the observed values of *all* countries over the recent
  window (global bootstrap), the same distribution for every country.
* ``conflictology``: per country, draws resampled from its *own* observed values over the
  recent window. ViEWS used the last 12 months for cm. For cy we resample the last 10 years:
  one year holds a single value (no distribution at all), 10 observations are close to the 12
  of ViEWS, and over the 2010–2023 backtest 10 years gave this benchmark its best IGN and MIS
  among the windows we tried (3, 5, 10, 15); 3 years gives a lower CRPS but intervals too
  narrow (numbers in ``docs/methods.md``, where our model is also compared with that one).

The window is ``Unit.window`` (10 for cy, 12 for cm) unless given.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from detente.warning.forecasters.base import TARGET, PanelForecaster


class ZeroForecaster(PanelForecaster):
    """Always zero deaths."""

    name = "zero"

    def _fit(self, history: pd.DataFrame) -> None:
        pass

    def _draws(self, n: int, rng: np.random.Generator) -> np.ndarray:
        return np.zeros((self.gwnos.size, self._unit().horizons, n))


class LastForecaster(PanelForecaster):
    """Poisson draws around each country's value in the cutoff period."""

    name = "last"

    def _fit(self, history: pd.DataFrame) -> None:
        last = history.loc[history["t"] == self.cutoff_index].set_index("gwno")[TARGET]
        self.mean = last.reindex(self.gwnos).fillna(0.0).to_numpy(dtype=np.float64)

    def _draws(self, n: int, rng: np.random.Generator) -> np.ndarray:
        horizons = self._unit().horizons
        lam = np.broadcast_to(self.mean[:, None, None], (self.gwnos.size, horizons, n))
        return rng.poisson(lam).astype(np.float64)


class _WindowForecaster(PanelForecaster):
    def __init__(self, window: int | None = None) -> None:
        super().__init__()
        self.window = window

    def _recent(self, history: pd.DataFrame) -> pd.DataFrame:
        window = self.window or self._unit().window
        return history.loc[history["t"] > self.cutoff_index - window, ["gwno", "t", TARGET]]


class BootstrapForecaster(_WindowForecaster):
    """Global bootstrap: resample every country's recent values, pooled."""

    name = "bootstrap"

    def _fit(self, history: pd.DataFrame) -> None:
        self.pool = self._recent(history)[TARGET].to_numpy(dtype=np.float64)

    def _draws(self, n: int, rng: np.random.Generator) -> np.ndarray:
        shape = (self.gwnos.size, self._unit().horizons, n)
        return self.pool[rng.integers(0, self.pool.size, size=shape)]


class ConflictologyForecaster(_WindowForecaster):
    """Per country: resample its own recent values (ViEWS "conflictology")."""

    name = "conflictology"

    def _fit(self, history: pd.DataFrame) -> None:
        recent = self._recent(history)
        recent = recent.loc[recent["gwno"].isin(self.gwnos)]
        window = self.window or self._unit().window
        # a (units, window) matrix padded with NaN for states younger than the window
        row = np.searchsorted(self.gwnos, recent["gwno"].to_numpy())
        col = (recent["t"].to_numpy() - (self.cutoff_index - window + 1)).astype(np.int64)
        values = np.full((self.gwnos.size, window), np.nan)
        values[row, col] = recent[TARGET].to_numpy(dtype=np.float64)
        # left-align the observed values so that draws index 0..count-1
        self.count = np.sum(~np.isnan(values), axis=1)
        order = np.argsort(np.isnan(values), axis=1, kind="stable")
        self.values = np.nan_to_num(np.take_along_axis(values, order, axis=1))

    def _draws(self, n: int, rng: np.random.Generator) -> np.ndarray:
        horizons = self._unit().horizons
        count = np.maximum(self.count, 1)[:, None, None]
        pick = (rng.random((self.gwnos.size, horizons, n)) * count).astype(np.int64)
        rows = np.arange(self.gwnos.size)[:, None, None]
        drawn: np.ndarray = self.values[rows, pick]
        return drawn
