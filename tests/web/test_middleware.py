"""The shell's ASGI middleware through the real app: security headers and language choice."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from fastapi.testclient import TestClient
from starlette.applications import Starlette
from starlette.datastructures import MutableHeaders
from starlette.requests import Request
from starlette.responses import StreamingResponse
from starlette.routing import Route, WebSocketRoute
from starlette.websockets import WebSocket

from detente.settings import Settings
from detente.web.app import create_app
from detente.web.i18n import LANG_COOKIE
from detente.web.middleware import (
    CONTENT_SECURITY_POLICY,
    DOCS_POLICY,
    LanguageMiddleware,
    SecurityHeadersMiddleware,
    add_vary,
)

SECURITY_HEADERS = {
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
    "x-frame-options": "DENY",
}


def _assert_secured(headers: object, policy: str = CONTENT_SECURITY_POLICY) -> None:
    assert headers["content-security-policy"] == policy  # type: ignore[index]
    for name, value in SECURITY_HEADERS.items():
        assert headers[name] == value  # type: ignore[index]


@pytest.mark.parametrize(
    "path", ["/", "/countries", "/api/v1/countries", "/static/app.css", "/no-such-page", "/login"]
)
def test_every_response_carries_the_security_headers(client: TestClient, path: str) -> None:
    response = client.get(path)
    _assert_secured(response.headers)
    assert (
        "'unsafe-inline'"
        not in response.headers["content-security-policy"].split("script-src")[1].split(";")[0]
    )


def test_only_the_api_docs_may_run_an_inline_script(client: TestClient) -> None:
    response = client.get("/docs")
    assert response.status_code == 200
    _assert_secured(response.headers, DOCS_POLICY)
    assert "script-src 'self' 'unsafe-inline'" in DOCS_POLICY
    assert "frame-ancestors 'none'" in DOCS_POLICY


def test_cached_public_pages_keep_the_headers(web_settings: Settings) -> None:
    settings = web_settings.model_copy(update={"page_cache": True})
    with TestClient(create_app(settings)) as client:
        first, second = client.get("/countries"), client.get("/countries")
    assert first.text == second.text
    _assert_secured(second.headers)


@pytest.mark.parametrize(
    "cookie",
    [
        f'{LANG_COOKIE}="fr',
        f"{LANG_COOKIE}=fr; ;;; =; x",
        '"; , ; \\',
        f"{LANG_COOKIE}=fr\x7f; a=b",
        "a=\u00e9\u00e8; b",
        "detente_lang,x=fr",  # a comma in a name: the cookie parser raises CookieError
    ],
)
def test_a_malformed_cookie_header_is_not_a_500(client: TestClient, cookie: str) -> None:
    response = client.get("/countries", headers={"Cookie": cookie.encode("latin-1")})
    assert response.status_code == 200
    assert "<h1>" in response.text


def test_lang_parameter_sets_a_lax_year_long_cookie_once(client: TestClient) -> None:
    response = client.get("/countries?lang=fr")
    assert '<html lang="fr">' in response.text
    cookie = response.headers["set-cookie"]
    assert f"{LANG_COOKIE}=fr; Path=/; Max-Age=31536000; SameSite=Lax" in cookie
    assert "Secure" not in cookie
    assert {"Cookie", "Accept-Language"} <= {v.strip() for v in response.headers["vary"].split(",")}
    # the choice is remembered, and not set again while it holds
    again = client.get("/countries?lang=fr")
    assert LANG_COOKIE not in again.headers.get("set-cookie", "")
    assert '<html lang="fr">' in client.get("/countries").text


def test_unknown_languages_are_ignored(client: TestClient) -> None:
    response = client.get("/countries?lang=xx", headers={"Accept-Language": "fr"})
    assert '<html lang="fr">' in response.text
    assert LANG_COOKIE not in response.headers.get("set-cookie", "")
    client.cookies.set(LANG_COOKIE, "klingon")
    assert '<html lang="en">' in client.get("/countries").text


def test_behind_https_the_language_cookie_is_secure(web_settings: Settings) -> None:
    settings = web_settings.model_copy(update={"secure_cookies": True})
    with TestClient(create_app(settings), base_url="https://testserver") as client:
        cookie = client.get("/countries?lang=fr").headers["set-cookie"]
    assert f"{LANG_COOKIE}=fr" in cookie
    assert "SameSite=Lax; Secure" in cookie


def _bare_app() -> SecurityHeadersMiddleware:
    """A bare Starlette app under both middlewares: a streamed body and a websocket."""

    async def stream(_request: Request) -> StreamingResponse:
        async def chunks() -> AsyncIterator[bytes]:
            yield b"one,"
            yield b"two"

        return StreamingResponse(chunks(), media_type="text/plain")

    async def echo(websocket: WebSocket) -> None:
        await websocket.accept()
        await websocket.send_text(websocket.scope.get("state", {}).get("language", "unset"))
        await websocket.close()

    app = Starlette(routes=[Route("/stream", stream), WebSocketRoute("/ws", echo)])
    return SecurityHeadersMiddleware(LanguageMiddleware(app))


def test_streamed_responses_get_headers_and_websockets_pass_through() -> None:
    with TestClient(_bare_app()) as client:
        response = client.get("/stream?lang=fr")
        assert response.text == "one,two"
        _assert_secured(response.headers)
        assert f"{LANG_COOKIE}=fr" in response.headers["set-cookie"]
        with client.websocket_connect("/ws?lang=fr") as websocket:
            # not HTTP: the middlewares leave the connection alone
            assert websocket.receive_text() == "unset"


def test_a_cached_page_does_not_replay_the_language_cookie(client: TestClient) -> None:
    """The page cache sits inside the language middleware: the cookie that middleware adds
    to the first response must not be stored with the page and sent again on top of its own.
    """
    first = client.get("/countries?lang=fr")
    assert len(first.headers.get_list("set-cookie")) == 1
    again = client.get("/countries?lang=fr")  # from memory, the cookie already held
    assert again.text == first.text
    assert again.headers.get_list("set-cookie") == []
    client.cookies.clear()
    newcomer = client.get("/countries?lang=fr")  # from memory, a new visitor
    assert newcomer.headers.get_list("set-cookie") == first.headers.get_list("set-cookie")
    assert newcomer.headers["vary"] == first.headers["vary"]


def test_an_unparsable_cookie_header_falls_back_to_the_browser_language(
    client: TestClient,
) -> None:
    response = client.get(
        "/countries", headers={"Cookie": "session,x=1; detente_lang=en", "Accept-Language": "fr"}
    )
    assert response.status_code == 200
    assert '<html lang="fr">' in response.text


@pytest.mark.parametrize("path", ["/", "/alerts", "/api/v1/alerts", "/no-such-page"])
def test_vary_names_each_header_once(web_settings: Settings, path: str) -> None:
    """The session middleware already varies pages on ``Cookie``; the language middleware
    must not add it a second time (``Vary: Cookie, Cookie, Accept-Language``), cached or not."""
    settings = web_settings.model_copy(update={"page_cache": True})
    with TestClient(create_app(settings)) as client:
        for _ in range(2):  # rendered, then (public pages) from the page cache
            vary = client.get(path).headers.get_list("vary")
            assert len(vary) == 1
            tokens = [t.strip() for t in vary[0].split(",")]
            negotiated = ["Accept"] if path == "/no-such-page" else []  # an error's face
            assert sorted(tokens) == sorted(["Accept-Language", "Cookie", *negotiated])


def test_add_vary_keeps_what_is_there_and_adds_only_new_tokens() -> None:
    headers = MutableHeaders(raw=[(b"vary", b"Cookie"), (b"vary", b"accept-encoding")])
    add_vary(headers, "cookie", "Accept-Language", "Accept-Encoding")
    assert headers.getlist("vary") == ["Cookie, accept-encoding, Accept-Language"]


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/api/v1/countries/SDN", 200),
        ("/api/v1/countries/XXX", 404),
        ("/countries/SDN", 200),
        ("/data/panel-cy.csv", 200),
        ("/feed.atom", 200),
        ("/static/favicon.svg", 200),
    ],
)
def test_head_answers_as_get_without_the_body(client: TestClient, path: str, status: int) -> None:
    """Every GET route answered HEAD with 405 (``curl -I``, link checkers, download managers)."""
    get = client.get(path)
    head = client.head(path)
    assert (head.status_code, get.status_code) == (status, status)
    assert head.content == b""
    for name in ("content-type", "content-length", "content-disposition", "vary"):
        assert head.headers.get(name) == get.headers.get(name), name
    _assert_secured(head.headers)


def test_a_405_lists_head_beside_get(client: TestClient) -> None:
    response = client.options("/api/v1/countries/SDN")
    assert response.status_code == 405
    assert response.headers["allow"] == "GET, HEAD"
    assert client.delete("/countries").headers["allow"] == "GET, HEAD"
