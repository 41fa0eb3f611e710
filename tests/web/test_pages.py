"""Public pages through HTTP: home, countries, open data, errors, security headers."""

from __future__ import annotations

import json
import re

import pytest
from fastapi.testclient import TestClient

from detente.web.middleware import CONTENT_SECURITY_POLICY


def _map_data(html: str) -> dict[str, object]:
    match = re.search(r'<script type="application/json" id="map-data">(.*?)</script>', html, re.S)
    assert match is not None, "no map data on the page"
    payload: dict[str, object] = json.loads(match.group(1))
    return payload


def test_home_shows_the_map_linking_every_state_to_its_page(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200
    payload = _map_data(page.text)
    features = payload["features"]
    assert isinstance(features, dict)
    assert features["250"]["href"] == "/countries/FRA"  # world-atlas id 250 is France
    assert features["Kosovo"]["href"] == "/countries/XKX"
    assert features["728"]["href"] == "/countries/SSD"
    assert len(features) > 190
    assert "<caption>Highest values</caption>" in page.text  # no forecast: the map's own list
    assert payload["topology"] == "vendor/world-atlas/countries-50m.json"
    assert client.get(f"/static/{payload['topology']}").status_code == 200


def test_deaths_legend_writes_thousands_as_the_page_language_does(client: TestClient) -> None:
    english = _map_data(client.get("/?lang=en").text)["legend"]
    french = _map_data(client.get("/?lang=fr").text)["legend"]
    assert isinstance(english, list)
    assert isinstance(french, list)
    assert "1,000–9,999" in [entry["label"] for entry in english]
    assert "1\u202f000–9\u202f999" in [entry["label"] for entry in french]


def test_countries_index_lists_states_by_region(client: TestClient) -> None:
    page = client.get("/countries").text
    assert '<a href="/countries/KEN">Kenya</a>' in page
    assert '<h2 id="region-1">Africa</h2>' in page


@pytest.mark.parametrize(("code", "slug"), [("ken", "KEN"), ("501", "KEN"), ("Kenya", "KEN")])
def test_any_country_code_redirects_to_the_iso3_page(
    client: TestClient, code: str, slug: str
) -> None:
    response = client.get(f"/countries/{code}", follow_redirects=False)
    assert response.status_code == 307
    assert response.headers["location"] == f"/countries/{slug}"


def test_the_redirect_to_the_iso3_page_keeps_the_query(client: TestClient) -> None:
    response = client.get("/countries/kenya?lang=fr&ahead=2", follow_redirects=False)
    assert response.headers["location"] == "/countries/KEN?lang=fr&ahead=2"


def test_country_page_shows_neighbours_and_memberships(client: TestClient) -> None:
    page = client.get("/countries/SSD").text
    assert "<h1>South Sudan</h1>" in page
    assert '<a href="/countries/SDN">Sudan</a>' in page
    assert '<abbr title="Intergovernmental Authority on Development">IGAD</abbr>' in page


def test_unknown_country_is_a_404_page_naming_the_code(client: TestClient) -> None:
    response = client.get("/countries/Atlantis")
    assert response.status_code == 404
    assert "Page not found" in response.text
    assert "Atlantis" in response.text


def test_unknown_country_in_the_api_is_a_404_json(client: TestClient) -> None:
    response = client.get("/api/v1/countries/Atlantis")
    assert response.status_code == 404
    assert "Atlantis" in response.json()["detail"]


def test_api_validation_error_is_a_422_json(client: TestClient) -> None:
    response = client.get("/api/v1/countries?year=abc")
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", "year"]


def test_data_page_offers_the_panel_in_both_formats(client: TestClient) -> None:
    page = client.get("/data").text
    assert 'href="/data/panel-cy.csv"' in page
    assert 'href="/data/panel-cy.parquet"' in page


def test_unknown_download_kind_is_a_404(client: TestClient) -> None:
    assert client.get("/data/panel-cy.xlsx").status_code == 404


def test_every_response_carries_a_strict_content_security_policy(client: TestClient) -> None:
    headers = client.get("/").headers
    assert headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    assert "script-src 'self';" in CONTENT_SECURITY_POLICY
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["x-frame-options"] == "DENY"


def test_api_docs_load_swagger_from_our_static_folder(client: TestClient) -> None:
    page = client.get("/docs").text
    assert "/static/vendor/swagger-ui/swagger-ui-bundle.js" in page
    assert "cdn" not in page.lower()
    assert client.get("/static/vendor/swagger-ui/swagger-ui-bundle.js").status_code == 200
    assert client.get("/openapi.json").json()["paths"]["/api/v1/countries"]


def test_countries_api_lists_states_of_a_year(client: TestClient) -> None:
    in_2010 = {c["iso3"] for c in client.get("/api/v1/countries?year=2010").json()}
    in_2012 = {c["iso3"] for c in client.get("/api/v1/countries?year=2012").json()}
    assert "SSD" not in in_2010
    assert "SSD" in in_2012


def test_country_api_gives_neighbours_on_a_date(client: TestClient) -> None:
    before = client.get("/api/v1/countries/SDN?on=2011-07-08").json()
    after = client.get("/api/v1/countries/SDN?on=2011-07-09").json()
    assert "KEN" in {n["iso3"] for n in before["neighbours"]}
    assert "KEN" not in {n["iso3"] for n in after["neighbours"]}
    assert "SSD" in {n["iso3"] for n in after["neighbours"]}


def test_a_state_not_independent_that_day_has_an_empty_list_of_neighbours(
    client: TestClient,
) -> None:
    """/api/v1/countries/SDN?on=1800-01-01 gave "neighbours": null, SSD?on=2000-01-01 []."""
    for code, day in (("SDN", "1800-01-01"), ("SSD", "2000-01-01"), ("YUG", "1900-01-01"),
                      ("DDR", "2000-01-01")):  # fmt: skip
        path = f"/api/v1/countries/{code}?on={day}"
        found = client.get(path).json()
        assert (found["alive"], found["neighbours"]) == (False, []), path
    france = client.get("/api/v1/countries/FRA?on=1900-01-01").json()  # alive, not covered
    assert (france["alive"], france["neighbours"]) == (True, None)
    schema = client.get("/openapi.json").json()["components"]["schemas"]["CountryDetailOut"]
    assert "not independent that day" in schema["properties"]["neighbours"]["description"]


@pytest.mark.parametrize("value", ["0", "20230101", "2023-1-1", "1e9"])
def test_date_parameters_take_only_iso_dates(client: TestClient, value: str) -> None:
    """pydantic alone reads ``0`` as 1970-01-01; a day is written YYYY-MM-DD."""
    response = client.get(f"/api/v1/countries/SDN?on={value}")
    assert response.status_code == 422
    assert "write YYYY-MM-DD" in response.text
    assert client.get("/api/v1/countries/SDN?on=2011-07-10").status_code == 200


def test_panel_api_says_unknown_after_pax_coverage_not_zero(client: TestClient) -> None:
    """PA-X ends in April 2020: its columns are null from 2020 on, numbers before."""
    rows = {row["year"]: row for row in client.get("/api/v1/countries/ETH/panel").json()}
    assert rows[2019]["pax_agreements"] == 0
    assert rows[2018]["pax_agreements"] > 0
    assert rows[2022]["sb_best"] == 163_210
    assert rows[2022]["pax_agreements"] is None
    assert rows[2022]["acd_conflicts"] > 0  # ACD covers 2022
