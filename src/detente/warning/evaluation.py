"""Scoring forecasts against what happened: forecast frames, actuals files, side by side.

Actuals come either from the analytics panel or from a UCDP release file as published:

* the UCDP country-year organized violence file (``sb_total_deaths_best_cy`` per
  ``country_id_cy`` and ``year_cy``) for country-year forecasts;
* a UCDP GED file (events with ``type_of_violence == 1``, ``best`` summed by ``country_id`` and
  the month of ``date_start``) for country-month forecasts — or, summed by year, for cy.

Both are read with the validating readers of :mod:`detente.sources` and their country codes
mapped to the Gleditsch–Ward state meant that year (:func:`detente.countries.canonical_gwno`).
A forecast row whose period lies within the file's coverage but has no row there counts as zero
deaths (UCDP lists a country-year only when it has data; GED lists only events); rows outside
the coverage are left out of the scores.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from detente.countries import canonical_gwno
from detente.errors import DataValidationError
from detente.settings import Settings
from detente.sources import detect_kind, read_ged, read_ucdp_cy
from detente.warning.forecasters.base import frame_to_draws
from detente.warning.metrics import reliability, score, summarise
from detente.warning.units import Unit, get_unit

if TYPE_CHECKING:
    from detente.warning.storage import ForecastInfo


def actuals_from_panel(panel: pd.DataFrame, unit: Unit) -> pd.DataFrame:
    """Observed state-based deaths (gwno, period, fatalities) from an analytics panel."""
    periods = unit.periods(panel[unit.time_column].to_numpy())
    return pd.DataFrame(
        {
            "gwno": panel["gwno"].to_numpy(dtype=np.int64),
            "period": pd.array(periods, dtype="str"),
            "fatalities": panel["sb_best"].to_numpy(dtype=np.float64),
        }
    )


def _canonical(codes: pd.Series, years: pd.Series) -> np.ndarray:
    pairs = pd.DataFrame({"code": codes.astype(np.int64), "year": years.astype(np.int64)})
    mapping = {
        (c, y): canonical_gwno(int(c), int(y)) for c, y in pairs.drop_duplicates().itertuples(False)
    }
    return np.array([mapping[(c, y)] for c, y in pairs.itertuples(index=False)], dtype=np.int64)


def read_actuals(path: Path, unit: Unit) -> tuple[pd.DataFrame, tuple[str, str]]:
    """Observed deaths from a UCDP file and the (first, last) period it covers.

    ``DataValidationError`` for a file that is neither a UCDP country-year nor a GED file, or
    a UCDP country-year file used for monthly forecasts.
    """
    try:
        kind = detect_kind(path)
    except DataValidationError as error:
        if "cannot tell which source" not in error.problem:
            raise
        raise DataValidationError(
            path,
            None,
            None,
            "not a UCDP country-year or GED file (neither its columns nor its name match); "
            "forecasts are scored against one of those",
        ) from error
    if kind == "ucdp-cy":
        if unit.name != "cy":
            raise DataValidationError(
                path, None, None, "a country-year file cannot score monthly forecasts; use GED"
            )
        raw = read_ucdp_cy(path)
        years = raw["year_cy"].astype(np.int64)
        frame = pd.DataFrame(
            {
                "gwno": _canonical(raw["country_id_cy"], years),
                "t": years.to_numpy(),
                "fatalities": raw["sb_total_deaths_best_cy"].to_numpy(dtype=np.float64),
            }
        )
        first, last = int(years.min()), int(years.max())
    elif kind == "ged":
        events = read_ged(path)
        if events.empty:
            raise DataValidationError(path, None, None, "the GED file has no events")
        every_start = pd.to_datetime(events["date_start"])
        raw = events.loc[events["type_of_violence"] == 1]
        start = every_start.loc[raw.index]
        years = start.dt.year.astype(np.int64)
        t = years if unit.name == "cy" else (years - 1980) * 12 + start.dt.month.astype(np.int64)
        frame = pd.DataFrame(
            {
                "gwno": _canonical(raw["country_id"], years),
                "t": t.to_numpy(),
                "fatalities": raw["best"].to_numpy(dtype=np.float64),
            }
        )
        first_date, last_date = every_start.min(), every_start.max()
        if unit.name == "cy":
            first, last = first_date.year, last_date.year
        else:
            first = (first_date.year - 1980) * 12 + first_date.month
            last = (last_date.year - 1980) * 12 + last_date.month
    else:
        raise DataValidationError(
            path, None, None, f"actuals must be a UCDP country-year or GED file, not {kind}"
        )
    summed: pd.DataFrame = frame.groupby(["gwno", "t"], as_index=False).agg(
        fatalities=("fatalities", "sum")
    )
    summed["period"] = pd.array(unit.periods(summed["t"].to_numpy()), dtype="str")
    result = pd.DataFrame(summed[["gwno", "period", "fatalities"]])
    return result, (unit.to_period(first), unit.to_period(last))


def score_forecast(
    forecast: pd.DataFrame, actuals: pd.DataFrame, coverage: tuple[str, str] | None = None
) -> dict[str, Any]:
    """Scores of one forecast frame: ``{"overall": {...}, "by_horizon": {"1": {...}, ...},
    "calibration": {...}}`` (:func:`summarise_by_horizon`).

    ``actuals`` has gwno, period, fatalities. With ``coverage`` (first, last period) missing
    rows inside it count as zero; without it, only rows with an actual value are scored.
    """
    keys, draws = frame_to_draws(forecast)
    merged = keys.merge(actuals, on=["gwno", "period"], how="left")
    if coverage is not None:
        inside = (merged["period"] >= coverage[0]) & (merged["period"] <= coverage[1])
        merged.loc[inside & merged["fatalities"].isna(), "fatalities"] = 0.0
    known = merged["fatalities"].notna().to_numpy()
    y = merged["fatalities"].to_numpy(dtype=np.float64)[known]
    draws = draws[known]
    horizons = merged["horizon"].to_numpy()[known]
    return summarise_by_horizon(y, draws, horizons)


def summarise_by_horizon(y: np.ndarray, draws: np.ndarray, horizons: np.ndarray) -> dict[str, Any]:
    """Overall and per-horizon :class:`~detente.warning.metrics.Summary` as plain dicts, and
    the calibration over all rows: the PIT histogram (ten shares) and the reliability of the
    chance of 25 or more deaths (groups of :data:`~detente.warning.metrics.RELIABILITY_EDGES`).
    """
    scores = score(y, draws)
    return {
        "overall": summarise(y, scores).as_dict(),
        "by_horizon": {
            str(int(h)): summarise(y, scores, horizons == h).as_dict() for h in np.unique(horizons)
        },
        "calibration": {
            "pit_histogram": scores.pit_mass.mean(axis=0).tolist() if len(y) else [],
            "reliability": [
                dataclasses.asdict(group) for group in reliability(scores.p_event, scores.event)
            ],
        },
    }


def evaluate_files(
    settings: Settings,
    forecasts: Sequence[Path],
    actuals: Path,
    *,
    benchmarks: bool = True,
    seed: int = 0,
    n: int = 1000,
) -> dict[str, Any]:
    """Score forecast files against an actuals file; with ``benchmarks``, side by side with
    the four benchmarks fitted on the analytics panel at the first file's cutoff.

    Returns ``{"unit", "cutoff", "actuals", "coverage", "scored_periods", "unscored_periods"
    (targets outside the actuals' coverage), "models": {name: {"overall", "by_horizon"}}}``.
    Forecast files of different units or cutoffs are refused.
    """
    from detente.warning.storage import read_forecast

    loaded = [read_forecast(path) for path in forecasts]
    units = {info.unit for _, info in loaded}
    if len(units) != 1:
        raise DataValidationError("--forecasts", None, "unit", f"files mix units {sorted(units)}")
    spec = get_unit(units.pop())
    cutoffs = {_cutoff_of(frame, info, spec) for frame, info in loaded}
    if len(cutoffs) != 1:
        raise DataValidationError(
            "--forecasts", None, "cutoff", f"files have different cutoffs {sorted(cutoffs)}"
        )
    cutoff = cutoffs.pop()
    observed, coverage = read_actuals(actuals, spec)
    targets = sorted({str(p) for frame, _ in loaded for p in frame["period"].unique()})
    if targets[-1] < coverage[0] or targets[0] > coverage[1]:
        raise DataValidationError(
            str(actuals),
            None,
            "period",
            f"the actuals cover {coverage[0]}..{coverage[1]}; the forecasts target "
            f"{targets[0]}..{targets[-1]}: nothing to score",
        )
    models: dict[str, Any] = {}
    for frame, info in loaded:
        name = info.model if info.model not in models else f"{info.model} ({info.path.name})"
        models[name] = score_forecast(frame, observed, coverage)
    if benchmarks:
        from detente.analytics import load_panel
        from detente.warning.registry import BENCHMARKS, make_model

        panel = load_panel(settings, unit=spec.name)
        for name in BENCHMARKS:
            if name in models:
                continue
            frame = make_model(name).fit(panel, cutoff).sample(n=n, seed=seed)
            models[name] = score_forecast(frame, observed, coverage)
    inside = [p for p in targets if coverage[0] <= p <= coverage[1]]
    return {
        "unit": spec.name,
        "cutoff": cutoff,
        "actuals": str(actuals),
        "coverage": list(coverage),
        "scored_periods": inside,
        "unscored_periods": [p for p in targets if p not in inside],
        "models": models,
    }


def _cutoff_of(frame: pd.DataFrame, info: ForecastInfo, unit: Unit) -> str:
    if info.cutoff:
        return info.cutoff
    first = frame.loc[frame["horizon"] == frame["horizon"].min()].iloc[0]
    return unit.to_period(unit.to_index(str(first["period"])) - int(first["horizon"]))
