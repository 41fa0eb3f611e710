"""Correcting the registry on /actions: an initiative's end, a wrong record withdrawn."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.web.conftest import SignIn, csrf_from
from tests.web.test_alerts import MEDIATION

NBSP = "\u00a0"


def _mediation_score(client: TestClient) -> float:
    criteria = client.get("/api/v1/criteria/SDN").json()["criteria"]
    return float(next(c["score"] for c in criteria if c["key"] == "mediation"))


def test_an_analyst_ends_an_initiative_then_withdraws_it(
    client: TestClient, sign_in: SignIn
) -> None:
    sign_in(client, "analyst")
    token = csrf_from(client.get("/actions").text)
    before = _mediation_score(client)
    sent = client.post("/actions/mediation", data={**MEDIATION, "csrf_token": token})
    assert sent.status_code == 200
    assert _mediation_score(client) > before
    page = client.get("/actions").text
    assert '<option value="1">No. 1: Sudan, IGAD (2023-05-01)</option>' in page
    ended = client.post(
        "/actions/mediation/end",
        data={"mediation": "1", "ended_on": "2023-06-30", "csrf_token": token},
        follow_redirects=False,
    )
    assert ended.status_code == 303
    page = client.get("/actions").text
    assert '<td class="nowrap">2023-06-30</td>' in page
    assert 'id="e-mediation"' not in page  # no ongoing initiative is left to end
    withdrawn = client.post(
        "/actions/withdraw",
        data={"record": "mediation:1", "reason": "entered for the wrong state"}
        | {"csrf_token": token},
        follow_redirects=False,
    )
    assert withdrawn.status_code == 303
    assert _mediation_score(client) == before
    assert "Jeddah talks support" not in client.get("/actions").text
    sign_in(client, "admin")
    audit = client.get("/audit").text
    assert "entered for the wrong state" in audit


def test_corrections_of_records_that_are_not_there_are_refused_in_the_page_language(
    client: TestClient, sign_in: SignIn
) -> None:
    sign_in(client, "analyst")
    token = csrf_from(client.get("/actions").text)
    gone = client.post(
        "/actions/withdraw?lang=fr",
        data={"record": "action:7", "reason": "doublon", "csrf_token": token},
    )
    assert gone.status_code == 404
    assert f"l&#39;action d&#39;organisation n°{NBSP}7 n&#39;existe pas" in gone.text
    for record in ("alert:1", "action:x", "mediation:"):
        bad = client.post(
            "/actions/withdraw?lang=en", data={"record": record, "reason": "r", "csrf_token": token}
        )
        assert bad.status_code == 422
        quoted = f"&#39;{record}&#39; is not a recorded item"
        assert f"form, field &#39;record&#39;: {quoted}" in bad.text
    end = client.post(
        "/actions/mediation/end",
        data={"mediation": "3", "ended_on": "2023-06-30", "csrf_token": token},
    )
    assert end.status_code == 404
    assert "mediation initiative #3 does not exist" in end.text


def test_a_reason_is_needed_and_an_end_cannot_come_before_the_start(
    client: TestClient, sign_in: SignIn
) -> None:
    sign_in(client, "analyst")
    token = csrf_from(client.get("/actions").text)
    client.post("/actions/mediation", data={**MEDIATION, "csrf_token": token})
    early = client.post(
        "/actions/mediation/end?lang=fr",
        data={"mediation": "1", "ended_on": "2023-04-01", "csrf_token": token},
    )
    assert early.status_code == 422
    assert (
        f"initiative de médiation, champ « ended_on »{NBSP}: 2023-04-01 précède le début"
        " (2023-05-01)"
    ) in early.text.replace("&#39;", "'")
    blank = client.post(
        "/actions/withdraw?lang=en",
        data={"record": "mediation:1", "reason": "   ", "csrf_token": token},
    )
    assert blank.status_code == 422
    assert "withdrawal, field &#39;reason&#39;: must not be empty" in blank.text
    assert "Jeddah talks support" in client.get("/actions").text


def test_only_analysts_correct_the_registry(client: TestClient, sign_in: SignIn) -> None:
    sign_in(client, "analyst")
    token = csrf_from(client.get("/actions").text)
    client.post("/actions/mediation", data={**MEDIATION, "csrf_token": token})
    sign_in(client, "monitor")
    token = csrf_from(client.get("/actions").text)
    refused = client.post(
        "/actions/withdraw", data={"record": "mediation:1", "reason": "r", "csrf_token": token}
    )
    assert refused.status_code == 403
    assert "Correct the registry" not in client.get("/actions").text
    assert "Jeddah talks support" in client.get("/actions").text
