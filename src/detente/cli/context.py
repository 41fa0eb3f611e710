"""What every CLI command needs: settings, the state database, the acting user's name."""

from __future__ import annotations

import getpass

from detente.settings import Settings, get_settings
from detente.store import Database


def settings() -> Settings:
    """The process settings (``DETENTE_*`` environment variables)."""
    return get_settings()


def database() -> Database:
    """The application-state database of the current settings."""
    current = get_settings()
    current.data_dir.mkdir(parents=True, exist_ok=True)
    return Database(current.sqlalchemy_url)


def actor() -> str:
    """Who the audit log names for a change made from the command line."""
    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):
        return "cli:unknown"
