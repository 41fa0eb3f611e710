"""Pre-alert system: probabilistic forecasts (this part), criteria, alerts, analogues, brief.

Public API of the forecasts
---------------------------
:class:`Forecaster`            protocol: ``fit(panel, cutoff) -> self``, ``sample(n, seed)``
:data:`MODELS`                 name -> factory: zero, last, bootstrap, conflictology, lgbm,
                               lgbm_log, knn_change, analogues
:func:`forecast`               fit, draw, store under ``data_dir/forecasts``, return the frame
:func:`run_forecast`           the same with ``out``/``n``/``seed``; a :class:`ForecastRun`
:func:`latest_forecast`        the newest stored forecast of a unit (``None`` if none)
:func:`explain`                top feature contributions of a country from the latest forecast
:mod:`detente.warning.metrics` CRPS, IGN, MIS, coverage, Brier, AUC-PR on dense arrays
:func:`backtest`               rolling-origin backtest of several models
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

from detente.warning.explain import contributions, stored_contributions
from detente.warning.forecasters.base import CONTRACT_COLUMNS, Forecaster
from detente.warning.registry import BENCHMARKS, DEFAULT_MODEL, MODELS, make_model
from detente.warning.storage import (
    ForecastInfo,
    latest_forecast,
    latest_forecast_info,
    read_forecast,
)

# Heavy parts (scikit-learn, scoringrules, matplotlib, the analytics store) load on first use,
# so that importing ``detente.warning.alerts`` or a page that reads a stored forecast is quick.
_LAZY = {
    "BacktestResult": "detente.warning.backtest",
    "backtest": "detente.warning.backtest",
    "write_backtest": "detente.warning.backtest",
    "read_actuals": "detente.warning.evaluation",
    "score_forecast": "detente.warning.evaluation",
    "ForecastRun": "detente.warning.forecast",
    "forecast": "detente.warning.forecast",
    "run_forecast": "detente.warning.forecast",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


explain = stored_contributions
"""``explain(settings, gwno, horizon=1, unit="cy")``: top contributions from the latest forecast."""

__all__ = [
    "BENCHMARKS",
    "CONTRACT_COLUMNS",
    "DEFAULT_MODEL",
    "MODELS",
    "BacktestResult",
    "ForecastInfo",
    "ForecastRun",
    "Forecaster",
    "backtest",
    "contributions",
    "explain",
    "forecast",
    "latest_forecast",
    "latest_forecast_info",
    "make_model",
    "read_actuals",
    "read_forecast",
    "run_forecast",
    "score_forecast",
    "stored_contributions",
    "write_backtest",
]
