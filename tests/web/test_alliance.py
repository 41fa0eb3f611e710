"""Alliance pages and API over real HTTP: initiatives, alignment, formats, groups, texts."""

from __future__ import annotations

import datetime as dt
import io
import re

import pandas as pd
import pytest
from fastapi.testclient import TestClient

from detente.alliance.consensus import create_text, get_text, open_silence
from detente.alliance.initiatives import create_initiative
from detente.alliance.seed import load_seed
from detente.settings import REPO_ROOT, Settings
from detente.store import Database
from detente.web.names import name_sort_key
from tests.web.conftest import SignIn, csrf_from

FRA, DEU = 220, 260


def _seed(settings: Settings) -> None:
    database = Database(settings.sqlalchemy_url)
    try:
        with database.session() as session:
            load_seed(session, REPO_ROOT / "data" / "alliance")
    finally:
        database.dispose()


def _text_under_silence(settings: Settings, hours: float = 24) -> int:
    database = Database(settings.sqlalchemy_url)
    try:
        with database.session() as session:
            text = create_text(session, title="Declaration on cyber norms", actor="secretariat",
                               paragraphs=["We affirm.", "We share data."])  # fmt: skip
            open_silence(session, text.id, actor="secretariat",
                         deadline=dt.datetime.now(dt.UTC) + dt.timedelta(hours=hours))  # fmt: skip
            return text.id
    finally:
        database.dispose()


@pytest.fixture
def seeded(client: TestClient, web_settings: Settings) -> TestClient:
    _seed(web_settings)
    return client


def test_initiatives_page_shows_counts_chart_and_says_when_only_a_count_is_public(
    seeded: TestClient,
) -> None:
    page = seeded.get("/initiatives")
    assert page.status_code == 200
    assert page.text.count('href="/initiatives/') == 6
    assert "count only, list not public" in page.text
    assert 'id="initiatives-data"' in page.text
    assert "alliance/initiatives-chart.js" in page.text
    assert "81 states, 1,141 organisations" in page.text


def test_initiative_pages_list_real_supporters_or_the_count_only(seeded: TestClient) -> None:
    paris = seeded.get("/initiatives/paris-call").text
    assert 'href="/countries/FRA"' in paris
    assert "17 states" in paris
    climate = seeded.get("/initiatives/climate-and-security").text
    assert "48 states" in climate
    assert "count only, list not public" in climate
    assert 'id="endorsing-states"' not in climate
    assert seeded.get("/initiatives/nope").status_code == 404


def test_country_page_has_the_initiatives_block_and_alignment(seeded: TestClient) -> None:
    page = seeded.get("/countries/FRA").text
    assert "Initiatives endorsed" in page
    assert 'href="/initiatives/paris-call"' in page
    assert "launching state" in page
    assert "Votes most often with" in page


def test_alignment_and_formats_pages(seeded: TestClient) -> None:
    ranked = seeded.get("/alignment?state=USA&from=2000&to=2019").text
    first_row = ranked.split("<tbody>")[1].split("</tr>")[0]
    assert "Israel" in first_row
    assert seeded.get("/alignment?state=USA&issue=weather").status_code == 422
    assert seeded.get("/alignment?state=XXXX").status_code == 404
    formats = seeded.get("/formats?country=SYR&year=2017&k=8").text
    assert 'href="/countries/TUR"' in formats
    assert "land neighbour" in formats
    assert seeded.get("/opinion-groups?k=3").status_code == 200


def test_endorsements_download_in_both_formats(seeded: TestClient) -> None:
    assert "/data/endorsements.parquet" in seeded.get("/data").text
    csv = pd.read_csv(io.StringIO(seeded.get("/data/endorsements.csv").text))
    parquet = pd.read_parquet(io.BytesIO(seeded.get("/data/endorsements.parquet").content))
    assert len(csv) == len(parquet) == 1222
    assert seeded.get("/data/endorsements.xlsx").status_code == 404


def test_api(seeded: TestClient) -> None:
    listed = seeded.get("/api/v1/alliance/initiatives").json()
    assert {i["slug"] for i in listed} >= {"paris-call", "laws-11-principles"}
    assert seeded.get("/api/v1/alliance/initiatives/paris-call").json()["states"] == 81
    states = seeded.get("/api/v1/alliance/initiatives/paris-call/endorsements").json()
    assert len(states) == 1222
    assert seeded.get("/api/v1/alliance/initiatives/climate-and-security/endorsements").json() == []
    ranked = seeded.get("/api/v1/alliance/alignment", params={"state": "USA", "from": 2000})
    assert ranked.json()[0]["iso3"] == "ISR"
    pair = seeded.get("/api/v1/alliance/alignment/pair", params={"a": "FRA", "b": "DEU"}).json()
    assert pair["agreement"] > 0.8
    found = seeded.get("/api/v1/alliance/formats", params={"country": "SYR", "year": 2017}).json()
    assert {"RUS", "TUR", "IRN"} <= {s["code"] for s in found}
    groups = seeded.get("/api/v1/alliance/groups", params={"k": 3}).json()
    assert {s["group"] for s in groups["states"]} == {1, 2, 3}
    assert seeded.get("/api/v1/alliance/initiatives/nope").status_code == 404
    bad = seeded.get("/api/v1/alliance/alignment", params={"state": "USA", "issue": "x"})
    assert bad.status_code == 422


def test_formats_refuse_a_state_not_independent_that_year_as_the_criteria_do(
    seeded: TestClient,
) -> None:
    """/api/v1/alliance/formats?country=SSD&year=1990 and ?country=YUG answered 200 with
    suggestions, where /api/v1/criteria/SSD?year=1990 answered 404."""
    for country, year in (("SSD", 1990), ("YUG", 2010), ("SSD", 2010)):
        formats = seeded.get("/api/v1/alliance/formats", params={"country": country, "year": year})
        criteria = seeded.get(f"/api/v1/criteria/{country}", params={"year": year})
        assert (formats.status_code, formats.json()) == (404, criteria.json()), (country, year)
        assert "was not an independent state in" in formats.json()["detail"]
        page = seeded.get("/formats", params={"country": country, "year": year})
        assert page.status_code == 404  # the page calls the same core function
    latest = seeded.get("/api/v1/alliance/formats", params={"country": "YUG"})  # default year
    assert latest.status_code == 404
    assert latest.json()["detail"].startswith("gwno 345 (Yugoslavia) was not an independent")
    for country, year in (("SSD", 2011), ("YUG", 2006), ("SDN", 1990)):  # alive that year
        answer = seeded.get("/api/v1/alliance/formats", params={"country": country, "year": year})
        assert answer.status_code == 200, (country, year, answer.text)
        assert answer.json()


def test_french_initiatives_page(seeded: TestClient) -> None:
    page = seeded.get("/initiatives?lang=fr").text
    assert "Initiatives de l'Alliance pour le multilatéralisme" in page
    assert "nombre seulement, liste non publique" in page


def test_initiatives_have_their_french_names_on_french_pages(seeded: TestClient) -> None:
    paris_fr = "Appel de Paris pour la confiance et la sécurité dans le cyberespace"
    listing = seeded.get("/initiatives?lang=fr").text
    assert f'href="/initiatives/paris-call">{paris_fr}</a>' in listing  # French: no lang="en"
    content = listing.split('<footer class="site-footer">', 1)[0]  # the footer credits the data
    assert "Paris Call for Trust" not in content  # neither in the table nor in the chart
    page = seeded.get("/initiatives/paris-call?lang=fr").text
    assert f"<h1>{paris_fr}</h1>" in page
    assert "<p>Une déclaration de haut niveau sur des principes communs" in page
    assert "A high-level declaration" not in page
    english = seeded.get("/initiatives/paris-call?lang=en").text
    assert "<h1>Paris Call for Trust and Security in Cyberspace</h1>" in english
    assert paris_fr in seeded.get("/countries/FRA?lang=fr").text  # initiatives it endorsed
    api = seeded.get("/api/v1/alliance/initiatives/paris-call?lang=fr").json()
    assert (api["title"], api["title_fr"]) == (
        "Paris Call for Trust and Security in Cyberspace",
        paris_fr,
    )


def test_an_initiative_without_french_shows_its_english_marked_as_such(
    client: TestClient, web_settings: Settings
) -> None:
    database = Database(web_settings.sqlalchemy_url)
    try:
        with database.session() as session:
            create_initiative(session, slug="new-one", title="A new initiative", category="cyber",
                              actor="test", summary="Only in English.")  # fmt: skip
    finally:
        database.dispose()
    page = client.get("/initiatives/new-one?lang=fr").text
    assert '<h1 lang="en">A new initiative</h1>' in page
    assert '<p lang="en">Only in English.</p>' in page
    assert (
        'href="/initiatives/new-one" lang="en">A new initiative</a>'
        in client.get("/initiatives?lang=fr").text
    )


def test_initiative_counts_and_organisation_kinds_read_in_french(seeded: TestClient) -> None:
    listing = seeded.get("/initiatives?lang=fr").text
    assert "81 États, 1\u202f141 organisations" in listing
    assert "1141" not in listing
    paris = seeded.get("/initiatives/paris-call?lang=fr").text
    assert "81 États et 1\u202f141 organisations." in paris
    assert "(secteur privé)" in paris
    assert "(private-sector)" not in paris
    assert "(private sector)" in seeded.get("/initiatives/paris-call?lang=en").text


def test_endorsing_states_sort_as_a_french_reader_expects(seeded: TestClient) -> None:
    paris = seeded.get("/initiatives/paris-call?lang=fr").text.split("<h2", 2)[-1]
    names = re.findall(r'<a href="/countries/\w+">([^<]+)</a>', paris)
    assert names.index("Danemark") < names.index("Équateur") < names.index("Estonie")
    assert names.index("États-Unis") < names.index("Finlande")


def test_alignment_and_country_agreement_read_in_french(seeded: TestClient) -> None:
    english = seeded.get("/alignment?state=SYR&lang=en").text
    french = seeded.get("/alignment?state=SYR&lang=fr").text
    first_en = english.split("<tbody>")[1].split("</tr>")[0]
    first_fr = french.split("<tbody>")[1].split("</tr>")[0]
    assert '<td class="num">0.974</td>' in first_en
    assert '<td class="num">0,974</td>' in first_fr
    assert '<td class="num">2,291</td>' in first_en  # joint votes, grouped
    assert '<td class="num">2\u202f291</td>' in first_fr
    country = seeded.get("/countries/SYR?lang=fr").text
    assert "— accord 0,96</li>" in country
    assert "— agreement 0.96</li>" in seeded.get("/countries/SYR?lang=en").text


def test_formats_page_reads_in_french(seeded: TestClient) -> None:
    french = seeded.get("/formats?country=SYR&lang=fr").text
    assert "score 8,46" in french
    assert "Nations unies (UN)" in french
    assert "Ligue des États arabes (Ligue arabe) (LAS)" in french
    assert "Syrie en est membre" in french
    assert "accord 0,96, 2011-2020" in french
    assert "0.96" not in french
    colombia = seeded.get("/formats?country=COL&k=30&lang=fr").text
    assert "même sous-région (Amérique du Sud)" in colombia
    english = seeded.get("/formats?country=SYR&lang=en").text
    assert "score 8.46" in english
    assert "United Nations (UN)" in english
    assert "Syria is a member" in english
    assert "agreement 0.96, 2011-2020" in english


def test_opinion_groups_read_in_french(seeded: TestClient) -> None:
    french = seeded.get("/opinion-groups?lang=fr").text
    assert "Conflit palestinien (part de oui)" in french
    assert "(share yes)" not in french
    assert "\u00a0%</td>" in french
    english = seeded.get("/opinion-groups?lang=en").text
    assert "Palestinian conflict (share yes)" in english
    assert "%</td>" in english


def test_texts_need_a_signed_in_reader(seeded: TestClient) -> None:
    response = seeded.get("/texts", follow_redirects=False)
    assert response.status_code in (303, 307, 401)


def test_a_delegate_objection_breaks_the_silence_on_both_backends(
    any_backend_client: TestClient, any_backend_settings: Settings, sign_in: SignIn
) -> None:
    text_id = _text_under_silence(any_backend_settings)
    sign_in(any_backend_client, "delegate", gwno=DEU)
    page = any_backend_client.get(f"/texts/{text_id}").text
    assert 'data-status="open"' in page
    response = any_backend_client.post(
        f"/texts/{text_id}/positions",
        data={
            "paragraph": "2",
            "stance": "objection",
            "comment": "too broad",
            "csrf_token": csrf_from(page),
        },
        follow_redirects=False,
    )
    assert response.status_code == 303
    page = any_backend_client.get(f"/texts/{text_id}").text
    assert 'data-status="broken"' in page
    assert "broken by Germany" in page
    database = Database(any_backend_settings.sqlalchemy_url)
    with database.session() as session:
        view = get_text(session, text_id)
    database.dispose()
    assert view.status == "draft"
    assert view.paragraphs[1].positions[0].gwno == DEU


def test_support_does_not_break_the_silence_and_roles_are_enforced(
    client: TestClient, web_settings: Settings, sign_in: SignIn
) -> None:
    text_id = _text_under_silence(web_settings)
    sign_in(client, "analyst")
    token = csrf_from(client.get(f"/texts/{text_id}").text)
    form = {"paragraph": "1", "stance": "objection", "csrf_token": token}
    assert client.post(f"/texts/{text_id}/positions", data=form).status_code == 403
    sign_in(client, "coordinator")  # the secretariat does not speak for a state
    form["csrf_token"] = csrf_from(client.get(f"/texts/{text_id}").text)
    assert client.post(f"/texts/{text_id}/positions", data=form).status_code == 403
    sign_in(client, "delegate", gwno=FRA)
    token = csrf_from(client.get(f"/texts/{text_id}").text)
    no_csrf = {"paragraph": "1", "stance": "objection"}
    assert client.post(f"/texts/{text_id}/positions", data=no_csrf).status_code == 403
    support = {"paragraph": "1", "stance": "support", "csrf_token": token}
    assert client.post(f"/texts/{text_id}/positions", data=support).status_code == 200
    assert 'data-status="open"' in client.get(f"/texts/{text_id}").text


def test_a_coordinator_drafts_a_text_and_opens_a_silence_procedure(
    client: TestClient, sign_in: SignIn
) -> None:
    sign_in(client, "coordinator")
    token = csrf_from(client.get("/texts").text)
    created = client.post(
        "/texts",
        data={"title": "Climate security", "body": "First.\n\nSecond.", "csrf_token": token},
        follow_redirects=False,
    )
    assert created.status_code == 303
    path = created.headers["location"]
    page = client.get(path).text
    assert "Paragraph 2" in page
    opened = client.post(f"{path}/silence", data={"hours": "12", "csrf_token": token})
    assert opened.status_code == 200
    assert "Closing soon." in opened.text
    assert "Silence procedures closing soon" in client.get("/texts").text
    again = client.post(f"{path}/silence", data={"hours": "12", "csrf_token": token})
    assert again.status_code == 409


def test_a_delegate_endorses_an_initiative_for_their_own_state(
    seeded: TestClient, sign_in: SignIn
) -> None:
    sign_in(seeded, "delegate", gwno=140)  # Brazil is not among the Paris Call states
    page = seeded.get("/initiatives/paris-call").text
    assert "Endorse for Brazil" in page
    token = csrf_from(page)
    done = seeded.post("/initiatives/paris-call/endorse", data={"level": "endorsed",
                       "csrf_token": token}, follow_redirects=False)  # fmt: skip
    assert done.status_code == 303
    assert seeded.get("/api/v1/alliance/initiatives/paris-call").json()["states"] == 82
    again = seeded.post("/initiatives/paris-call/endorse", data={"level": "endorsed",
                        "csrf_token": token})  # fmt: skip
    assert again.status_code == 409
    count_only = seeded.post("/initiatives/climate-and-security/endorse",
                             data={"level": "endorsed", "csrf_token": token})  # fmt: skip
    assert count_only.status_code == 422
    assert "only a count is public" in count_only.text


HUGE_ID = "9" * 20  # beyond any INTEGER column: must be "not found", never an overflow


def test_huge_ids_are_not_found_on_both_backends(
    any_backend_client: TestClient, any_backend_settings: Settings, sign_in: SignIn
) -> None:
    _seed(any_backend_settings)
    assert any_backend_client.get(f"/initiatives/{HUGE_ID}").status_code == 404
    api = any_backend_client.get(f"/api/v1/alliance/initiatives/{HUGE_ID}")
    assert api.status_code == 404
    assert "no initiative" in api.json()["detail"]
    endorsements = f"/api/v1/alliance/initiatives/{HUGE_ID}/endorsements"
    assert any_backend_client.get(endorsements).status_code == 404
    sign_in(any_backend_client, "admin")
    assert any_backend_client.get(f"/texts/{HUGE_ID}").status_code == 404
    assert any_backend_client.get(f"/texts/{2**31}").status_code == 404


def test_format_reasons_are_written_in_french(seeded: TestClient) -> None:
    """Every reason template the suggestions use has a French translation."""
    from detente.alliance.formats import AGREEMENT_REASONS, suggest_format
    from detente.web.i18n import translations

    settings: Settings = seeded.app.state.settings  # type: ignore[attr-defined]
    french = translations("fr", "alliance")
    templates = {
        reason.template
        for country in ("SYR", "SDN", "UKR", "COL", "AFG")
        for suggestion in suggest_format(settings, country, k=30)
        for reason in suggestion.reason_parts
    }
    assert len(templates) >= 8
    templates |= set(AGREEMENT_REASONS.values())  # one and several, whichever the sample used
    assert {t for t in templates if french.gettext(t) == t} == set()
    assert french.gettext(AGREEMENT_REASONS[("here", True)]) % {"count": 1} == (
        "tiers à 1 accord dans ce pays (PA-X)"
    )
    page = seeded.get("/formats?country=SDN&lang=fr").text
    assert "voisin terrestre" in page
    assert "land neighbour" not in page


def test_a_cleared_group_size_falls_back_to_ten(seeded: TestClient) -> None:
    """The form sends ``k=`` when the field is emptied: the default, not a 422."""
    cleared = seeded.get("/formats?country=SYR&k=")
    assert cleared.status_code == 200
    assert 'name="k" type="number" min="1" max="30" value="10"' in cleared.text
    listed = cleared.text.split('<ol id="suggestions">', 1)[1].split("</ol>", 1)[0]
    assert listed.count("<li><strong>") == 10
    bad = seeded.get("/formats?country=SYR&k=99")
    assert bad.status_code == 422
    assert "not a group size from 1 to 30" in bad.text


def test_an_initiative_page_sorts_organisations_and_marks_english_text(seeded: TestClient) -> None:
    """Organisations by name (with their date when known); the title and summary are French on
    the French page (the English ones, marked lang="en", only when no French is stored: see
    ``test_an_initiative_without_french_shows_its_english_marked_as_such``)."""
    french = seeded.get("/initiatives/paris-call?lang=fr").text
    listed = french.split("Organisations (", 1)[1].split("</ul>", 1)[0]
    names = [re.sub(r" \(.*", "", item) for item in re.findall(r"<li>([^<]+)", listed)]
    assert len(names) > 1000
    assert names == sorted(names, key=name_sort_key)
    assert re.search(r"<li>[^<]+ \(20\d\d-\d\d-\d\d\)", listed)  # dated ones say when
    assert "<h1>Appel de Paris pour la confiance et la sécurité dans le cyberespace</h1>" in french
    assert "<p>Une déclaration de haut niveau" in french
    english = seeded.get("/initiatives/paris-call?lang=en").text
    assert "<h1>Paris Call for Trust and Security in Cyberspace</h1>" in english
    assert '" lang="en">Paris Call' not in seeded.get("/initiatives?lang=en").text


@pytest.mark.parametrize("k", ["100000", "31", "0", "abc"])
def test_the_page_and_the_api_refuse_a_group_size_alike(seeded: TestClient, k: str) -> None:
    """One bound (1-30) and one message: the page said "String should have at most 3
    characters" for k=100000 and the API allowed up to 100."""
    message = f"'{k}' is not a group size from 1 to 30"
    page = seeded.get("/formats", params={"country": "SYR", "k": k})
    assert page.status_code == 422
    assert message.replace("'", "&#39;") in page.text
    if k != "abc":  # the API's k is an integer: pydantic refuses letters before the domain
        api = seeded.get("/api/v1/alliance/formats", params={"country": "SYR", "k": k})
        assert api.status_code == 422
        assert api.json()["detail"][0]["msg"] == message
        assert api.json()["detail"][0]["input"] == k


def test_the_spec_gives_the_group_size_bounds(seeded: TestClient) -> None:
    spec = seeded.get("/openapi.json").json()
    parameters = spec["paths"]["/api/v1/alliance/formats"]["get"]["parameters"]
    [k] = [p for p in parameters if p["name"] == "k"]
    assert (k["schema"]["minimum"], k["schema"]["maximum"]) == (1, 30)
