"""Validation errors on pages read as plain words, in the visitor's language, with a way back."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from detente.settings import Settings
from detente.web.app import create_app
from detente.web.errors import without_cli_hints
from tests.web.conftest import SignIn, csrf_from


def _post_without_country(client: TestClient, sign_in: SignIn, language: str) -> str:
    sign_in(client, "analyst")
    form = client.get(f"/actions?lang={language}")
    response = client.post(
        "/actions",
        data={
            "csrf_token": csrf_from(form.text),
            "org": "AU",
            "kind": "mission",
            "acted_on": "2013-01-17",
            "title": "t",
            "source": "s",
        },
        headers={"referer": str(client.base_url) + "/actions"},
    )
    assert response.status_code == 422
    return response.text


def test_a_missing_form_field_is_named_in_plain_words(client: TestClient, sign_in: SignIn) -> None:
    page = _post_without_country(client, sign_in, "en")
    assert "Form field &#39;country&#39; is required" in page
    assert "body.country" not in page
    assert 'href="/actions" data-history-back' in page  # back to the filled form


def test_the_same_message_in_french(client: TestClient, sign_in: SignIn) -> None:
    page = _post_without_country(client, sign_in, "fr")
    assert "Le champ « country » est obligatoire" in page
    assert "Retour au formulaire" in page


def test_bad_path_and_query_values_name_the_part(client: TestClient) -> None:
    page = client.get("/alerts/abc").text
    assert "The address part &#39;alert_id&#39;: Input should be a valid integer" in page
    assert "path.alert_id" not in page
    assert "Back to the form" not in page  # only after a form was sent
    groups = client.get("/opinion-groups?k=99").text
    assert "Parameter &#39;k&#39;: Input should be less than or equal to" in groups


def test_no_back_link_to_another_site(client: TestClient, sign_in: SignIn) -> None:
    sign_in(client, "analyst")
    form = client.get("/actions")
    response = client.post(
        "/actions",
        data={"csrf_token": csrf_from(form.text)},
        headers={"referer": "https://elsewhere.example/actions"},
    )
    assert response.status_code == 422
    assert "data-history-back" not in response.text


def test_not_found_pages_say_what_is_missing_in_the_page_language(client: TestClient) -> None:
    country = client.get("/countries/ZZZ?lang=fr")
    assert country.status_code == 404
    assert "Aucun pays n&#39;est connu sous le nom « ZZZ »" in country.text
    assert "is not a known country" not in country.text
    alert = client.get("/alerts/9999?lang=fr").text
    assert "L&#39;alerte 9999 n&#39;existe pas." in alert
    assert "detente alerts list" not in alert
    english = client.get("/alerts/9999?lang=en").text
    assert "There is no alert 9999." in english
    assert "detente alerts list" not in english  # no command-line hints on web pages
    nowhere = client.get("/nope?lang=fr")
    assert nowhere.status_code == 404
    assert "Il n&#39;y a rien à cette adresse" in nowhere.text
    assert "Not Found" not in nowhere.text
    assert "There is nothing at this address" in client.get("/nope?lang=en").text


def test_an_english_only_detail_is_marked_as_english(client: TestClient) -> None:
    page = client.get("/alerts?status=zz&lang=fr").text
    assert '<p class="error-detail" lang="en">' in page
    assert '<p class="error-detail">' in client.get("/alerts?status=zz&lang=en").text


def test_a_server_error_is_a_translated_page(web_settings: Settings) -> None:
    app = create_app(web_settings)

    @app.get("/boom")
    def boom() -> None:
        raise RuntimeError("a bug")

    with TestClient(app, raise_server_exceptions=False) as client:
        french = client.get("/boom?lang=fr")
        assert french.status_code == 500
        assert "Une erreur s&#39;est produite" in french.text
        assert "a bug" not in french.text
        api = client.get("/boom", headers={"accept": "application/json"})
        assert api.json() == {"detail": "Internal Server Error"}


@pytest.mark.parametrize(
    ("detail", "shown"),
    [
        ("no alert 9999; see 'detente alerts list'", "no alert 9999"),
        ("no panel is loaded; run 'detente init'", "no panel is loaded"),
        ("not initialised. Hint: run 'detente init'", "not initialised."),
        ("run `detente init`", ""),
        ("'x' is not one of a, b", "'x' is not one of a, b"),
    ],
)
def test_command_line_hints_are_left_out(detail: str, shown: str) -> None:
    assert without_cli_hints(detail) == shown


@pytest.mark.parametrize(
    ("url", "location", "sent", "message"),
    [
        ("/api/v1/alliance/groups?from=2021", ["query", "from"], "2021", "after the last year"),
        (
            "/api/v1/alliance/alignment?state=FRA&from=2021&to=2025",
            ["query", "from"],
            "2021",
            "the UN votes cover",
        ),
        ("/api/v1/brief/2023-13", ["path", "period"], "2023-13", "is not YYYY-MM or YYYY"),
    ],
)
def test_api_problems_found_by_detente_carry_the_value_sent(
    client: TestClient, url: str, location: list[str], sent: str, message: str
) -> None:
    """Same shape as FastAPI's own 422s, ``input`` included (it was null)."""
    response = client.get(url)
    assert response.status_code == 422
    [problem] = response.json()["detail"]
    assert problem["loc"] == location
    assert problem["input"] == sent
    assert message in problem["msg"]
    assert problem["type"] == "value_error"


def test_a_missing_parameter_still_has_no_input(client: TestClient) -> None:
    [problem] = client.get("/api/v1/alliance/alignment").json()["detail"]
    assert problem["loc"] == ["query", "state"]
    assert problem["input"] is None


def test_a_repeated_parameter_is_given_back_as_a_list() -> None:
    from starlette.requests import Request

    from detente.web.errors import request_input

    request = Request({"type": "http", "query_string": b"lang=en&lang=fr&k=3", "headers": []})
    assert request_input(request, ("query", "lang")) == ["en", "fr"]
    assert request_input(request, ("query", "k")) == "3"
    assert request_input(request, ("query", "none")) is None
    assert request_input(request, ("body", "k")) is None


@pytest.mark.parametrize("path", ["/countries/XXX", "/alerts/abc", "/no-such-page", "/audit"])
def test_an_error_outside_the_api_varies_on_accept(client: TestClient, path: str) -> None:
    """The same address answers a JSON error or a page by ``Accept``; caches must know."""
    page = client.get(path, follow_redirects=False)
    json = client.get(path, headers={"Accept": "application/json"}, follow_redirects=False)
    assert page.status_code == 303 or page.headers["content-type"].startswith("text/html")
    assert json.headers["content-type"] == "application/json"
    for response in (page, json):
        assert "Accept" in [v.strip() for v in response.headers["vary"].split(",")]


def test_api_errors_do_not_vary_on_accept(client: TestClient) -> None:
    assert "Accept" not in client.get("/api/v1/countries/XXX").headers["vary"].split(", ")


STORE_READERS = (
    "/api/v1/alliance/alignment?state=FRA",
    "/api/v1/alliance/alignment/pair?a=FRA&b=DEU",
    "/api/v1/alliance/formats?country=SYR",
    "/api/v1/alliance/groups",
    "/api/v1/criteria/SDN",
    "/api/v1/analogues/SDN",
    "/api/v1/brief/2023",
)


def test_without_an_analytics_store_the_api_answers_503_without_the_server_path(
    web_settings: Settings, tmp_path: Path
) -> None:
    """/api/v1/alliance/alignment answered 404 "no analytics store at /tmp/.../analytics.duckdb":
    a client's error, and a path on the server. A missing store is the server's state."""
    missing = tmp_path / "nowhere" / "analytics.duckdb"
    settings = web_settings.model_copy(update={"duckdb_path": missing})
    spec_paths = None
    with TestClient(create_app(settings)) as client:
        for url in STORE_READERS:
            answer = client.get(url)
            assert answer.status_code == 503, (url, answer.text)
            assert answer.json() == {"detail": "no analytics store is loaded on this server"}
        for page in ("/alignment?state=FRA", "/formats?country=SYR", "/opinion-groups?lang=fr"):
            answer = client.get(page)
            assert answer.status_code == 503, page
            assert str(tmp_path) not in answer.text, page
        spec_paths = client.get("/openapi.json").json()["paths"]
    for url in STORE_READERS:  # declared, as the 404s are
        path = next(
            p
            for p in spec_paths
            if re.fullmatch(re.sub(r"\{[^}]+\}", "[^/]+", p), url.split("?")[0])
        )
        declared = spec_paths[path]["get"]["responses"]["503"]
        assert declared["content"]["application/json"]["schema"] == {
            "$ref": "#/components/schemas/ErrorOut"
        }
