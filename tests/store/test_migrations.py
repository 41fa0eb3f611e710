"""Migrations and models agree, on both backends, upgrading twice is harmless, and a
revision that adds a unique index stops with one clear line over rows that break it."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, inspect, text

from detente.errors import ConflictError
from detente.store import Base, upgrade
from detente.store.migrate import alembic_config
from detente.store.registry import import_all_models


def test_models_match_migrations(database_url: str) -> None:
    import_all_models()
    engine = create_engine(database_url)
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, Base.metadata)
    engine.dispose()
    assert differences == [], f"models and migrations differ: {differences}"


def test_upgrade_twice_changes_nothing(database_url: str) -> None:
    engine = create_engine(database_url)
    before = sorted(inspect(engine).get_table_names())
    upgrade(database_url)
    after = sorted(inspect(engine).get_table_names())
    engine.dispose()
    assert "audit_log" in before
    assert before == after


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def empty_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty database on each backend (no revision applied)."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'state.sqlite'}"
    url: str = request.getfixturevalue("postgres_url")
    return url


def test_copies_stored_before_the_unique_index_stop_the_upgrade(empty_url: str) -> None:
    """A database that holds a copy (two requests raced before warning_0002) is not upgraded
    by a database error: one line names both rows and the fix, and the index is not made."""
    command.upgrade(alembic_config(empty_url), "warning_0001")
    engine = create_engine(empty_url)
    with engine.begin() as connection:
        for _ in range(2):
            connection.execute(
                text(
                    "INSERT INTO warning_org_action (gwno, org, kind, acted_on, title, source,"
                    " created_by, created_at) VALUES (432, 'ECOWAS', 'statement', '2023-05-02',"
                    " 'Communiqué', 'https://example.org', 't', '2023-05-03 10:00:00+00')"
                )
            )
    with pytest.raises(ConflictError) as refused:
        upgrade(empty_url)
    indexes = {ix["name"] for ix in inspect(engine).get_indexes("warning_org_action")}
    engine.dispose()
    assert str(refused.value) == (
        "warning_org_action: rows #1 and #2 have the same gwno, org, kind, acted_on, title; "
        "delete one of them, then upgrade again"
    )
    assert "uq_warning_org_action_same" not in indexes
