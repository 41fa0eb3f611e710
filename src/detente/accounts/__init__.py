"""Accounts: users, roles, password hashing and login rate limiting.

Core library (no web, no CLI): the web layer and ``detente users`` call these functions.

- :mod:`detente.accounts.roles` — the five roles and what a delegate needs (a ``gwno``).
- :mod:`detente.accounts.passwords` — argon2id hashing (argon2-cffi).
- :mod:`detente.accounts.users` — create, list, look up, change password, deactivate.
- :mod:`detente.accounts.login` — authenticate with a database-backed rate limit.
- :mod:`detente.accounts.bootstrap` — the ``detente init`` step creating the first admin.
"""

from detente.accounts.login import (
    MAX_FAILURES,
    WINDOW,
    AuthenticationError,
    TooManyAttemptsError,
    authenticate,
)
from detente.accounts.roles import ROLES, Role, check_role
from detente.accounts.users import (
    UserView,
    create_user,
    get_user,
    list_users,
    set_active,
    set_password,
)

__all__ = [
    "MAX_FAILURES",
    "ROLES",
    "WINDOW",
    "AuthenticationError",
    "Role",
    "TooManyAttemptsError",
    "UserView",
    "authenticate",
    "check_role",
    "create_user",
    "get_user",
    "list_users",
    "set_active",
    "set_password",
]
