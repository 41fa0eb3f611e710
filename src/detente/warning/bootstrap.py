"""Init step: make a first forecast so that ``make run`` shows forecasts on the map and pages."""

from __future__ import annotations

from detente.settings import Settings
from detente.warning.registry import DEFAULT_MODEL
from detente.warning.storage import latest_forecast_info


def ensure_forecast(settings: Settings) -> str:
    """Forecast from the panel's latest year with our model, unless a forecast exists.

    Idempotent: a second run finds the file and changes nothing. Skips (one line) when no
    analytics store is loaded.
    """
    existing = latest_forecast_info(settings, "cy")
    if existing is not None:
        return f"forecast: {existing.path.name} exists"
    if not settings.analytics_path.exists():
        return "forecast: skipped, no analytics store (run the data step first)"
    from detente.warning.forecast import run_forecast

    run = run_forecast(settings, "cy", None, DEFAULT_MODEL)
    return (
        f"forecast: {run.info.model} cy from {run.info.cutoff}, {run.countries} countries "
        f"-> {run.info.path.name}"
    )
