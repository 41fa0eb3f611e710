"""The common forecaster interface (scikit-learn style) and the machinery every model shares.

A forecaster is fitted on a panel (``detente.analytics.load_panel``) with every period after
the cutoff ignored, then draws ``n`` samples of state-based fatalities per country and horizon.
The draws are a dense ``(units, horizons, n)`` float array; :meth:`PanelForecaster.sample`
turns it into the long DataFrame of the forecast file contract (``docs/methods.md``):
``gwno, period, horizon, draw, fatalities``.

Which countries are forecast: every state with a panel row in the cutoff period (the panel has
one row per Gleditsch–Ward state alive in each period, zero included).
"""

from __future__ import annotations

from typing import Protocol, Self, runtime_checkable

import numpy as np
import pandas as pd

from detente.errors import DataValidationError
from detente.warning.units import Unit, check_panel, unit_of_cutoff

CONTRACT_COLUMNS = ("gwno", "period", "horizon", "draw", "fatalities")
"""Columns of a forecast frame / file, in order."""

TARGET = "sb_best"
"""The forecast target: UCDP best estimate of state-based deaths."""

QUANTILE_DECIMALS = 1
"""Decimals kept in a quantile of deaths that is shown or served: the draws are whole deaths,
so further digits are only interpolation noise (``8795.049999999987``)."""


@runtime_checkable
class Forecaster(Protocol):
    """What every model in :data:`detente.warning.MODELS` does."""

    name: str

    def fit(self, panel: pd.DataFrame, cutoff: str) -> Self:
        """Learn from the panel's periods up to and including ``cutoff`` (``YYYY``/``YYYY-MM``)."""
        ...

    def sample(self, n: int = 1000, seed: int = 0) -> pd.DataFrame:
        """``n`` draws per country and horizon, in the forecast file contract."""
        ...


class NotFittedError(RuntimeError):
    """``sample`` was called before ``fit``."""


class PanelForecaster:
    """Base class: slices the panel at the cutoff, keeps the units, builds the contract frame.

    Subclasses implement :meth:`_fit` (``history`` holds only periods <= cutoff, sorted by
    gwno and time, with an integer ``t`` column) and :meth:`_draws` returning a dense
    ``(len(self.gwnos), unit.horizons, n)`` array of non-negative fatalities.
    """

    name = "base"
    learns_from_outcomes = False
    """True for models that learn what followed past periods (trees, neighbours): they need
    at least ``horizons`` periods of history before the cutoff, or the longer horizons would
    have nothing to learn from (and silently draw zeros)."""

    def __init__(self) -> None:
        self.unit: Unit | None = None
        self.cutoff: str | None = None
        self.cutoff_index = 0
        self.gwnos = np.empty(0, dtype=np.int64)

    def fit(self, panel: pd.DataFrame, cutoff: str) -> Self:
        """Fit on the periods of ``panel`` up to ``cutoff``; see :class:`Forecaster`."""
        try:
            unit = unit_of_cutoff(cutoff)
        except ValueError as error:
            raise DataValidationError("cutoff", None, "cutoff", str(error)) from error
        check_panel(panel, unit)
        index = unit.to_index(cutoff)
        column = unit.time_column
        if self.learns_from_outcomes and len(panel):
            first = int(panel[column].min())
            earliest = first + unit.horizons
            if first <= index < earliest:
                raise DataValidationError(
                    "cutoff",
                    None,
                    "cutoff",
                    f"{self.name} learns what followed each period up to {unit.horizons} "
                    f"periods later; the panel starts at {unit.to_period(first)}, so its "
                    f"earliest cutoff is {unit.to_period(earliest)}",
                )
        history = panel.loc[panel[column] <= index].copy()
        history["t"] = history[column].astype(np.int64)
        history = history.sort_values(["gwno", "t"], kind="stable").reset_index(drop=True)
        current = history.loc[history["t"] == index, "gwno"].to_numpy(dtype=np.int64)
        if current.size == 0:
            raise DataValidationError(
                "panel",
                None,
                column,
                f"no rows for the cutoff {cutoff}; the panel has no data then",
            )
        self.unit, self.cutoff, self.cutoff_index = unit, cutoff, index
        self.gwnos = np.unique(current)
        self._fit(history)
        return self

    def sample(self, n: int = 1000, seed: int = 0) -> pd.DataFrame:
        """``n`` draws per country and horizon as the contract's long DataFrame."""
        draws = self.draws(n, seed)
        return draws_to_frame(draws, self.gwnos, self._unit(), self.cutoff_index)

    def draws(self, n: int = 1000, seed: int = 0) -> np.ndarray:
        """The dense ``(units, horizons, n)`` array behind :meth:`sample` (used by backtests)."""
        if n < 1:
            raise ValueError("n must be at least 1")
        unit = self._unit()
        rng = np.random.default_rng(seed)
        draws = np.asarray(self._draws(n, rng), dtype=np.float64)
        expected = (self.gwnos.size, unit.horizons, n)
        if draws.shape != expected:  # a programming error in a subclass
            raise RuntimeError(f"{self.name} drew {draws.shape}, expected {expected}")
        return np.maximum(draws, 0.0)

    def _unit(self) -> Unit:
        if self.unit is None:
            raise NotFittedError(f"call fit() on {self.name} before sample()")
        return self.unit

    def _fit(self, history: pd.DataFrame) -> None:
        raise NotImplementedError

    def _draws(self, n: int, rng: np.random.Generator) -> np.ndarray:
        raise NotImplementedError


def draws_to_frame(
    draws: np.ndarray, gwnos: np.ndarray, unit: Unit, cutoff_index: int
) -> pd.DataFrame:
    """Dense ``(units, horizons, n)`` draws -> the contract's long frame (gwno, horizon order)."""
    units, horizons, n = draws.shape
    horizon = np.arange(1, horizons + 1, dtype=np.int64)
    period_of_horizon = unit.periods(cutoff_index + horizon)
    gwno_col = np.repeat(gwnos.astype(np.int64), horizons * n)
    horizon_col = np.tile(np.repeat(horizon, n), units)
    draw_col = np.tile(np.arange(n, dtype=np.int64), units * horizons)
    period_col = np.tile(np.repeat(period_of_horizon, n), units)
    return pd.DataFrame(
        {
            "gwno": gwno_col,
            "period": pd.array(period_col, dtype="str"),
            "horizon": horizon_col,
            "draw": draw_col,
            "fatalities": draws.reshape(-1).astype(np.float64),
        }
    )


def frame_to_draws(frame: pd.DataFrame) -> tuple[pd.DataFrame, np.ndarray]:
    """The contract's long frame -> (keys: gwno, period, horizon per row; draws ``(rows, n)``).

    Every (gwno, horizon) must have the same number of draws (the file contract); the keys
    come back sorted by gwno and horizon.
    """
    ordered = frame.sort_values(["gwno", "horizon", "draw"], kind="stable")
    keys = ordered.drop_duplicates(["gwno", "horizon"])[["gwno", "period", "horizon"]]
    n = len(ordered) // max(len(keys), 1)
    if n * len(keys) != len(ordered):
        raise ValueError("every country and horizon needs the same number of draws")
    draws = ordered["fatalities"].to_numpy(dtype=np.float64).reshape(len(keys), n)
    return keys.reset_index(drop=True), draws
