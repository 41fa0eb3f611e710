"""Pacts and compliance on the web: public pages and API without login, monitor forms with
role and CSRF checks, bad input refused with nothing written, tracks for monitors only."""

from __future__ import annotations

import csv
import io
import re
import xml.etree.ElementTree as ET

import pytest
from fastapi.testclient import TestClient

from detente.security import list_incidents
from detente.security.bootstrap import seed_security
from detente.settings import Settings
from detente.store import Database
from tests.web.conftest import SignIn, csrf_from

INCIDENT = {
    "occurred_on": "2022-02-24",
    "place": "Kyiv",
    "reporting_party": "UKR",
    "accused": "RUS",
    "principles": ["2", "3"],
    "summary": "Full-scale invasion",
    "evidence": "https://www.osce.org/",
}


def _seed(client: TestClient) -> Settings:
    settings: Settings = client.app.state.settings  # type: ignore[attr-defined]
    seed_security(settings)
    return settings


def _incidents(settings: Settings) -> int:
    database = Database(settings.sqlalchemy_url)
    try:
        with database.session() as session:
            return len(list_incidents(session))
    finally:
        database.dispose()


def test_public_pages_and_api_need_no_login(client: TestClient) -> None:
    _seed(client)
    index = client.get("/pacts")
    assert index.status_code == 200
    assert 'href="/pacts/osce"' in index.text
    page = client.get("/pacts/osce")
    assert page.status_code == 200
    for text in ("Inviolability of frontiers", "Compliance per principle", "Roadmap", "9,000"):
        assert text in page.text
    assert "/pacts/osce/monitor" not in page.text  # no monitor link for the public
    # the seeded Minsk roadmap: one stage in 2014, violence in the UCDP panel since -> frozen
    assert "Ukraine peace process (Minsk agreements)" in page.text
    assert "no stage progress since 2014-09-05" in page.text
    assert '<strong class="tag">Frozen</strong>' in page.text
    sanctions = client.get("/sanctions")
    assert "2014/512/CFSP" in sanctions.text
    assert "illustrative example, not a negotiated deal" in sanctions.text
    api = client.get("/api/v1/pacts/osce").json()
    assert len(api["members_today"]) == 57
    assert len(api["principles"]) == 10
    assert client.get("/api/v1/pacts").json()[0]["member_count"] == 57
    compliance = client.get("/api/v1/pacts/osce/compliance").json()
    assert len(compliance["by_principle"]) == 10
    assert client.get("/api/v1/sanctions").json()["pairs"][0]["illustrative"] is True
    assert client.get("/api/v1/pacts/nope").status_code == 404
    assert client.get("/api/v1/pacts/99999999999999999999").status_code == 404
    russia = client.get("/countries/RUS")
    assert 'href="/pacts/osce"' in russia.text
    assert "registered measure targets this state" in russia.text


def test_french_page_uses_the_official_wording(client: TestClient) -> None:
    _seed(client)
    page = client.get("/pacts/osce?lang=fr")
    assert "Inviolabilité des frontières" in page.text
    assert "Respect des engagements par principe" in page.text
    # the seeded description is English: marked so a screen reader switches voice (WCAG 3.1.2)
    assert '<p lang="en">Final Act of the Conference on Security' in page.text
    english = client.get("/pacts/osce?lang=en").text
    assert "<p>Final Act of the Conference on Security" in english
    sanctions = client.get("/sanctions?lang=fr").text
    assert "<td>économique</td>" in sanctions  # the seeded EU measure of 2014


def test_french_pact_page_writes_frozen_reasons_and_members_in_french(client: TestClient) -> None:
    _seed(client)
    french = client.get("/pacts/osce?lang=fr").text
    assert "aucune étape franchie depuis le 2014-09-05" in french
    assert "PA-X : aucun accord de paix global pour les parties de 2014 à 2023" in french
    ucdp = re.search(r"UCDP 2023 : ([\d\u202f]+) morts dues à la violence organisée", french)
    assert ucdp is not None
    assert "\u202f" in ucdp.group(1)  # 75 393, grouped the French way
    assert "no stage progress" not in french
    assert "deaths in organized violence" not in french
    members = french.split('id="members-heading"', 1)[1].split("</section>", 1)[0]
    assert ">Allemagne</a>" in members
    assert ">Germany</a>" not in members
    assert members.index(">Géorgie</a>") < members.index(">Grèce</a>")  # accents ignored
    english = client.get("/pacts/osce?lang=en").text
    assert re.search(r"UCDP 2023: [\d,]+ deaths in organized violence", english)
    assert ">Germany</a>" in english


def test_monitor_reports_and_decides_an_incident(
    any_backend_client: TestClient, sign_in: SignIn
) -> None:
    client = any_backend_client
    _seed(client)
    sign_in(client, "monitor")
    form = client.get("/pacts/osce/monitor")
    assert form.status_code == 200
    token = csrf_from(form.text)
    created = client.post(
        "/pacts/osce/incidents", data={**INCIDENT, "csrf_token": token}, follow_redirects=False
    )
    assert created.status_code == 303
    assert created.headers["location"] == "/pacts/osce/monitor#incidents"
    monitor = client.get("/pacts/osce/monitor").text
    incident_id = re.search(r"/pacts/osce/incidents/(\d+)/verdict", monitor).group(1)  # type: ignore[union-attr]
    decided = client.post(
        f"/pacts/osce/incidents/{incident_id}/verdict",
        data={"finding": "violation", "reasoning": "Established", "csrf_token": token},
        follow_redirects=False,
    )
    assert decided.status_code == 303
    public = client.get("/pacts/osce").text
    assert "Kyiv" in public
    assert "ucdp.uu.se/conflict/13243" in public  # Russia - Ukraine in UCDP/PRIO ACD
    assert "violation (" in public
    api = client.get("/api/v1/pacts/osce/incidents").json()
    assert api[0]["verdict"]["finding"] == "violation"
    feed = client.get("/feed.atom?lang=en").text
    assert "Verdict: violation — Russia, Kyiv (2022-02-24)" in feed
    french = client.get("/feed.atom?lang=fr").text
    assert "Verdict : violation — Russie, Kyiv (2022-02-24)" in french
    assert "/data/pact-incidents.csv" in client.get("/data").text
    rows = client.get("/data/pact-incidents.csv").text.splitlines()
    assert rows[0].startswith("id,pact,occurred_on,place")
    assert rows[1].startswith(
        f"{incident_id},osce,2022-02-24,Kyiv,UKR,369,365,RUS,2;3,decided,violation,"
    )
    assert "13243" in rows[1]
    again = client.post(
        f"/pacts/osce/incidents/{incident_id}/verdict",
        data={"finding": "violation", "reasoning": "Again", "csrf_token": token},
    )
    assert again.status_code == 409


def test_bad_form_input_is_refused_and_writes_nothing(client: TestClient, sign_in: SignIn) -> None:
    settings = _seed(client)
    sign_in(client, "monitor")
    token = csrf_from(client.get("/pacts/osce/monitor").text)
    for field, value, message in (
        ("occurred_on", "2022-02-30", "field &#39;occurred_on&#39;"),
        ("accused", "Narnia", "field &#39;accused&#39;"),
        ("principles", "11", "has no principle 11"),
        ("evidence", "javascript:alert(1)", "field &#39;evidence&#39;"),
    ):
        response = client.post(
            "/pacts/osce/incidents", data={**INCIDENT, field: value, "csrf_token": token}
        )
        assert response.status_code == 422, field
        assert message in response.text, field
    assert _incidents(settings) == 0
    bad = client.post(
        "/pacts/osce/notifications",
        data={"country": "RUS", "kind": "parade", "subject": "x", "csrf_token": token},
    )
    assert bad.status_code == 422
    assert "is not one of" in bad.text


def test_a_control_character_in_any_field_is_refused_and_writes_nothing(
    client: TestClient, sign_in: SignIn
) -> None:
    """The tester's case: a NUL and a vertical tab in a verdict made the Atom feed unreadable."""
    settings = _seed(client)
    sign_in(client, "admin")
    token = csrf_from(client.get("/pacts/osce/monitor").text)
    refused = client.post(
        "/pacts/osce/incidents", data={**INCIDENT, "place": "Ky\x00iv", "csrf_token": token}
    )
    assert refused.status_code == 422
    assert "Form field &#39;place&#39;: contains the control character U+0000" in refused.text
    forged = client.post(
        "/pacts/osce/incidents", data={**INCIDENT, "place": "Ky\x00iv", "csrf_token": "forged"}
    )
    assert forged.status_code == 403  # a forged form is refused as forged first
    assert _incidents(settings) == 0
    client.post("/pacts/osce/incidents", data={**INCIDENT, "csrf_token": token})
    incident_id = re.search(  # type: ignore[union-attr]
        r"/pacts/osce/incidents/(\d+)/verdict", client.get("/pacts/osce/monitor").text
    ).group(1)
    verdict = {"finding": "violation", "reasoning": "Clear breach\x0b of principle\x00 2"}
    refused = client.post(
        f"/pacts/osce/incidents/{incident_id}/verdict",
        data={**verdict, "csrf_token": token},
        follow_redirects=False,
    )
    assert refused.status_code == 422
    assert "&#39;reasoning&#39;: contains the control character U+000B" in refused.text
    french = client.post(
        f"/pacts/osce/incidents/{incident_id}/verdict?lang=fr",
        data={**verdict, "csrf_token": token},
    )
    assert "Le champ « reasoning »\u00a0: contient le caractère de contrôle U+000B" in french.text
    api = client.get("/api/v1/pacts/osce/incidents").json()
    assert api[0]["verdict"] is None
    ET.fromstring(client.get("/feed.atom").content)  # still well-formed
    multiline = client.post(  # tab, line feed and carriage return are text
        f"/pacts/osce/incidents/{incident_id}/verdict",
        data={**verdict, "reasoning": "Clear breach\r\n\tof principle 2", "csrf_token": token},
        follow_redirects=False,
    )
    assert multiline.status_code == 303


def test_incidents_csv_neutralises_spreadsheet_formulas(
    client: TestClient, sign_in: SignIn
) -> None:
    _seed(client)
    sign_in(client, "monitor")
    token = csrf_from(client.get("/pacts/osce/monitor").text)
    place = '=HYPERLINK("http://evil.example","Kyiv")'
    created = client.post(
        "/pacts/osce/incidents",
        data={**INCIDENT, "place": place, "summary": "-1+1", "csrf_token": token},
        follow_redirects=False,
    )
    assert created.status_code == 303
    rows = list(csv.reader(io.StringIO(client.get("/data/pact-incidents.csv").text)))
    assert rows[1][3] == "'" + place
    assert rows[1][6:8] == ["365", "RUS"]  # numbers untouched
    assert place in client.get("/pacts/osce").text.replace("&#34;", '"')  # stored as typed


def test_writes_need_the_monitor_role_and_a_csrf_token(client: TestClient, sign_in: SignIn) -> None:
    settings = _seed(client)
    assert client.post(
        "/pacts/osce/incidents", data=INCIDENT, follow_redirects=False
    ).status_code in (401, 403)
    assert client.get("/pacts/osce/monitor", follow_redirects=False).status_code == 303  # to /login
    assert client.get("/pacts/tracks", follow_redirects=False).status_code == 303
    sign_in(client, "analyst")
    token = csrf_from(client.get("/login").text)
    assert client.get("/pacts/osce/monitor").status_code == 403
    assert (
        client.post("/pacts/osce/incidents", data={**INCIDENT, "csrf_token": token}).status_code
        == 403
    )
    client.post("/logout", data={"csrf_token": token})
    sign_in(client, "monitor")
    assert client.post("/pacts/osce/incidents", data=INCIDENT).status_code == 403  # no token
    assert _incidents(settings) == 0


def test_tracks_refuse_direct_contact_with_a_banned_group(
    client: TestClient, sign_in: SignIn
) -> None:
    sign_in(client, "monitor")
    page = client.get("/pacts/tracks")
    assert page.status_code == 200
    token = csrf_from(page.text)
    added = client.post(
        "/pacts/tracks/counterparts",
        data={
            "name": "Group Z (fictitious)",
            "audience": "armed_group",
            "contact_ban": "true",
            "csrf_token": token,
        },
        follow_redirects=False,
    )
    assert added.status_code == 303
    contact = {"counterpart": "1", "met_on": "2024-01-10", "summary": "Talks", "csrf_token": token}
    refused = client.post("/pacts/tracks/contacts", data={**contact, "channel": "direct"})
    assert refused.status_code == 403
    assert "can only be engaged through a private mediator" in refused.text
    mediated = client.post(
        "/pacts/tracks/contacts",
        data={**contact, "channel": "private_mediator", "intermediary": "Mediator M"},
        follow_redirects=False,
    )
    assert mediated.status_code == 303
    assert "Mediator M" in client.get("/pacts/tracks").text


def test_monitor_registers_a_sanction_and_pairs_a_gesture(
    client: TestClient, sign_in: SignIn
) -> None:
    sign_in(client, "monitor")
    page = client.get("/sanctions")
    token = csrf_from(page.text)
    measure = {
        "imposed_by": "EU",
        "target": "Test target",
        "category": "travel",
        "reason": "Stated reason",
        "adopted_on": "2020-01-01",
        "source": "https://eur-lex.europa.eu/",
        "csrf_token": token,
    }
    missing_source = client.post("/sanctions", data={**measure, "source": ""})
    assert missing_source.status_code == 422
    assert "field &#39;source&#39;" in missing_source.text
    assert client.post("/sanctions", data=measure, follow_redirects=False).status_code == 303
    paired = client.post(
        "/sanctions/1/pairs",
        data={"gesture": "A gesture", "gesture_country": "RUS", "csrf_token": token},
        follow_redirects=False,
    )
    assert paired.status_code == 303
    agreed = client.post(
        "/sanctions/pairs/1/status",
        data={"status": "agreed", "csrf_token": token},
        follow_redirects=False,
    )
    assert agreed.status_code == 303
    register = client.get("/api/v1/sanctions").json()
    assert register["pairs"][0]["status"] == "agreed"
    back = client.post("/sanctions/pairs/1/status", data={"status": "agreed", "csrf_token": token})
    assert back.status_code == 409


def test_monitor_forms_for_commitments_notifications_roadmap_and_members(
    client: TestClient, sign_in: SignIn
) -> None:
    _seed(client)
    sign_in(client, "monitor")
    token = csrf_from(client.get("/pacts/osce/monitor").text)

    def post(path: str, **data: str) -> int:
        response = client.post(path, data={**data, "csrf_token": token}, follow_redirects=False)
        return response.status_code

    assert (
        post(
            "/pacts/osce/commitments",
            basket="cooperation",
            title="Energy transit talks",
            owner="Secretariat",
            due_on="2020-01-01",
        )
        == 303
    )
    assert "overdue" in client.get("/pacts/osce").text
    commitment = client.get("/api/v1/pacts/osce/commitments").json()[0]
    assert commitment["overdue"] is True
    assert post(f"/pacts/osce/commitments/{commitment['id']}/close", status="fulfilled") == 303
    assert client.get("/api/v1/pacts/osce/commitments").json()[0]["status"] == "fulfilled"

    assert (
        post(
            "/pacts/osce/notifications",
            country="RUS",
            kind="military_activity",
            subject="Exercise",
            starts_on="2021-09-10",
            troops="12000",
        )
        == 303
    )
    [notification] = client.get("/api/v1/pacts/osce/notifications?as_of=2021-08-01").json()
    assert (notification["status"], notification["due_on"]) == ("overdue", "2021-07-30")
    assert post(f"/pacts/osce/notifications/{notification['id']}/sent", sent_on="2021-07-20") == 303
    assert client.get("/api/v1/pacts/osce/notifications").json()[0]["status"] == "on_time"

    assert (
        post(
            "/pacts/osce/processes",
            name="Test process",
            parties="ARM, AZE",
            started_on="2020-11-10",
        )
        == 303
    )
    roadmap = client.get("/api/v1/pacts/osce/roadmap").json()
    process = next(p for p in roadmap if p["name"] == "Test process")
    assert process["parties"] == [371, 373]
    assert (
        post(
            f"/pacts/osce/processes/{process['id']}/stages",
            stage="diplomatic_dialogue",
            reached_on="2021-01-11",
        )
        == 303
    )
    assert (
        post(
            f"/pacts/osce/processes/{process['id']}/stages",
            stage="diplomatic_dialogue",
            reached_on="2021-02-11",
        )
        == 409
    )

    assert post("/pacts/osce/members", country="FRA", joined_on="2000-01-01") == 409
    assert post("/pacts/osce/members", country="Narnia", joined_on="2000-01-01") == 422
    assert post("/pacts/osce/members", country="JPN", joined_on="2020-01-01") == 303
    assert 740 in client.get("/api/v1/pacts/osce").json()["members_today"]


def test_impossible_dates_are_refused_by_every_form_and_write_nothing(
    client: TestClient, sign_in: SignIn
) -> None:
    _seed(client)
    sign_in(client, "monitor")
    token = csrf_from(client.get("/pacts/osce/monitor").text)
    before = {
        path: client.get(path).json()
        for path in (
            "/api/v1/pacts/osce",
            "/api/v1/pacts/osce/commitments",
            "/api/v1/pacts/osce/notifications",
            "/api/v1/pacts/osce/roadmap",
            "/api/v1/sanctions",
        )
    }
    for path, data, message in (
        ("/pacts/osce/members", {"country": "JPN", "joined_on": "2999-12-31"}, "in the future"),
        (
            "/pacts/osce/commitments",
            {"basket": "security", "title": "t", "owner": "FRA", "due_on": "1800-01-01"},
            "before the pact was signed (1975-08-01)",
        ),
        (
            "/pacts/osce/processes",
            {"name": "p", "parties": "ARM;AZE", "started_on": "1800-01-01"},
            "was not an independent state",
        ),
        (
            "/pacts/osce/notifications",
            {
                "country": "FRA",
                "kind": "information_exchange",
                "subject": "s",
                "due_on": "2999-12-31",
            },
            "more than 10 years ahead",
        ),
        (
            "/sanctions",
            {
                "imposed_by": "EU",
                "target": "Russia",
                "target_country": "RUS",
                "category": "economic",
                "reason": "r",
                "adopted_on": "1800-01-01",
                "source": "https://eur-lex.europa.eu/",
            },
            "was not an independent state",
        ),
    ):
        response = client.post(path, data={**data, "csrf_token": token}, follow_redirects=False)
        assert response.status_code == 422, path
        assert message in response.text, path
    assert {path: client.get(path).json() for path in before} == before


@pytest.mark.parametrize("number", ["0", "99", "2147483648", "99999999999999999999"])
@pytest.mark.parametrize(
    ("path", "form"),
    [
        ("/pacts/osce/commitments/{n}/close", {"status": "fulfilled"}),
        ("/pacts/osce/notifications/{n}/sent", {"sent_on": "2021-07-20"}),
        ("/pacts/osce/incidents/{n}/verdict", {"finding": "violation", "reasoning": "r"}),
        ("/pacts/osce/incidents/{n}/status", {"status": "under_review"}),
        (
            "/pacts/osce/processes/{n}/stages",
            {"stage": "diplomatic_dialogue", "reached_on": "2021-01-11"},
        ),
        ("/sanctions/{n}/pairs", {"gesture": "A gesture", "gesture_country": "RUS"}),
        ("/sanctions/pairs/{n}/status", {"status": "agreed"}),
    ],
)
def test_a_form_for_a_record_that_is_not_there_is_a_404(
    client: TestClient, sign_in: SignIn, path: str, form: dict[str, str], number: str
) -> None:
    """As on the API: a number naming no record is "not found", whatever its size (these
    routes answered 422 for 0 and beyond 2,147,483,647)."""
    _seed(client)
    sign_in(client, "monitor")
    token = csrf_from(client.get("/pacts/osce/monitor").text)
    response = client.post(path.format(n=number), data={**form, "csrf_token": token})
    assert response.status_code == 404
    malformed = client.post(path.format(n="x1"), data={**form, "csrf_token": token})
    assert malformed.status_code == 422
