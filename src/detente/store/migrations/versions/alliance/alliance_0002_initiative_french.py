"""alliance: French title and summary of an initiative (empty: the pages show the English)

Revision ID: alliance_0002
Revises: alliance_0001
Create Date: 2026-12-02 07:45:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "alliance_0002"
down_revision: str | Sequence[str] | None = "alliance_0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("alliance_initiative", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("title_fr", sa.String(length=200), nullable=False, server_default="")
        )
        batch_op.add_column(sa.Column("summary_fr", sa.Text(), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("alliance_initiative", schema=None) as batch_op:
        batch_op.drop_column("summary_fr")
        batch_op.drop_column("title_fr")
