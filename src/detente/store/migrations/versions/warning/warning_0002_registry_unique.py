"""warning: the same org action or mediation initiative can be stored only once

Revision ID: warning_0002
Revises: warning_0001
Create Date: 2026-12-02 17:10:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from detente.store.migrations.checks import refuse_copies

revision: str = "warning_0002"
down_revision: str | Sequence[str] | None = "warning_0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ACTION = ("gwno", "org", "kind", "acted_on", "title")
MEDIATION = ("gwno", "track", "mediator", "started_on", "title")


def upgrade() -> None:
    refuse_copies("warning_org_action", ACTION)
    refuse_copies("warning_mediation", (*MEDIATION, "ended_on"))
    op.create_index("uq_warning_org_action_same", "warning_org_action", list(ACTION), unique=True)
    op.create_index(
        "uq_warning_mediation_ended",
        "warning_mediation",
        ["gwno", "track", "mediator", "started_on", "ended_on", "title"],
        unique=True,
    )
    op.create_index(
        "uq_warning_mediation_ongoing",
        "warning_mediation",
        list(MEDIATION),
        unique=True,
        sqlite_where=sa.text("ended_on IS NULL"),
        postgresql_where=sa.text("ended_on IS NULL"),
    )


def downgrade() -> None:
    op.drop_index("uq_warning_mediation_ongoing", table_name="warning_mediation")
    op.drop_index("uq_warning_mediation_ended", table_name="warning_mediation")
    op.drop_index("uq_warning_org_action_same", table_name="warning_org_action")
