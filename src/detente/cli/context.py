"""What every CLI command needs: settings, the state database, the acting user's name, and the
check of an ``--out`` path.

Every command that writes a file the user names checks it with :func:`check_out_file` (or
:func:`check_out_folder`) before any work: a missing parent folder is refused with the same line
everywhere, never created behind the user's back (a typo in the folder must not scatter files).
"""

from __future__ import annotations

import getpass
import os
import tempfile
from pathlib import Path

from sqlalchemy import inspect

from detente.errors import ConfigError, DataValidationError
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


def check_out_file(out: Path) -> None:
    """Refuse an ``--out`` file that cannot be written, before any work (and any stored copy)."""
    if out.is_dir():
        raise DataValidationError(str(out), None, "out", "is a folder; give a file name")
    if not out.parent.is_dir():
        raise DataValidationError(str(out), None, "out", f"the folder {out.parent} does not exist")
    _try_writing(out.parent, str(out))
    if out.exists() and not os.access(out, os.W_OK):
        raise DataValidationError(str(out), None, "out", "exists and cannot be overwritten")


def check_out_folder(out: Path) -> None:
    """An ``--out`` folder: an existing one, or a new one inside an existing folder."""
    if out.exists() and not out.is_dir():
        raise DataValidationError(str(out), None, "out", "is a file; give a folder")
    if not out.exists() and not out.parent.is_dir():
        raise DataValidationError(str(out), None, "out", f"the folder {out.parent} does not exist")
    _try_writing(out if out.is_dir() else out.parent, str(out))


def _try_writing(folder: Path, shown: str) -> None:
    """Create and remove a scratch file in ``folder``: the only sure test (``/proc``, read-only
    mounts and permissions all say no here, not after minutes of work)."""
    try:
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".detente-", suffix=".tmp"):
            pass
    except OSError as error:
        raise DataValidationError(
            shown, None, "out", f"cannot write in {folder} ({error.strerror or error})"
        ) from error
