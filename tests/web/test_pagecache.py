"""Anonymous page views come from memory until the data change; nothing personal is shared."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi import FastAPI, Request, Response
from fastapi.testclient import TestClient

from detente.settings import Settings
from detente.store import Database, record_audit
from detente.web.app import create_app
from tests.web.conftest import SignIn

RENDERS: list[str] = []


def _app(settings: Settings) -> FastAPI:
    """The real app plus one probe page that counts how often it is really rendered."""
    app = create_app(settings)

    @app.get("/probe")
    def probe(request: Request) -> Response:
        RENDERS.append(request.state.language)
        return Response(f"render {len(RENDERS)}", media_type="text/plain")

    @app.get("/probe-with-cookie")
    def probe_with_cookie() -> Response:
        RENDERS.append("cookie")
        response = Response("personal", media_type="text/plain")
        response.set_cookie("detente_demo", "1")
        return response

    return app


@pytest.fixture
def cached_client(web_settings: Settings) -> Iterator[TestClient]:
    RENDERS.clear()
    with TestClient(_app(web_settings)) as test_client:
        yield test_client


def test_repeated_anonymous_views_render_once(cached_client: TestClient) -> None:
    first = cached_client.get("/probe")
    second = cached_client.get("/probe")
    assert first.text == second.text == "render 1"
    assert len(RENDERS) == 1
    assert second.headers["content-security-policy"].startswith("default-src 'self'")


def test_a_recorded_change_renders_again(cached_client: TestClient, web_settings: Settings) -> None:
    cached_client.get("/probe")
    database = Database(web_settings.sqlalchemy_url)
    with database.session() as session:
        record_audit(session, actor="test", action="create", entity="pact", entity_id=1)
    database.dispose()
    assert cached_client.get("/probe").text == "render 2"


def test_a_new_forecast_file_renders_again(
    cached_client: TestClient, web_settings: Settings
) -> None:
    cached_client.get("/probe")
    folder = web_settings.data_dir / "forecasts"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "cy_zero_2023.parquet").write_bytes(b"not read by the probe")
    assert cached_client.get("/probe").text == "render 2"


def test_each_language_and_query_has_its_own_copy(cached_client: TestClient) -> None:
    cached_client.get("/probe", headers={"Accept-Language": "fr"})
    cached_client.get("/probe", headers={"Accept-Language": "en"})
    cached_client.get("/probe?x=1", headers={"Accept-Language": "en"})
    cached_client.get("/probe", headers={"Accept-Language": "fr"})
    assert RENDERS == ["fr", "en", "en"]


def test_responses_that_set_a_cookie_are_never_kept(cached_client: TestClient) -> None:
    cached_client.get("/probe-with-cookie")
    cached_client.cookies.clear()
    cached_client.get("/probe-with-cookie")
    assert RENDERS == ["cookie", "cookie"]


def test_signed_in_users_always_get_a_fresh_page(
    cached_client: TestClient, sign_in: SignIn
) -> None:
    sign_in(cached_client, "analyst")
    cached_client.get("/probe")
    cached_client.get("/probe")
    assert len(RENDERS) == 2


def test_a_real_public_page_is_served_identically_from_memory(cached_client: TestClient) -> None:
    first = cached_client.get("/countries/KEN")
    second = cached_client.get("/countries/KEN")
    assert first.status_code == second.status_code == 200
    assert first.content == second.content


def test_the_cache_can_be_turned_off(web_settings: Settings) -> None:
    RENDERS.clear()
    settings = web_settings.model_copy(update={"page_cache": False})
    with TestClient(_app(settings)) as test_client:
        test_client.get("/probe")
        test_client.get("/probe")
    assert len(RENDERS) == 2
