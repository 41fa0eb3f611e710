"""The modules that declare application-state tables, one per domain.

Alembic's ``env.py`` and the migration-drift test import these so ``Base.metadata`` knows every
table. A domain that adds tables adds its module here and a migration in its own branch folder
``store/migrations/versions/<branch>/``.
"""

from __future__ import annotations

import importlib

MODEL_MODULES: tuple[str, ...] = (
    "detente.store.audit",
    "detente.accounts.models",
    "detente.warning.models",
    "detente.response.models",
    "detente.alliance.models",
    "detente.security.models",
)


def import_all_models() -> None:
    """Import every table-declaring module so ``Base.metadata`` is complete."""
    for name in MODEL_MODULES:
        importlib.import_module(name)
