"""Forecast files: contract and metadata, the latest one, bad files, the init step."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from detente.errors import DataValidationError
from detente.settings import REPO_ROOT, Settings
from detente.warning import CONTRACT_COLUMNS, latest_forecast, latest_forecast_info, read_forecast
from detente.warning.bootstrap import ensure_forecast
from detente.warning.forecast import run_forecast
from detente.warning.summary import latest_summary


@pytest.fixture
def settings(analytics_path: Path, tmp_path: Path) -> Settings:
    return Settings(
        data_dir=tmp_path / "var", duckdb_path=analytics_path, snapshot_dir=REPO_ROOT / "data"
    )


def test_latest_forecast_is_the_newest_cutoff(settings: Settings) -> None:
    assert latest_forecast(settings) is None
    run_forecast(settings, "cy", "2019", "last", n=10)
    run_forecast(settings, "cy", "2021", "zero", n=10)
    run_forecast(settings, "cy", "2020", "conflictology", n=10)
    info = latest_forecast_info(settings)
    assert info is not None
    assert (info.model, info.cutoff) == ("zero", "2021")
    frame = latest_forecast(settings)
    assert frame is not None
    assert tuple(frame.columns) == CONTRACT_COLUMNS
    assert set(frame["period"]) == {"2022", "2023", "2024"}
    _, read_info = read_forecast(info.path)
    assert (read_info.unit, read_info.model, read_info.cutoff) == ("cy", "zero", "2021")


def test_summary_quantiles_are_ordered(settings: Settings) -> None:
    run_forecast(settings, "cy", "2020", "conflictology", n=200)
    summary = latest_summary(settings)
    assert summary is not None
    syria = summary.country(652)
    assert [h.horizon for h in syria] == [1, 2, 3]
    for h in syria:
        assert h.q05 <= h.q25 <= h.median <= h.q75 <= h.q95
        assert 0 <= h.p_conflict <= h.p_any <= 1
    assert summary.country(99999) == []


@pytest.mark.parametrize(
    ("frame", "message"),
    [
        (
            pd.DataFrame({"gwno": [2], "period": ["2024"], "horizon": [1], "draw": [0]}),
            "fatalities",
        ),
        (
            pd.DataFrame(
                {"gwno": [2], "period": ["2024"], "horizon": [1], "draw": [0], "fatalities": [-1.0]}
            ),
            "row 1",
        ),
    ],
)
def test_bad_forecast_files_are_refused(tmp_path: Path, frame: pd.DataFrame, message: str) -> None:
    path = tmp_path / "bad.parquet"
    frame.to_parquet(path)
    with pytest.raises(DataValidationError, match=message):
        read_forecast(path)
    text = tmp_path / "text.parquet"
    text.write_text("not parquet")
    with pytest.raises(DataValidationError, match="not a readable Parquet"):
        read_forecast(text)


def test_init_step_makes_one_forecast_then_keeps_it(settings: Settings) -> None:
    first = ensure_forecast(settings)
    assert "lgbm cy from 2023" in first
    info = latest_forecast_info(settings)
    assert info is not None
    assert info.path.with_name("cy_lgbm_2023.contributions.parquet").exists()
    assert ensure_forecast(settings) == "forecast: cy_lgbm_2023.parquet exists"


def test_init_step_without_data_skips(tmp_path: Path) -> None:
    bare = Settings(data_dir=tmp_path / "var", snapshot_dir=REPO_ROOT / "data")
    assert "skipped" in ensure_forecast(bare)
