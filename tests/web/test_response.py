"""Crisis unit pages: coordinator only, CSRF on writes, the team form from an alert, the flow."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from fastapi.testclient import TestClient

from detente.response.deployments import list_deployments
from detente.settings import Settings
from detente.store import Database, list_audit
from tests.response.roster import add_roster, officer
from tests.web.conftest import SignIn, csrf_from

START = dt.date(2026, 12, 1)
TEAM = [
    officer("Demo-1 Ka", 220, ["fr", "en"], ["mediation"], 4),  # France
    officer("Demo-2 Lo", 20, ["fr", "en"], ["ddr"], 3),  # Canada
    officer("Demo-3 Ma", 740, ["en"], ["gender"], 5),  # Japan
    officer("Demo-4 Tu", 433, ["fr"], ["mediation"], 5),  # Senegal: neighbour of Mali
]


def _database(client: TestClient) -> Database:
    settings: Settings = client.app.state.settings  # type: ignore[attr-defined]
    return Database(settings.sqlalchemy_url)


def _form(client: TestClient, **values: object) -> dict[str, object]:
    page = client.get("/response/teams/new?country=MLI")
    data: dict[str, object] = {
        "csrf_token": csrf_from(page.text),
        "country": "MLI",
        "size": "3",
        "languages": "fr",
        "expertise": ["mediation"],
        "start": START.isoformat(),
        "end": (START + dt.timedelta(days=60)).isoformat(),
        "min_regions": "3",
    }
    data.update(values)
    return data


@pytest.mark.parametrize(
    "path", ["/response/officers", "/response/deployments", "/response/teams/new?country=MLI"]
)
def test_pages_need_a_coordinator(client: TestClient, sign_in: SignIn, path: str) -> None:
    assert client.get(path, follow_redirects=False).status_code in (303, 307)
    sign_in(client, "analyst")
    assert client.get(path).status_code == 403


def test_form_is_prefilled_from_the_country(client: TestClient, sign_in: SignIn) -> None:
    sign_in(client, "coordinator")
    page = client.get("/response/teams/new?country=Mali")
    assert page.status_code == 200
    assert 'value="MLI"' in page.text
    assert 'name="languages" type="text" maxlength="200" value="fr"' in page.text
    assert "fr = French" in page.text


def test_roster_is_labelled_generated_and_filters(client: TestClient, sign_in: SignIn) -> None:
    database = _database(client)
    add_roster(database, TEAM)
    database.dispose()
    sign_in(client, "coordinator")
    page = client.get("/response/officers?region=Asia")
    assert "Generated demo data" in page.text
    assert "Demo-3 Ma" in page.text
    assert "Demo-1 Ka" not in page.text
    assert "1 officers match" in page.text
    assert "Demo-4 Tu" in client.get("/response/officers?language=fr&expertise=mediation").text


def test_request_propose_approve_deploy_handover(
    any_backend_client: TestClient, sign_in: SignIn
) -> None:
    client = any_backend_client
    database = _database(client)
    add_roster(database, TEAM)
    username = sign_in(client, "coordinator")
    posted = client.post("/response/teams", data=_form(client), follow_redirects=False)
    assert posted.status_code == 303, posted.text
    url = posted.headers["location"]
    page = client.get(url)
    assert "Proposed team" in page.text
    for name in ("Demo-1 Ka", "Demo-2 Lo", "Demo-3 Ma"):
        assert name in page.text
    assert "Demo-4 Tu" not in page.text  # Senegal borders Mali
    assert "only member covering" in page.text
    token = csrf_from(page.text)
    for step in ("approved", "deployed"):
        moved = client.post(f"{url}/step", data={"csrf_token": token, "to": step})
        assert moved.status_code == 200
        assert re.search(rf'id="deployment-status">{step}<', moved.text), step
    done = client.post(
        f"{url}/handover",
        data={"csrf_token": token, "envoy": "Envoy (demo)", "on": "2027-01-05"},
    )
    assert "Handed over to special envoy" in done.text
    assert "Envoy (demo)" in done.text
    # an invalid step is refused on the page, not a 500
    refused = client.post(f"{url}/step", data={"csrf_token": token, "to": "deployed"})
    assert refused.status_code == 409
    assert "cannot become deployed" in refused.text
    log = client.get("/response/deployments")
    assert "Envoy (demo)" in log.text
    with database.session() as session:
        actions = [a.action for a in list_audit(session, entity="deployment", actor=username)]
    database.dispose()
    assert actions == ["handover", "deploy", "approve", "propose", "request"]


def test_bad_form_is_shown_again_with_the_error(client: TestClient, sign_in: SignIn) -> None:
    sign_in(client, "coordinator")
    page = client.post("/response/teams", data=_form(client, languages="fr klingon"))
    assert page.status_code == 422
    assert "klingon" in page.text
    assert 'role="alert"' in page.text
    unknown = client.post("/response/teams", data=_form(client, country="Atlantis"))
    assert unknown.status_code == 422
    huge = client.post("/response/teams", data=_form(client, size="999999"))
    assert "&#39;999999&#39; is not between 1 and 50" in huge.text  # the value typed
    late = client.post("/response/teams", data=_form(client, end="2024-01-011"))
    assert late.status_code == 422  # not silently read as 2024-01-01


def test_writes_need_csrf_and_the_role(client: TestClient, sign_in: SignIn) -> None:
    sign_in(client, "coordinator")
    data = _form(client)
    data["csrf_token"] = "forged"
    assert client.post("/response/teams", data=data).status_code == 403
    other = TestClient(client.app)
    sign_in(other, "monitor")
    assert other.post("/response/teams", data=_form(other)).status_code == 403


def test_double_booking_is_refused_on_the_page(client: TestClient, sign_in: SignIn) -> None:
    database = _database(client)
    add_roster(database, TEAM[:3])
    database.dispose()
    sign_in(client, "coordinator")
    first = client.post("/response/teams", data=_form(client), follow_redirects=False)
    second = client.post("/response/teams", data=_form(client), follow_redirects=False)
    token = csrf_from(client.get(first.headers["location"]).text)
    client.post(f"{first.headers['location']}/step", data={"csrf_token": token, "to": "approved"})
    clash = client.post(
        f"{second.headers['location']}/step", data={"csrf_token": token, "to": "approved"}
    )
    assert clash.status_code == 409
    assert "already booked" in clash.text


def test_team_form_from_an_alert_marks_it(client: TestClient, sign_in: SignIn) -> None:
    alerts = pytest.importorskip("detente.warning.alerts")
    from detente.warning.models import AlertRow

    database = _database(client)
    add_roster(database, TEAM)
    with database.session() as session:
        row = AlertRow(
            gwno=432,
            period="2027",
            rule="test-rule",
            status="new",
            score=0.9,
            explanation={"rule": {"text": "test alert (generated)"}},
        )
        session.add(row)
        session.flush()
        alert_id = row.id
    sign_in(client, "coordinator")
    page = client.get(f"/response/teams/new?alert={alert_id}")
    assert f"For alert {alert_id} (2027, score 0.90)." in page.text
    assert 'value="MLI"' in page.text
    data = _form(client, alert=str(alert_id))
    posted = client.post("/response/teams", data=data, follow_redirects=False)
    assert posted.status_code == 303
    with database.session() as session:
        assert alerts.get_alert(session, alert_id).status == "team_requested"
    database.dispose()
    assert f'href="/alerts/{alert_id}"' in client.get(posted.headers["location"]).text


def test_pages_in_french(client: TestClient, sign_in: SignIn) -> None:
    database = _database(client)
    add_roster(database, TEAM)
    database.dispose()
    sign_in(client, "coordinator")
    page = client.get("/response/officers?lang=fr")
    assert "Fichier des agents politiques" in page.text
    assert "Données de démonstration générées" in page.text
    assert "médiation" in page.text
    assert "Afrique" in page.text
    assert "Demander une équipe de crise" in client.get("/response/teams/new?lang=fr").text


def test_unknown_and_out_of_range_ids(any_backend_client: TestClient, sign_in: SignIn) -> None:
    client = any_backend_client
    sign_in(client, "coordinator")
    assert client.get("/response/deployments/12345").status_code == 404
    assert client.get("/response/deployments/99999999999").status_code == 422
    page = client.get("/response/teams/new?alert=999999&country=MLI")
    assert page.status_code == 200  # an unknown alert falls back to the country
    assert "For alert" not in page.text


def test_country_page_block_for_coordinators_only(client: TestClient, sign_in: SignIn) -> None:
    assert "response-heading" not in client.get("/countries/MLI").text
    sign_in(client, "coordinator")
    page = client.get("/countries/MLI")
    assert 'id="response-heading"' in page.text
    assert 'href="/response/teams/new?country=MLI"' in page.text


def test_reasons_are_translated(client: TestClient, sign_in: SignIn) -> None:
    database = _database(client)
    add_roster(database, TEAM)
    database.dispose()
    sign_in(client, "coordinator")
    posted = client.post("/response/teams", data=_form(client), follow_redirects=False)
    english = client.get(posted.headers["location"]).text
    assert "only member from Europe" in english
    assert "seniority 4 (principal)" in english
    french = client.get(posted.headers["location"] + "?lang=fr").text
    assert "seul membre venant de : Europe" in french
    assert "apporte l'expertise requise médiation" in french


def test_bad_filters_are_refused_not_ignored(client: TestClient, sign_in: SignIn) -> None:
    sign_in(client, "coordinator")
    day = client.get("/response/officers?available_on=2023-13-45")
    assert day.status_code == 422
    assert "roster filter, field &#39;available_on&#39;" in day.text
    assert client.get("/response/deployments?status=abc").status_code == 422
    assert client.get("/response/deployments?status=").status_code == 200  # "any status"


def test_a_team_ending_in_2999_is_refused_and_nothing_is_stored(
    client: TestClient, sign_in: SignIn
) -> None:
    database = _database(client)
    add_roster(database, TEAM)
    sign_in(client, "coordinator")
    page = client.post("/response/teams", data=_form(client, end="2999-12-31"))
    assert page.status_code == 422
    assert "field &#39;end&#39;: 2999-12-31 is more than 2 years ahead" in page.text
    with database.session() as session:
        assert list_deployments(session) == []
    database.dispose()


@pytest.mark.parametrize(
    ("field", "typed", "message"),
    [
        ("size", "-1", "field &#39;size&#39;: &#39;-1&#39; is not between 1 and 50"),
        (
            "size",
            "99999999999999999999999",
            "field &#39;size&#39;: &#39;99999999999999999999…&#39; is not between 1 and 50",
        ),
        ("size", "9" * 5000, "&#39;99999999999999999999…&#39; is not between 1 and 50"),
        ("size", "3.5", "field &#39;size&#39;: &#39;3.5&#39; is not a whole number"),
        ("size", "²", "field &#39;size&#39;: &#39;²&#39; is not a whole number"),
        ("size", "", "field &#39;size&#39;: give a whole number between 1 and 50"),
        ("min_regions", "0", "field &#39;min_regions&#39;: &#39;0&#39; is not between 1 and 5"),
    ],
)
def test_team_numbers_are_quoted_as_typed_with_their_range(
    client: TestClient, sign_in: SignIn, field: str, typed: str, message: str
) -> None:
    sign_in(client, "coordinator")
    page = client.post("/response/teams", data=_form(client, **{field: typed}))
    assert page.status_code == 422
    assert message in page.text
