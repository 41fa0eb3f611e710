"""The ``detente init`` step that makes a fresh installation usable: a first admin account.

There is never a default password. On the first ``detente init`` (no user exists yet) an
``admin`` account is created with a random password that is printed once; later runs change
nothing. Lost it? ``detente users passwd admin`` sets a new one.
"""

from __future__ import annotations

import secrets

from detente.accounts.users import count_users, create_user
from detente.settings import Settings
from detente.store import Database

FIRST_ADMIN = "admin"


def ensure_admin(settings: Settings) -> str:
    """Create the first admin with a random password if there are no users; idempotent."""
    database = Database(settings.sqlalchemy_url)
    try:
        with database.session() as session:
            if count_users(session) > 0:
                return "accounts: users exist, no admin created"
            password = secrets.token_urlsafe(15)
            create_user(
                session,
                username=FIRST_ADMIN,
                role="admin",
                password=password,
                actor="detente init",
                display_name="Administrator",
            )
    finally:
        database.dispose()
    return (
        f"accounts: created user '{FIRST_ADMIN}' (role admin) with password {password} "
        "- shown only this once; change it with 'detente users passwd admin'"
    )
