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
