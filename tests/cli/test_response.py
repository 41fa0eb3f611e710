"""``detente officers``, ``team propose`` and ``deployments``: real CLI over a real SQLite state."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from detente.cli import app
from detente.settings import get_settings
from detente.store import Database, list_audit, upgrade

runner = CliRunner()
HEADER = "id,name,nationality,languages,expertise,seniority,availability,generated\n"
ROWS = (
    ",Demo-1 Ka,FRA,fr;en,mediation,4,2026-01-01/2027-12-31,yes\n"
    ",Demo-2 Lo,CAN,fr;en,ddr,3,2026-01-01/2027-12-31,yes\n"
    ",Demo-3 Ma,JPN,en,gender,5,2026-01-01/2027-12-31,yes\n"
)


@pytest.fixture
def state(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A migrated state database selected through DETENTE_DATA_DIR (no analytics store)."""
    monkeypatch.setenv("DETENTE_DATA_DIR", str(tmp_path))
    get_settings.cache_clear()
    upgrade(f"sqlite:///{tmp_path / 'detente.sqlite'}")
    yield tmp_path
    get_settings.cache_clear()


def _import(state: Path, body: str = ROWS) -> Path:
    path = state / "roster.csv"
    path.write_text(HEADER + body, encoding="utf-8")
    return path


def test_import_list_export(state: Path) -> None:
    result = runner.invoke(app, ["officers", "import", str(_import(state))])
    assert result.exit_code == 0, result.output
    assert "3 added, 0 updated" in result.output
    listed = runner.invoke(app, ["officers", "list", "--language", "fr"])
    assert "Demo-1 Ka" in listed.output
    assert "generated demo data" in listed.output
    rows = json.loads(runner.invoke(app, ["officers", "list", "--json"]).output)
    assert [r["nationality"] for r in rows] == ["FRA", "CAN", "JPN"]
    out = state / "out.csv"
    assert runner.invoke(app, ["officers", "export", "--out", str(out)]).exit_code == 0
    assert out.read_text(encoding="utf-8").splitlines()[1].startswith("1,Demo-1 Ka,FRA,fr;en")


def test_bad_file_is_one_line_and_imports_nothing(state: Path) -> None:
    path = _import(state, ROWS + ",Demo-4,FRA,fr,astrology,3,,yes\n")
    result = runner.invoke(app, ["officers", "import", str(path)])
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        f"error: {path}, row 4, field 'expertise': 'astrology' is not a known tag; "
        "see 'detente officers tags'"
    ]
    assert json.loads(runner.invoke(app, ["officers", "list", "--json"]).output) == []


def test_a_superscript_id_is_refused_in_one_line(state: Path) -> None:
    # '²'.isdigit() is True, but int('²') raised ValueError: a traceback, not the row
    path = _import(state, ROWS + "²,Demo-4,FRA,fr,mediation,3,,yes\n")
    result = runner.invoke(app, ["officers", "import", str(path)])
    assert result.exit_code == 1
    assert result.output == (
        f"error: {path}, row 4, field 'id': '²' is not a positive whole number "
        "(leave empty to add)\n"
    )


@pytest.mark.parametrize(
    "args",
    [
        ["deployments", "approve", "9" * 20],
        ["deployments", "end", "9" * 20],
        ["deployments", "propose", "9" * 20],
    ],
)
def test_an_id_beyond_any_integer_column_is_not_found(state: Path, args: list[str]) -> None:
    # SQLite raised OverflowError on the lock's UPDATE: a traceback
    result = runner.invoke(app, args)
    assert result.exit_code == 1
    assert result.output == f"error: no deployment {'9' * 20}; see 'detente deployments list'\n"


def test_a_request_for_an_alert_id_beyond_any_integer_column_is_not_found(state: Path) -> None:
    # the id was stored in the INTEGER column first: SQLite OverflowError, a traceback
    runner.invoke(app, ["officers", "import", str(_import(state))])
    args = ["deployments", "request", "--country", "MLI", "--size", "2", "--no-propose"]
    result = runner.invoke(app, [*args, "--alert", "9" * 20])
    assert result.exit_code == 1
    assert result.output == f"error: no alert {'9' * 20}; see 'detente alerts list'\n"
    assert json.loads(runner.invoke(app, ["deployments", "list", "--json"]).output) == []


@pytest.mark.parametrize("body", ["", "\n"], ids=["empty", "blank line"])
def test_an_empty_roster_says_the_file_is_empty_like_data_import(state: Path, body: str) -> None:
    path = state / "empty.csv"
    path.write_text(body, encoding="utf-8")
    result = runner.invoke(app, ["officers", "import", str(path)])
    assert result.exit_code == 1
    assert result.output == f"error: {path}: the file is empty\n"


def test_team_propose_json(state: Path) -> None:
    runner.invoke(app, ["officers", "import", str(_import(state))])
    result = runner.invoke(
        app,
        [
            "team",
            "propose",
            "--country",
            "MLI",
            "--size",
            "3",
            "--expertise",
            "ddr",
            "--date",
            "2026-12-01",
            "--json",
        ],
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["status"] == "optimal"
    assert data["requirements"]["languages"] == ["fr"]
    assert [m["name"] for m in data["members"]] == ["Demo-1 Ka", "Demo-2 Lo", "Demo-3 Ma"]
    assert all(m["reasons"] for m in data["members"])


def test_team_propose_infeasible_names_the_rule(state: Path) -> None:
    runner.invoke(app, ["officers", "import", str(_import(state))])
    result = runner.invoke(
        app,
        ["team", "propose", "-c", "MLI", "-n", "3", "--languages", "fr,sw", "--date", "2026-12-01"],
    )
    assert result.exit_code == 0, result.output
    assert "infeasible" in result.output
    assert "cannot be met: language:sw" in result.output
    assert "closest team" in result.output


def test_deployment_lifecycle(state: Path) -> None:
    runner.invoke(app, ["officers", "import", str(_import(state))])
    steps = [
        ["deployments", "request", "-c", "MLI", "-n", "3", "--date", "2026-12-01"],
        ["deployments", "approve", "1"],
        ["deployments", "deploy", "1"],
        ["deployments", "handover", "1", "--envoy", "Envoy (demo)", "--on", "2027-01-15"],
    ]
    for args in steps:
        result = runner.invoke(app, args)
        assert result.exit_code == 0, result.output
    assert "handed over to special envoy Envoy (demo) on 2027-01-15" in result.output
    listed = json.loads(runner.invoke(app, ["deployments", "list", "--json"]).output)
    assert [(d["status"], d["envoy_name"]) for d in listed] == [("ended", "Envoy (demo)")]
    again = runner.invoke(app, ["deployments", "deploy", "1"])
    assert again.exit_code == 1
    assert again.output.startswith("error: deployment 1 is ended")
    database = Database(f"sqlite:///{state / 'detente.sqlite'}")
    with database.session() as session:
        actions = [a.action for a in list_audit(session, entity="deployment")]
    database.dispose()
    assert actions == ["handover", "deploy", "approve", "propose", "request"]


def test_bad_date(state: Path) -> None:
    result = runner.invoke(app, ["team", "propose", "-c", "MLI", "-n", "3", "--date", "soon"])
    assert result.exit_code == 1
    assert "field 'date': 'soon' is not YYYY-MM-DD" in result.output


def test_a_team_is_not_deployed_before_its_start_date(state: Path) -> None:
    runner.invoke(app, ["officers", "import", str(_import(state))])
    start = dt.date.today() + dt.timedelta(days=30)
    end = start + dt.timedelta(days=59)
    request = ["deployments", "request", "-c", "MLI", "-n", "3"]
    for args in (
        [*request, "--date", start.isoformat(), "--end", end.isoformat()],
        ["deployments", "approve", "1"],
    ):
        result = runner.invoke(app, args)
        assert result.exit_code == 0, result.output
    refused = runner.invoke(app, ["deployments", "deploy", "1"])
    assert refused.exit_code == 1
    assert refused.output.startswith(
        f"error: deployment 1 starts on {start.isoformat()}; a team cannot be deployed before"
    )
    listed = json.loads(runner.invoke(app, ["deployments", "list", "--json"]).output)
    assert [d["status"] for d in listed] == ["approved"]


def test_an_availability_window_from_1900_to_9999_is_one_line_and_imports_nothing(
    state: Path,
) -> None:
    path = _import(state, ROWS + ",Demo-4,FRA,fr,mediation,3,1900-01-01/9999-12-31,yes\n")
    result = runner.invoke(app, ["officers", "import", str(path)])
    assert result.exit_code == 1
    [line] = result.output.strip().splitlines()
    assert line.startswith(
        f"error: {path}, row 4, field 'availability': '1900-01-01/9999-12-31': 1900-01-01 is "
        "before 10 years ago"
    )
    assert json.loads(runner.invoke(app, ["officers", "list", "--json"]).output) == []
