"""The alerts API's declared types (``detente.web.routes.alerts_api``) and the registry's
``/api/v1/actions``; the other answers over HTTP are tested with the pages in ``test_alerts.py``,
which share their fixtures."""

from __future__ import annotations

from typing import get_args

from fastapi.testclient import TestClient

from detente.warning.alert_rules import RULE_NAMES
from detente.web.routes.alerts_api import RuleName
from tests.web.conftest import SignIn, csrf_from
from tests.web.test_alerts import MEDIATION


def test_the_api_rule_names_are_the_rules_alerts_carry() -> None:
    assert get_args(RuleName) == RULE_NAMES


ACTION = {
    "country": "MLI",
    "org": "ECOWAS",
    "kind": "mission",
    "acted_on": "2013-01-17",
    "title": "AFISMA deployment",
    "source": "https://ecowas.int/",
}


def test_the_registry_lists_records_by_state_and_years(client: TestClient, sign_in: SignIn) -> None:
    assert client.get("/api/v1/actions").json() == {"actions": [], "mediation": []}
    sign_in(client, "analyst")
    token = csrf_from(client.get("/actions").text)
    client.post("/actions", data={**ACTION, "csrf_token": token})
    client.post("/actions/mediation", data={**MEDIATION, "csrf_token": token})
    every = client.get("/api/v1/actions").json()
    assert every["actions"] == [
        {
            "id": 1,
            "gwno": 432,
            "iso3": "MLI",
            "org": "ECOWAS",
            "kind": "mission",
            "acted_on": "2013-01-17",
            "title": "AFISMA deployment",
            "source": "https://ecowas.int/",
        }
    ]
    assert [(m["iso3"], m["mediator"], m["ended_on"]) for m in every["mediation"]] == [
        ("SDN", "IGAD", None)
    ]
    assert "created_by" not in every["mediation"][0]  # who typed it stays on the audit page
    sudan = client.get("/api/v1/actions?country=Sudan").json()
    assert (len(sudan["actions"]), len(sudan["mediation"])) == (0, 1)
    in_2013 = client.get("/api/v1/actions?from=2013&to=2013").json()
    assert (len(in_2013["actions"]), len(in_2013["mediation"])) == (1, 0)


def test_bad_registry_queries_name_the_parameter(client: TestClient) -> None:
    unknown = client.get("/api/v1/actions?country=Atlantis")
    assert unknown.status_code == 404
    assert unknown.json() == {"detail": "'Atlantis' is not a known country"}
    backwards = client.get("/api/v1/actions?from=2020&to=2010")
    assert backwards.status_code == 422
    [problem] = backwards.json()["detail"]
    assert (problem["loc"], problem["msg"]) == (
        ["query", "from"],
        "2020 is after the last year 2010",
    )
    assert client.get("/api/v1/actions?from=1900").status_code == 422
