"""``detente alerts|criteria|analogues|brief|actions`` on the real snapshot; bad input exits 1."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from detente.analytics import load_panel
from detente.cli import app
from detente.settings import get_settings
from detente.store import upgrade
from detente.warning.alerts import initial_alerts
from detente.warning.storage import contributions_path
from tests.warning.alerts_support import poisson_forecast

runner = CliRunner()


@pytest.fixture
def state(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, analytics_path: Path) -> Iterator[Path]:
    """A migrated state database and the session's analytics store, through the environment."""
    monkeypatch.setenv("DETENTE_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("DETENTE_DUCKDB_PATH", str(analytics_path))
    get_settings.cache_clear()
    upgrade(f"sqlite:///{tmp_path / 'detente.sqlite'}")
    yield tmp_path
    get_settings.cache_clear()


def _ok(args: list[str]) -> str:
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    return result.output


def _fails(args: list[str], message: str) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 1, result.output
    assert message in result.output


def _store_forecast(state: Path, analytics_path: Path) -> Path:
    folder = state / "forecasts"
    folder.mkdir()
    panel = load_panel(analytics_path, "cy")
    path = folder / "cy_poisson_2013.parquet"
    poisson_forecast(panel, 2013, level={395: 40.0}, scale={475: 3.0}).to_parquet(path)
    drivers = {"since_sb": -1.2, "nb_sb_sum": 0.8, "sb_log": 0.3, "region_sb": 0.2}
    drivers |= {"memberships": -0.1, "pax_5y": 0.05, "bias": -3.0}
    table = {"gwno": 395, "horizon": 1, "feature": list(drivers)}
    pd.DataFrame(table | {"contribution": list(drivers.values())}).to_parquet(
        contributions_path(path)
    )
    return path


def test_run_list_show_and_lifecycle(state: Path, analytics_path: Path) -> None:
    _store_forecast(state, analytics_path)
    output = _ok(["alerts", "run", "--no-analogues"])
    assert "cutoff 2013:" in output
    listed = json.loads(_ok(["alerts", "list", "--json"]))
    by_rule = {(a["iso3"], a["rule"]): a for a in listed}
    assert ("ISL", "onset") in by_rule
    assert ("NGA", "escalation") in by_rule
    assert "0 new alerts" in _ok(["alerts", "run", "--no-analogues"])
    alert_id = str(by_rule[("ISL", "onset")]["id"])
    shown = _ok(["alerts", "show", alert_id])
    assert "ISL 2014 onset" in shown
    assert re.search(r"^status new, chance \d+%$", shown, re.MULTILINE)  # a chance, not a score
    table = _ok(["alerts", "list"])
    assert re.search(r"NGA .*escalation .*chance \d+%", table)
    nigeria = _ok(["alerts", "show", str(by_rule[("NGA", "escalation")]["id"])])
    surge = by_rule[("NGA", "surge")]["id"]
    assert re.search(
        rf"^also raised for this state and period: {surge} surge \(chance \d+%, new\)$",
        nigeria,
        re.MULTILINE,
    )
    assert "Risk of regional destabilisation" in shown
    assert "rule inputs: cutoff 2013; p_over " in shown
    drivers = shown.split("largest first):\n")[1].split("history:")[0].splitlines()
    assert drivers == [
        "  -1.200  years since the last state-based death (since_sb)",
        "  +0.800  deaths in land neighbours (nb_sb_sum)",
        "  +0.300  state-based deaths this year (sb_log)",
        "  +0.200  deaths in the rest of the subregion (region_sb)",
        "  -0.100  regional organisations it belongs to (memberships)",
    ]
    assert "is now acknowledged" in _ok(["alerts", "ack", alert_id, "--note", "checking"])
    history = _ok(["alerts", "show", alert_id]).split("history:")[1]
    assert "new -> acknowledged (checking)" in history
    _fails(["alerts", "ack", alert_id], "it can move to closed, team_requested, not acknowledged")
    assert "is now team_requested" in _ok(["alerts", "request-team", alert_id])
    assert "is now closed" in _ok(["alerts", "close", alert_id])
    events = json.loads(_ok(["alerts", "show", alert_id, "--json"]))["events"]
    assert [e["to_status"] for e in events] == ["new", "acknowledged", "team_requested", "closed"]
    assert [
        a["id"] for a in json.loads(_ok(["alerts", "list", "--status", "closed", "--json"]))
    ] == [int(alert_id)]
    _fails(["alerts", "list", "--status", "sleeping"], "'sleeping' is not one of")
    onsets = json.loads(_ok(["alerts", "list", "--rule", "onset", "--json"]))
    assert {(a["iso3"], a["rule"], a["score_kind"]) for a in onsets} == {
        ("ISL", "onset", "probability")
    }
    assert "no alert matches this filter" in _ok(
        ["alerts", "list", "--rule", "criterion:mediation"]
    )
    _fails(["alerts", "list", "--rule", "onsett"], "field 'rule': 'onsett' is not one of onset,")
    _fails(["alerts", "show", "99999"], "no alert 99999")


def test_run_without_any_forecast_says_what_to_do(state: Path) -> None:
    _fails(["alerts", "run"], "no stored forecast")
    _fails(["alerts", "run", "--forecast", str(state / "missing.parquet")], "no forecast file")
    bad = state / "bad.parquet"
    bad.write_text("gwno,period\n", encoding="utf-8")
    _fails(["alerts", "run", "--forecast", str(bad)], "not a readable Parquet file")
    _fails(["alerts", "run", "--model", "crystal-ball"], "unknown model")


def test_run_refuses_a_forecast_file_with_unequal_draws_and_stores_nothing(
    state: Path, analytics_path: Path
) -> None:
    """Before, ``alerts run --forecast`` on this file stored 43 alerts from it (rc 0)."""
    good = _store_forecast(state, analytics_path)
    bad = state / "unequal.parquet"
    frame = pd.read_parquet(good)
    frame.drop(index=[1]).reset_index(drop=True).to_parquet(bad)
    result = runner.invoke(app, ["alerts", "run", "--no-analogues", "--forecast", str(bad)])
    assert result.exit_code == 1, result.output
    assert result.output.startswith(f"error: {bad}, row 1, field 'draw': gwno 2 horizon 1 has")
    assert len(result.output.strip().splitlines()) == 1
    assert json.loads(_ok(["alerts", "list", "--json"])) == []


@pytest.mark.parametrize(
    ("cutoff", "message"),
    [
        # before: "panel, field 'year': no rows for the cutoff 2030" (no option, no range)
        ("2030", "--cutoff, field 'cutoff': 2030 is after the cy panel's last period"),
        ("1900", "--cutoff, field 'cutoff': 1900 is before the cy panel's first period"),
        # before: 0 read as "no cutoff" and alerts were stored from the latest year
        ("0", "--cutoff, field 'cutoff': a cutoff is YYYY"),
    ],
)
def test_run_refuses_a_model_cutoff_outside_the_panel(
    state: Path, cutoff: str, message: str
) -> None:
    result = runner.invoke(
        app, ["alerts", "run", "--no-analogues", "--model", "zero", "--cutoff", cutoff]
    )
    assert result.exit_code == 1, result.output
    assert result.output.startswith(f"error: {message}")
    assert "choose 1989..2023" in result.output or cutoff == "0"
    assert json.loads(_ok(["alerts", "list", "--json"])) == []


def test_init_step_runs_once(state: Path, analytics_path: Path) -> None:
    settings = get_settings()
    assert "no stored forecast" in initial_alerts(settings)
    _store_forecast(state, analytics_path)
    first = initial_alerts(settings)
    assert first.startswith("alerts: ")
    assert "poisson forecast with cutoff 2013" in first
    assert "alerts exist" in initial_alerts(settings)


def test_criteria_and_analogues(state: Path) -> None:
    found = json.loads(_ok(["criteria", "show", "COD", "--year", "2000", "--json"]))
    assert [c["key"] for c in found["criteria"]] == [
        "regional",
        "intervention",
        "organisations",
        "mediation",
    ]
    text = _ok(["criteria", "show", "Ukraine", "--year", "2022"])
    assert "Threat of intervention from neighbours: " in text
    assert "formula: " in text
    _fails(["criteria", "show", "Atlantis"], "Atlantis")
    analogues = json.loads(_ok(["analogues", "MLI", "--year", "2011", "--k", "3", "--json"]))
    assert len(analogues["analogues"]) == 3
    assert "similar situations" in _ok(["analogues", "MLI", "--year", "2011"])
    _fails(["analogues", "SDN", "--year", "2030"], "field 'year': 2030 is outside the data")


def test_brief_markdown_html_and_bad_period(state: Path) -> None:
    assert "## Deteriorations (2023)" in _ok(["brief", "--period", "2023"])
    out = state / "brief.html"
    _ok(["brief", "--period", "2024-01", "--format", "html", "--out", str(out)])
    assert out.read_text(encoding="utf-8").startswith("<!doctype html>")
    assert "## Dégradations (2023)" in _ok(["brief", "--period", "2023", "--language", "fr"])
    _fails(["brief", "--period", "2023", "--language", "de"], "'de' is not en or fr")
    _fails(["brief", "--period", "2024-1"], "field 'period'")
    year = dt.date.today().year
    for period in ("2030", "1900"):  # the stated range is the real one, both ways
        _fails(
            ["brief", "--period", period],
            f"'{period}' is outside the briefs there are: a brief compares a year of data "
            f"with the year before, so yearly briefs start in 1990 and monthly ones in 1991-01; "
            f"the latest are {year} and {year}-",
        )
    _fails(["brief", "--period", "2023", "--format", "pdf"], "'pdf' is not md or html")


def test_actions_add_and_list(state: Path) -> None:
    output = _ok(
        [
            "actions",
            "add",
            "MLI",
            "--org",
            "ECOWAS",
            "--kind",
            "mission",
            "--date",
            "2013-01-17",
            "--title",
            "AFISMA deployment (test record)",
            "--source",
            "test",
        ]
    )
    assert "recorded ECOWAS mission" in output
    _ok(
        [
            "actions",
            "add-mediation",
            "MLI",
            "--track",
            "official",
            "--mediator",
            "Test mediator",
            "--start",
            "2014-07-16",
            "--end",
            "2015-06-20",
            "--title",
            "Algiers process (test record)",
            "--source",
            "test",
        ]
    )
    listed = json.loads(_ok(["actions", "list", "MLI", "--json"]))
    assert [a["org"] for a in listed["actions"]] == ["ECOWAS"]
    assert [m["track"] for m in listed["mediation"]] == ["official"]
    _fails(
        [
            "actions",
            "add",
            "MLI",
            "--org",
            "WTO",
            "--kind",
            "statement",
            "--date",
            "2013-01-01",
            "--title",
            "x",
            "--source",
            "y",
        ],
        "field 'org'",
    )
    _fails(
        [
            "actions",
            "add",
            "MLI",
            "--org",
            "AU",
            "--kind",
            "statement",
            "--date",
            "17/01/2013",
            "--title",
            "x",
            "--source",
            "y",
        ],
        "is not a date",
    )
    _fails(
        [
            "actions",
            "add-mediation",
            "MLI",
            "--track",
            "track-2",
            "--mediator",
            "m",
            "--start",
            "2014-01-01",
            "--title",
            "t",
            "--source",
            "s",
        ],
        "field 'track'",
    )
    assert json.loads(_ok(["actions", "list", "--json"]))["actions"][0]["gwno"] == 432


def test_the_same_action_twice_is_refused(state: Path) -> None:
    action = ["actions", "add", "SDN", "--org", "IGAD", "--kind", "mediation"]
    action += ["--date", "2023-05-01", "--title", "Envoys sent (test record)", "--source", "s"]
    _ok(action)
    _fails(action, "error: org action: already recorded as #1")
    listed = json.loads(_ok(["actions", "list", "SDN", "--json"]))
    assert len(listed["actions"]) == 1


def test_a_mediation_is_ended_then_withdrawn_and_the_audit_keeps_it(state: Path) -> None:
    mediation = ["actions", "add-mediation", "SDN", "--track", "official", "--mediator", "IGAD"]
    mediation += ["--start", "2023-05-01", "--title", "Jeddah talks (test record)", "--source", "s"]
    _ok(mediation)
    assert _ok(["actions", "end-mediation", "1", "--on", "2023-06-30"]).strip() == (
        "mediation #1 ended on 2023-06-30"
    )
    end = ["actions", "end-mediation"]
    _fails([*end, "1", "--on", "2023-07-30"], "#1 already ended on 2023-06-30")
    _fails([*end, "9", "--on", "2023-07-30"], "#9 does not exist")
    _fails(["actions", "withdraw", "mediation", "1", "--reason", " "], "field 'reason'")
    _fails(["actions", "withdraw", "alert", "1", "--reason", "r"], "field 'kind'")
    _ok(["actions", "withdraw", "mediation", "1", "--reason", "entered twice"])
    assert json.loads(_ok(["actions", "list", "SDN", "--json"]))["mediation"] == []
    _fails(["actions", "withdraw", "mediation", "1", "--reason", "r"], "#1 does not exist")


def test_backtest_prints_and_writes_the_table(state: Path) -> None:
    out = state / "bt"
    output = _ok(
        [
            "alerts",
            "backtest",
            "--start",
            "2019",
            "--end",
            "2021",
            "--draws",
            "20",
            "--out",
            str(out),
        ]
    )
    assert "| rules: all |" in output
    assert "| naive: last year >= 25 |" in output
    data = json.loads((out / "alerts_backtest.json").read_text(encoding="utf-8"))
    assert data["first_year"] == 2019
    _fails(["alerts", "backtest", "--start", "1950"], "--start, field 'start': 1950 is before 1993")


def test_backtest_refuses_a_folder_where_one_of_its_files_goes_and_keeps_the_old_pair(
    state: Path,
) -> None:
    """alerts_backtest.md was replaced, then the JSON failed on the folder (a traceback): a
    new table beside old numbers. Now one line before the backtest, the old table intact."""
    out = state / "bt"
    out.mkdir()
    (out / "alerts_backtest.md").write_text("previous", encoding="utf-8")
    (out / "alerts_backtest.json").mkdir()
    args = ["alerts", "backtest", "--start", "2022", "--end", "2023", "--model", "zero"]
    result = runner.invoke(app, [*args, "--draws", "10", "--out", str(out)])
    assert result.exit_code == 1
    assert result.output == (
        f"error: {out / 'alerts_backtest.json'}, field 'out': is a folder; "
        "alerts_backtest.json is written there\n"
    )
    assert (out / "alerts_backtest.md").read_text(encoding="utf-8") == "previous"
    assert sorted(p.name for p in out.iterdir()) == ["alerts_backtest.json", "alerts_backtest.md"]


@pytest.mark.parametrize(
    ("years", "message"),
    [
        # before, all three said "command line, field 'start': years must lie in 1993-2023"
        (["--start", "2015", "--end", "2010"], "--start/--end, field 'start': 2015 is after"),
        (["--start", "2022", "--end", "2030"], "--end, field 'end': 2030 is after 2023"),
        (["--start", "1980", "--end", "1995"], "--start, field 'start': 1980 is before 1993"),
    ],
)
def test_backtest_names_the_year_option_at_fault(
    state: Path, years: list[str], message: str
) -> None:
    out = state / "never"
    result = runner.invoke(app, ["alerts", "backtest", *years, "--out", str(out)])
    assert result.exit_code == 1, result.output
    assert result.output.startswith(f"error: {message}")
    assert len(result.output.strip().splitlines()) == 1
    assert not out.exists()


def test_criteria_of_a_year_without_data_is_refused(state: Path) -> None:
    result = runner.invoke(app, ["criteria", "show", "SDN", "--year", "2099"])
    assert result.exit_code == 1
    assert "2099 is outside the data (1989-2023)" in result.output


def test_an_analogue_reads_as_one_line() -> None:
    from detente.cli.alerts import _analogue_line

    niger = {
        "country": "Niger",
        "year": 2013,
        "pattern": [0.0, 0.0, 0.0, 1.0, 31.0],
        "followed": [0.0, 368.0, 1274.0],
        "agreements": [{"id": 1}, {"id": 2}],
    }
    assert _analogue_line(niger) == "Niger 2013: 0 0 0 1 31 -> 0 368 1,274; 2 PA-X agreements"
    assert _analogue_line({**niger, "agreements": []}).endswith("-> 0 368 1,274")
