"""Forecast pages: country fan chart, home risk map, methods page, downloads, forecasts API.

Everything here reads the latest stored forecast (``detente forecast`` or the init step) through
:mod:`detente.warning.summary`; nothing is fitted on a request.
"""

from __future__ import annotations

import itertools
import json
import logging
from pathlib import Path as FilePath
from typing import Any

import pandas as pd
from fastapi import APIRouter, HTTPException, Path, Query, Request
from fastapi.responses import HTMLResponse, Response
from pydantic import BaseModel, Field

from detente.caching import single_flight_cache
from detente.countries import get_state, resolve
from detente.errors import DataValidationError, UnknownCountryError
from detente.numbers import number, percent
from detente.safetext import csv_frame
from detente.settings import Settings
from detente.warning.explain import stored_contributions
from detente.warning.features import FEATURE_LABELS
from detente.warning.storage import latest_forecast_info
from detente.warning.summary import ForecastSummary, latest_summary
from detente.warning.track_record import (
    TRACK_RECORD_FILE,
    TrackRecord,
    largest_misses,
    read_forecasts,
    track_record,
)
from detente.web import panel
from detente.web.deps import get_settings, render
from detente.web.errors import NOT_FOUND
from detente.web.i18n import N_, gettext, ngettext, request_language
from detente.web.names import country_name, country_slug
from detente.web.sections import Download, NavItem, Section
from detente.web.worldmap import MapLayer

router = APIRouter()
LOG = logging.getLogger(__name__)
BACKTEST_FILE = FilePath("backtest") / "cy_2010_2023.json"
"""The committed backtest results (``detente backtest`` on the bundled data), under the snapshot."""
HISTORY_YEARS = 15
TRACK_HORIZONS = (1, 2, 3)
"""How far ahead the track record can be shown: the backtest's horizons."""
TRACK_PARAM = "ahead"
"""The country page's query parameter choosing the track record's horizon (``?ahead=2``)."""
RISK_BREAKS = (5, 15, 30, 50, 80)
MEDIA_TYPES = {"csv": "text/csv; charset=utf-8", "parquet": "application/vnd.apache.parquet"}


def risk_labels(language: str) -> tuple[str, ...]:
    """The legend of the risk map: msgids at both ends, ranges written as ``language`` does.

    English ``5–14%``, French ``5–14 %`` (the ranges are numbers, not text to translate).
    """
    ranges = (
        f"{number(low, language)}–{percent((high - 1) / 100, language)}"
        for low, high in itertools.pairwise(RISK_BREAKS)
    )
    return (N_("under 5%"), *ranges, N_("80% or more"))


MODEL_LABELS = {
    "zero": N_("Zero (benchmark)"),
    "last": N_("Last value, Poisson draws (benchmark)"),
    "bootstrap": N_("Global bootstrap (benchmark)"),
    "conflictology": N_("Conflictology (benchmark)"),
    "lgbm": N_("Détente: LightGBM hurdle (ours)"),
    "lgbm_log": N_("LightGBM log-target (variant)"),
    "knn_change": N_("Nearest levels: past changes at the same level of violence"),
    "analogues": N_("Analogues: what followed similar past situations"),
}


def nav_items() -> list[NavItem]:
    """The methods page link."""
    return [NavItem(N_("Methods"), "/methods", order=80)]


def downloads() -> list[Download]:
    """The latest forecast's draws in both formats."""
    description = N_(
        "1,000 draws of state-based deaths per country for each year after the cutoff, from "
        "the latest forecast (columns gwno, period, horizon, draw, fatalities)."
    )
    return [
        Download(N_("Latest forecast"), description, "/data/forecast-cy.csv", "CSV"),
        Download(N_("Latest forecast"), description, "/data/forecast-cy.parquet", "Parquet"),
    ]


def _summary(request: Request) -> ForecastSummary | None:
    return latest_summary(get_settings(request), "cy")


def home_section(request: Request) -> Section | None:
    """The forecast risk layer of the home map and the countries most at risk."""
    summary = _summary(request)
    if summary is None:
        return None
    risk = summary.risk(1)
    period = summary.country(next(iter(risk)))[0].period if risk else ""
    layer = MapLayer(
        title=gettext(
            request,
            "Forecast: chance of 25 or more state-based deaths in %(period)s",
            period=period,
        ),
        values={gwno: round(100 * p, 1) for gwno, p in risk.items()},
        breaks=RISK_BREAKS,
        labels=risk_labels(request_language(request)),
        value_label=N_("%(value)s%% chance of 25 or more deaths"),
        source=N_("Détente forecast from UCDP data (see the methods page)"),
    )
    language = request_language(request)
    top = []
    for gwno, p in sorted(risk.items(), key=lambda item: -item[1])[:10]:
        try:
            state = get_state(gwno)
        except UnknownCountryError:
            continue
        mean = summary.country(gwno)[0].mean
        top.append((country_name(state, language), country_slug(state), percent(p, language), mean))
    return Section(
        "warning/home.html",
        {"map_layer": layer, "top": top, "period": period, "info": summary.info},
        order=110,
    )


def _fan_data(
    request: Request, summary: ForecastSummary, gwno: int, settings: Settings
) -> dict[str, Any]:
    history = panel.country_history(settings, gwno)[-HISTORY_YEARS:]
    horizons = summary.country(gwno)
    labels = [str(r.year) for r in history] + [h.period for h in horizons]
    # the fan starts at the last observed value so that it joins the observed line
    lead: list[float | None] = [None] * max(len(history) - 1, 0)
    if history:
        lead.append(history[-1].state_based)

    def band(attr: str) -> list[float | None]:
        return [*lead, *(float(getattr(h, attr)) for h in horizons)]

    return {
        "labels": labels,
        "observed": [r.state_based for r in history] + [None] * len(horizons),
        "q05": band("q05"),
        "q25": band("q25"),
        "median": band("median"),
        "q75": band("q75"),
        "q95": band("q95"),
        "text": {
            "observed": gettext(request, "Observed (UCDP best estimate)"),
            "median": gettext(request, "Forecast median"),
            "band50": gettext(request, "50% interval"),
            "band90": gettext(request, "90% interval"),
            "y": gettext(request, "State-based deaths"),
        },
        "locale": request_language(request),
    }


def country_section(request: Request, gwno: int) -> Section | None:
    """The fan chart of the forecast, its table and what drives it."""
    settings = get_settings(request)
    summary = _summary(request)
    if summary is None or not summary.country(gwno):
        return None
    horizons = summary.country(gwno)
    drivers = [
        (gettext(request, FEATURE_LABELS.get(name, name)), value)
        for name, value in stored_contributions(settings, gwno, 1, "cy", top=6)
    ]
    ahead = track_horizon(request)
    track = load_track_record(settings, gwno, ahead)
    return Section(
        "warning/country.html",
        {
            "horizons": horizons,
            "fan": _fan_data(request, summary, gwno, settings),
            "drivers": drivers,
            "info": summary.info,
            "model_label": MODEL_LABELS.get(summary.info.model, summary.info.model),
            "track": track,
            "track_chart": _track_data(request, track) if track else None,
            "track_ahead": _ahead_text(request, ahead),
            "track_horizons": [
                (h, ngettext(request, "%(num)s year ahead", "%(num)s years ahead", h))
                for h in TRACK_HORIZONS
            ],
        },
        order=105,
    )


@single_flight_cache(maxsize=2)
def _read_forecasts(path: str, mtime: float) -> pd.DataFrame:
    return read_forecasts(FilePath(path))


def _backtest_forecasts(settings: Settings) -> pd.DataFrame | None:
    """The committed per-forecast backtest file, or ``None`` when it is missing or unreadable.

    The track record is one section of the country page: a damaged file must not take the page
    down with it, so it is left out and the server's log says why.
    """
    path = settings.snapshot_dir / TRACK_RECORD_FILE
    if not path.is_file():
        return None
    try:
        return _read_forecasts(str(path), path.stat().st_mtime)
    except DataValidationError as error:
        LOG.warning("track records left out: %s", error)
        return None


def track_horizon(request: Request) -> int:
    """The horizon the country page's track record shows: ``?ahead=1..3``, 1 when absent.

    A value outside the backtest's horizons is refused (422) rather than silently shown as one
    year ahead: a reader who asked for five years ahead must not take a one-year record for it.
    """
    raw = request.query_params.get(TRACK_PARAM)
    if raw is None or raw == "":
        return TRACK_HORIZONS[0]
    if raw.isdigit() and int(raw) in TRACK_HORIZONS:
        return int(raw)
    allowed = ", ".join(str(h) for h in TRACK_HORIZONS)
    raise DataValidationError(
        "country page", None, TRACK_PARAM, f"'{raw[:20]}' is not one of {allowed}"
    )


def _ahead_text(request: Request, horizon: int) -> str:
    """ "a year ahead" / "2 years ahead", the phrase the track record's sentences build on."""
    return ngettext(request, "a year ahead", "%(num)s years ahead", horizon)


def load_track_record(settings: Settings, gwno: int, horizon: int = 1) -> TrackRecord | None:
    """Our model's forecasts of ``gwno`` made ``horizon`` years ahead in the committed
    backtest, or ``None`` when the file is missing, unreadable or has none for the state."""
    rows = _backtest_forecasts(settings)
    return None if rows is None else track_record(rows, gwno, horizon=horizon)


def _track_data(request: Request, track: TrackRecord) -> dict[str, Any]:
    """The track-record chart: each year's forecast (median, 90% interval) and the outcome,
    in the shape of the fan chart's data (same script)."""
    return {
        "labels": [str(f.year) for f in track.forecasts],
        "observed": [f.observed for f in track.forecasts],
        "q05": [f.q05 for f in track.forecasts],
        "median": [f.median for f in track.forecasts],
        "q95": [f.q95 for f in track.forecasts],
        "text": {
            "observed": gettext(request, "Observed (UCDP best estimate)"),
            "median": gettext(
                request, "Median forecast made %(ahead)s", ahead=_ahead_text(request, track.horizon)
            ),
            "band90": gettext(request, "90% interval"),
            "y": gettext(request, "State-based deaths"),
        },
        "locale": request_language(request),
    }


@single_flight_cache(maxsize=4)
def _read_backtest(path: str, mtime: float) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(FilePath(path).read_text(encoding="utf-8"))
    return data


def load_backtest(settings: Settings) -> dict[str, Any] | None:
    """The committed backtest results, or ``None`` when the file is missing."""
    path = settings.snapshot_dir / BACKTEST_FILE
    if not path.is_file():
        return None
    return _read_backtest(str(path), path.stat().st_mtime)


@router.get("/methods", include_in_schema=False)
def methods_page(request: Request) -> HTMLResponse:
    """How forecasts are made and how well they score (the committed backtest)."""
    settings = get_settings(request)
    backtest = load_backtest(settings)
    rows = []
    if backtest:
        for name, scores in backtest["models"].items():
            rows.append(
                {
                    "name": name,
                    "label": MODEL_LABELS.get(name, name),
                    "overall": scores["overall"],
                    "by_horizon": [scores["by_horizon"][str(h)] for h in _horizons(scores)],
                }
            )
    info = latest_forecast_info(settings, "cy")
    return render(
        request,
        "warning/methods.html",
        backtest=backtest,
        rows=rows,
        calibration=_calibration(backtest),
        horizons=_horizons(backtest["models"]["zero"]) if backtest else [],
        info=info,
        features=[FEATURE_LABELS[name] for name in FEATURE_LABELS],
        misses=_misses(request, settings),
    )


def _horizons(scores: dict[str, Any]) -> list[int]:
    """A model's horizons as numbers in order: JSON keys are strings, which the template's
    ``h == 1`` would never match and which sort a monthly backtest 1, 10, 11, 12, 2."""
    return sorted(int(h) for h in scores["by_horizon"])


MISSES_SHOWN = 10


def _misses(request: Request, settings: Settings) -> dict[str, Any] | None:
    """Our model's costliest forecasts of the committed backtest, with names and links."""
    forecasts = _backtest_forecasts(settings)
    found = None if forecasts is None else largest_misses(forecasts, k=MISSES_SHOWN)
    if found is None:
        return None
    language = request_language(request)
    rows = []
    for miss in found.misses:
        try:
            state = get_state(miss.gwno)
            name, slug = country_name(state, language), country_slug(state)
        except UnknownCountryError:
            name, slug = str(miss.gwno), None
        rows.append({"name": name, "slug": slug, "miss": miss, "f": miss.forecast})
    return {"rows": rows, "found": found}


CALIBRATION_MODELS = ("lgbm", "conflictology")
"""The models whose calibration the methods page shows: ours beside the benchmark to beat."""


def _calibration(backtest: dict[str, Any] | None) -> dict[str, Any] | None:
    """The PIT histograms and our model's reliability table from the backtest, or ``None``
    for results written before calibration was part of them."""
    if not backtest:
        return None
    models = backtest["models"]
    shown = [name for name in CALIBRATION_MODELS if models.get(name, {}).get("calibration")]
    if "lgbm" not in shown:
        return None
    return {
        "pit": [
            (MODEL_LABELS.get(name, name), models[name]["calibration"]["pit_histogram"])
            for name in shown
        ],
        "bins": len(models["lgbm"]["calibration"]["pit_histogram"]),
        "reliability": models["lgbm"]["calibration"]["reliability"],
    }


@router.get("/data/forecast-cy.{kind}", include_in_schema=False)
def forecast_download(request: Request, kind: str) -> Response:
    """The latest country-year forecast's draws as CSV or Parquet."""
    if kind not in MEDIA_TYPES:
        raise HTTPException(status_code=404, detail=f"no forecast file of kind '{kind}'")
    info = latest_forecast_info(get_settings(request), "cy")
    if info is None:
        raise HTTPException(status_code=404, detail="no forecast yet; run 'detente forecast'")
    name = info.path.name.removesuffix(".parquet")
    if kind == "parquet":
        body = info.path.read_bytes()
    else:
        body = _csv(str(info.path), info.path.stat().st_mtime)
    return Response(
        body,
        media_type=MEDIA_TYPES[kind],
        headers={"Content-Disposition": f'attachment; filename="detente-forecast-{name}.{kind}"'},
    )


@single_flight_cache(maxsize=2)
def _csv(path: str, mtime: float) -> bytes:
    import pandas as pd

    frame = pd.read_parquet(path)
    return csv_frame(frame).to_csv(index=False, lineterminator="\n").encode()


class HorizonOut(BaseModel):
    """The forecast distribution for one period."""

    period: str
    horizon: int
    mean: float
    q05: float
    q25: float
    median: float
    q75: float
    q95: float
    p_any: float
    p_conflict: float


class ContributionOut(BaseModel):
    """A feature's contribution to the log-odds of violence (horizon 1)."""

    feature: str
    contribution: float


class ForecastOut(BaseModel):
    """A country's latest forecast: quantiles of state-based deaths per period, and drivers."""

    gwno: int
    iso3: str | None
    unit: str
    model: str
    cutoff: str
    horizons: list[HorizonOut]
    contributions: list[ContributionOut]


@router.get(
    "/api/v1/forecasts/{code}", response_model=ForecastOut, tags=["forecasts"], responses=NOT_FOUND
)
def forecast_api(
    request: Request,
    code: str = Path(..., min_length=1, max_length=60, description="ISO3, gwno or name"),
) -> ForecastOut:
    """The latest country-year forecast of one state (404 if unknown or not forecast)."""
    try:
        state = resolve(code)
    except UnknownCountryError as error:
        raise HTTPException(status_code=404, detail=str(error)) from error
    summary = _summary(request)
    horizons = summary.country(state.gwno) if summary else []
    if summary is None or not horizons:
        raise HTTPException(status_code=404, detail=f"no forecast for {state.name}")
    settings = get_settings(request)
    return ForecastOut(
        gwno=state.gwno,
        iso3=state.iso3,
        unit=summary.info.unit,
        model=summary.info.model,
        cutoff=summary.info.cutoff,
        horizons=[HorizonOut(**h.__dict__) for h in horizons],
        contributions=[
            ContributionOut(feature=f, contribution=c)
            for f, c in stored_contributions(settings, state.gwno, 1, "cy")
        ],
    )


class PastForecastOut(BaseModel):
    """One backtest forecast made a year ahead, and what happened."""

    year: int
    cutoff: int
    observed: float
    q05: float
    median: float
    q95: float
    p25: float = Field(description="Chance the forecast gave to 25 or more deaths")
    crps: float
    benchmark_crps: float | None = Field(description="The conflictology benchmark's CRPS")
    inside_90: bool


class TrackRecordOut(BaseModel):
    """Our model's one-year-ahead backtest forecasts of a state, 2010–2023."""

    gwno: int
    model: str
    horizon: int
    benchmark: str
    years: int
    inside_90: int = Field(description="Years in which the outcome fell in the 90% interval")
    mean_crps: float
    benchmark_mean_crps: float | None
    forecasts: list[PastForecastOut]


@router.get(
    "/api/v1/forecasts/{code}/track-record",
    response_model=TrackRecordOut,
    tags=["forecasts"],
    responses=NOT_FOUND,
)
def track_record_api(
    request: Request,
    code: str = Path(..., min_length=1, max_length=60, description="ISO3, gwno or name"),
    horizon: int = Query(1, ge=1, le=3, description="Years ahead the forecasts were made"),
) -> TrackRecordOut:
    """How the forecasts made ``horizon`` years ahead did for one state in the committed
    backtest (404 if the state is unknown or not in it)."""
    try:
        state = resolve(code)
    except UnknownCountryError as error:
        raise HTTPException(status_code=404, detail=str(error)) from error
    track = load_track_record(get_settings(request), state.gwno, horizon)
    if track is None:
        raise HTTPException(status_code=404, detail=f"no backtest forecasts for {state.name}")
    return TrackRecordOut.model_validate(track.as_dict())
