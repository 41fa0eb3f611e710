"""Sign in, sign out, sessions, CSRF and role checks through real HTTP requests."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from detente.accounts import MAX_FAILURES
from detente.settings import Settings
from tests.web.conftest import SignIn, add_user, csrf_from


def _login(client: TestClient, username: str, password: str, next_: str = "/") -> object:
    token = csrf_from(client.get("/login").text)
    return client.post(
        "/login",
        data={"username": username, "password": password, "csrf_token": token, "next": next_},
        follow_redirects=False,
    )


def test_sign_in_sets_a_hardened_session_cookie(
    any_backend_client: TestClient, any_backend_settings: Settings
) -> None:
    username, password = add_user(any_backend_settings, "analyst")
    response = _login(any_backend_client, username, password, "/countries")
    assert response.status_code == 303  # type: ignore[attr-defined]
    assert response.headers["location"] == "/countries"  # type: ignore[attr-defined]
    cookie = response.headers["set-cookie"].lower()  # type: ignore[attr-defined]
    assert "detente_session=" in cookie
    assert "httponly" in cookie
    assert "samesite=lax" in cookie
    assert "secure" not in cookie
    page = any_backend_client.get("/").text
    assert username in page
    assert "Sign out" in page


def test_secure_cookies_setting_adds_the_secure_flag(web_settings: Settings) -> None:
    from detente.web.app import create_app

    secure = web_settings.model_copy(update={"secure_cookies": True})
    with TestClient(create_app(secure), base_url="https://testserver") as client:
        token = csrf_from(client.get("/login").text)
        assert token
        assert "secure" in client.get("/login").headers.get("set-cookie", "secure").lower()


def test_wrong_password_shows_the_form_again(client: TestClient, web_settings: Settings) -> None:
    username, _ = add_user(web_settings, "analyst")
    response = _login(client, username, "not the password")
    assert response.status_code == 401  # type: ignore[attr-defined]
    assert "Wrong username or password." in response.text  # type: ignore[attr-defined]


def test_login_is_rate_limited_per_user_and_address(
    any_backend_client: TestClient, any_backend_settings: Settings
) -> None:
    username, password = add_user(any_backend_settings, "analyst")
    for _ in range(MAX_FAILURES):
        _login(any_backend_client, username, "not the password")
    response = _login(any_backend_client, username, password)
    assert response.status_code == 429  # type: ignore[attr-defined]
    assert "Too many failed attempts" in response.text  # type: ignore[attr-defined]


def test_login_without_csrf_token_is_refused(client: TestClient, web_settings: Settings) -> None:
    username, password = add_user(web_settings, "analyst")
    client.get("/login")
    response = client.post("/login", data={"username": username, "password": password})
    assert response.status_code == 403


def test_next_cannot_send_the_user_to_another_site(
    client: TestClient, web_settings: Settings
) -> None:
    username, password = add_user(web_settings, "analyst")
    response = _login(client, username, password, "//evil.example/")
    assert response.headers["location"] == "/"  # type: ignore[attr-defined]


def test_sign_out_needs_csrf_and_ends_the_session(client: TestClient, sign_in: SignIn) -> None:
    username = sign_in(client, "monitor")
    assert client.post("/logout", follow_redirects=False).status_code == 403
    token = csrf_from(client.get("/").text)
    assert (
        client.post("/logout", data={"csrf_token": token}, follow_redirects=False).status_code
        == 303
    )
    assert username not in client.get("/").text


def test_csrf_header_is_accepted_for_htmx_requests(client: TestClient, sign_in: SignIn) -> None:
    sign_in(client, "analyst")
    token = csrf_from(client.get("/").text)
    response = client.post("/logout", headers={"X-CSRF-Token": token}, follow_redirects=False)
    assert response.status_code == 303


def test_public_visitor_is_sent_to_sign_in_for_a_protected_page(client: TestClient) -> None:
    response = client.get("/audit?entity=user", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/login?next=%2Faudit%3Fentity%3Duser"


@pytest.mark.parametrize(("role", "status"), [("analyst", 403), ("monitor", 200), ("admin", 200)])
def test_audit_page_is_for_monitors_and_admins(
    client: TestClient, sign_in: SignIn, role: str, status: int
) -> None:
    sign_in(client, role)
    assert client.get("/audit").status_code == status


def test_deactivated_user_loses_the_session(client: TestClient, web_settings: Settings) -> None:
    from detente.accounts import set_active
    from detente.store import Database

    username, password = add_user(web_settings, "monitor")
    _login(client, username, password)
    assert client.get("/audit").status_code == 200
    database = Database(web_settings.sqlalchemy_url)
    with database.session() as session:
        set_active(session, username, False, actor="test")
    database.dispose()
    assert client.get("/audit", follow_redirects=False).status_code == 303
