"""Why a forecast says what it says: model-native feature contributions.

For our LightGBM hurdle model these are LightGBM's SHAP values (``pred_contrib``) of the
classifier: how much each feature moved the log-odds of any state-based death at the horizon,
away from the average country (the ``bias``). Positive pushes towards violence. They are
computed when the forecast is made and stored next to it, so pages and alerts read them
without refitting (:func:`stored_contributions`).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from detente.settings import Settings
from detente.warning.forecasters.base import Forecaster

TOP = 8


def contributions(
    model: Forecaster, gwno: int, horizon: int, top: int = TOP
) -> list[tuple[str, float]]:
    """The ``top`` features with the largest absolute contribution for one country and horizon.

    Empty for models that do not explain themselves (the benchmarks) or a country the model
    did not forecast.
    """
    explain = getattr(model, "contributions", None)
    if explain is None:
        return []
    table: pd.DataFrame = explain(horizon)
    if gwno not in table.index:
        return []
    row = table.loc[gwno].drop("bias")
    order = np.argsort(-np.abs(row.to_numpy()))[:top]
    return [(str(row.index[i]), float(row.iloc[i])) for i in order]


def contributions_frame(model: Forecaster) -> pd.DataFrame | None:
    """Every contribution of a fitted model, long: gwno, horizon, feature, contribution."""
    explain = getattr(model, "contributions", None)
    models = getattr(model, "models", None)
    if explain is None or not models:
        return None
    frames = []
    for horizon in sorted(models):
        table: pd.DataFrame = explain(horizon)
        long = (
            table.rename_axis("gwno")
            .reset_index()
            .melt(id_vars="gwno", var_name="feature", value_name="contribution")
        )
        long.insert(1, "horizon", horizon)
        frames.append(long)
    frame = pd.concat(frames, ignore_index=True)
    frame["gwno"] = frame["gwno"].astype(np.int64)
    return frame


def stored_contributions(
    settings: Settings, gwno: int, horizon: int = 1, unit: str = "cy", top: int = TOP
) -> list[tuple[str, float]]:
    """Top contributions for a country from the latest stored forecast (empty when none)."""
    from detente.warning.storage import latest_forecast_info, read_contributions

    info = latest_forecast_info(settings, unit)
    if info is None:
        return []
    table = read_contributions(Path(info.path))
    if table is None:
        return []
    mine = table.loc[
        (table["gwno"] == gwno) & (table["horizon"] == horizon) & (table["feature"] != "bias")
    ]
    mine = mine.reindex(mine["contribution"].abs().sort_values(ascending=False).index)[:top]
    return [(str(f), float(c)) for f, c in zip(mine["feature"], mine["contribution"], strict=True)]
