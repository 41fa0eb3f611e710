"""A country's track record: what the backtest's forecasts said about it, and what happened.

The methods page scores every country together; someone deciding whether to act on the
forecast for one state asks how the model did *there*. The rolling-origin backtest
(:mod:`detente.warning.backtest`) keeps every forecast's quantiles, chance of 25 or more deaths
and CRPS (``forecasts.parquet``); this module reads one country's forecasts at one horizon back,
beside the conflictology benchmark's for the same years. Nothing is refitted: these are the
forecasts each cutoff's model made with the data of its time.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from detente.errors import DataValidationError
from detente.warning.forecasters.base import QUANTILE_DECIMALS

TRACK_RECORD_FILE = Path("backtest") / "cy_2010_2023_forecasts.parquet"
"""The committed per-forecast file of the 2010–2023 backtest, under the snapshot folder."""
COLUMNS = ("model", "cutoff", "gwno", "t", "horizon", "y", "q05", "q50", "q95", "p25", "crps")
BENCHMARK = "conflictology"


@dataclass(frozen=True)
class PastForecast:
    """One forecast of the backtest for a target ``year``, made with data up to ``cutoff``."""

    year: int
    cutoff: int
    observed: float
    q05: float
    median: float
    q95: float
    p25: float
    crps: float
    benchmark_crps: float | None

    @property
    def inside(self) -> bool:
        """Whether what happened lies in the forecast's 90% interval (bounds included)."""
        return self.q05 <= self.observed <= self.q95


@dataclass(frozen=True)
class TrackRecord:
    """A model's forecasts for one state at one horizon, oldest target year first."""

    gwno: int
    model: str
    horizon: int
    forecasts: tuple[PastForecast, ...]

    @property
    def years(self) -> int:
        return len(self.forecasts)

    @property
    def inside(self) -> int:
        """In how many years the outcome fell inside the 90% interval."""
        return sum(f.inside for f in self.forecasts)

    @property
    def mean_crps(self) -> float:
        return float(np.mean([f.crps for f in self.forecasts]))

    @property
    def benchmark_mean_crps(self) -> float | None:
        """The benchmark's mean CRPS over the same years (``None`` if any year lacks it)."""
        values = [f.benchmark_crps for f in self.forecasts]
        if any(v is None for v in values):
            return None
        return float(np.mean([v for v in values if v is not None]))

    def as_dict(self) -> dict[str, object]:
        """JSON-ready, with the summary numbers beside the yearly forecasts."""
        return {
            "gwno": self.gwno,
            "model": self.model,
            "horizon": self.horizon,
            "benchmark": BENCHMARK,
            "years": self.years,
            "inside_90": self.inside,
            "mean_crps": self.mean_crps,
            "benchmark_mean_crps": self.benchmark_mean_crps,
            "forecasts": [{**vars(f), "inside_90": f.inside} for f in self.forecasts],
        }


def read_forecasts(path: Path) -> pd.DataFrame:
    """The backtest's per-forecast rows; a file without the expected columns is refused
    naming the file and the first missing column."""
    try:
        schema = pq.read_schema(path)
    except (OSError, pa.ArrowInvalid) as error:
        raise DataValidationError(
            str(path), None, "file", f"not a readable Parquet file: {error}"
        ) from error
    missing = [c for c in COLUMNS if c not in schema.names]
    if missing:
        raise DataValidationError(str(path), None, missing[0], "column missing")
    return pd.read_parquet(path, columns=list(COLUMNS))


def track_record(
    rows: pd.DataFrame, gwno: int, model: str = "lgbm", horizon: int = 1
) -> TrackRecord | None:
    """``model``'s forecasts of ``gwno`` at ``horizon`` with the benchmark's CRPS beside each;
    ``None`` when the backtest has none (a state born after it, a model not in it)."""
    mine = rows.loc[
        (rows["model"] == model) & (rows["gwno"] == gwno) & (rows["horizon"] == horizon)
    ]
    if mine.empty:
        return None
    base = rows.loc[
        (rows["model"] == BENCHMARK) & (rows["gwno"] == gwno) & (rows["horizon"] == horizon)
    ].set_index("t")["crps"]
    mine = mine.sort_values("t")
    forecasts = _past_forecasts(mine, base.reindex(mine["t"]).to_numpy(dtype=np.float64))
    return TrackRecord(gwno=gwno, model=model, horizon=horizon, forecasts=forecasts)


def _past_forecasts(frame: pd.DataFrame, benchmark: np.ndarray) -> tuple[PastForecast, ...]:
    """The rows of ``frame`` (backtest rows) as forecasts, ``benchmark`` the benchmark's CRPS
    of each row (NaN where it has none)."""
    numbers = {c: frame[c].to_numpy(dtype=np.float64) for c in ("y", "q05", "q50", "q95", "p25")}
    for quantile in ("q05", "q50", "q95"):  # whole deaths interpolated: drop the float noise
        numbers[quantile] = np.round(numbers[quantile], QUANTILE_DECIMALS)
    scores = frame["crps"].to_numpy(dtype=np.float64)
    years, cutoffs = frame["t"].tolist(), frame["cutoff"].tolist()
    return tuple(
        PastForecast(
            year=int(years[i]),
            cutoff=int(cutoffs[i]),
            observed=float(numbers["y"][i]),
            q05=float(numbers["q05"][i]),
            median=float(numbers["q50"][i]),
            q95=float(numbers["q95"][i]),
            p25=float(numbers["p25"][i]),
            crps=float(scores[i]),
            benchmark_crps=None if math.isnan(benchmark[i]) else float(benchmark[i]),
        )
        for i in range(len(frame))
    )


@dataclass(frozen=True)
class Miss:
    """One of the forecasts that cost the model most: state, target year and horizon."""

    gwno: int
    horizon: int
    forecast: PastForecast


@dataclass(frozen=True)
class LargestMisses:
    """The ``k`` forecasts with the largest CRPS and the share of the total they make."""

    model: str
    misses: tuple[Miss, ...]
    forecasts: int
    share_of_crps: float


def largest_misses(rows: pd.DataFrame, model: str = "lgbm", k: int = 10) -> LargestMisses | None:
    """Where the mean CRPS comes from: ``model``'s ``k`` costliest forecasts over every horizon,
    each with the benchmark's CRPS of the same forecast (``None`` without rows for ``model``).

    The mean of a few thousand forecasts is decided by a handful of very large wars; the table
    lets a reader see which, instead of taking the sentence on the methods page on trust.
    """
    mine = rows.loc[rows["model"] == model]
    if mine.empty:
        return None
    top = mine.nlargest(k, "crps")
    keys = ["gwno", "t", "horizon"]
    base = rows.loc[rows["model"] == BENCHMARK].set_index(keys)["crps"]
    benchmark = base.reindex(pd.MultiIndex.from_frame(top[keys])).to_numpy(dtype=np.float64)
    forecasts = _past_forecasts(top, benchmark)
    misses = tuple(
        Miss(gwno=int(gwno), horizon=int(horizon), forecast=forecast)
        for gwno, horizon, forecast in zip(
            top["gwno"].tolist(), top["horizon"].tolist(), forecasts, strict=True
        )
    )
    total = float(mine["crps"].sum())
    share = float(top["crps"].sum()) / total if total else 0.0
    return LargestMisses(model=model, misses=misses, forecasts=len(mine), share_of_crps=share)
