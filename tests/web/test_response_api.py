"""Crisis unit JSON API: coordinator only, same answers as the pages and the CLI, no 5xx.

Setup data goes through the real import path (``tests.response.roster``) or the demo roster
loader of ``detente init``; deployments through the core lifecycle, on SQLite and PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from fastapi import FastAPI
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings

from detente.response import deployments as core
from detente.response.bootstrap import load_demo_roster
from detente.response.officers import list_officers
from detente.response.teams import propose_team, team_requirements
from detente.settings import Settings
from detente.store import Database, list_audit
from detente.web.app import create_app
from tests.response.roster import add_roster, officer
from tests.web.conftest import SignIn
from tests.web.test_api_fuzz import CHECKS, OPERATIONS, _api_schema

API = "/api/v1/response"
START = dt.date(2026, 12, 1)
TEAM = [
    officer("Demo-1 Ka", 220, ["fr", "en"], ["mediation"], 4),  # France
    officer("Demo-2 Lo", 20, ["fr", "en"], ["ddr"], 3),  # Canada
    officer("Demo-3 Ma", 740, ["en"], ["gender"], 5),  # Japan
    officer("Demo-4 Tu", 433, ["fr"], ["mediation"], 5),  # Senegal: neighbour of Mali
]
PROPOSE = {
    "country": "MLI",
    "size": 3,
    "languages": "fr",
    "expertise": "mediation",
    "date": START.isoformat(),
    "end": (START + dt.timedelta(days=60)).isoformat(),
    "min_regions": 3,
}
ENDPOINTS = [
    "/officers",
    "/officers/1",
    "/teams/propose?country=MLI&size=3",
    "/deployments",
    "/deployments/1",
]
RESPONSE_OPERATIONS = [label for label in OPERATIONS if f" {API}/" in label]


def _database(client: TestClient) -> Database:
    app_settings: Settings = client.app.state.settings  # type: ignore[attr-defined]
    return Database(app_settings.sqlalchemy_url)


def _request_and_propose(database: Database, settings_: Settings, actor: str) -> int:
    """A deployment for Mali with a proposed team, through the core lifecycle."""
    with database.session() as session:
        view = core.request_deployment(
            session,
            settings_,
            country="MLI",
            size=3,
            languages=["fr"],
            expertise=["mediation"],
            start=START,
            end=START + dt.timedelta(days=60),
            min_regions=3,
            actor=actor,
        )
        core.propose(session, settings_, view.id, actor=actor)
    return view.id


# --------------------------------------------------------------------------------- access


@pytest.mark.parametrize("path", ENDPOINTS)
def test_a_visitor_gets_401_json_and_an_analyst_403(
    client: TestClient, sign_in: SignIn, path: str
) -> None:
    anonymous = client.get(API + path, follow_redirects=False)
    assert anonymous.status_code == 401
    assert anonymous.json() == {"detail": "sign in to do this"}
    sign_in(client, "analyst")
    refused = client.get(API + path)
    assert refused.status_code == 403
    assert "coordinator" in refused.json()["detail"]


def test_the_operations_are_documented_and_in_the_api_fuzz(client: TestClient) -> None:
    assert set(RESPONSE_OPERATIONS) == {
        f"GET {API}/officers",
        f"GET {API}/officers/{{officer_id}}",
        f"GET {API}/teams/propose",
        f"GET {API}/deployments",
        f"GET {API}/deployments/{{deployment_id}}",
    }
    schema = client.get("/openapi.json").json()
    propose = schema["paths"][f"{API}/teams/propose"]["get"]
    assert propose["responses"]["200"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/TeamProposalOut"
    }
    assert {"401", "403", "422"} <= set(propose["responses"])
    assert "404" in schema["paths"][f"{API}/officers/{{officer_id}}"]["get"]["responses"]
    assert client.get("/docs").status_code == 200


@pytest.mark.parametrize(
    ("route", "kind"),
    [("/api/v1/alerts/{}", "alert"), (f"{API}/officers/{{}}", "officer"),
     (f"{API}/deployments/{{}}", "deployment")],
)  # fmt: skip
def test_every_api_integer_id_naming_no_record_answers_404_and_a_malformed_one_422(
    any_backend_client: TestClient, sign_in: SignIn, route: str, kind: str
) -> None:
    """/api/v1/alerts/0 answered 404 but /officers/0 and /deployments/2147483648 422: the
    response routes bounded their ids to the INTEGER column's range, the alerts route did not.
    Every /api/v1 route with an integer path id is in ``route`` (the OpenAPI check below)."""
    client = any_backend_client
    sign_in(client, "coordinator")
    for unknown in ("0", "-1", "99", str(2**31 - 1), str(2**31), str(2**63), str(10**20)):
        answer = client.get(route.format(unknown))
        assert answer.status_code == 404, (unknown, answer.text)
        assert answer.json() == {"detail": f"no {kind} {int(unknown)}"}
    for malformed in ("abc", "1.5", "1e3", "0x10"):
        answer = client.get(route.format(malformed))
        assert answer.status_code == 422, (malformed, answer.text)
        assert answer.json()["detail"][0]["input"] == malformed
    schema = client.get("/openapi.json").json()
    integer_ids = {
        path: parameter["schema"]
        for path, operations in schema["paths"].items()
        for operation in operations.values()
        for parameter in operation.get("parameters", [])
        if parameter["in"] == "path" and parameter["schema"].get("type") == "integer"
    }
    assert set(integer_ids) == {
        "/api/v1/alerts/{alert_id}",
        f"{API}/officers/{{officer_id}}",
        f"{API}/deployments/{{deployment_id}}",
    }
    # the same schema everywhere: the range an id may have is the database's concern
    assert all("maximum" not in id_schema for id_schema in integer_ids.values()), integer_ids


# -------------------------------------------------------------------------------- officers


def test_officers_filter_and_page_like_the_roster_page(client: TestClient, sign_in: SignIn) -> None:
    app_settings: Settings = client.app.state.settings  # type: ignore[attr-defined]
    assert "GENERATED DEMO DATA" in load_demo_roster(app_settings)
    sign_in(client, "coordinator")
    everyone = client.get(f"{API}/officers", params={"per_page": 500}).json()
    assert everyone["total"] == 600
    assert everyone["pages"] == 2
    assert len(everyone["officers"]) == 500
    assert all(o["generated"] for o in everyone["officers"])
    filters = {"region": "Africa", "language": "fr", "available_on": "2027-03-01"}
    found = client.get(f"{API}/officers", params={**filters, "per_page": 7, "page": 2}).json()
    database = _database(client)
    with database.session() as session:
        expected = list_officers(
            session, region="Africa", language="fr", available_on=dt.date(2027, 3, 1)
        )
    database.dispose()
    assert found["total"] == len(expected) > 14
    assert [o["id"] for o in found["officers"]] == [o.id for o in expected[7:14]]
    assert all(o["region"] == "Africa" and "fr" in o["languages"] for o in found["officers"])
    page = client.get("/response/officers", params=filters)
    assert f"{len(expected)} officers match" in page.text
    beyond = client.get(f"{API}/officers", params={**filters, "page": 10_000}).json()
    assert beyond["officers"] == []
    assert beyond["total"] == len(expected)
    # the same language given as a name or in capitals is normalised, as on the page
    assert client.get(f"{API}/officers", params={**filters, "language": "FR"}).json() == (
        client.get(f"{API}/officers", params=filters).json()
    )


def test_one_officer_and_unknown_or_out_of_range_ids(client: TestClient, sign_in: SignIn) -> None:
    add_roster(_database(client), TEAM)
    sign_in(client, "coordinator")
    one = client.get(f"{API}/officers/2").json()
    assert one["name"] == "Demo-2 Lo"
    assert (one["gwno"], one["iso3"], one["region"]) == (20, "CAN", "Americas")
    assert one["availability"] == [{"start": "2026-01-01", "end": "2028-12-31"}]
    assert one["current_deployment"] is None
    missing = client.get(f"{API}/officers/99")
    assert missing.status_code == 404
    # the command line's hint is for the command line, not for an API client
    assert missing.json() == {"detail": "no officer 99"}
    for unknown in ("0", "-1", str(2**31), str(2**63)):  # ids no officer has: as for 99
        assert client.get(f"{API}/officers/{unknown}").status_code == 404, unknown
    for bad in ("1e3", "abc"):
        answer = client.get(f"{API}/officers/{bad}")
        assert answer.status_code == 422, bad
        assert answer.json()["detail"][0]["loc"] == ["path", "officer_id"]


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"language": "klingon"}, "language"),
        ({"expertise": "juggling"}, "expertise"),
        ({"region": "Atlantis"}, "region"),
        ({"available_on": "2026-02-30"}, "available_on"),
        ({"page": "0"}, "page"),
        ({"per_page": "501"}, "per_page"),
    ],
)
def test_bad_officer_filters_answer_422(
    client: TestClient, sign_in: SignIn, query: dict[str, str], field: str
) -> None:
    sign_in(client, "coordinator")
    answer = client.get(f"{API}/officers", params=query)
    assert answer.status_code == 422
    assert answer.json()["detail"][0]["loc"] == ["query", field]


# ------------------------------------------------------------------------------------ team


def test_propose_returns_the_optimal_team_with_reasons_and_books_nothing(
    client: TestClient, sign_in: SignIn
) -> None:
    database = _database(client)
    add_roster(database, TEAM)
    sign_in(client, "coordinator")
    answer = client.get(f"{API}/teams/propose", params=PROPOSE)
    assert answer.status_code == 200, answer.text
    team = answer.json()
    assert team["status"] == "optimal"
    assert team["objective"].startswith("maximise")
    assert team["broken_rules"] == []
    assert sorted(m["name"] for m in team["members"]) == ["Demo-1 Ka", "Demo-2 Lo", "Demo-3 Ma"]
    assert 433 in team["requirements"]["neighbours"]  # Senegal: Demo-4 has a conflict
    assert team["excluded"]["conflict_of_interest"] == 1
    france = next(m for m in team["members"] if m["name"] == "Demo-1 Ka")
    assert "only member covering mediation" in france["reasons"]
    assert france["why"]["sole"] == ["mediation"]
    # the same core call as `detente team propose --json`
    app_settings: Settings = client.app.state.settings  # type: ignore[attr-defined]
    request = team_requirements(
        app_settings,
        "MLI",
        3,
        languages=["fr"],
        expertise=["mediation"],
        start=START,
        end=START + dt.timedelta(days=60),
        min_regions=3,
    )
    with database.session() as session:
        cli = propose_team(session, request).to_json()
        written = list_audit(session, entity="deployment")
        assert core.list_deployments(session) == []
    database.dispose()
    assert [m["officer_id"] for m in cli["members"]] == [m["officer_id"] for m in team["members"]]
    assert written == []  # read only: no deployment was requested


def test_propose_infeasible_names_the_rule_and_the_closest_team(
    client: TestClient, sign_in: SignIn
) -> None:
    add_roster(_database(client), TEAM)
    sign_in(client, "coordinator")
    answer = client.get(
        f"{API}/teams/propose",
        params=[*PROPOSE.items(), ("languages", "fr"), ("languages", "zu")],
    )
    assert answer.status_code == 200, answer.text
    team = answer.json()
    assert team["status"] == "infeasible"
    assert team["requirements"]["languages"] == ["fr", "zu"]
    assert team["broken_rules"] == ["language:zu"]
    assert "speaks 'zu'" in team["explanation"][0]
    assert len(team["members"]) == 3  # the closest team


def test_propose_defaults_to_the_official_languages(client: TestClient, sign_in: SignIn) -> None:
    sign_in(client, "coordinator")
    team = client.get(f"{API}/teams/propose", params={"country": "Mali", "size": 2}).json()
    assert team["country"] == {"gwno": 432, "iso3": "MLI"}
    assert "fr" in team["requirements"]["languages"]
    assert team["requirements"]["min_regions"] == 2
    assert team["status"] == "infeasible"  # the roster is empty
    assert team["members"] == []
    none = client.get(
        f"{API}/teams/propose", params={"country": "MLI", "size": 2, "languages": ""}
    ).json()
    assert none["requirements"]["languages"] == []


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"size": "3"}, "country"),
        ({"country": "MLI"}, "size"),
        ({"country": "MLI", "size": "0"}, "size"),
        ({"country": "MLI", "size": "51"}, "size"),
        ({"country": "MLI", "size": "3", "languages": "fr klingon"}, "languages"),
        ({"country": "MLI", "size": "3", "expertise": "mediation,juggling"}, "expertise"),
        ({"country": "MLI", "size": "3", "languages": ",".join(["fr"] * 21)}, "languages"),
        ({"country": "MLI", "size": "3", "date": "2027-02-30"}, "date"),
        ({"country": "MLI", "size": "3", "date": "9999-12-31"}, "date"),
        ({"country": "MLI", "size": "3", "end": "0001-01-01"}, "end"),
        ({"country": "MLI", "size": "3", "date": "2027-05-01", "end": "2027-04-01"}, "end"),
        ({"country": "MLI", "size": "3", "min_regions": "6"}, "min_regions"),
        ({"country": "MLI", "size": "3", "allow_conflict_of_interest": "perhaps"},
         "allow_conflict_of_interest"),
    ],
)  # fmt: skip
def test_bad_team_requests_answer_422(
    client: TestClient, sign_in: SignIn, query: dict[str, str], field: str
) -> None:
    sign_in(client, "coordinator")
    answer = client.get(f"{API}/teams/propose", params=query)
    assert answer.status_code == 422, answer.text
    assert answer.json()["detail"][0]["loc"] == ["query", field]


def test_an_unknown_country_answers_404_as_on_every_endpoint(
    client: TestClient, sign_in: SignIn
) -> None:
    """It was a 422 here and a 404 on /alliance/formats, /alliance/alignment, /countries/..."""
    sign_in(client, "coordinator")
    answer = client.get(f"{API}/teams/propose", params={"country": "Atlantis", "size": "3"})
    assert answer.status_code == 404, answer.text
    assert answer.json() == {"detail": "'Atlantis' is not a known country"}
    formats = client.get("/api/v1/alliance/formats", params={"country": "Atlantis"})
    assert (formats.status_code, formats.json()) == (404, answer.json())


# ----------------------------------------------------------------------------- deployments


def test_deployments_list_and_detail_on_both_backends(
    any_backend_client: TestClient, sign_in: SignIn
) -> None:
    client = any_backend_client
    app_settings: Settings = client.app.state.settings  # type: ignore[attr-defined]
    database = _database(client)
    add_roster(database, TEAM)
    first = _request_and_propose(database, app_settings, "coordinator-test")
    second = _request_and_propose(database, app_settings, "coordinator-test")
    with database.session() as session:
        core.cancel(session, second, actor="coordinator-test")
    database.dispose()
    sign_in(client, "coordinator")
    listed = client.get(f"{API}/deployments").json()
    assert listed["total"] == 2
    assert [d["id"] for d in listed["deployments"]] == [second, first]  # newest first
    proposed = client.get(f"{API}/deployments", params={"status": "proposed"}).json()
    assert [d["id"] for d in proposed["deployments"]] == [first]
    paged = client.get(f"{API}/deployments", params={"per_page": 1, "page": 2}).json()
    assert (paged["pages"], [d["id"] for d in paged["deployments"]]) == (2, [first])
    detail = client.get(f"{API}/deployments/{first}").json()
    assert detail["status"] == "proposed"
    assert detail["iso3"] == "MLI"
    assert detail["next_steps"] == ["proposed", "approved", "cancelled"]
    assert detail["requirements"]["languages"] == ["fr"]
    assert detail["page"] == f"/response/deployments/{first}"
    assert dt.datetime.fromisoformat(detail["created_at"]).utcoffset() == dt.timedelta(0)
    names = sorted(m["name"] for m in detail["team"])
    assert names == ["Demo-1 Ka", "Demo-2 Lo", "Demo-3 Ma"]
    assert detail["proposal"]["status"] == "optimal"
    assert sorted(m["name"] for m in detail["proposal"]["members"]) == names
    assert all(m["reason"] for m in detail["team"])
    # the page shows the same team
    page = client.get(detail["page"])
    assert all(name in page.text for name in names)
    assert re.search(r'id="deployment-status">proposed<', page.text)
    cancelled = client.get(f"{API}/deployments/{second}").json()
    assert (cancelled["status"], cancelled["next_steps"]) == ("cancelled", [])
    for bad in ("99", "0", str(2**31), str(2**63)):  # no deployment has these ids
        assert client.get(f"{API}/deployments/{bad}").status_code == 404, bad
    wrong = client.get(f"{API}/deployments", params={"status": "lost"})
    assert wrong.status_code == 422


# ------------------------------------------------------------------------------------ fuzz


@pytest.fixture
def fuzz_app_with_data(web_settings: Settings) -> Iterator[FastAPI]:
    """The full app with the small roster and one proposed deployment (id 1)."""
    app = create_app(web_settings)
    database = Database(web_settings.sqlalchemy_url)
    add_roster(database, TEAM)
    _request_and_propose(database, web_settings, "coordinator-test")
    database.dispose()
    with TestClient(app):
        yield app


@pytest.mark.parametrize("label", RESPONSE_OPERATIONS)
def test_fuzz_with_a_roster_never_answers_5xx(
    label: str, fuzz_app_with_data: FastAPI, sign_in: SignIn
) -> None:
    with TestClient(fuzz_app_with_data) as signed:
        sign_in(signed, "coordinator")
        cookie = "; ".join(f"{name}={value}" for name, value in signed.cookies.items())
    operation = _api_schema(fuzz_app_with_data).find_operation_by_label(label)
    assert operation is not None, label
    calls: list[int] = []

    @given(case=operation.as_strategy())
    @settings(
        max_examples=40,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    )
    def fuzz(case: schemathesis.Case[Any]) -> None:
        response: Any = case.call_and_validate(headers={"Cookie": cookie}, checks=CHECKS)
        calls.append(response.status_code)

    fuzz()
    assert calls
    assert max(calls) < 500
