"""Web fixtures: the real app in-process (TestClient) over a fresh state database.

``client`` runs on SQLite; ``any_backend_client`` on SQLite and PostgreSQL (for routes that
write). ``sign_in(client, role, gwno=None)`` creates a user with that role and signs in through
the real ``/login`` form, returning the username. Other domains' web tests can use these.
"""

from __future__ import annotations

import contextlib
import re
import secrets
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from detente.accounts import create_user
from detente.settings import REPO_ROOT, Settings
from detente.store import Database, upgrade
from detente.web.app import create_app

CSRF_RE = re.compile(r'name="csrf_token" value="([^"]+)"')
SignIn = Callable[..., str]


def csrf_from(html: str) -> str:
    """The CSRF token of the first form on a page."""
    match = CSRF_RE.search(html)
    assert match is not None, "no CSRF field on the page"
    return match.group(1)


def _settings(data_dir: Path, database_url: str, request: pytest.FixtureRequest) -> Settings:
    kwargs: dict[str, object] = {}
    # the analytics store built once per session by tests/conftest.py, when present
    with contextlib.suppress(pytest.FixtureLookupError):
        kwargs["duckdb_path"] = request.getfixturevalue("analytics_path")
    return Settings(
        data_dir=data_dir,
        database_url=database_url,
        snapshot_dir=REPO_ROOT / "data",
        secret_key=secrets.token_urlsafe(16),
        **kwargs,  # type: ignore[arg-type]
    )


@pytest.fixture
def web_settings(tmp_path: Path, request: pytest.FixtureRequest) -> Settings:
    """Settings over a fresh, migrated SQLite state database (and the analytics store if any)."""
    url = f"sqlite:///{tmp_path / 'state.sqlite'}"
    upgrade(url)
    return _settings(tmp_path / "var", url, request)


@pytest.fixture
def client(web_settings: Settings) -> Iterator[TestClient]:
    """The app in-process on SQLite."""
    with TestClient(create_app(web_settings)) as test_client:
        yield test_client


@pytest.fixture
def any_backend_settings(
    tmp_path: Path, database_url: str, request: pytest.FixtureRequest
) -> Settings:
    """Settings over a migrated state database on SQLite and on PostgreSQL."""
    return _settings(tmp_path / "var", database_url, request)


@pytest.fixture
def any_backend_client(any_backend_settings: Settings) -> Iterator[TestClient]:
    """The app in-process, once per backend."""
    with TestClient(create_app(any_backend_settings)) as test_client:
        yield test_client


def add_user(settings: Settings, role: str, gwno: int | None = None) -> tuple[str, str]:
    """Create a user with ``role`` directly in the state database; returns (name, password)."""
    username = f"{role}-{secrets.token_hex(3)}"
    password = secrets.token_urlsafe(16)
    database = Database(settings.sqlalchemy_url)
    try:
        with database.session() as session:
            create_user(
                session, username=username, role=role, password=password, actor="test", gwno=gwno
            )
    finally:
        database.dispose()
    return username, password


@pytest.fixture
def sign_in() -> SignIn:
    """``sign_in(client, role, gwno=None)``: a new user of ``role``, signed in on ``client``."""

    def _sign_in(client: TestClient, role: str, gwno: int | None = None) -> str:
        settings: Settings = client.app.state.settings  # type: ignore[attr-defined]
        username, password = add_user(settings, role, gwno)
        token = csrf_from(client.get("/login").text)
        response = client.post(
            "/login",
            data={"username": username, "password": password, "csrf_token": token, "next": "/"},
            follow_redirects=False,
        )
        assert response.status_code == 303, response.text
        return username

    return _sign_in
