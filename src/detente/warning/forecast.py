"""Making a forecast: load the panel, fit a model at a cutoff, draw, store the Parquet file."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from detente.analytics import load_panel
from detente.errors import DataValidationError, NotFoundError
from detente.settings import Settings
from detente.warning.explain import contributions_frame
from detente.warning.registry import DEFAULT_MODEL, make_model
from detente.warning.storage import (
    ForecastInfo,
    forecast_path,
    write_forecast,
)
from detente.warning.units import Unit, get_unit, unit_of_cutoff


@dataclass(frozen=True)
class ForecastRun:
    """A forecast made and stored: the file in the data folder and its copy (``--out``)."""

    info: ForecastInfo
    out: Path | None
    countries: int
    horizons: int
    draws: int


def _check_cutoff(cutoff: str, spec: Unit) -> None:
    try:
        if unit_of_cutoff(cutoff) is not spec:
            raise ValueError(f"cutoff {cutoff!r} is not a {spec.name} period")
    except ValueError as error:
        raise DataValidationError("--cutoff", None, "cutoff", str(error)) from error


def check_cutoff_in_panel(panel: pd.DataFrame, spec: Unit, cutoff: str) -> None:
    """Refuse a malformed cutoff or one outside the panel's periods, naming ``--cutoff``, the
    value and the range that would do.

    Why: the model found no row at such a cutoff and said "panel, field 'year': no rows for
    the cutoff 2024", naming neither the option the user got wrong nor what would do.
    """
    _check_cutoff(cutoff, spec)
    column = spec.time_column
    first, last = spec.to_period(int(panel[column].min())), spec.to_period(int(panel[column].max()))
    index = spec.to_index(cutoff)
    if spec.to_index(first) <= index <= spec.to_index(last):
        return
    where = (
        f"before the {spec.name} panel's first period"
        if index < spec.to_index(first)
        else (f"after the {spec.name} panel's last period (a forecast uses data up to its cutoff)")
    )
    raise DataValidationError(
        "--cutoff", None, "cutoff", f"{cutoff} is {where}; choose {first}..{last}"
    )


def _empty_panel(unit: str) -> str:
    if unit == "cm":
        return (
            "the cm panel is empty: monthly forecasts need UCDP GED events "
            "(detente data import GEDEvent_v25_1.csv)"
        )
    return f"the {unit} panel is empty; import data first (detente data import)"


def latest_cutoff(panel: pd.DataFrame, unit: str) -> str:
    """The last period of the panel: the default cutoff."""
    spec = get_unit(unit)
    if panel.empty:
        raise NotFoundError(_empty_panel(unit))
    return spec.to_period(int(panel[spec.time_column].max()))


def run_forecast(
    settings: Settings,
    unit: str = "cy",
    cutoff: str | None = None,
    model: str = DEFAULT_MODEL,
    *,
    out: Path | None = None,
    n: int = 1000,
    seed: int = 0,
    panel: pd.DataFrame | None = None,
) -> ForecastRun:
    """Fit ``model`` on the ``unit`` panel up to ``cutoff`` and store ``n`` draws.

    The file goes to ``settings.data_dir/forecasts/{unit}_{model}_{cutoff}.parquet`` (what
    pages and alerts read) and, when ``out`` is given, is copied there too.
    """
    spec = get_unit(unit)
    try:
        forecaster = make_model(model)
    except ValueError as error:
        raise DataValidationError("--model", None, "model", str(error)) from error
    if cutoff:
        _check_cutoff(cutoff, spec)
    if panel is None:
        panel = load_panel(settings, unit=unit)
    if panel.empty:
        raise NotFoundError(_empty_panel(unit))
    cutoff = cutoff or latest_cutoff(panel, unit)
    check_cutoff_in_panel(panel, spec, cutoff)
    forecaster.fit(panel, cutoff)
    frame = forecaster.sample(n=n, seed=seed)
    path = forecast_path(settings, unit, model, cutoff)
    contributions = contributions_frame(forecaster)
    if out is not None and out.resolve() != path.resolve():
        # --out first: if it cannot be written, the stored forecast (read by the pages and
        # the alerts) is left as it was
        out.parent.mkdir(parents=True, exist_ok=True)
        write_forecast(
            frame, out, unit=unit, model=model, cutoff=cutoff, contributions=contributions
        )
    info = write_forecast(
        frame, path, unit=unit, model=model, cutoff=cutoff, contributions=contributions
    )
    return ForecastRun(info, out, int(forecaster.gwnos.size), spec.horizons, n)


def forecast(
    settings: Settings, unit: str = "cy", cutoff: str | None = None, model: str = DEFAULT_MODEL
) -> pd.DataFrame:
    """Make, store and return a forecast (contract columns; see :func:`run_forecast`)."""
    from detente.warning.storage import read_forecast

    run = run_forecast(settings, unit, cutoff, model)
    frame, _ = read_forecast(run.info.path)
    return frame
