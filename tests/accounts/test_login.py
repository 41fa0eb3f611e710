"""Authentication and its database-backed rate limit (5 failures / username+address / 15 min)."""

from __future__ import annotations

import datetime as dt

import pytest

from detente.accounts import (
    MAX_FAILURES,
    WINDOW,
    AuthenticationError,
    TooManyAttemptsError,
    authenticate,
    create_user,
    set_active,
)
from detente.store import Database

PASSWORD = "correct horse battery"
T0 = dt.datetime(2026, 3, 1, 12, 0, tzinfo=dt.UTC)


@pytest.fixture
def with_user(database: Database) -> Database:
    with database.session() as session:
        create_user(session, username="amina", role="analyst", password=PASSWORD, actor="t")
    return database


def test_right_password_returns_the_user(with_user: Database) -> None:
    user = authenticate(with_user, "amina", PASSWORD, "127.0.0.1", now=T0)
    assert (user.username, user.role) == ("amina", "analyst")


def test_username_is_case_insensitive(with_user: Database) -> None:
    assert authenticate(with_user, " Amina ", PASSWORD, "127.0.0.1", now=T0).username == "amina"


@pytest.mark.parametrize(("username", "password"), [("amina", "wrong one!"), ("nobody", PASSWORD)])
def test_wrong_password_or_unknown_user_fail_alike(
    with_user: Database, username: str, password: str
) -> None:
    with pytest.raises(AuthenticationError, match="wrong username or password"):
        authenticate(with_user, username, password, "127.0.0.1", now=T0)


def test_deactivated_user_cannot_sign_in(with_user: Database) -> None:
    with with_user.session() as session:
        set_active(session, "amina", False, actor="t")
    with pytest.raises(AuthenticationError):
        authenticate(with_user, "amina", PASSWORD, "127.0.0.1", now=T0)


def _fail(
    database: Database, times: int, address: str = "10.0.0.1", start: dt.datetime = T0
) -> None:
    for i in range(times):
        with pytest.raises(AuthenticationError):
            authenticate(database, "amina", "wrong", address, now=start + dt.timedelta(seconds=i))


def test_sixth_attempt_is_refused_even_with_the_right_password(with_user: Database) -> None:
    _fail(with_user, MAX_FAILURES)
    with pytest.raises(TooManyAttemptsError) as caught:
        authenticate(with_user, "amina", PASSWORD, "10.0.0.1", now=T0 + dt.timedelta(minutes=1))
    assert dt.timedelta(minutes=13) < caught.value.retry_after <= WINDOW


def test_limit_is_per_address(with_user: Database) -> None:
    _fail(with_user, MAX_FAILURES, address="10.0.0.1")
    user = authenticate(with_user, "amina", PASSWORD, "10.0.0.2", now=T0 + dt.timedelta(minutes=1))
    assert user.username == "amina"


def test_limit_lifts_when_failures_leave_the_window(with_user: Database) -> None:
    _fail(with_user, MAX_FAILURES)
    later = T0 + WINDOW + dt.timedelta(seconds=MAX_FAILURES)
    assert authenticate(with_user, "amina", PASSWORD, "10.0.0.1", now=later).username == "amina"


def test_success_clears_earlier_failures(with_user: Database) -> None:
    _fail(with_user, MAX_FAILURES - 1)
    authenticate(with_user, "amina", PASSWORD, "10.0.0.1", now=T0 + dt.timedelta(minutes=1))
    _fail(with_user, MAX_FAILURES - 1, start=T0 + dt.timedelta(minutes=2))
    user = authenticate(with_user, "amina", PASSWORD, "10.0.0.1", now=T0 + dt.timedelta(minutes=3))
    assert user.username == "amina"


def test_limit_holds_across_database_connections(with_user: Database) -> None:
    """Failures are rows, so another worker (another engine) sees them too."""
    _fail(with_user, MAX_FAILURES)
    other_worker = Database(with_user.url)
    try:
        with pytest.raises(TooManyAttemptsError):
            authenticate(
                other_worker, "amina", PASSWORD, "10.0.0.1", now=T0 + dt.timedelta(minutes=1)
            )
    finally:
        other_worker.dispose()
