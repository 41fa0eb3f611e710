"""The DuckDB file of bulk data: its tables, and how to open it for reading or writing.

Layout (one file, ``Settings.analytics_path``)::

    releases             one row per imported release (kind, release, sha256, imported_at,
                         rows, coverage); never deleted, so replaced releases stay recorded
    raw_<table>          the validated rows of every release still in force, with
                         ``release_id`` and ``period`` (year, or ViEWS month_id for GED)
    panel_cy, panel_cm   the country-year and country-month panels (docs/data-contracts.md)
    store_meta           panel version and the country reference they were built with

Writes go through an in-memory DuckDB connection that ATTACHes the file as ``store`` only once
the input is validated, inside one transaction (see :mod:`detente.analytics.imports`).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from detente.errors import ConflictError, StoreMissingError
from detente.settings import Settings

RAW_TABLES = {
    "ucdp-cy": ("ucdp_cy",),
    "acd": ("acd",),
    "ged": ("ged",),
    "pax": ("pax",),
    "unvotes": ("un_roll_calls", "un_votes", "un_roll_call_issues"),
}
"""Source kind -> staged tables it writes (stored as ``raw_<name>``)."""

_LOCK_WAIT_SECONDS = 10.0

RELEASES_DDL = """
CREATE TABLE IF NOT EXISTS store.releases (
    release_id INTEGER PRIMARY KEY,
    kind VARCHAR NOT NULL,
    release VARCHAR NOT NULL,
    file_name VARCHAR NOT NULL,
    sha256 VARCHAR NOT NULL,
    imported_at TIMESTAMP NOT NULL,
    rows_imported BIGINT NOT NULL,
    period_unit VARCHAR NOT NULL,
    first_period VARCHAR NOT NULL,
    last_period VARCHAR NOT NULL
)
"""
META_DDL = "CREATE TABLE IF NOT EXISTS store.store_meta (key VARCHAR PRIMARY KEY, value VARCHAR)"


def store_path(target: Settings | Path | str) -> Path:
    """The DuckDB file of ``target`` (settings or a path)."""
    if isinstance(target, Settings):
        return target.analytics_path
    return Path(target)


def memory_connection() -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB connection without DuckDB's own terminal progress bar."""
    con = duckdb.connect()
    con.execute("SET enable_progress_bar = false")
    return con


def _is_lock_error(error: duckdb.Error) -> bool:
    text = str(error).lower()
    return "lock" in text or "conflicting" in text


def _retry_locked(path: Path, open_: type[Exception] | None = None) -> None:
    raise ConflictError(
        f"the analytics store {path} is in use by another process (an import?); "
        "try again when it has finished"
    )


@contextmanager
def read_connection(path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only connection to the store file, waiting while another process writes it.

    Raises
    ------
    NotFoundError
        If the file does not exist (hint: ``detente init``).
    ConflictError
        If a writer holds the file for more than a few seconds.
    """
    if not path.is_file():
        raise StoreMissingError(
            "analytics store", path, "run `detente init` (or `detente data import`)"
        )
    deadline = time.monotonic() + _LOCK_WAIT_SECONDS
    while True:
        try:
            con = duckdb.connect(str(path), read_only=True)
            con.execute("SET enable_progress_bar = false")
            break
        except duckdb.IOException as error:
            if not _is_lock_error(error) or time.monotonic() > deadline:
                if _is_lock_error(error):
                    _retry_locked(path)
                raise
            time.sleep(0.1)
    try:
        yield con
    finally:
        con.close()


def attach_for_writing(con: duckdb.DuckDBPyConnection, path: Path) -> None:
    """ATTACH the store file as ``store`` (created if missing) with its tables ensured."""
    path.parent.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + _LOCK_WAIT_SECONDS
    escaped = str(path).replace("'", "''")
    while True:
        try:
            con.execute(f"ATTACH '{escaped}' AS store")
            break
        except duckdb.IOException as error:
            if not _is_lock_error(error):
                raise
            if time.monotonic() > deadline:
                _retry_locked(path)
            time.sleep(0.1)
    con.execute(RELEASES_DDL)
    con.execute(META_DDL)


def table_exists(con: duckdb.DuckDBPyConnection, name: str, database: str | None = "store") -> bool:
    """Whether table ``name`` exists in ``database`` (``None``: the connection's own file)."""
    found = con.execute(
        "SELECT count(*) FROM duckdb_tables() "
        "WHERE database_name = coalesce(?, current_database()) AND table_name = ?",
        [database, name],
    ).fetchone()
    return bool(found and found[0])


def get_meta(con: duckdb.DuckDBPyConnection, key: str, database: str = "store") -> str | None:
    """A value of ``store_meta`` (``None`` when unset or the table is missing)."""
    if not table_exists(con, "store_meta", database):
        return None
    found = con.execute(f"SELECT value FROM {database}.store_meta WHERE key = ?", [key]).fetchone()
    return None if found is None else str(found[0])


def set_meta(con: duckdb.DuckDBPyConnection, key: str, value: str) -> None:
    """Set a value of ``store.store_meta``."""
    con.execute("INSERT OR REPLACE INTO store.store_meta (key, value) VALUES (?, ?)", [key, value])
