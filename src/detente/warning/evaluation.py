"""Scoring forecasts against what happened: forecast frames, actuals files, side by side.

Actuals come either from the analytics panel or from a UCDP release file as published:

* the UCDP country-year organized violence file (``sb_total_deaths_best_cy`` per
  ``country_id_cy`` and ``year_cy``) for country-year forecasts;
* a UCDP GED file (events with ``type_of_violence == 1``, ``best`` summed by ``country_id`` and
  the month of ``date_start``) for country-month forecasts — or, summed by year, for cy.

Both are read with the validating readers of :mod:`detente.sources` and their country codes
mapped to the Gleditsch–Ward state meant that year (:func:`detente.countries.canonical_gwno`).
Rows outside the file's coverage are left out of the scores. Inside it, what a missing row means
depends on the file: GED lists only events, so a country-period without one had no death and
counts as zero; the country-year file lists every country-year it covers (zeros included), so
a country-year it lacks is unknown, not peaceful: that forecast is left out and counted
(``not_in_actuals``) — a truncated or filtered file must not pass for a quiet world.
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


@dataclasses.dataclass(frozen=True)
class Actuals:
    """Observed deaths read from a UCDP file.

    ``frame`` has gwno, period, fatalities; ``coverage`` is the (first, last) period the file
    covers; ``zero_if_missing`` says whether a country-period inside the coverage without a row
    had no deaths (GED: no event) or is simply not known (the country-year file lists every
    country-year, so a missing one means the file was cut or filtered).
    """

    frame: pd.DataFrame
    coverage: tuple[str, str]
    zero_if_missing: bool


def read_actuals(path: Path, unit: Unit) -> Actuals:
    """Observed deaths from a UCDP file, the (first, last) period it covers and what a missing
    row means there (:class:`Actuals`).

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
    coverage = (unit.to_period(first), unit.to_period(last))
    return Actuals(result, coverage, zero_if_missing=kind == "ged")


def score_forecast(
    forecast: pd.DataFrame,
    actuals: pd.DataFrame,
    coverage: tuple[str, str] | None = None,
    *,
    zero_if_missing: bool = True,
) -> dict[str, Any]:
    """Scores of one forecast frame: ``{"overall": {...}, "by_horizon": {"1": {...}, ...},
    "calibration": {...}, "not_in_actuals": n}`` (:func:`summarise_by_horizon`).

    ``actuals`` has gwno, period, fatalities. Without ``coverage`` only rows with an actual
    value are scored. With it, rows outside it are left out; a row inside it that ``actuals``
    lacks counts as zero deaths when ``zero_if_missing`` (event data), else it is left out and
    counted in ``not_in_actuals`` (a file listing every country-period but not this one).
    """
    keys, draws = frame_to_draws(forecast)
    merged = keys.merge(actuals, on=["gwno", "period"], how="left")
    missing = 0
    if coverage is not None:
        inside = (merged["period"] >= coverage[0]) & (merged["period"] <= coverage[1])
        absent = inside & merged["fatalities"].isna()
        if zero_if_missing:
            merged.loc[absent, "fatalities"] = 0.0
        else:
            missing = int(absent.sum())
    known = merged["fatalities"].notna().to_numpy()
    y = merged["fatalities"].to_numpy(dtype=np.float64)[known]
    draws = draws[known]
    horizons = merged["horizon"].to_numpy()[known]
    return {**summarise_by_horizon(y, draws, horizons), "not_in_actuals": missing}


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
    (targets outside the actuals' coverage), "models": {name: {"overall", "by_horizon",
    "calibration", "not_in_actuals"}}}``; ``not_in_actuals`` counts the forecasts left out
    because a country-year file has no row for their country-year (:func:`score_forecast`).
    Forecast files of different units or cutoffs are refused, and so is a country-year file
    without a row for any forecast.
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
    observed = read_actuals(actuals, spec)
    coverage = observed.coverage
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
        models[name] = score_forecast(
            frame, observed.frame, coverage, zero_if_missing=observed.zero_if_missing
        )
    if all(model["overall"]["rows"] == 0 for model in models.values()):
        raise DataValidationError(
            str(actuals),
            None,
            "country_id_cy",
            f"the file has no row for any country-year the forecasts target "
            f"({targets[0]}..{targets[-1]}): nothing to score",
        )
    if benchmarks:
        from detente.analytics import load_panel
        from detente.warning.registry import BENCHMARKS, make_model

        panel = load_panel(settings, unit=spec.name)
        for name in BENCHMARKS:
            if name in models:
                continue
            frame = make_model(name).fit(panel, cutoff).sample(n=n, seed=seed)
            models[name] = score_forecast(
                frame, observed.frame, coverage, zero_if_missing=observed.zero_if_missing
            )
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
