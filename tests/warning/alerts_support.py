"""Helpers shared by the criteria/alerts/analogues/brief tests (not fixtures: plain functions).

Forecasts here are built from real panel values (Poisson draws around each country's last
observed deaths), never from a mock of our forecasters.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from detente.settings import REPO_ROOT, Settings
from detente.warning.alert_rules import parse_rules


def store_settings(tmp_path: Path, analytics_path: Path) -> Settings:
    """Settings with state under ``tmp_path`` and the session's real analytics store."""
    return Settings(
        data_dir=tmp_path / "var", snapshot_dir=REPO_ROOT / "data", duckdb_path=analytics_path
    )


def poisson_forecast(
    panel: pd.DataFrame,
    cutoff: int,
    n: int = 200,
    seed: int = 0,
    scale: dict[int, float] | None = None,
    level: dict[int, float] | None = None,
) -> pd.DataFrame:
    """A contract forecast (gwno, period, horizon, draw, fatalities) for the 3 years after
    ``cutoff``: Poisson draws around each state's deaths in ``cutoff`` times ``scale[gwno]``, or
    around ``level[gwno]`` (what a model expecting an onset would forecast).
    """
    rng = np.random.default_rng(seed)
    last = panel[panel["year"] == cutoff][["gwno", "sb_best"]]
    frames = []
    for gwno, last_deaths in zip(last["gwno"], last["sb_best"], strict=True):
        lam = float(last_deaths) * (scale or {}).get(int(gwno), 1.0)
        lam = (level or {}).get(int(gwno), lam)
        for horizon in (1, 2, 3):
            frames.append(
                pd.DataFrame(
                    {
                        "gwno": int(gwno),
                        "period": str(cutoff + horizon),
                        "horizon": horizon,
                        "draw": np.arange(n),
                        "fatalities": rng.poisson(lam, n).astype(float),
                    }
                )
            )
    return pd.concat(frames, ignore_index=True)


ONSET_ONLY = parse_rules("[escalation]\nenabled = false\n[surge]\nenabled = false\n")
"""Only the onset rule: tests that raise one Iceland onset alert and look at it."""
