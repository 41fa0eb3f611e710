"""Engine, declarative base and a small session helper shared by every domain."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, ClassVar, TypeVar

from sqlalchemy import JSON, DateTime, MetaData, create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker

from detente.errors import ConflictError

# Stable constraint names make Alembic migrations identical on SQLite and PostgreSQL.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Declarative base of every application-state table."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        dt.datetime: DateTime(timezone=True),
        dict[str, Any]: JSON,
    }


MAX_ROW_ID = 2**31 - 1
"""The largest id an INTEGER primary key holds on every backend (PostgreSQL's is 32-bit)."""
RowT = TypeVar("RowT")


def get_row(session: Session, model: type[RowT], row_id: int) -> RowT | None:
    """``session.get`` that answers ``None`` for ids no INTEGER column can hold.

    A huge id from a URL or the CLI must be "not found", not a database overflow (SQLite
    raises ``OverflowError``, PostgreSQL a ``DataError``).
    """
    if not 1 <= row_id <= MAX_ROW_ID:
        return None
    return session.get(model, row_id)


UNIQUE_VIOLATION_CODES = {"23505", "SQLITE_CONSTRAINT_UNIQUE"}
"""How each backend names a broken unique index: PostgreSQL's SQLSTATE, SQLite's error name."""


def is_unique_violation(error: IntegrityError) -> bool:
    """Whether ``error`` is a unique index refusing a copy (not a missing value or key)."""
    driver = error.orig
    code = getattr(driver, "sqlstate", None) or getattr(driver, "sqlite_errorname", None)
    return code in UNIQUE_VIOLATION_CODES


def flush_or_conflict(session: Session, conflict: str) -> None:
    """Flush the session; a unique index refusing a copy becomes ``ConflictError(conflict)``.

    Why: services look for a copy before inserting, to name it in their message, but two
    requests sent at the same moment can both find none. The database's unique index then
    refuses the second insert, and its sender must get the same 409 as for a copy found by the
    look, not a server error. The session is left to be rolled back by its owner.
    """
    try:
        session.flush()
    except IntegrityError as e:
        if is_unique_violation(e):
            raise ConflictError(conflict) from e
        raise


def utcnow() -> dt.datetime:
    """The current time, timezone-aware in UTC (what every timestamp column stores)."""
    return dt.datetime.now(dt.UTC)


def make_engine(url: str) -> Engine:
    """Create an engine; SQLite gets foreign keys on and a busy timeout for concurrent writers."""
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": 30, "check_same_thread": False})

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
            cursor = dbapi_conn.cursor()
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.close()

        return engine
    return create_engine(url, pool_pre_ping=True)


class Database:
    """The application-state database: one engine and a session factory.

    Use :meth:`session` as a unit of work: it commits when the block ends normally and rolls
    back (writing nothing) when it raises.
    """

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = make_engine(url)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @property
    def dialect(self) -> str:
        """``sqlite`` or ``postgresql``."""
        return self.engine.dialect.name

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A transactional session: commit on success, roll back on any exception."""
        session = self._sessions()
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def dispose(self) -> None:
        """Close every pooled connection."""
        self.engine.dispose()
