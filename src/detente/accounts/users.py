"""Create, list and change users; every change is audited (never with the password hash)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from detente.accounts.models import User
from detente.accounts.passwords import check_password_strength, hash_password
from detente.accounts.roles import Role, check_role
from detente.errors import ConflictError, DataValidationError, NotFoundError
from detente.store import get_row, record_audit

USERNAME_RE = re.compile(r"^[a-z0-9][a-z0-9._-]{1,63}$")


@dataclass(frozen=True)
class UserView:
    """What pages, the CLI and the session need to know about a user (no password hash)."""

    id: int
    username: str
    display_name: str
    role: Role
    gwno: int | None
    active: bool
    created_at: dt.datetime

    def audit_state(self) -> dict[str, Any]:
        """The JSON the audit log keeps before and after a change."""
        return {
            "username": self.username,
            "display_name": self.display_name,
            "role": self.role,
            "gwno": self.gwno,
            "active": self.active,
        }


def to_view(user: User) -> UserView:
    """The read-only view of a user row."""
    return UserView(
        id=user.id,
        username=user.username,
        display_name=user.display_name,
        role=user.role,  # type: ignore[arg-type]  # checked by check_role on write
        gwno=user.gwno,
        active=user.active,
        created_at=user.created_at,
    )


def _find(session: Session, username: str) -> User:
    user = session.scalar(select(User).where(User.username == username))
    if user is None:
        raise NotFoundError(f"no user named '{username}'; see 'detente users list'")
    return user


def create_user(
    session: Session,
    *,
    username: str,
    role: str,
    password: str,
    actor: str,
    gwno: int | None = None,
    display_name: str | None = None,
) -> UserView:
    """Add a user with a hashed password.

    Raises
    ------
    DataValidationError
        bad username (lower-case letters, digits, ``.``, ``_``, ``-``; 2-64 characters), unknown
        role, a delegate without a known ``gwno``, or a password shorter than 10 characters.
    ConflictError
        the username is taken.
    """
    if not USERNAME_RE.match(username):
        raise DataValidationError(
            "user",
            None,
            "username",
            f"'{username}' is not a valid username: use 2-64 lower-case letters, digits, . _ -",
        )
    checked_role = check_role(role, gwno)
    check_password_strength(password)
    if session.scalar(select(User.id).where(User.username == username)) is not None:
        raise ConflictError(f"user '{username}' already exists")
    user = User(
        username=username,
        display_name=(display_name or username).strip()[:120] or username,
        role=checked_role,
        gwno=gwno,
        password_hash=hash_password(password),
        active=True,
        created_at=dt.datetime.now(dt.UTC),
    )
    session.add(user)
    session.flush()
    view = to_view(user)
    record_audit(
        session,
        actor=actor,
        action="create",
        entity="user",
        entity_id=username,
        after=view.audit_state(),
    )
    return view


def get_user(session: Session, username: str) -> UserView:
    """The user named ``username``; ``NotFoundError`` otherwise."""
    return to_view(_find(session, username))


def find_active_user(session: Session, user_id: int) -> UserView | None:
    """The active user with this id, or ``None`` (a session cookie outliving its user)."""
    user = get_row(session, User, user_id)
    if user is None or not user.active:
        return None
    return to_view(user)


def list_users(session: Session) -> list[UserView]:
    """Every user, ordered by username."""
    return [to_view(u) for u in session.scalars(select(User).order_by(User.username))]


def count_users(session: Session) -> int:
    """How many users exist (active or not)."""
    return int(session.scalar(select(func.count(User.id))) or 0)


def set_password(session: Session, username: str, password: str, *, actor: str) -> None:
    """Replace a user's password (audited without any hash)."""
    check_password_strength(password)
    user = _find(session, username)
    user.password_hash = hash_password(password)
    record_audit(
        session,
        actor=actor,
        action="set_password",
        entity="user",
        entity_id=username,
        before=None,
        after={"password": "changed"},
    )


def set_active(session: Session, username: str, active: bool, *, actor: str) -> UserView:
    """Activate or deactivate a user; a deactivated user can no longer log in.

    The last active admin cannot be deactivated: nobody could then manage accounts from the
    web, and the platform would need a database edit to recover.
    """
    user = _find(session, username)
    if not active and user.active and user.role == "admin":
        admins = session.scalar(
            select(func.count()).select_from(User).where(User.role == "admin", User.active)
        )
        if (admins or 0) <= 1:
            raise ConflictError(
                f"'{username}' is the last active admin; add another admin before deactivating it"
            )
    before = to_view(user).audit_state()
    user.active = active
    after = to_view(user)
    record_audit(
        session,
        actor=actor,
        action="activate" if active else "deactivate",
        entity="user",
        entity_id=username,
        before=before,
        after=after.audit_state(),
    )
    return after
