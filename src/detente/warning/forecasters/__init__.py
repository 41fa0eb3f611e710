"""Forecasters: the common interface, the ViEWS benchmarks and our LightGBM models."""

from __future__ import annotations

from detente.warning.forecasters.base import (
    CONTRACT_COLUMNS,
    Forecaster,
    NotFittedError,
    PanelForecaster,
    draws_to_frame,
    frame_to_draws,
)
from detente.warning.forecasters.benchmarks import (
    BootstrapForecaster,
    ConflictologyForecaster,
    LastForecaster,
    ZeroForecaster,
)

__all__ = [
    "CONTRACT_COLUMNS",
    "BootstrapForecaster",
    "ConflictologyForecaster",
    "Forecaster",
    "LastForecaster",
    "NotFittedError",
    "PanelForecaster",
    "ZeroForecaster",
    "draws_to_frame",
    "frame_to_draws",
]
