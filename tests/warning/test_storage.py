"""Forecast files: contract and metadata, the latest one, bad files, the init step."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from detente.errors import DataValidationError
from detente.settings import REPO_ROOT, Settings
from detente.warning import (
    CONTRACT_COLUMNS,
    latest_forecast,
    latest_forecast_info,
    make_model,
    read_forecast,
)
from detente.warning.bootstrap import ensure_forecast
from detente.warning.forecast import run_forecast
from detente.warning.storage import write_forecast, write_together
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


def _set(column: str, row: int, value: object) -> Callable[[pd.DataFrame], pd.DataFrame]:
    """A change of one cell (``row`` 1-based, as the error names it)."""

    def change(frame: pd.DataFrame) -> pd.DataFrame:
        frame = frame.copy()
        if not isinstance(value, str | float) or isinstance(frame[column].iat[0], str):
            frame.loc[row - 1, column] = value
        else:  # a text or a float in an integer column: the column changes type
            frame[column] = frame[column].astype(type(value))
            frame.loc[row - 1, column] = value
        return frame

    return change


def _nullable_gwno(frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame.copy()
    frame["gwno"] = pd.array(frame["gwno"], dtype="Int64")
    frame.loc[3, "gwno"] = pd.NA
    return frame


# conflictology at 2020, 4 draws: rows 1-4 are gwno 2, period 2021, horizon 1, draws 0-3
BAD_FORECASTS: dict[str, tuple[Callable[[pd.DataFrame], pd.DataFrame], str]] = {
    "no rows": (lambda f: f.iloc[0:0], r"bad\.parquet: has no rows"),
    "gwno as text": (lambda f: f.astype({"gwno": str}), "field 'gwno': is of type large_string"),
    "gwno not a number": (_set("gwno", 3, "abc"), "field 'gwno': is of type"),
    "empty gwno": (_nullable_gwno, "row 4, field 'gwno': is empty"),
    "horizon 1.5": (_set("horizon", 2, 1.5), "field 'horizon': is of type double"),
    "period as int": (lambda f: f.astype({"period": np.int64}), "field 'period': is of type int64"),
    "fatalities as text": (
        lambda f: f.astype({"fatalities": str}),
        "field 'fatalities': is of type large_string",
    ),
    "NaN deaths": (_set("fatalities", 5, np.nan), "row 5, field 'fatalities'"),
    "infinite deaths": (_set("fatalities", 5, np.inf), "row 5, field 'fatalities': must be a"),
    "unknown gwno": (_set("gwno", 2, 99999), "row 2, field 'gwno': 99999 is not a Gleditsch"),
    "malformed period": (_set("period", 3, "20x1"), "row 3, field 'period': .* not '20x1'"),
    "horizon 4": (_set("horizon", 2, 4), "row 2, field 'horizon': 4 is not 1..3"),
    "period off its horizon": (
        _set("period", 9, "2030"),
        "row 9, field 'period': '2030' is not horizon 3 after the cutoff 2020",
    ),
    "duplicate draw": (
        _set("draw", 2, 0),
        r"row 2, field 'draw': duplicate row \(gwno=2, period=2021, horizon=1, draw=0\)",
    ),
    "unequal draws": (
        lambda f: f.drop(index=[1]).reset_index(drop=True),
        "row 1, field 'draw': gwno 2 horizon 1 has 3 draws, most have 4",
    ),
    "draws 1..n": (
        lambda f: f.assign(draw=f["draw"] + 1),
        r"row 4, field 'draw': 4 is outside 0..3",
    ),
    "a country lacks a horizon": (
        lambda f: f[~((f["gwno"] == 652) & (f["horizon"] == 2))].reset_index(drop=True),
        r"bad\.parquet, field 'horizon': gwno 652 has no horizon 2; the file has horizons "
        "1, 2, 3 for other countries",
    ),
}


def test_a_file_with_the_same_horizons_for_every_country_may_have_fewer_than_three(
    cy_panel: pd.DataFrame, tmp_path: Path
) -> None:
    good = make_model("conflictology").fit(cy_panel, "2020").sample(n=4, seed=0)
    path = tmp_path / "h1.parquet"
    one = good[good["horizon"] == 1]
    write_forecast(one, path, unit="cy", model="conflictology", cutoff="2020")
    frame, _ = read_forecast(path)
    assert set(frame["horizon"]) == {1}


@pytest.mark.parametrize("case", list(BAD_FORECASTS))
def test_forecast_files_breaking_the_contract_are_refused_with_row_and_field(
    cy_panel: pd.DataFrame, tmp_path: Path, case: str
) -> None:
    """Before these checks, such files raised a traceback (text gwno, nulls, unequal draws, no
    rows) or were scored as if right (duplicates, a horizon of 1.5 cut to 1, a period that is
    not its horizon, an unknown gwno, numbers written as text)."""
    change, message = BAD_FORECASTS[case]
    good = make_model("conflictology").fit(cy_panel, "2020").sample(n=4, seed=0)
    path = tmp_path / "bad.parquet"
    write_forecast(change(good), path, unit="cy", model="conflictology", cutoff="2020")
    with pytest.raises(DataValidationError, match=message) as error:
        read_forecast(path)
    assert str(error.value).startswith(f"{path}")
    good_path = tmp_path / "good.parquet"
    write_forecast(good, good_path, unit="cy", model="conflictology", cutoff="2020")
    frame, _ = read_forecast(good_path)
    assert len(frame) == len(good)


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


def test_files_written_together_replace_the_previous_set_whole_or_not_at_all(
    tmp_path: Path,
) -> None:
    """The second of three writers fails: the first file's new text must not stay beside the
    old others (nor any temporary file); when all succeed, the three are replaced."""
    folder = tmp_path / "out"
    folder.mkdir()
    for name in ("a.json", "b.md", "c.txt"):
        (folder / name).write_text(f"old {name}")

    def full_disk(path: Path) -> None:
        path.write_text("half")
        raise OSError(28, "No space left on device", str(path))

    with pytest.raises(OSError, match="No space left"):
        write_together(
            folder,
            {
                "a.json": lambda p: p.write_text("new a"),
                "b.md": full_disk,
                "c.txt": lambda p: p.write_text("new c"),
            },
        )
    assert {p.name: p.read_text() for p in folder.iterdir()} == {
        "a.json": "old a.json",
        "b.md": "old b.md",
        "c.txt": "old c.txt",
    }
    written = write_together(
        folder, {name: (lambda p, n=name: p.write_text(f"new {n}")) for name in ("a.json", "b.md")}
    )
    assert written == [folder / "a.json", folder / "b.md"]
    assert {p.name: p.read_text() for p in folder.iterdir()} == {
        "a.json": "new a.json",
        "b.md": "new b.md",
        "c.txt": "old c.txt",
    }
