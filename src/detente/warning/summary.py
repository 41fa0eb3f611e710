"""What pages, the API and alerts show of the latest forecast: quantiles per country and horizon.

Reading 600,000 draws on every request would be slow, so the summary is computed once per
forecast file (cached on its path and modification time) into a small table.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from detente.caching import single_flight_cache
from detente.settings import Settings
from detente.warning.forecasters.base import QUANTILE_DECIMALS, frame_to_draws
from detente.warning.metrics import EVENT
from detente.warning.storage import ForecastInfo, latest_forecast_info, read_forecast

QUANTILES = (0.05, 0.25, 0.5, 0.75, 0.95)


@dataclass(frozen=True)
class HorizonSummary:
    """The forecast distribution of one country and horizon."""

    period: str
    horizon: int
    mean: float
    q05: float
    q25: float
    median: float
    q75: float
    q95: float
    p_any: float
    """Share of draws with at least one death."""
    p_conflict: float
    """Share of draws with 25 or more deaths (UCDP's conflict threshold)."""


@dataclass(frozen=True)
class ForecastSummary:
    """The latest forecast of a unit, summarised; ``table`` has one row per gwno and horizon."""

    info: ForecastInfo
    table: pd.DataFrame

    def country(self, gwno: int) -> list[HorizonSummary]:
        """The horizons of one country, in order (empty if it was not forecast)."""
        rows = self.table.loc[self.table["gwno"] == gwno].sort_values("horizon")
        fields = ("mean", "q05", "q25", "median", "q75", "q95", "p_any", "p_conflict")
        return [
            HorizonSummary(
                period=str(record["period"]),
                horizon=int(record["horizon"]),
                **{name: float(record[name]) for name in fields},
            )
            for record in rows.to_dict("records")
        ]

    def risk(self, horizon: int = 1) -> dict[int, float]:
        """gwno -> probability of 25 or more deaths at ``horizon`` (the map's values)."""
        rows = self.table.loc[self.table["horizon"] == horizon]
        return dict(zip(rows["gwno"].astype(int), rows["p_conflict"].astype(float), strict=True))


def summarise_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Quantiles (one decimal: :data:`~detente.warning.forecasters.base.QUANTILE_DECIMALS`),
    mean and event probabilities per (gwno, horizon) of a forecast frame."""
    keys, draws = frame_to_draws(frame)
    quantiles = np.quantile(draws, QUANTILES, axis=1)
    table = keys.copy()
    table["mean"] = draws.mean(axis=1)
    for name, values in zip(("q05", "q25", "median", "q75", "q95"), quantiles, strict=True):
        table[name] = np.round(values, QUANTILE_DECIMALS)
    table["p_any"] = (draws > 0).mean(axis=1)
    table["p_conflict"] = (draws >= EVENT).mean(axis=1)
    return table


@single_flight_cache(maxsize=8)
def _summary(path: str, mtime: float) -> tuple[ForecastInfo, pd.DataFrame]:
    frame, info = read_forecast(Path(path))
    return info, summarise_frame(frame)


def latest_summary(settings: Settings, unit: str = "cy") -> ForecastSummary | None:
    """The summary of the newest stored forecast of ``unit`` (``None`` when there is none)."""
    found = latest_forecast_info(settings, unit)
    if found is None:
        return None
    try:
        mtime = found.path.stat().st_mtime
    except FileNotFoundError:
        return None
    info, table = _summary(str(found.path), mtime)
    return ForecastSummary(info, table)
