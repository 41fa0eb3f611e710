"""A country's track record read back from the backtest's per-forecast rows."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from detente.errors import DataValidationError
from detente.settings import REPO_ROOT
from detente.warning.track_record import (
    TRACK_RECORD_FILE,
    largest_misses,
    read_forecasts,
    track_record,
)


def _row(model: str, t: int, y: float, q05: float, q95: float, crps: float) -> dict[str, object]:
    return {
        "model": model,
        "cutoff": str(t - 1),
        "gwno": 625,
        "t": t,
        "horizon": 1,
        "y": y,
        "q05": q05,
        "q50": (q05 + q95) / 2,
        "q95": q95,
        "p25": 0.5,
        "crps": crps,
    }


ROWS = pd.DataFrame(
    [
        _row("lgbm", 2012, 100.0, 50.0, 300.0, 10.0),
        _row("lgbm", 2011, 900.0, 50.0, 300.0, 400.0),  # above the interval
        _row("lgbm", 2013, 300.0, 50.0, 300.0, 20.0),  # on the bound: inside
        _row("conflictology", 2011, 900.0, 0.0, 100.0, 700.0),
        _row("conflictology", 2012, 100.0, 0.0, 100.0, 30.0),
        _row("conflictology", 2013, 300.0, 0.0, 100.0, 90.0),
        {**_row("lgbm", 2012, 100.0, 50.0, 300.0, 10.0), "horizon": 2},
    ]
)


def test_a_track_record_is_one_horizon_oldest_first_with_the_benchmark_beside_it() -> None:
    record = track_record(ROWS, 625)
    assert record is not None
    assert [f.year for f in record.forecasts] == [2011, 2012, 2013]
    assert [f.inside for f in record.forecasts] == [False, True, True]
    assert (record.years, record.inside) == (3, 2)
    assert record.mean_crps == pytest.approx(430 / 3)
    assert record.benchmark_mean_crps == pytest.approx(820 / 3)
    assert record.forecasts[0].cutoff == 2010
    data = record.as_dict()
    assert data["inside_90"] == 2
    assert data["forecasts"][0]["inside_90"] is False  # type: ignore[index]


def test_no_benchmark_for_a_year_gives_no_benchmark_mean() -> None:
    record = track_record(
        ROWS.loc[~((ROWS["model"] == "conflictology") & (ROWS["t"] == 2013))], 625
    )
    assert record is not None
    assert record.forecasts[-1].benchmark_crps is None
    assert record.benchmark_mean_crps is None


def test_a_state_or_model_the_backtest_lacks_has_no_record() -> None:
    assert track_record(ROWS, 2) is None
    assert track_record(ROWS, 625, model="knn_change") is None
    assert track_record(ROWS, 625, horizon=3) is None


def test_the_committed_file_reads_and_covers_2010_2023() -> None:
    rows = read_forecasts(REPO_ROOT / "data" / TRACK_RECORD_FILE)
    lgbm = rows.loc[rows["model"] == "lgbm"]
    assert sorted(set(lgbm["t"])) == list(range(2010, 2024))
    assert (lgbm["q05"] <= lgbm["q50"]).all()
    assert (lgbm["q50"] <= lgbm["q95"]).all()
    sudan = track_record(rows, 625)
    assert sudan is not None
    assert sudan.years == 14


def test_a_file_without_a_column_is_refused_naming_it(tmp_path: Path) -> None:
    path = tmp_path / "forecasts.parquet"
    ROWS.drop(columns=["crps"]).to_parquet(path)
    with pytest.raises(DataValidationError, match="crps") as caught:
        read_forecasts(path)
    assert caught.value.file == str(path)
    assert caught.value.field == "crps"
    broken = tmp_path / "broken.parquet"
    broken.write_text("model,t\n")
    with pytest.raises(DataValidationError, match="not a readable Parquet file"):
        read_forecasts(broken)


def test_largest_misses_are_the_costliest_forecasts_with_their_share() -> None:
    found = largest_misses(ROWS, k=2)
    assert found is not None
    assert [(m.forecast.year, m.horizon) for m in found.misses] == [(2011, 1), (2013, 1)]
    assert found.misses[0].forecast.benchmark_crps == 700.0
    assert found.forecasts == 4  # every lgbm row, horizon 2 included
    assert found.share_of_crps == pytest.approx(420 / 440)
    assert largest_misses(ROWS, model="knn_change") is None


def test_the_committed_backtest_misses_most_on_the_largest_wars() -> None:
    """The methods page says a few very large wars make most of the CRPS: measured here."""
    rows = read_forecasts(REPO_ROOT / "data" / TRACK_RECORD_FILE)
    found = largest_misses(rows, k=10)
    assert found is not None
    assert found.forecasts == 8304
    assert all(m.forecast.observed >= 10_000 for m in found.misses)
    assert found.share_of_crps > 0.3  # 0.36 on the committed file: 10 of 8,304 forecasts
