"""``detente pacts|notify|incidents|roadmap|tracks|sanctions``: each command end to end on a
seeded SQLite state; bad input is one line, exit 1, and writes nothing."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from detente.cli import app
from detente.security.bootstrap import seed_security
from detente.settings import get_settings
from detente.store import upgrade

runner = CliRunner()


@pytest.fixture
def state(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, analytics_path: Path) -> Iterator[Path]:
    """A migrated state with the Helsinki pact and the analytics store, via DETENTE_DATA_DIR."""
    monkeypatch.setenv("DETENTE_DATA_DIR", str(tmp_path))
    get_settings.cache_clear()
    shutil.copyfile(analytics_path, get_settings().analytics_path)
    upgrade(get_settings().sqlalchemy_url)
    seed_security(get_settings())
    yield tmp_path
    get_settings.cache_clear()


def run(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def fail(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 1, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1, result.output
    assert lines[0].startswith("error: ")
    return lines[0]


def test_pacts(state: Path) -> None:
    listed = json.loads(run("pacts", "list", "--json"))
    assert [(p["slug"], p["member_count"]) for p in listed] == [("osce", 57)]
    shown = json.loads(run("pacts", "show", "osce", "--on", "1980-01-01", "--json"))
    assert len(shown["members_on"]["gwno"]) == 35
    assert shown["principles"][2]["title"] == "Inviolability of frontiers"
    assert "Refraining from the threat or use of force" in run("pacts", "show", "osce")
    run("pacts", "create", "test", "--name", "Test", "--region", "Europe")
    assert "FRA is a member from 2000-01-01" in run(
        "pacts", "add-member", "test", "FRA", "--joined", "2000-01-01"
    )
    assert "left on 2010-01-01" in run(
        "pacts", "end-member", "test", "France", "--left", "2010-01-01"
    )
    out = run(
        "pacts",
        "commit",
        "osce",
        "--basket",
        "civil_society",
        "--title",
        "Exchanges",
        "--owner",
        "FRA",
        "--due",
        "2020-01-01",
    )
    assert "owned by FRA" in out
    assert "OVERDUE" in run("pacts", "show", "osce")
    assert "fulfilled" in run("pacts", "close", "1")
    assert "suspended" in run("pacts", "status", "test", "suspended")
    assert "field 'basket'" in fail(
        "pacts", "commit", "osce", "--basket", "economy", "--title", "x", "--owner", "FRA"
    )
    assert "no pact 'nope'" in fail("pacts", "show", "nope")
    assert "already a member" in fail(
        "pacts", "add-member", "osce", "FRA", "--joined", "2000-01-01"
    )


def test_notify(state: Path, tmp_path: Path) -> None:
    out = run(
        "notify",
        "add",
        "osce",
        "--country",
        "RUS",
        "--kind",
        "military_activity",
        "--subject",
        "Exercise",
        "--starts",
        "2021-09-10",
        "--troops",
        "12000",
    )
    assert "required, due 2021-07-30" in out
    overdue = json.loads(run("notify", "overdue", "osce", "--as-of", "2021-08-09", "--json"))
    assert [(n["iso3"], n["days_overdue"]) for n in overdue] == [("RUS", 10)]
    assert "late" in run("notify", "sent", "1", "--on", "2021-08-05")
    assert "RUS" in run("notify", "record", "osce")
    assert (
        json.loads(run("notify", "list", "osce", "--country", "RUS", "--json"))[0]["status"]
        == "late"
    )
    bad = tmp_path / "n.csv"
    bad.write_text(
        "country,kind,subject,due_on\nUKR,information_exchange,x,2021-12-15\nUKR,parade,x,\n"
    )
    assert fail("notify", "import", "osce", str(bad)) == (
        "error: n.csv, row 2, field 'kind': 'parade' is not one of: military_activity, "
        "information_exchange, liaison, pre_alert"
    )
    assert len(json.loads(run("notify", "list", "osce", "--json"))) == 1
    huge = "9" * 20  # SQLite raised OverflowError: a traceback, not the row and field
    bad.write_text(
        "country,kind,subject,starts_on,due_on,troops\n"
        "UKR,information_exchange,x,,2021-12-15,\n"
        f"UKR,military_activity,x,2021-12-15,,{huge}\n"
    )
    assert fail("notify", "import", "osce", str(bad)) == (
        f"error: n.csv, row 2, field 'troops': {huge} is more than 2,147,483,647"
    )
    assert len(json.loads(run("notify", "list", "osce", "--json"))) == 1
    bad.write_text("country,kind,subject,due_on\nUKR,information_exchange,x,2021-12-15\n")
    assert "imported 1 notifications" in run("notify", "import", "osce", str(bad))


def test_incidents(state: Path, tmp_path: Path) -> None:
    out = run(
        "incidents",
        "report",
        "osce",
        "--date",
        "2022-02-24",
        "--place",
        "Kyiv",
        "--by",
        "UKR",
        "--accused",
        "RUS",
        "-p",
        "2",
        "-p",
        "4",
        "--summary",
        "Invasion",
        "-e",
        "https://www.osce.org/",
    )
    assert "incident 1 reported against RUS" in out
    assert "under_review" in run("incidents", "review", "1")
    assert "violation" in run(
        "incidents", "verdict", "1", "--finding", "violation", "--reasoning", "Established"
    )
    listed = json.loads(run("incidents", "list", "--pact", "osce", "--json"))
    assert listed[0]["verdict"]["finding"] == "violation"
    assert 13243 in [m["conflict_id"] for m in listed[0]["ucdp"]]
    assert "decided" in fail(
        "incidents", "verdict", "1", "--finding", "violation", "--reasoning", "x"
    )
    assert "field 'principles'" in fail(
        "incidents",
        "report",
        "osce",
        "--date",
        "2022-02-24",
        "--place",
        "Kyiv",
        "--by",
        "UKR",
        "--accused",
        "RUS",
        "-p",
        "11",
        "--summary",
        "x",
    )
    path = tmp_path / "i.json"
    path.write_text(
        json.dumps(
            [
                {
                    "occurred_on": "2021-01-01",
                    "place": "P",
                    "reporting_party": "NGO",
                    "accused": "Narnia",
                    "principles": "1",
                    "summary": "s",
                }
            ]
        )
    )
    assert "i.json, row 1, field 'accused'" in fail("incidents", "import", "osce", str(path))
    assert len(json.loads(run("incidents", "list", "--json"))) == 1


def test_roadmap_tracks_sanctions(state: Path) -> None:
    added = run(
        "roadmap",
        "add",
        "osce",
        "--name",
        "Eastern Ukraine",
        "--party",
        "UKR",
        "--party",
        "RUS",
        "--started",
        "2014-09-05",
    )
    process = added.split()[1]  # "process 2 'Eastern Ukraine'" (1 is the seeded Minsk process)
    assert "ground_arrangements" in run(
        "roadmap", "stage", process, "ground_arrangements", "--on", "2015-02-12"
    )
    listed = json.loads(run("roadmap", "list", "osce", "--as-of", "2023-12-31", "--json"))
    assert [(p["name"], p["frozen"]["frozen"]) for p in listed] == [
        ("Eastern Ukraine", True),
        ("Ukraine peace process (Minsk agreements)", True),
    ]
    assert "field 'stage'" in fail("roadmap", "stage", process, "peace", "--on", "2016-01-01")
    assert "already reached" in fail(
        "roadmap", "stage", process, "ground_arrangements", "--on", "2016-01-01"
    )

    run(
        "tracks",
        "add-counterpart",
        "Group Z (fictitious)",
        "--audience",
        "armed_group",
        "--sanctioned",
    )
    refused = fail(
        "tracks",
        "contact",
        "Group Z (fictitious)",
        "--channel",
        "direct",
        "--on",
        "2024-01-01",
        "--summary",
        "x",
    )
    assert "only be engaged through a private mediator" in refused
    run(
        "tracks",
        "contact",
        "Group Z (fictitious)",
        "--channel",
        "private_mediator",
        "--via",
        "M",
        "--on",
        "2024-01-01",
        "--summary",
        "x",
    )
    assert [c["channel"] for c in json.loads(run("tracks", "list", "--json"))] == [
        "private_mediator"
    ]

    register = json.loads(run("sanctions", "list", "--json"))
    assert register["sanctions"][0]["adopted_on"] == "2014-07-31"
    assert register["pairs"][0]["illustrative"] is True
    assert "agreed" in run("sanctions", "pair-status", "1", "agreed")
    assert "field 'category'" in fail(
        "sanctions",
        "add",
        "--by",
        "EU",
        "--target",
        "X",
        "--category",
        "cultural",
        "--reason",
        "r",
        "--adopted",
        "2020-01-01",
        "--source",
        "https://eur-lex.europa.eu/",
    )
    run(
        "sanctions",
        "add",
        "--by",
        "EU",
        "--target",
        "X",
        "--category",
        "travel",
        "--reason",
        "r",
        "--adopted",
        "2020-01-01",
        "--source",
        "https://eur-lex.europa.eu/",
    )
    assert "lifted on 2021-01-01" in run("sanctions", "lift", "2", "--on", "2021-01-01")
    assert "pair 2" in run("sanctions", "pair", "1", "--gesture", "g", "--by", "RUS")
