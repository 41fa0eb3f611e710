"""Typed settings, read from ``DETENTE_*`` environment variables.

Defaults run out of the box: state in ``var/`` of the working directory (an SQLite file for
application state, a DuckDB file for bulk data) and the bundled real snapshot in the
repository's ``data/`` folder.
"""

from __future__ import annotations

import secrets
from functools import lru_cache
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

REPO_ROOT = Path(__file__).resolve().parents[2]


class Settings(BaseSettings):
    """Every configurable value of Détente.

    Environment variables are the setting names in upper case with the ``DETENTE_`` prefix,
    e.g. ``DETENTE_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/test``.
    """

    model_config = SettingsConfigDict(env_prefix="DETENTE_", frozen=True)

    data_dir: Path = Field(default=Path("var"), description="Where local state files live.")
    database_url: str = Field(
        default="", description="SQLAlchemy URL of application state; empty = SQLite in data_dir."
    )
    duckdb_path: Path | None = Field(
        default=None, description="DuckDB file for bulk data; empty = data_dir/analytics.duckdb."
    )
    snapshot_dir: Path = Field(
        default=REPO_ROOT / "data", description="The bundled real data snapshot."
    )
    host: str = "127.0.0.1"
    port: int = 8000
    secret_key: str = Field(
        default="", description="Signs session cookies; empty = generated once into data_dir."
    )
    secure_cookies: bool = Field(
        default=False, description="Send cookies with the Secure flag (set behind HTTPS)."
    )
    page_cache: bool = Field(
        default=True,
        description="Serve repeated anonymous page views from memory until the data change.",
    )
    ucdp_api_base: str = Field(
        default="https://ucdpapi.pcr.uu.se/api", description="UCDP download API base URL."
    )
    ucdp_downloads_base: str = Field(
        default="https://ucdp.uu.se/downloads", description="UCDP file downloads base URL."
    )
    http_timeout: float = 20.0

    @property
    def sqlalchemy_url(self) -> str:
        """The application-state database URL, normalised to the psycopg 3 driver."""
        url = self.database_url or f"sqlite:///{self.data_dir / 'detente.sqlite'}"
        if url.startswith("postgresql://") or url.startswith("postgres://"):
            url = "postgresql+psycopg://" + url.split("://", 1)[1]
        return url

    @property
    def analytics_path(self) -> Path:
        """The DuckDB file of bulk data."""
        return self.duckdb_path or self.data_dir / "analytics.duckdb"

    def session_secret(self) -> str:
        """The cookie-signing secret, generated once and kept in ``data_dir/secret_key``."""
        if self.secret_key:
            return self.secret_key
        path = self.data_dir / "secret_key"
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(secrets.token_urlsafe(48))
            path.chmod(0o600)
        return path.read_text().strip()


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings (read once from the environment)."""
    return Settings()
