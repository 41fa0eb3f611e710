"""Users: creation rules, audit without secrets, password change and deactivation."""

from __future__ import annotations

import pytest

from detente.accounts import create_user, get_user, list_users, set_active, set_password
from detente.accounts.models import User
from detente.errors import ConflictError, DataValidationError, NotFoundError
from detente.store import Database, list_audit

PASSWORD = "correct horse battery"


def test_created_user_is_listed_with_role_and_state(database: Database) -> None:
    with database.session() as session:
        create_user(
            session, username="amina", role="delegate", gwno=625, password=PASSWORD, actor="t"
        )
        create_user(session, username="bao", role="analyst", password=PASSWORD, actor="t")
    with database.session() as session:
        users = list_users(session)
    assert [(u.username, u.role, u.gwno, u.active) for u in users] == [
        ("amina", "delegate", 625, True),
        ("bao", "analyst", None, True),
    ]


def test_password_is_stored_as_an_argon2id_hash(database: Database) -> None:
    with database.session() as session:
        create_user(session, username="amina", role="monitor", password=PASSWORD, actor="t")
    with database.session() as session:
        stored = session.query(User).one().password_hash
    assert stored.startswith("$argon2id$")
    assert PASSWORD not in stored


def test_creation_is_audited_without_any_password(database: Database) -> None:
    with database.session() as session:
        create_user(session, username="amina", role="monitor", password=PASSWORD, actor="root")
    with database.session() as session:
        (entry,) = list_audit(session, entity="user")
    assert (entry.actor, entry.action, entry.entity_id) == ("root", "create", "amina")
    assert entry.after is not None
    assert entry.after["role"] == "monitor"
    assert "password" not in str(entry.after)
    assert "argon2" not in str(entry.after)


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"username": "Amina Big", "role": "analyst"}, "username"),
        ({"username": "x", "role": "analyst"}, "username"),
        ({"username": "amina", "role": "president"}, "role"),
        ({"username": "amina", "role": "delegate"}, "gwno"),
        ({"username": "amina", "role": "delegate", "gwno": 9999}, "gwno"),
        ({"username": "amina", "role": "analyst", "gwno": 625}, "gwno"),
        ({"username": "amina", "role": "analyst", "password": "short"}, "password"),
    ],
)
def test_invalid_user_is_refused_naming_the_field(
    database: Database, kwargs: dict[str, object], field: str
) -> None:
    arguments: dict[str, object] = {"password": PASSWORD, "actor": "t", **kwargs}
    with pytest.raises(DataValidationError) as caught, database.session() as session:
        create_user(session, **arguments)  # type: ignore[arg-type]
    assert caught.value.field == field
    with database.session() as session:
        assert list_users(session) == []
        assert list_audit(session) == []


def test_duplicate_username_conflicts(database: Database) -> None:
    with database.session() as session:
        create_user(session, username="amina", role="analyst", password=PASSWORD, actor="t")
    with pytest.raises(ConflictError, match="amina"), database.session() as session:
        create_user(session, username="amina", role="monitor", password=PASSWORD, actor="t")


def test_deactivate_and_password_change_are_audited(database: Database) -> None:
    with database.session() as session:
        create_user(session, username="amina", role="analyst", password=PASSWORD, actor="t")
    with database.session() as session:
        set_password(session, "amina", "another long secret", actor="admin")
        set_active(session, "amina", False, actor="admin")
    with database.session() as session:
        assert get_user(session, "amina").active is False
        actions = [e.action for e in list_audit(session, entity="user")]
    assert actions == ["deactivate", "set_password", "create"]


def test_unknown_user_is_not_found(database: Database) -> None:
    with pytest.raises(NotFoundError, match="nobody"), database.session() as session:
        get_user(session, "nobody")
