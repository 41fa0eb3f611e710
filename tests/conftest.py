"""Shared fixtures: application-state databases on SQLite and on the real PostgreSQL server.

``database`` is parametrized over both backends, so every app-state test runs twice. Each
PostgreSQL test gets its own schema (dropped afterwards), so concurrent test runs on the same
server never see each other's rows. When ``CI=true`` an unreachable PostgreSQL fails the test
instead of skipping it.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from detente.settings import REPO_ROOT, Settings
from detente.store import Database, upgrade

POSTGRES_URL = os.environ.get(
    "DETENTE_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
ON_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def _postgres_or_skip() -> None:
    try:
        engine = create_engine(POSTGRES_URL)
        with engine.connect() as connection:
            connection.execute(text("select 1"))
        engine.dispose()
    except Exception as error:  # any connection failure
        message = f"PostgreSQL at {POSTGRES_URL} is unreachable: {error}"
        if ON_CI:
            pytest.fail(message)
        pytest.skip(message)


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A URL to a fresh, empty schema on the real PostgreSQL server."""
    _postgres_or_skip()
    schema = f"t_{uuid.uuid4().hex[:16]}"
    admin = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield f"{POSTGRES_URL}?options=-csearch_path%3D{schema}"
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A migrated, empty application-state database URL, on SQLite and on PostgreSQL."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'state.sqlite'}"
    else:
        url = request.getfixturevalue("postgres_url")
    upgrade(url)
    return url


@pytest.fixture
def database(database_url: str) -> Iterator[Database]:
    """A migrated, empty application-state :class:`Database` on each backend."""
    db = Database(database_url)
    yield db
    db.dispose()


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Settings with state in a temporary folder and the real bundled snapshot."""
    return Settings(data_dir=tmp_path / "var", snapshot_dir=REPO_ROOT / "data")


@pytest.fixture(scope="session")
def analytics_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A DuckDB analytics store loaded from the real bundled snapshot, built once per session.

    Read it with ``detente.analytics.load_panel(analytics_path, unit="cy")``; do not write to it
    (copy it into ``tmp_path`` first for tests that import more data).
    """
    from detente.analytics import import_snapshot

    folder = tmp_path_factory.mktemp("analytics")
    session_settings = Settings(data_dir=folder, snapshot_dir=REPO_ROOT / "data")
    import_snapshot(session_settings)
    return session_settings.analytics_path
