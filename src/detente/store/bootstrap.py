"""First step of ``detente init``: bring the application-state database to the newest schema."""

from __future__ import annotations

from detente.settings import Settings
from detente.store.migrate import upgrade


def migrate(settings: Settings) -> str:
    """Create or upgrade the application-state database; idempotent."""
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    upgrade(settings.sqlalchemy_url)
    return f"application state at {settings.sqlalchemy_url.split('@')[-1]} is up to date"
