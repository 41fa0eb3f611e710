"""``detente forecast``, ``evaluate`` and ``backtest`` through the real CLI app."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from typer.testing import CliRunner

from detente.cli import app
from detente.settings import get_settings
from detente.warning import CONTRACT_COLUMNS
from tests.sources.snapshot_files import CY_FILE, read_rows, write_rows

runner = CliRunner()


@pytest.fixture
def data_dir(
    analytics_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Path]:
    """DETENTE_DATA_DIR holding a copy of the snapshot analytics store."""
    folder = tmp_path / "var"
    folder.mkdir()
    shutil.copyfile(analytics_path, folder / "analytics.duckdb")
    monkeypatch.setenv("DETENTE_DATA_DIR", str(folder))
    get_settings.cache_clear()
    yield folder
    get_settings.cache_clear()


def test_forecast_writes_the_contract_file_and_its_copy(data_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "f.parquet"
    result = runner.invoke(
        app,
        [
            "forecast",
            "--unit",
            "cy",
            "--cutoff",
            "2020",
            "--model",
            "conflictology",
            "--out",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    stored = data_dir / "forecasts" / "cy_conflictology_2020.parquet"
    frame = pd.read_parquet(out)
    assert tuple(frame.columns) == CONTRACT_COLUMNS
    assert sorted(frame["period"].unique()) == ["2021", "2022", "2023"]
    assert frame["draw"].max() == 999
    pd.testing.assert_frame_equal(frame, pd.read_parquet(stored))


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--model", "prophet"], "unknown model 'prophet'"),
        (["--cutoff", "20x"], "cutoff"),
        (["--unit", "cm", "--cutoff", "2020"], "not a cm period"),
        (["--unit", "yearly"], "'yearly' is not cy or cm"),
        (["--cutoff", ""], "is empty"),
        (["--cutoff", "1990", "--model", "knn_change"], "its earliest cutoff is 1992"),
        (["--cutoff", "1991", "--model", "lgbm"], "its earliest cutoff is 1992"),
        # before: "panel, field 'year': no rows for the cutoff 2024", no option, no range
        (["--cutoff", "2024"], "--cutoff, field 'cutoff': 2024 is after the cy panel's last"),
        (["--cutoff", "1985"], "--cutoff, field 'cutoff': 1985 is before the cy panel's first"),
    ],
)
def test_forecast_refuses_bad_arguments_in_one_line(
    data_dir: Path, args: list[str], message: str
) -> None:
    result = runner.invoke(app, ["forecast", *args])
    assert result.exit_code == 1
    assert message in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert not (data_dir / "forecasts").exists()


def test_evaluate_scores_model_and_benchmarks_against_the_ucdp_file(
    data_dir: Path, tmp_path: Path
) -> None:
    out = tmp_path / "f.parquet"
    assert (
        runner.invoke(
            app, ["forecast", "--cutoff", "2020", "--model", "last", "--out", str(out)]
        ).exit_code
        == 0
    )
    result = runner.invoke(app, ["evaluate", "--forecasts", str(out), "--actuals", str(CY_FILE)])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["cutoff"] == "2020"
    assert set(data["models"]) == {"last", "zero", "bootstrap", "conflictology"}
    zero = data["models"]["zero"]
    assert set(zero["by_horizon"]) == {"1", "2", "3"}
    # identities of the zero forecast, on the published file
    assert zero["overall"]["crps"] == pytest.approx(zero["overall"]["mean_observed"])
    assert zero["overall"]["mis"] == pytest.approx(20 * zero["overall"]["mean_observed"])
    assert zero["overall"]["rows"] == 3 * data["models"]["last"]["overall"]["rows"] // 3
    # UCDP does not list Abkhazia (396) and South Ossetia (397): 2 x 3 forecasts left out
    assert zero["not_in_actuals"] == 6
    assert "note: 6 forecasts of each model not scored" in result.stderr


def test_evaluate_refuses_a_file_that_is_not_ucdp(data_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "f.parquet"
    runner.invoke(app, ["forecast", "--cutoff", "2020", "--model", "zero", "--out", str(out)])
    header, rows = read_rows(CY_FILE, limit=3)
    bad = write_rows(tmp_path / "other.csv", ["a", "b"], [["1", "2"]])
    result = runner.invoke(app, ["evaluate", "--forecasts", str(out), "--actuals", str(bad)])
    assert result.exit_code == 1
    assert "other.csv" in result.output
    assert "not a UCDP country-year or GED file" in result.output
    assert "--kind" not in result.output  # evaluate has no such option
    assert header
    assert rows


def test_backtest_writes_json_markdown_and_png(data_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "bt"
    result = runner.invoke(
        app,
        [
            "backtest",
            "--unit",
            "cy",
            "--start",
            "2021",
            "--end",
            "2022",
            "--models",
            "zero,conflictology",
            "--draws",
            "50",
            "--out",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    data = json.loads((out / "backtest.json").read_text())
    assert data["cutoffs"] == ["2018", "2019", "2020", "2021"]
    zero = data["models"]["zero"]["overall"]
    assert zero["crps"] == pytest.approx(zero["mean_observed"])
    assert "| conflictology |" in (out / "backtest.md").read_text()
    assert (out / "crps_by_horizon.png").read_bytes()[:4] == b"\x89PNG"


def test_backtest_refuses_unknown_models(data_dir: Path, tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["backtest", "--models", "zero,oracle", "--out", str(tmp_path / "x")]
    )
    assert result.exit_code == 1
    assert "oracle" in result.output
    assert not (tmp_path / "x").exists()


def test_evaluate_refuses_forecasts_the_actuals_do_not_cover(
    data_dir: Path, tmp_path: Path
) -> None:
    """Forecasts of 2024-2026 against a file ending in 2023: nothing to score, not NaN."""
    out = tmp_path / "f.parquet"
    runner.invoke(app, ["forecast", "--cutoff", "2023", "--model", "zero", "--out", str(out)])
    result = runner.invoke(
        app, ["evaluate", "--forecasts", str(out), "--actuals", str(CY_FILE), "--no-benchmarks"]
    )
    assert result.exit_code == 1
    assert "nothing to score" in result.output
    assert "NaN" not in result.output


@pytest.mark.parametrize("command", ["forecast", "panel", "backtest"])
def test_an_unwritable_output_is_one_line(data_dir: Path, tmp_path: Path, command: str) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    out = blocker / "inside.parquet"  # a folder that is a file
    args = {
        "forecast": ["forecast", "--cutoff", "2020", "--model", "zero", "--out", str(out)],
        "panel": ["panel", "--unit", "cy", "--out", str(out)],
        "backtest": [
            "backtest",
            "--start",
            "2023",
            "--end",
            "2023",
            "--models",
            "zero",
            "--draws",
            "10",
            "--out",
            str(out),
        ],
    }[command]
    result = runner.invoke(app, args)
    assert result.exit_code == 1
    assert result.output.strip().startswith("error: ")
    assert str(blocker) in result.output
    assert "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_an_unwritable_forecast_out_stores_nothing(data_dir: Path, tmp_path: Path) -> None:
    missing = tmp_path / "no-such-folder" / "f.parquet"
    args = ["forecast", "--cutoff", "2020", "--model", "zero", "--out", str(missing)]
    result = runner.invoke(app, args)
    assert result.exit_code == 1
    assert "does not exist" in result.output
    assert not (data_dir / "forecasts").exists()  # refused before the stored copy
    folder = runner.invoke(app, [*args[:-1], str(tmp_path)])
    assert "is a folder" in folder.output


def test_a_forecast_out_that_cannot_be_created_leaves_the_stored_forecast_alone(
    data_dir: Path, tmp_path: Path
) -> None:
    """/proc exists but takes no new file: refused before fitting, and the stored forecast
    of the same model and cutoff (read by the pages and alerts) keeps its content."""
    first = ["forecast", "--cutoff", "2020", "--model", "conflictology"]
    assert runner.invoke(app, first).exit_code == 0
    stored = data_dir / "forecasts" / "cy_conflictology_2020.parquet"
    before = stored.read_bytes()
    result = runner.invoke(app, [*first, "--seed", "5", "--out", "/proc/x.parquet"])
    assert result.exit_code == 1
    assert "cannot write in /proc" in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert stored.read_bytes() == before


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        ("2021", "2030", "target years 1995-2023 (lgbm first need 3 periods to learn from)"),
        ("1989", "2000", "field 'start'"),
    ],
)
def test_backtest_refuses_years_it_cannot_score_before_any_fit(
    data_dir: Path, tmp_path: Path, start: str, end: str, message: str
) -> None:
    out = tmp_path / "bt"
    args = ["backtest", "--start", start, "--end", end, "--models", "lgbm", "--out", str(out)]
    result = runner.invoke(app, args)
    assert result.exit_code == 1
    assert message in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert not out.exists()


def test_backtest_out_must_be_a_writable_folder(data_dir: Path, tmp_path: Path) -> None:
    base = ["backtest", "--start", "2023", "--end", "2023", "--models", "zero", "--draws", "10"]
    nested = tmp_path / "missing" / "a" / "b"
    result = runner.invoke(app, [*base, "--out", str(nested)])
    assert result.exit_code == 1
    assert "does not exist" in result.output
    assert not (tmp_path / "missing").exists()  # no folders made on the way
    proc = runner.invoke(app, [*base, "--out", "/proc/bt"])
    assert proc.exit_code == 1
    assert "cannot write in /proc" in proc.output


@pytest.mark.parametrize("command", ["forecast", "backtest"])
def test_monthly_without_ged_says_what_to_import(
    data_dir: Path, tmp_path: Path, command: str
) -> None:
    """The snapshot has no GED events: the monthly panel is empty, and the error says why
    (it once said "no rows for the cutoff 2020-12")."""
    args = {
        "forecast": ["forecast", "--unit", "cm", "--cutoff", "2020-12"],
        "backtest": ["backtest", "--unit", "cm", "--out", str(tmp_path / "bt")],
    }[command]
    result = runner.invoke(app, args)
    assert result.exit_code == 1
    assert "the cm panel is empty" in result.output
    assert "GED" in result.output


def test_evaluate_says_which_periods_it_could_not_score(data_dir: Path, tmp_path: Path) -> None:
    """Cutoff 2022 targets 2023-2025; the UCDP file ends in 2023: only 2023 is scored."""
    out = tmp_path / "f.parquet"
    runner.invoke(app, ["forecast", "--cutoff", "2022", "--model", "zero", "--out", str(out)])
    result = runner.invoke(
        app, ["evaluate", "--forecasts", str(out), "--actuals", str(CY_FILE), "--no-benchmarks"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["scored_periods"] == ["2023"]
    assert data["unscored_periods"] == ["2024", "2025"]
    assert list(data["models"]["zero"]["by_horizon"]) == ["1"]
    assert "note: 2024, 2025 not scored" in result.stderr


def test_evaluate_leaves_out_countries_a_cut_cy_file_lacks(data_dir: Path, tmp_path: Path) -> None:
    """The CY file lists every country-year: one cut to two countries scores only what it lists
    and says how many forecasts it could not score, instead of reading the rest as zeros."""
    out = tmp_path / "f.parquet"
    runner.invoke(app, ["forecast", "--cutoff", "2020", "--model", "zero", "--out", str(out)])
    header, rows = read_rows(CY_FILE, limit=49)  # Afghanistan 1989-2023, Albania to 2002
    cut = write_rows(tmp_path / "cut.csv", header, rows)
    result = runner.invoke(
        app, ["evaluate", "--forecasts", str(out), "--actuals", str(cut), "--no-benchmarks"]
    )
    assert result.exit_code == 0, result.output
    zero = json.loads(result.stdout)["models"]["zero"]
    countries = pd.read_parquet(out)["gwno"].nunique()
    assert zero["overall"]["rows"] == 3
    assert zero["not_in_actuals"] == 3 * countries - 3
    assert f"note: {3 * countries - 3} forecasts of each model not scored" in result.stderr
    assert "cut.csv has no row for their country-year" in result.stderr


def test_evaluate_refuses_a_cy_file_without_any_forecast_country_year(
    data_dir: Path, tmp_path: Path
) -> None:
    out = tmp_path / "f.parquet"
    runner.invoke(app, ["forecast", "--cutoff", "2020", "--model", "zero", "--out", str(out)])
    header, rows = read_rows(CY_FILE, limit=35)  # Afghanistan 1989-2023
    year = header.index("year_cy")
    kept = [row for row in rows if row[year] in {"2019", "2023"}]
    kept[-1][year] = "2024"  # coverage 2019..2024 spans the targets, but no row for 2021-2023
    cut = write_rows(tmp_path / "cut.csv", header, kept)
    result = runner.invoke(
        app, ["evaluate", "--forecasts", str(out), "--actuals", str(cut), "--no-benchmarks"]
    )
    assert result.exit_code == 1
    assert "cut.csv" in result.output
    assert "no row for any country-year the forecasts target" in result.output


def _drop_one_draw(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.drop(index=[1]).reset_index(drop=True)


def _duplicate_a_draw(frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame.copy()
    frame.loc[1, "draw"] = 0
    return frame


def _text_gwno(frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame.astype({"gwno": str})
    frame.loc[2, "gwno"] = "abc"
    return frame


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (_drop_one_draw, "row 1, field 'draw': gwno 2 horizon 1 has 999 draws, most have 1000"),
        (_duplicate_a_draw, "row 2, field 'draw': duplicate row (gwno=2, period=2021"),
        (_text_gwno, "field 'gwno': is of type large_string; the forecast contract's gwno is int"),
        (lambda frame: frame.iloc[0:0], "has no rows"),
    ],
)
def test_evaluate_refuses_a_forecast_file_breaking_the_contract_in_one_line(
    data_dir: Path, tmp_path: Path, change: Any, message: str
) -> None:
    """A file written by ``forecast``, then spoiled: before, a ValueError or IndexError
    traceback (unequal draws, text gwno, no rows) or scores printed as if it were right
    (a duplicated draw)."""
    out = tmp_path / "f.parquet"
    made = ["forecast", "--cutoff", "2020", "--model", "zero", "--out", str(out)]
    assert runner.invoke(app, made).exit_code == 0
    bad = tmp_path / "bad.parquet"
    change(pd.read_parquet(out)).to_parquet(bad)
    result = runner.invoke(
        app, ["evaluate", "--forecasts", str(bad), "--actuals", str(CY_FILE), "--no-benchmarks"]
    )
    assert result.exit_code == 1
    assert result.output.startswith(f"error: {bad}")
    assert message in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert isinstance(result.exception, SystemExit)  # not an uncaught error


def test_backtest_refuses_a_folder_where_one_of_its_files_goes_before_any_fit(
    data_dir: Path, tmp_path: Path
) -> None:
    """backtest.json, .md and the PNG were written, then the Parquet file failed on the folder
    (a traceback, after minutes of fits); now one line, before any fit, the old set intact."""
    out = tmp_path / "bt"
    out.mkdir()
    (out / "backtest.json").write_text("previous")
    (out / "forecasts.parquet").mkdir()
    args = ["backtest", "--start", "2023", "--end", "2023", "--models", "zero", "--draws", "10"]
    result = runner.invoke(app, [*args, "--out", str(out)])
    assert result.exit_code == 1
    assert result.output == (
        f"error: {out / 'forecasts.parquet'}, field 'out': is a folder; forecasts.parquet is "
        "written there\n"
    )
    assert sorted(p.name for p in out.iterdir()) == ["backtest.json", "forecasts.parquet"]
    assert (out / "backtest.json").read_text() == "previous"
