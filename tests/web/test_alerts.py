"""Alerts, brief, criteria, analogues and the action registry over real HTTP (in-process app)."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pandas as pd
import pytest
from fastapi.testclient import TestClient

from detente.analytics import load_panel
from detente.countries import get_state
from detente.numbers import percent
from detente.settings import Settings
from detente.store import Database, list_audit
from detente.warning.alert_rules import evaluate_rules, parse_rules
from detente.warning.alerts import Alert, get_alert, run_alerts
from detente.warning.brief import latest_period
from detente.warning.criteria import criteria_frame
from detente.warning.models import AlertRow
from detente.web.names import country_name
from detente.web.routes.alerts import last_months
from detente.web.routes.alerts_text import INPUT_LABELS
from tests.warning.alerts_support import ONSET_ONLY, poisson_forecast
from tests.web.conftest import SignIn, csrf_from


@pytest.fixture(scope="module")
def panel(analytics_path: Path) -> pd.DataFrame:
    return load_panel(analytics_path, "cy")


def _settings(client: TestClient) -> Settings:
    settings: Settings = client.app.state.settings  # type: ignore[attr-defined]
    return settings


def _raise_alert(client: TestClient, panel: pd.DataFrame) -> int:
    """An onset alert for Iceland (2014) from a forecast built on real panel values."""
    return _create_alert(client, panel).id


def _create_alert(client: TestClient, panel: pd.DataFrame, model: object = None) -> Alert:
    """The Iceland onset alert itself; ``model`` explains the forecast when given."""
    settings = _settings(client)
    database = Database(settings.sqlalchemy_url)
    try:
        with database.session() as session:
            result = run_alerts(
                session,
                settings,
                poisson_forecast(panel, 2013, level={395: 40.0}),
                actor="test",
                panel=panel,
                config=ONSET_ONLY,
                model_name="poisson-test",
                model=model,
            )
    finally:
        database.dispose()
    return result.created[0]


def _status(client: TestClient, alert_id: int) -> str:
    database = Database(_settings(client).sqlalchemy_url)
    try:
        with database.session() as session:
            return get_alert(session, alert_id).status
    finally:
        database.dispose()


def test_public_list_and_alert_page(client: TestClient, panel: pd.DataFrame) -> None:
    empty = client.get("/alerts")
    assert empty.status_code == 200
    assert "No alerts yet" in empty.text
    alert_id = _raise_alert(client, panel)
    listed = client.get("/alerts")
    assert f'href="/alerts/{alert_id}"' in listed.text
    assert "Iceland" in listed.text
    page = client.get(f"/alerts/{alert_id}")
    assert page.status_code == 200
    for text in (
        "Risk of a new conflict",
        "Why this alert",
        "The four recognised criteria",
        "Lessons from past crises",
        "model poisson-test, data up to 2013",
    ):
        assert text in page.text, text
    # the forecast's line links to the country's track record of past forecasts
    assert '<a href="/countries/ISL#track-heading">how its past forecasts did here</a>' in (
        page.text
    )
    assert "Request a team" not in page.text  # public: no forms
    assert 'method="post"' not in page.text.split("<main", 1)[1]
    assert client.get("/alerts/999999").status_code == 404
    assert client.get("/alerts?status=closed").text.count("/alerts/") < listed.text.count(
        "/alerts/"
    )


def test_coordinator_requests_a_team_and_goes_to_the_response_page(
    any_backend_client: TestClient, sign_in: SignIn, panel: pd.DataFrame
) -> None:
    client = any_backend_client
    alert_id = _raise_alert(client, panel)
    username = sign_in(client, "coordinator")
    page = client.get(f"/alerts/{alert_id}")
    assert "Request a team" in page.text
    response = client.post(
        f"/alerts/{alert_id}/request-team",
        data={"csrf_token": csrf_from(page.text), "note": "urgent"},
        follow_redirects=False,
    )
    assert response.status_code == 303
    assert response.headers["location"] == f"/response/teams/new?alert={alert_id}&country=ISL"
    assert _status(client, alert_id) == "team_requested"
    after = client.get(f"/alerts/{alert_id}")
    assert "Assemble the team" in after.text
    assert f"/response/teams/new?alert={alert_id}&amp;country=ISL" in after.text
    again = client.post(
        f"/alerts/{alert_id}/request-team",
        data={"csrf_token": csrf_from(page.text)},
        follow_redirects=False,
    )
    assert again.status_code == 409
    database = Database(_settings(client).sqlalchemy_url)
    try:
        with database.session() as session:
            actions = [a.action for a in list_audit(session, entity="alert", actor=username)]
    finally:
        database.dispose()
    assert actions == ["alert_team_requested", "alert_acknowledged"]


def test_write_routes_check_role_and_csrf(
    client: TestClient, sign_in: SignIn, panel: pd.DataFrame
) -> None:
    alert_id = _raise_alert(client, panel)
    anonymous = client.post(f"/alerts/{alert_id}/acknowledge", data={"csrf_token": "x"})
    assert anonymous.status_code in (401, 403)
    sign_in(client, "delegate", 220)
    token = csrf_from(client.get("/alerts/" + str(alert_id)).text)
    forbidden = client.post(
        f"/alerts/{alert_id}/acknowledge", data={"csrf_token": token}, follow_redirects=False
    )
    assert forbidden.status_code == 403
    client.post("/logout", data={"csrf_token": token})
    sign_in(client, "analyst")
    page = client.get(f"/alerts/{alert_id}")
    assert "Request a team" not in page.text  # analysts review, coordinators request teams
    no_token = client.post(f"/alerts/{alert_id}/acknowledge", data={}, follow_redirects=False)
    assert no_token.status_code == 403
    token = csrf_from(page.text)
    ok = client.post(
        f"/alerts/{alert_id}/acknowledge", data={"csrf_token": token}, follow_redirects=False
    )
    assert ok.status_code == 303
    assert _status(client, alert_id) == "acknowledged"
    team = client.post(
        f"/alerts/{alert_id}/request-team", data={"csrf_token": token}, follow_redirects=False
    )
    assert team.status_code == 403
    closed = client.post(
        f"/alerts/{alert_id}/close",
        data={"csrf_token": token, "note": "false alarm"},
        follow_redirects=False,
    )
    assert closed.status_code == 303
    assert _status(client, alert_id) == "closed"
    assert "false alarm" in client.get(f"/alerts/{alert_id}").text


def test_brief_pages(client: TestClient) -> None:
    latest = client.get("/brief", follow_redirects=False)
    assert latest.status_code == 307
    assert latest.headers["location"] == f"/brief/{latest_period()}"
    year = client.get("/brief/2023")
    assert year.status_code == 200
    assert '<a href="/countries/ISR">Israel</a>: deaths rose from 98 in 2022' in year.text
    assert client.get("/brief/2023-13").status_code == 422
    assert client.get("/brief/2999").status_code == 404
    api = client.get("/api/v1/brief/2023").json()
    assert api["data_year"] == 2023
    assert "## Deteriorations (2023)" in api["markdown"]


def test_home_country_page_and_feed(client: TestClient, panel: pd.DataFrame) -> None:
    alert_id = _raise_alert(client, panel)
    home = client.get("/")
    assert "Top alerts" in home.text
    assert f'href="/alerts/{alert_id}"' in home.text
    assert "Latest brief" in home.text
    country = client.get("/countries/UKR")
    assert "The four recognised criteria in 2023" in country.text
    assert "Threat of intervention from neighbours" in country.text
    assert "Lessons from past crises" in country.text
    iceland = client.get("/countries/ISL")
    assert f'href="/alerts/{alert_id}"' in iceland.text  # its open alert
    feed = client.get("/feed.atom")
    root = ET.fromstring(feed.content)
    ids = [e.text for e in root.iter("{http://www.w3.org/2005/Atom}id")]
    assert f"urn:detente:alert:{alert_id}" in ids
    assert f"urn:detente:brief:{latest_period()}" in ids


def test_api(client: TestClient, panel: pd.DataFrame) -> None:
    alert_id = _raise_alert(client, panel)
    listed = client.get("/api/v1/alerts").json()
    assert [a["id"] for a in listed] == [alert_id]
    assert listed[0]["iso3"] == "ISL"
    assert listed[0]["score_kind"] == "probability"  # an onset alert's score is a chance
    assert client.get(f"/api/v1/alerts/{alert_id}").json()["explanation"]["rule"]["name"] == "onset"
    assert client.get("/api/v1/alerts?status=nope").status_code == 422
    assert client.get("/api/v1/alerts/424242").status_code == 404
    assert client.get(f"/api/v1/alerts/{10**12}").status_code == 404
    criteria = client.get("/api/v1/criteria/UKR?year=2022").json()
    assert criteria["year"] == 2022
    assert {c["key"]: c["score"] for c in criteria["criteria"]}["intervention"] >= 0.5
    assert client.get("/api/v1/criteria/UKR").json()["year"] == 2023
    assert client.get("/api/v1/criteria/Atlantis").status_code == 404
    assert client.get("/api/v1/criteria/UKR?year=2030").status_code == 404
    assert client.get("/api/v1/criteria/SSD?year=2005").status_code == 404
    analogues = client.get("/api/v1/analogues/MLI?year=2011&k=3").json()
    assert len(analogues["analogues"]) == 3
    assert client.get("/api/v1/analogues/SSD?year=2005").status_code == 404
    assert client.get("/api/v1/brief/2999").status_code == 404
    assert client.get("/api/v1/brief/2023-13").status_code == 422


def test_a_state_not_independent_that_year_is_the_same_404_for_criteria_and_analogues(
    client: TestClient,
) -> None:
    """Analogues said "panel, field 'period': no panel row for state 626 in 2005"."""
    criteria = client.get("/api/v1/criteria/SSD?year=2005")
    analogues = client.get("/api/v1/analogues/SSD?year=2005")
    assert (analogues.status_code, criteria.status_code) == (404, 404)
    assert analogues.json() == criteria.json()
    assert analogues.json()["detail"].startswith(
        "gwno 626 (South Sudan) was not an independent state in 2005"
    )


def test_analyst_records_actions_and_bad_input_comes_back(
    any_backend_client: TestClient, sign_in: SignIn
) -> None:
    client = any_backend_client
    public = client.get("/actions")
    assert "None recorded yet." in public.text
    assert "Record an organisation action" not in public.text
    sign_in(client, "analyst")
    page = client.get("/actions")
    token = csrf_from(page.text)
    ok = client.post(
        "/actions",
        data={
            "csrf_token": token,
            "country": "Mali",
            "org": "ECOWAS",
            "kind": "mission",
            "acted_on": "2013-01-17",
            "title": "AFISMA (test record)",
            "source": "test",
        },
        follow_redirects=False,
    )
    assert ok.status_code == 303
    assert "AFISMA (test record)" in client.get("/actions").text
    bad = client.post(
        "/actions",
        data={
            "csrf_token": token,
            "country": "Mali",
            "org": "WTO",
            "kind": "mission",
            "acted_on": "2013-01-17",
            "title": "x",
            "source": "y",
        },
    )
    assert bad.status_code == 422
    assert "is not a tracked organisation" in bad.text
    mediation = client.post(
        "/actions/mediation",
        data={
            "csrf_token": token,
            "country": "MLI",
            "track": "private",
            "mediator": "Test NGO",
            "started_on": "2014-01-01",
            "ended_on": "2013-01-01",
            "title": "t",
            "source": "s",
        },
    )
    assert mediation.status_code == 422
    assert "before the start" in mediation.text
    criteria = client.get("/api/v1/criteria/MLI?year=2013").json()
    organisations = next(c for c in criteria["criteria"] if c["key"] == "organisations")
    assert organisations["inputs"]["weighted_actions"] == 3.0


def test_french_pages(client: TestClient, panel: pd.DataFrame) -> None:
    alert_id = _raise_alert(client, panel)
    assert "<h1>Alertes</h1>" in client.get("/alerts?lang=fr").text
    page = client.get(f"/alerts/{alert_id}?lang=fr")
    assert "Pourquoi cette alerte" in page.text
    assert "P(25 morts ou plus en 2014) = " in page.text
    assert "après 3 périodes calmes" in page.text
    # the creation step of the history reads in French too, not as the stored English sentence
    history = page.text.split("après 3 périodes calmes", 1)[1]
    assert "→ nouvelle (P(25 morts ou plus en 2014) = " in history
    assert "calm periods" not in page.text
    english = client.get(f"/alerts/{alert_id}?lang=en").text
    assert "P(25 or more deaths in 2014) = " in english
    assert "%, at or above 30%, after 3 calm periods" in english
    assert (
        "Risque d&#39;un nouveau conflit" in page.text or "Risque d'un nouveau conflit" in page.text
    )
    brief = client.get("/brief/2023?lang=fr").text
    assert "<h1>Bulletin 2023</h1>" in brief
    assert "Dégradations (2023)" in brief
    assert '<a href="/countries/ISR">Israël</a> : les morts sont passées de 98' in brief
    markdown = client.get("/api/v1/brief/2023?language=fr").json()["markdown"]
    assert "## Améliorations (2023)" in markdown
    assert "Éthiopie : " in markdown


def test_criterion_escalation_and_surge_reasons_read_in_both_languages(
    client: TestClient, panel: pd.DataFrame
) -> None:
    settings = _settings(client)
    config = parse_rules(
        "[onset]\nenabled = false\n[[criteria]]\ncriterion = 'intervention'\nthreshold = 0.5\n"
    )
    database = Database(settings.sqlalchemy_url)
    try:
        with database.session() as session:
            run_alerts(
                session,
                settings,
                poisson_forecast(panel, 2022, scale={475: 3.0}),
                actor="test",
                panel=panel,
                config=config,
                with_analogues=False,
            )
    finally:
        database.dispose()
    english = client.get("/alerts?lang=en").text
    assert "Threat of intervention from neighbours rose to 0.90 in 2022 (from 0.40)" in english
    assert "times the recent level" in english  # Nigeria's escalation
    french = client.get("/alerts?lang=fr").text
    assert "Menace d&#39;intervention des pays voisins : passé à 0,90 en 2022" in french
    assert "fois le niveau récent" in french
    # Nigeria's surge: its chance of more than twice the worst of 2020-2022
    assert "25 or more and over 2.0 times the worst of the last 3 periods" in english
    assert "au moins 25 et plus de 2,0 fois la pire des 3 dernières périodes" in french
    assert "Risk of a surge in deaths" in english
    assert "Risque d'une forte hausse des morts" in french
    # scored by the chance of the rise itself, read from the draws
    assert re.search(r"; chance of [\d,]+ or more: \d+%", english)
    assert re.search("; probabilité de [\\d\u202f]+ ou plus\u00a0: \\d+\u00a0%", french)
    # Nigeria's two alerts of 2023 point to each other
    nigeria = {a["rule"]: a for a in client.get("/api/v1/alerts").json() if a["gwno"] == 475}
    escalation, surge = nigeria["escalation"]["id"], nigeria["surge"]["id"]
    page = client.get(f"/alerts/{escalation}?lang=en").text
    assert "Also raised for Nigeria in 2023:" in page
    assert f'<li><a href="/alerts/{surge}">Risk of a surge in deaths</a> (chance ' in page
    page_fr = client.get(f"/alerts/{surge}?lang=fr").text
    assert "Également émises pour Nigeria en 2023\u00a0:" in page_fr
    assert f'<a href="/alerts/{escalation}">Risque d\'escalade</a> (probabilité ' in page_fr
    # a criterion's score is an index, not a chance: written as a score
    assert '<td class="num">0.90</td>' in english
    assert '<td class="num">0,90</td>' in french


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (dt.date(2026, 12, 1), ["2026-12", "2026-11", "2026-10"]),  # 1 Dec - 31 days skipped Nov
        (dt.date(2027, 3, 1), ["2027-03", "2027-02", "2027-01"]),
        (dt.date(2027, 1, 31), ["2027-01", "2026-12", "2026-11"]),
    ],
)
def test_the_feed_lists_the_last_three_calendar_months(today: dt.date, expected: list[str]) -> None:
    assert [f"{m:%Y-%m}" for m in last_months(today, 3)] == expected


def test_briefs_start_where_the_data_allow_and_link_only_to_existing_ones(
    client: TestClient,
) -> None:
    """The panel starts in 1989: yearly briefs from 1990, monthly ones from 1991-01."""
    first_month = client.get("/brief/1991-01")
    assert first_month.status_code == 200
    assert "Previous brief" not in first_month.text
    assert 'href="/brief/1991-01"' in client.get("/brief/1991-02").text
    first_year = client.get("/brief/1990")
    assert first_year.status_code == 200
    assert "Previous brief" not in first_year.text
    too_early = client.get("/brief/1990-12")
    assert too_early.status_code == 404
    assert "There is no brief for 1990-12." in too_early.text
    api = client.get("/api/v1/brief/1990-12")
    assert api.status_code == 404
    assert "monthly ones in 1991-01" in api.json()["detail"]


@pytest.mark.parametrize("period", ["2023-13", "2023-1", "23", "next", "2023-12-01"])
def test_a_malformed_period_is_refused_alike_on_the_page_and_the_api(
    client: TestClient, period: str
) -> None:
    """The command line's message, not the regular expression (was: "String should match
    pattern '^\\d{4}(-(0[1-9]|1[0-2]))?$'")."""
    message = f"'{period}' is not YYYY-MM or YYYY (e.g. 2026-11)"
    page = client.get(f"/brief/{period}")
    assert page.status_code == 422
    assert message.replace("'", "&#39;") in page.text
    assert "pattern" not in page.text
    api = client.get(f"/api/v1/brief/{period}")
    assert api.status_code == 422
    assert api.json()["detail"] == [
        {"type": "value_error", "loc": ["path", "period"], "msg": message, "input": period}
    ]


@pytest.mark.parametrize("period", ["1989-01", "1990-01", "1989", "1899", "2999", "2999-01"])
def test_a_period_without_a_brief_is_not_found_alike_on_the_page_and_the_api(
    client: TestClient, period: str
) -> None:
    """Before the data or in the future: 404 on both (the page said 422, the API 404)."""
    page = client.get(f"/brief/{period}")
    assert page.status_code == 404
    assert f"There is no brief for {period}." in page.text
    api = client.get(f"/api/v1/brief/{period}")
    assert api.status_code == 404
    assert api.json()["detail"].startswith(f"There is no brief for {period}: ")


def test_criterion_inputs_read_as_text_not_python(client: TestClient) -> None:
    page = client.get("/countries/SDN").text
    assert "<code>pax_examples</code>" in page  # named as in the formula
    # an agreement as "date: name (PA-X id)", the id linking to the agreement's page at PA-X
    assert (
        '(<a href="https://www.peaceagreements.org/view/2243" rel="external">PA-X 2243</a>)' in page
    )
    assert "<code>pax_with_member_org</code>" in page
    assert "{&#39;id&#39;" not in page
    assert "[&#39;AU&#39;" not in page
    assert "AU, IGAD, LAS" in page
    assert ">True<" not in page
    french = client.get("/countries/SDN?lang=fr").text
    assert ">oui<" in french


def test_neighbours_in_conflict_are_named_and_linked_without_their_codes(
    client: TestClient,
) -> None:
    """Beside "25 or more state-based deaths", "Chad (483)" read as 483 deaths."""
    page = client.get("/countries/SDN?lang=en").text
    start = page.index("<code>neighbours_in_conflict</code>")
    shown = page[start : page.index("</dd>", start)]
    assert '<a href="/countries/TCD">Chad</a>' in shown
    assert "(483)" not in shown
    assert "(482)" not in shown
    french = client.get("/countries/SDN?lang=fr").text
    assert '<a href="/countries/TCD">Tchad</a>' in french
    assert "Tchad (483)" not in french


def test_an_unknown_status_or_rule_filter_is_refused(client: TestClient) -> None:
    assert client.get("/alerts?status=abc").status_code == 422
    assert client.get("/alerts?status=").status_code == 200  # "any status"
    assert client.get("/alerts?status=new").status_code == 200
    refused = client.get("/alerts?rule=surg")
    assert refused.status_code == 422
    assert "&#39;surg&#39; is not one of onset, escalation, surge" in refused.text
    assert client.get("/alerts?rule=").status_code == 200  # "any rule"
    assert client.get("/api/v1/alerts?rule=surg").status_code == 422


def test_the_list_filters_by_rule(client: TestClient, panel: pd.DataFrame) -> None:
    alert_id = _raise_alert(client, panel)  # Iceland's onset
    onsets = client.get("/alerts?rule=onset&lang=en").text
    assert f'href="/alerts/{alert_id}"' in onsets
    assert '<option value="onset" selected>Risk of a new conflict</option>' in onsets
    surges = client.get("/alerts?rule=surge&status=new&lang=en").text
    assert f'href="/alerts/{alert_id}"' not in surges
    assert "No alert matches this filter." in surges
    assert (
        "Aucune alerte ne correspond à ce filtre." in client.get("/alerts?rule=surge&lang=fr").text
    )
    assert [a["id"] for a in client.get("/api/v1/alerts?rule=onset").json()] == [alert_id]
    assert client.get("/api/v1/alerts?rule=criterion:mediation").json() == []


def test_the_analogue_summary_reads_in_french(client: TestClient) -> None:
    english = client.get("/countries/SDN").text
    assert "similar situations deaths rose within 3 years" in english
    french = client.get("/countries/SDN?lang=fr").text
    assert "situations semblables sur" in french
    assert "similar situations" not in french


class _ExplainedModel:
    """A stand-in model whose only skill is explaining Iceland's forecast."""

    def contributions(self, horizon: int) -> pd.DataFrame:
        return pd.DataFrame({"bias": [0.0], "sb_log": [1.4134], "sb_lag1": [-0.25]}, index=[395])


def test_alert_numbers_and_names_read_in_french(client: TestClient, panel: pd.DataFrame) -> None:
    created = _create_alert(client, panel, model=_ExplainedModel())
    # an onset alert's score is the forecast's chance of the event: written as a percentage
    chance_en, chance_fr = percent(created.score, "en"), percent(created.score, "fr")
    assert chance_en.endswith("%")
    assert chance_en != chance_fr
    french = client.get(f"/alerts/{created.id}?lang=fr").text
    english = client.get(f"/alerts/{created.id}?lang=en").text
    assert "<dt>Probabilité</dt>" in french
    assert f"</meter> {chance_fr}</dd>" in french
    assert "<dt>Chance</dt>" in english
    assert f"</meter> {chance_en}</dd>" in english
    assert f'<td class="num">{chance_fr}</td>' in client.get("/alerts?lang=fr").text
    assert f'<td class="num">{chance_en}</td>' in client.get("/alerts?lang=en").text
    assert f"(probabilité {chance_fr}, nouvelle)" in client.get("/?lang=fr").text
    # contributions with a sign, rule inputs as the language writes them
    assert '<td class="num">+1,413</td>' in french
    assert '<td class="num">+1.413</td>' in english
    # inputs named in words with the model's own name beside them
    assert "<td>state-based deaths this year <code>sb_log</code></td>" in english
    assert "<td>morts (conflits impliquant un État) cette année <code>sb_log</code></td>" in french
    assert "Contribution (log-cote)" in french
    # the onset rule's threshold is a chance, like its score
    assert "<dt>Seuil <code>threshold</code></dt><dd>30\u00a0%</dd>" in french
    assert "<dt>Threshold <code>threshold</code></dt><dd>30%</dd>" in english
    # past situations named in the page's language, from their code
    analogues = created.explanation["analogues"]["analogues"]
    renamed = [
        (a["country"], country_name(get_state(a["gwno"]), "fr"))
        for a in analogues
        if a["country"] != country_name(get_state(a["gwno"]), "fr")
    ]
    assert renamed, "no analogue has a French name different from its English one"
    for english_name, french_name in renamed:
        assert f">{french_name}</a></td>" in french
        assert f">{english_name}</a></td>" in english
    # the agreements that followed them link to their page at PA-X
    shown = [g for a in analogues for g in a["agreements"][:3]]
    assert shown, "no analogue of this alert was followed by a peace agreement"
    for agreement in shown:
        url = f"https://www.peaceagreements.org/view/{agreement['id']}"
        assert f'<a href="{url}" rel="external">' in english
    # the Atom feed summarises the alert in the feed's language
    feed = client.get("/feed.atom?lang=fr").text
    assert "P(25 morts ou plus en 2014) = " in feed
    assert "calm periods" not in feed


def test_home_brief_names_the_largest_rise_in_the_page_language(client: TestClient) -> None:
    assert "Largest rise: Israel (+" in client.get("/?lang=en").text
    assert "Israël (+" in client.get("/?lang=fr").text


def test_criterion_cards_translate_subregions_and_keep_codes_ungrouped(
    client: TestClient,
) -> None:
    french = client.get("/countries/SDN?lang=fr").text
    card = french.split("<code>subregion</code></dt><dd>", 1)[1]
    assert card.startswith("Afrique du Nord</dd>")
    assert "<code>pax_coverage</code></dt><dd>accords PA-X 1990-2020</dd>" in french
    conflicts = french.split("<code>acd_conflicts</code></dt><dd>", 1)[1].split("</dd>", 1)[0]
    link = re.compile(r'<a href="https://ucdp.uu.se/conflict/(\d+)" rel="external">\1</a>')
    parts = conflicts.split(", ")
    assert all(link.fullmatch(part) for part in parts), conflicts  # UCDP ids, not 11 345
    english = client.get("/countries/SDN?lang=en").text
    assert "<code>subregion</code></dt><dd>Northern Africa</dd>" in english


def test_every_input_of_the_criteria_and_rules_is_labelled_in_both_languages(
    client: TestClient, panel: pd.DataFrame
) -> None:
    """Each input reads as words (then the formula's name), on country and alert pages."""
    keys: set[str] = set()
    for code in ("SDN", "SYR", "ISL"):
        for criterion in client.get(f"/api/v1/criteria/{code}").json()["criteria"]:
            keys |= set(criterion["inputs"])
    every_rule = parse_rules("[[criteria]]\ncriterion = 'intervention'\nthreshold = 0.5\n")
    candidates = [
        *evaluate_rules(
            poisson_forecast(panel, 2013, level={395: 40.0}, scale={475: 3.0}), panel, every_rule
        ),
        *evaluate_rules(
            poisson_forecast(panel, 2022, n=20),
            panel,
            every_rule,
            criteria_frame(_settings(client), [2021, 2022]),
        ),
    ]
    assert {c.rule for c in candidates} >= {"onset", "escalation", "criterion:intervention"}
    for candidate in candidates:
        keys |= set(candidate.inputs)
    assert {"neighbour_deaths", "pax_examples", "cutoff", "p_over", "recent_level"} <= keys
    assert keys <= set(INPUT_LABELS), keys - set(INPUT_LABELS)
    french = client.get("/countries/SDN?lang=fr").text
    assert "<dt>Voisins terrestres <code>neighbours</code></dt>" in french
    assert (
        "<dt>Land neighbours <code>neighbours</code></dt>"
        in client.get("/countries/SDN?lang=en").text
    )


def test_an_alert_page_writes_deaths_whole_and_chances_as_percentages(
    client: TestClient,
) -> None:
    """Azerbaijan's escalation: the inputs agree with the sentence above them (944, 417)."""
    database = Database(_settings(client).sqlalchemy_url)
    inputs = {
        "cutoff": "2023",
        "forecast_mean": 943.6,
        "recent_level": 208.7,
        "factor": 2.0,
        "min_increase": 100.0,
        "at_least": 417.3,
        "p_escalation": 0.65,
        "interval_90": [16.0, 2430.6],
        "p_over_25": 0.94,
    }
    try:
        with database.session() as session:
            row = AlertRow(
                gwno=373,
                period="2024",
                rule="escalation",
                status="new",
                score=0.65,
                explanation={"rule": {"name": "escalation", "text": "", "inputs": inputs}},
            )
            onset = AlertRow(
                gwno=373,
                period="2024",
                rule="onset",
                status="new",
                score=0.35,
                explanation={
                    "rule": {
                        "name": "onset",
                        "text": "",
                        "inputs": {"p_over": 0.35, "threshold": 0.3},
                    }
                },
            )
            session.add_all([row, onset])
            session.flush()
            alert_id, onset_id = row.id, onset.id
    finally:
        database.dispose()
    page = client.get(f"/alerts/{alert_id}?lang=en").text
    for shown in (
        "<dd>944</dd>",
        "<dd>209</dd>",
        "<dd>417</dd>",
        "<dd>16–2,431</dd>",
        "<dd>65%</dd>",
    ):
        assert shown in page
    for noise in ("943.60", "417.30", "2,430.60", "208.70"):
        assert noise not in page
    assert "<dd>30%</dd>" in client.get(f"/alerts/{onset_id}?lang=en").text
    assert "<dd>30\u00a0%</dd>" in client.get(f"/alerts/{onset_id}?lang=fr").text


def test_an_escalation_alert_stored_before_it_had_a_chance_keeps_its_score(
    client: TestClient,
) -> None:
    """Escalation alerts raised before 2026-12 scored 1 - level / mean: never shown as 80%."""
    database = Database(_settings(client).sqlalchemy_url)
    inputs = {"cutoff": "2023", "forecast_mean": 336.0, "recent_level": 67.2, "factor": 2.0}
    text = "forecast mean 336 deaths in 2024 is 5.0x the recent level 67 (mean of 3 periods)"
    try:
        with database.session() as session:
            row = AlertRow(
                gwno=660,
                period="2024",
                rule="escalation",
                status="new",
                score=0.8,
                explanation={"rule": {"name": "escalation", "text": text, "inputs": inputs}},
            )
            session.add(row)
            session.flush()
            alert_id = row.id
    finally:
        database.dispose()
    assert '<td class="num">0.80</td>' in client.get("/alerts?lang=en").text
    page = client.get(f"/alerts/{alert_id}?lang=en").text
    assert "<dt>Score</dt>" in page
    assert "5.0 times the recent level 67" in page
    assert "chance of" not in page
    assert client.get(f"/api/v1/alerts/{alert_id}").json()["score_kind"] == "index"


MEDIATION = {
    "country": "SDN",
    "track": "official",
    "mediator": "IGAD",
    "started_on": "2023-05-01",
    "title": "Jeddah talks support",
    "source": "https://igad.int/",
}


def test_a_mediation_cannot_have_ended_in_the_future(client: TestClient, sign_in: SignIn) -> None:
    sign_in(client, "analyst")
    token = csrf_from(client.get("/actions").text)
    response = client.post(
        "/actions/mediation",
        data={**MEDIATION, "ended_on": "2999-12-31", "csrf_token": token},
        follow_redirects=False,
    )
    assert response.status_code == 422
    assert "field &#39;ended_on&#39;: 2999-12-31 is in the future" in response.text
    assert "Jeddah talks support" not in client.get("/actions").text


def test_a_form_sent_twice_is_refused_and_the_criterion_counts_it_once(
    client: TestClient, sign_in: SignIn
) -> None:
    sign_in(client, "analyst")
    token = csrf_from(client.get("/actions").text)

    def mediation_score() -> float:
        criteria = client.get("/api/v1/criteria/SDN").json()["criteria"]
        return float(next(c["score"] for c in criteria if c["key"] == "mediation"))

    def send(path: str, data: dict[str, str]) -> int:
        response = client.post(path, data={**data, "csrf_token": token}, follow_redirects=False)
        if response.status_code == 409:
            assert "already recorded as #1" in response.text
        return response.status_code

    before = mediation_score()
    assert send("/actions/mediation", MEDIATION) == 303
    once = mediation_score()
    assert once > before
    assert [send("/actions/mediation", MEDIATION) for _ in range(3)] == [409] * 3
    assert mediation_score() == once
    action = {
        "country": "SDN",
        "org": "IGAD",
        "kind": "mediation",
        "acted_on": "2023-05-01",
        "title": "Envoys sent",
        "source": "https://igad.int/",
    }
    assert [send("/actions", action) for _ in range(2)] == [303, 409]
