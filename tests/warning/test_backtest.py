"""The rolling-origin backtest: cutoffs, alignment with the panel, the target check."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest

from detente.errors import DataValidationError
from detente.settings import REPO_ROOT
from detente.warning.backtest import (
    BACKTEST_FILES,
    BacktestResult,
    backtest,
    cutoffs_for,
    forecast_columns,
    markdown_table,
    target_check,
    write_backtest,
)
from detente.warning.track_record import read_forecasts
from detente.warning.units import CM, CY


def test_cutoffs_give_every_horizon_the_same_target_years() -> None:
    assert cutoffs_for(CY, 2010, 2023) == [str(y) for y in range(2007, 2023)]
    assert cutoffs_for(CM, 2010, 2011) == ["2009-12", "2010-12"]
    with pytest.raises(ValueError, match="after"):
        cutoffs_for(CY, 2020, 2010)


def test_backtest_scores_against_the_panel(cy_panel: pd.DataFrame) -> None:
    result = backtest(cy_panel, "cy", 2020, 2023, ["zero", "last"], n=50)
    rows = result.rows
    assert set(rows["t"]) == {2020, 2021, 2022, 2023}
    for h in (1, 2, 3):
        assert set(rows.loc[rows["horizon"] == h, "t"]) == {2020, 2021, 2022, 2023}
    zero = result.summary["zero"]["overall"]
    mean = cy_panel.loc[cy_panel["year"].between(2020, 2023), "sb_best"]
    # every country-year of 2020-2023 three times (once per horizon), zero included
    assert zero["rows"] == 3 * len(mean)
    assert zero["crps"] == pytest.approx(mean.mean())
    assert zero["mis"] == pytest.approx(20 * mean.mean())
    data = json.loads(json.dumps(result.as_dict(), default=float))
    assert data["target"] == {}
    assert "| last |" in markdown_table(data)
    # the zero forecast's PIT: uniform over [0, 1] when nobody died, 1 otherwise
    calibration = data["models"]["zero"]["calibration"]
    share_zero = float((mean == 0).mean())
    histogram = calibration["pit_histogram"]
    assert histogram[:9] == pytest.approx([share_zero / 10] * 9)
    assert histogram[9] == pytest.approx(share_zero / 10 + 1 - share_zero)
    # it never gives a chance to 25 deaths: one group, at 0, where the events happened
    (group,) = calibration["reliability"]
    assert (group["rows"], group["forecast"]) == (3 * len(mean), 0.0)
    assert group["observed"] == pytest.approx(float((mean >= 25).mean()))
    assert "Reliability of `last`" not in markdown_table(data)
    assert "| zero | 0.0" in markdown_table(data)  # its PIT histogram row


def test_target_check() -> None:
    def scores(crps: float, ign: float, mis: float, coverage: float) -> dict[str, object]:
        return {"overall": {"crps": crps, "ign": ign, "mis": mis, "coverage": coverage}}

    ok = target_check({"lgbm": scores(80, 1, 9, 0.9), "conflictology": scores(100, 2, 10, 0.9)})
    assert ok["met"] is True
    assert ok["crps_ratio"] == pytest.approx(0.8)
    miss = target_check({"lgbm": scores(81, 1, 9, 0.97), "conflictology": scores(100, 2, 10, 0.9)})
    assert miss["met"] is False
    assert (miss["crps_ok"], miss["coverage_ok"]) == (False, False)
    assert np.isfinite(miss["crps_ratio"])


def test_every_forecast_keeps_its_quantiles_chance_and_score(
    cy_panel: pd.DataFrame, tmp_path: Path
) -> None:
    result = backtest(cy_panel, "cy", 2022, 2023, ["zero", "conflictology"], n=100)
    rows = result.rows
    zero = rows.loc[rows["model"] == "zero"]
    # the zero forecast: every quantile 0, no chance of 25, its CRPS the outcome itself
    assert (zero[["q05", "q25", "q50", "q75", "q95", "p25"]] == 0).all().all()
    assert zero["crps"].to_numpy() == pytest.approx(zero["y"].to_numpy())
    history = rows.loc[rows["model"] == "conflictology"]
    assert (history["q05"] <= history["q25"]).all()
    assert (history["q25"] <= history["q50"]).all()
    assert (history["q75"] <= history["q95"]).all()
    assert history["p25"].between(0, 1).all()
    # the per-row scores are the ones the summary averages
    mean = result.summary["conflictology"]["overall"]["crps"]
    assert history["crps"].mean() == pytest.approx(mean)
    paths = write_backtest(result, tmp_path)
    assert tmp_path / "forecasts.parquet" in paths
    stored = read_forecasts(tmp_path / "forecasts.parquet")
    assert len(stored) == len(rows)
    assert set(stored["model"]) == {"zero", "conflictology"}


def test_forecast_columns_of_no_rows_are_empty() -> None:
    columns = forecast_columns(np.empty(0), np.empty((0, 10)))
    assert sorted(columns) == ["crps", "p25", "q05", "q25", "q50", "q75", "q95"]
    assert all(v.size == 0 for v in columns.values())


def _committed_backtest(rows: pd.DataFrame | None = None) -> BacktestResult:
    """The committed backtest (data/backtest) as a result, read back rather than rerun."""
    folder = REPO_ROOT / "data" / "backtest"
    data = json.loads((folder / "cy_2010_2023.json").read_text())
    return BacktestResult(
        unit=data["unit"],
        start=data["start"],
        end=data["end"],
        cutoffs=tuple(data["cutoffs"]),
        models=tuple(data["models"]),
        draws=data["draws"],
        rows=rows
        if rows is not None
        else read_forecasts(folder / "cy_2010_2023_forecasts.parquet"),
        summary=data["models"],
    )


def _previous_set(folder: Path) -> dict[str, bytes]:
    folder.mkdir()
    for name in BACKTEST_FILES:
        (folder / name).write_bytes(f"previous {name}".encode())
    return {name: (folder / name).read_bytes() for name in BACKTEST_FILES}


def test_a_backtest_failing_on_its_last_file_leaves_the_previous_set_untouched(
    tmp_path: Path,
) -> None:
    """JSON, Markdown and PNG were written before the Parquet file failed: a new JSON beside
    an old forecasts.parquet. Now the four are replaced together or not at all."""
    good = _committed_backtest()
    rows = good.rows.assign(note=[1, "one"] * (len(good.rows) // 2) + [1] * (len(good.rows) % 2))
    folder = tmp_path / "bt"
    before = _previous_set(folder)
    with pytest.raises(pa.ArrowInvalid, match="column note"):  # ints and text in one column
        write_backtest(_committed_backtest(rows), folder)
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before  # no temporary file left
    paths = write_backtest(good, folder)
    assert [p.name for p in paths] == list(BACKTEST_FILES)
    assert sorted(p.name for p in folder.iterdir()) == sorted(BACKTEST_FILES)
    assert json.loads((folder / "backtest.json").read_text())["cutoffs"] == list(good.cutoffs)
    assert len(read_forecasts(folder / "forecasts.parquet")) == len(good.rows)


def test_a_folder_where_a_backtest_file_goes_is_refused_before_anything_is_written(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "bt"
    before = _previous_set(folder)
    (folder / "crps_by_horizon.png").unlink()
    (folder / "crps_by_horizon.png").mkdir()
    del before["crps_by_horizon.png"]
    with pytest.raises(
        DataValidationError, match=r"crps_by_horizon\.png, field 'out': is a folder"
    ):
        write_backtest(_committed_backtest(), folder)
    assert {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()} == before
    assert [p.name for p in folder.iterdir() if p.is_dir()] == ["crps_by_horizon.png"]
