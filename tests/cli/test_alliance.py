"""``detente alliance`` and ``detente formats``: real seed and store; bad input exits 1."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from detente.alliance.seed import seed_alliance
from detente.cli import app
from detente.settings import REPO_ROOT, Settings, get_settings
from detente.store import upgrade

runner = CliRunner()


@pytest.fixture
def state(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, analytics_path: Path) -> Iterator[Path]:
    """A migrated, seeded state database and the session's analytics store, via DETENTE_*."""
    monkeypatch.setenv("DETENTE_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("DETENTE_DUCKDB_PATH", str(analytics_path))
    get_settings.cache_clear()
    upgrade(f"sqlite:///{tmp_path / 'detente.sqlite'}")
    seed_alliance(Settings(data_dir=tmp_path, snapshot_dir=REPO_ROOT / "data"))
    yield tmp_path
    get_settings.cache_clear()


def _ok(args: list[str]) -> str:
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    return result.output


def test_initiatives_show_counts_and_say_when_only_a_count_is_public(state: Path) -> None:
    listed = json.loads(_ok(["alliance", "initiatives", "--json"]))
    by_slug = {i["slug"]: i for i in listed}
    assert len(listed) == 6
    assert by_slug["paris-call"]["states"] == 81
    assert by_slug["climate-and-security"]["reports"][0]["count"] == 48
    assert "count only, list not public" in _ok(["alliance", "show", "climate-and-security"])


def test_endorse_then_export_to_csv_and_parquet(state: Path, tmp_path: Path) -> None:
    _ok(["alliance", "endorse", "paris-call", "--organisation", "Test Institute (test row)",
         "--level", "supports", "--date", "2026-01-02"])  # fmt: skip
    _ok(["alliance", "export", "--out", str(tmp_path / "e.csv")])
    _ok(["alliance", "export", "--out", str(tmp_path / "e.parquet")])
    csv_frame = pd.read_csv(tmp_path / "e.csv")
    assert len(csv_frame) == len(pd.read_parquet(tmp_path / "e.parquet")) == 1223
    assert "Test Institute (test row)" in set(csv_frame["organisation"])


def test_align_lists_who_votes_with_a_state(state: Path) -> None:
    ranked = json.loads(_ok(["alliance", "align", "--state", "USA", "--from", "2000", "--to",
                             "2019", "--json"]))  # fmt: skip
    assert ranked[0]["iso3"] == "ISR"
    pair = json.loads(_ok(["alliance", "align", "--state", "FRA", "--with", "DEU", "--json"]))
    assert pair["agreement"] > 0.8


def test_formats_suggest_returns_ranked_codes_with_reasons(state: Path) -> None:
    found = json.loads(
        _ok(["formats", "suggest", "--country", "SYR", "--k", "8", "--year", "2017", "--json"])
    )
    assert len(found) == 8
    assert {"RUS", "TUR", "IRN"} <= {s["code"] for s in found}
    assert all(s["reasons"] and s["score"] > 0 for s in found)
    assert [s["score"] for s in found] == sorted((s["score"] for s in found), reverse=True)


def test_formats_check_reports_recall_at_k(state: Path) -> None:
    report = json.loads(_ok(["formats", "check", "--k", "10", "--json"]))
    assert len(report["formats"]) == 10
    assert report["mean_recall"] > report["mean_baseline_recall"]


def test_a_text_goes_through_silence_and_is_broken_by_an_objection(state: Path) -> None:
    _ok(["alliance", "text", "create", "--title", "Cyber norms", "-p", "First.", "-p", "Second."])
    _ok(["alliance", "text", "silence", "1", "--hours", "24"])
    assert "text 1" in _ok(["alliance", "text", "closing-soon"])
    out = _ok(["alliance", "text", "position", "1", "--paragraph", "2", "--state", "CHL",
               "--stance", "objection", "--comment", "too broad"])  # fmt: skip
    assert "text is draft" in out
    shown = json.loads(_ok(["alliance", "text", "show", "1", "--json"]))
    assert shown["silence"]["status"] == "broken"
    history = json.loads(_ok(["alliance", "text", "history", "1", "--json"]))
    assert [h["action"] for h in history][-2:] == ["position", "silence_broken"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["alliance", "show", "nope"], "no initiative 'nope'"),
        (["alliance", "show", "²"], "no initiative '²'"),
        (["alliance", "endorse", "²", "--state", "FRA"], "no initiative '²'"),
        (["team", "propose", "--country", "²", "--size", "3"], "'²' is not a known country"),
        (["alliance", "endorse", "paris-call", "--state", "CUB", "--date", "2099-01-01"],
         "field '--date': 2099-01-01 is in the future"),
        (["alliance", "endorse", "paris-call", "--state", "CUB", "--date", "2010-01-01"],
         "field '--date': 2010-01-01 is before the initiative was launched (2018-11-12)"),
        (["alliance", "endorse", "climate-and-security", "--state", "FRA"], "only a count"),
        (["alliance", "endorse", "paris-call", "--state", "FRA"], "FRA already endorsed"),
        (["alliance", "endorse", "paris-call", "--state", "XYZ"], "XYZ"),
        (["alliance", "endorse", "paris-call", "--organisation", "X", "--date", "1/2/2020"],
         "not YYYY-MM-DD"),
        (["alliance", "export", "--out", "e.xlsx"], ".csv or .parquet"),
        (["alliance", "align", "--state", "USA", "--issue", "weather"], "'weather' is not one of"),
        (["formats", "suggest", "--country", "SYR", "--k", "0"], "not a group size from 1 to 30"),
        (["alliance", "text", "show", "42"], "no text 42"),
    ],
)  # fmt: skip
def test_bad_input_is_one_line_and_exit_1(state: Path, args: list[str], message: str) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 1
    assert message in result.output
    assert result.output.startswith("error:")
    assert result.output.count("\n") == 1


def test_groups_as_json(state: Path) -> None:
    found = json.loads(_ok(["alliance", "groups", "--from", "2015", "--to", "2019", "--k", "3",
                            "--json"]))  # fmt: skip
    assert {s["group"] for s in found["states"]} == {1, 2, 3}
    assert "paris-call" in {i["item"] for i in found["items"]}


@pytest.mark.parametrize("hours", ["nan", "inf", "1e9", "0", "-3"])
def test_silence_hours_out_of_range_are_one_line(state: Path, hours: str) -> None:
    result = runner.invoke(app, ["alliance", "text", "silence", "1", "--hours", hours])
    assert result.exit_code == 1
    assert "field 'hours'" in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_formats_year_out_of_range_is_refused(state: Path) -> None:
    result = runner.invoke(app, ["formats", "suggest", "--country", "SYR", "--year", "-1"])
    assert result.exit_code == 2  # a usage error, named by Typer
    assert "--year" in result.output


@pytest.mark.parametrize(
    ("args", "option"),
    [
        (["--top", "0"], "--top"),
        (["--top", "-3"], "--top"),
        (["--from", "-5"], "--from"),
        (["--from", "1900"], "--from"),
        (["--to", "1900"], "--to"),
        (["--from", "2101"], "--from"),
        (["--to", "2101"], "--to"),
    ],
)
def test_align_options_out_of_range_are_refused_naming_the_option(
    state: Path, args: list[str], option: str
) -> None:
    """--from and --to share the bounds 1946-2100 (the web API's); --top is at least 1 (0 or
    -3 printed an empty table and exited 0; --from 1900 passed while --to 1900 was refused)."""
    result = runner.invoke(app, ["alliance", "align", "--state", "FRA", *args])
    assert result.exit_code == 2, result.output
    assert result.output.startswith("error: ")
    assert f"'{option}'" in result.output
    assert result.output.count("\n") == 1


def test_groups_years_have_the_same_bounds_as_align(state: Path) -> None:
    result = runner.invoke(app, ["alliance", "groups", "--from", "1900"])
    assert result.exit_code == 2
    assert "'--from'" in result.output
