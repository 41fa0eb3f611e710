"""Panels for the forecasting tests, read once per session from the real snapshot store."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from detente.analytics import import_release, load_panel
from tests.sources.ged_files import SUDAN_EVENTS, event, write_ged


@pytest.fixture(scope="session")
def cy_panel(analytics_path: Path) -> pd.DataFrame:
    """The real country-year panel of the bundled snapshot (UCDP CY v25.1, to 2023)."""
    return load_panel(analytics_path, unit="cy")


def ged_events() -> list[dict[str, object]]:
    """SUDAN_EVENTS plus a few months of synthetic events (GENERATED, not real)."""
    extra = [
        event(100 + i, 625, f"2011-{month:02d}-10", 1, best=5 + 3 * i)
        for i, month in enumerate(range(1, 8))
    ]
    return [*SUDAN_EVENTS, *extra]


@pytest.fixture(scope="session")
def cm_store(analytics_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the snapshot store with a small real-format GED file imported."""
    folder = tmp_path_factory.mktemp("cm")
    store = folder / "analytics.duckdb"
    shutil.copyfile(analytics_path, store)
    import_release(store, write_ged(folder / "GEDEvent_v25_1.csv", ged_events()))
    return store


@pytest.fixture(scope="session")
def cm_panel(cm_store: Path) -> pd.DataFrame:
    """The country-month panel built from that GED file (1989-01 .. 2011-08)."""
    return load_panel(cm_store, unit="cm")
