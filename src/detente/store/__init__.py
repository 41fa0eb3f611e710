"""Application state: SQLAlchemy 2 engine and sessions, Alembic migrations, the audit log.

One code path for SQLite (default, a file in ``var/``) and PostgreSQL (multi-user deployment).
Each domain owns its tables in its own ``models.py`` and its own Alembic branch under
``store/migrations/versions/<domain>/``; ``upgrade`` applies every branch head.
"""

from detente.store.audit import AuditRecord, list_audit, record_audit
from detente.store.db import MAX_ROW_ID, Base, Database, flush_or_conflict, get_row, utcnow
from detente.store.migrate import upgrade

__all__ = [
    "MAX_ROW_ID",
    "AuditRecord",
    "Base",
    "Database",
    "flush_or_conflict",
    "get_row",
    "list_audit",
    "record_audit",
    "upgrade",
    "utcnow",
]
