"""Migrations and models agree, on both backends, and upgrading twice is harmless."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, inspect

from detente.store import Base, upgrade
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
