"""Run Alembic migrations programmatically (``detente init``, tests, ``make run``).

Each domain has its own branch of revisions in ``migrations/versions/<domain>/`` so domains can
evolve their tables independently; ``upgrade`` goes to every head.
"""

from __future__ import annotations

import os
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine

MIGRATIONS_DIR = Path(__file__).parent / "migrations"


def version_dirs() -> list[Path]:
    """Every branch folder under ``migrations/versions``."""
    root = MIGRATIONS_DIR / "versions"
    return sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith("__"))


def alembic_config(url: str, engine: Engine | None = None) -> Config:
    """An Alembic configuration pointing at our migrations and the given database."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.set_main_option("path_separator", "os")
    cfg.set_main_option("version_locations", os.pathsep.join(str(p) for p in version_dirs()))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    cfg.attributes["engine"] = engine
    return cfg


def upgrade(url: str, engine: Engine | None = None) -> None:
    """Bring the database at ``url`` to the newest revision of every branch."""
    command.upgrade(alembic_config(url, engine), "heads")
