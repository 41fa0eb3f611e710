"""What every CLI command needs: settings, the state database, the acting user's name."""

from __future__ import annotations

import getpass

from sqlalchemy import inspect

from detente.errors import ConfigError
from detente.settings import Settings, get_settings
from detente.store import Database


def settings() -> Settings:
    """The process settings (``DETENTE_*`` environment variables)."""
    return get_settings()


def database() -> Database:
    """The application-state database of the current settings, once ``detente init`` has
    made it (see :func:`check_initialised`)."""
    current = get_settings()
    check_initialised(current)
    return Database(current.sqlalchemy_url)


def check_initialised(current: Settings) -> None:
    """Refuse an uninitialised state database with the command that fixes it.

    Without this check ``detente alerts list`` on a fresh data folder printed a SQLAlchemy
    traceback ("no such table") and left an empty ``detente.sqlite`` behind.
    """
    if (
        current.sqlalchemy_url.startswith("sqlite")
        and not current.database_url
        and not (current.data_dir / "detente.sqlite").exists()
    ):
        raise ConfigError(
            f"no application state in {current.data_dir}/. Hint: run 'detente init' first"
        )
    database = Database(current.sqlalchemy_url)
    try:
        tables = set(inspect(database.engine).get_table_names())
    finally:
        database.dispose()
    if "alembic_version" not in tables:
        raise ConfigError("the application state is not initialised. Hint: run 'detente init'")


def actor() -> str:
    """Who the audit log names for a change made from the command line."""
    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):
        return "cli:unknown"
