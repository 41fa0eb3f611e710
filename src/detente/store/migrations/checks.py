"""Checks that migrations run before they add a constraint existing rows could break.

A unique index created over rows that already hold a copy fails with the database's own error,
which names neither the rows nor what to do. Looking first lets the upgrade stop with one line
that does, before anything of the revision is written.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from detente.errors import ConflictError


def refuse_copies(table: str, columns: Sequence[str], where: str | None = None) -> None:
    """``ConflictError`` naming two rows of ``table`` equal in every one of ``columns``.

    Rows are grouped as SQL's GROUP BY does (NULLs equal); ``where`` limits the rows looked at,
    e.g. to those a partial index binds.
    """
    listed = ", ".join(columns)
    condition = f" WHERE {where}" if where else ""
    found = (
        op.get_bind()
        .execute(
            sa.text(
                f"SELECT min(id), max(id) FROM {table}{condition} "  # our own table and column names
                f"GROUP BY {listed} HAVING count(*) > 1 ORDER BY min(id)"
            )
        )
        .first()
    )
    if found is not None:
        raise ConflictError(
            f"{table}: rows #{found[0]} and #{found[1]} have the same {listed}; "
            "delete one of them, then upgrade again"
        )
