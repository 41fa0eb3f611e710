"""Authenticate a username and password, limiting failed attempts per username and address.

After ``MAX_FAILURES`` failed attempts for one username from one address within ``WINDOW``,
further attempts are refused without checking the password until the oldest failure leaves the
window. Failures are rows in the database, so the limit holds across worker processes. A success
clears that pair's failures.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from detente.accounts.models import LoginFailure, User
from detente.accounts.passwords import DUMMY_HASH, hash_password, needs_rehash, verify_password
from detente.accounts.users import UserView, to_view
from detente.errors import PermissionDeniedError
from detente.store import Database

MAX_FAILURES = 5
WINDOW = dt.timedelta(minutes=15)


class AuthenticationError(PermissionDeniedError):
    """Wrong username or password (the message never says which)."""


class TooManyAttemptsError(PermissionDeniedError):
    """Too many failed logins for this username from this address; try again later."""

    def __init__(self, retry_after: dt.timedelta) -> None:
        self.retry_after = retry_after
        minutes = max(1, int(retry_after.total_seconds() // 60) + 1)
        super().__init__(f"too many failed logins; try again in {minutes} minutes")


def _recent_failures(
    session: Session, username: str, address: str, now: dt.datetime
) -> tuple[int, dt.datetime | None]:
    row = session.execute(
        select(func.count(LoginFailure.id), func.min(LoginFailure.at)).where(
            LoginFailure.username == username,
            LoginFailure.address == address,
            LoginFailure.at > now - WINDOW,
        )
    ).one()
    oldest: dt.datetime | None = row[1]
    if oldest is not None and oldest.tzinfo is None:  # SQLite returns naive UTC
        oldest = oldest.replace(tzinfo=dt.UTC)
    return int(row[0]), oldest


def authenticate(
    database: Database,
    username: str,
    password: str,
    address: str,
    *,
    now: dt.datetime | None = None,
) -> UserView:
    """The active user whose password matches; records a failure otherwise.

    Takes the :class:`~detente.store.Database` rather than a session because a failed attempt
    must be committed even though the call raises.

    Parameters
    ----------
    address:
        The client address (IP) the attempt comes from.
    now:
        The time of the attempt (UTC); the current time by default.

    Raises
    ------
    TooManyAttemptsError
        ``MAX_FAILURES`` failures within ``WINDOW`` for this username and address.
    AuthenticationError
        Unknown user, inactive user or wrong password (one message for all three).
    """
    now = now or dt.datetime.now(dt.UTC)
    username = username.strip().lower()[:64]
    address = address[:64]
    with database.session() as session:
        count, oldest = _recent_failures(session, username, address, now)
        if count >= MAX_FAILURES and oldest is not None:
            retry_after: dt.timedelta | None = oldest + WINDOW - now
        else:
            retry_after = None
            user = _check_password(session, username, password)
            if user is not None:
                session.execute(
                    delete(LoginFailure).where(
                        LoginFailure.username == username, LoginFailure.address == address
                    )
                )
                return user
            session.add(LoginFailure(username=username, address=address, at=now))
    if retry_after is not None:
        raise TooManyAttemptsError(retry_after)
    raise AuthenticationError("wrong username or password")


def _check_password(session: Session, username: str, password: str) -> UserView | None:
    user = session.scalar(select(User).where(User.username == username))
    if user is None or not user.active:
        verify_password(DUMMY_HASH, password)  # same work whether or not the user exists
        return None
    if not verify_password(user.password_hash, password):
        return None
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    return to_view(user)
