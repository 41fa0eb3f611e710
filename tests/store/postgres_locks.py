"""Waiting, in a test, until one PostgreSQL session blocks on another's locks.

Race tests hold a transaction open in session A and start B in a thread; B's outcome is only
the race under test if B reached its blocked statement before A commits. Polling
``pg_blocking_pids`` says when it has, without sleeping a guessed time.
"""

from __future__ import annotations

import time

from sqlalchemy import create_engine, text
from sqlalchemy.orm import Session


def backend_pid(session: Session) -> int:
    """The server process of ``session``'s connection (the blocker to wait on)."""
    return int(session.execute(text("SELECT pg_backend_pid()")).scalar_one())


def wait_until_blocked_by(url: str, blocker: int, what: str, seconds: float = 20) -> None:
    """Return once some session waits on a lock ``blocker`` holds; ``AssertionError`` naming
    ``what`` was expected to wait when none does within ``seconds``."""
    watcher = create_engine(url)
    deadline = time.monotonic() + seconds
    try:
        with watcher.connect() as connection:
            while time.monotonic() < deadline:
                blocked = connection.execute(
                    text(
                        "SELECT count(*) FROM pg_stat_activity "
                        "WHERE :a = ANY(pg_blocking_pids(pid))"
                    ),
                    {"a": blocker},
                ).scalar_one()
                if blocked:
                    return
                time.sleep(0.05)
    finally:
        watcher.dispose()
    raise AssertionError(f"{what} never waited on the first transaction's locks")
