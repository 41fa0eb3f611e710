"""The registry of forecasting models: name -> factory of an unfitted forecaster.

Benchmarks first (ViEWS 2023/24), then ours. ``lgbm`` is imported lazily so that importing
:mod:`detente.warning` stays cheap for pages that only read stored forecasts.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module

from detente.warning.forecasters.base import Forecaster, PanelForecaster
from detente.warning.forecasters.benchmarks import (
    BootstrapForecaster,
    ConflictologyForecaster,
    LastForecaster,
    ZeroForecaster,
)

BENCHMARKS = ("zero", "last", "bootstrap", "conflictology")
DEFAULT_MODEL = "lgbm"


def _knn_change() -> PanelForecaster:
    from detente.warning.forecasters.knn_change import KnnChangeForecaster

    return KnnChangeForecaster()


def _lgbm() -> PanelForecaster:
    from detente.warning.forecasters.lgbm import LGBMForecaster

    return LGBMForecaster()


def _lgbm_log() -> PanelForecaster:
    from detente.warning.forecasters.lgbm import LGBMLogForecaster

    return LGBMLogForecaster()


MODELS: dict[str, Callable[[], Forecaster]] = {
    "zero": ZeroForecaster,
    "last": LastForecaster,
    "bootstrap": BootstrapForecaster,
    "conflictology": ConflictologyForecaster,
    "lgbm": _lgbm,
    "lgbm_log": _lgbm_log,
    "knn_change": _knn_change,
    "analogues": lambda: import_module("detente.warning.analogues").AnalogueForecaster(),
}
"""Every model by name; ``MODELS[name]()`` is an unfitted forecaster."""


def make_model(name: str) -> PanelForecaster:
    """An unfitted forecaster by name (``ValueError`` naming the choices if unknown)."""
    if name not in MODELS:
        raise ValueError(f"unknown model {name!r}; choose from {', '.join(MODELS)}")
    model = MODELS[name]()
    assert isinstance(model, PanelForecaster)
    return model
