"""The address checks every route gets (``detente.web.params``), through real HTTP."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests.web.conftest import SignIn

# Each reached the database with a NUL in a text value: 500 on PostgreSQL.
NUL_ADDRESSES = [
    ("/api/v1/alliance/initiatives/%00", ["path", "slug"]),
    ("/api/v1/alliance/initiatives/a%00/endorsements", ["path", "slug"]),
    ("/api/v1/pacts/%00", ["path", "pact"]),
    ("/api/v1/pacts/%00/roadmap", ["path", "pact"]),
    ("/api/v1/audit?actor=%00", ["query", "actor"]),
    ("/api/v1/audit?entity=alert&entity_id=1%00", ["query", "entity_id"]),
]
NUL_PAGES = ["/initiatives/%00", "/pacts/%00", "/pacts/%00/monitor", "/audit?actor=%00"]


@pytest.mark.parametrize(("url", "location"), NUL_ADDRESSES)
def test_a_nul_in_the_address_is_a_422_naming_the_parameter_on_each_backend(
    any_backend_client: TestClient, sign_in: SignIn, url: str, location: list[str]
) -> None:
    sign_in(any_backend_client, "admin")  # the audit log needs a role
    response = any_backend_client.get(url)
    assert response.status_code == 422, response.text
    [problem] = response.json()["detail"]
    assert problem["loc"] == location
    assert problem["msg"] == "contains the control character U+0000; remove it"
    assert "\x00" in problem["input"]


@pytest.mark.parametrize("url", NUL_PAGES)
def test_a_nul_in_a_page_address_is_a_422_page_on_each_backend(
    any_backend_client: TestClient, sign_in: SignIn, url: str
) -> None:
    sign_in(any_backend_client, "admin")
    response = any_backend_client.get(url)
    assert response.status_code == 422
    assert "contains the control character U+0000" in response.text


def test_tab_line_feed_and_carriage_return_stay_allowed(client: TestClient) -> None:
    """As in forms: ``SDN%0A`` (a pasted line end) still finds Sudan."""
    assert client.get("/api/v1/countries/SDN%0A").json()["iso3"] == "SDN"
    assert client.get("/api/v1/countries/%0BSDN").status_code == 422


@pytest.mark.parametrize(
    ("url", "name", "sent"),
    [
        ("/api/v1/alliance/alignment?state=FRA&state=DEU", "state", ["FRA", "DEU"]),
        ("/api/v1/countries?year=1990&year=2020", "year", ["1990", "2020"]),
        ("/api/v1/alerts?limit=2&limit=5&limit=9", "limit", ["2", "5", "9"]),
    ],
)
def test_a_one_value_api_parameter_given_twice_is_a_422(
    client: TestClient, url: str, name: str, sent: list[str]
) -> None:
    """It used the last value silently: the alignment of DEU for a script that asked FRA too."""
    response = client.get(url)
    assert response.status_code == 422
    [problem] = response.json()["detail"]
    assert problem["loc"] == ["query", name]
    assert problem["input"] == sent
    assert problem["msg"] == f"'{name}' is given {len(sent)} times; it takes one value"


def test_list_parameters_and_parameters_the_route_does_not_read_may_repeat(
    client: TestClient, sign_in: SignIn
) -> None:
    assert client.get("/api/v1/countries?lang=fr&lang=en").status_code == 200
    sign_in(client, "coordinator")
    url = "/api/v1/response/teams/propose?country=MLI&size=2&languages=fr&languages=en"
    assert client.get(url).status_code == 200


def test_pages_keep_the_last_value(client: TestClient) -> None:
    """A page's GET form may send a field twice (a hidden default and a choice)."""
    assert client.get("/opinion-groups?k=3&k=4").status_code == 200
