"""warning: alerts, alert events, org actions, mediation initiatives

Revision ID: warning_0001
Revises:
Create Date: 2026-11-23 18:14:27.279058
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "warning_0001"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = ("warning",)
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:

    op.create_table(
        "warning_alert",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("gwno", sa.Integer(), nullable=False),
        sa.Column("period", sa.String(length=7), nullable=False),
        sa.Column("rule", sa.String(length=64), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("explanation", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_warning_alert")),
        sa.UniqueConstraint("gwno", "period", "rule", name="uq_warning_alert_gwno_period_rule"),
    )
    with op.batch_alter_table("warning_alert", schema=None) as batch_op:
        batch_op.create_index("ix_warning_alert_status", ["status"], unique=False)

    op.create_table(
        "warning_mediation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("gwno", sa.Integer(), nullable=False),
        sa.Column("track", sa.String(length=10), nullable=False),
        sa.Column("mediator", sa.String(length=200), nullable=False),
        sa.Column("started_on", sa.Date(), nullable=False),
        sa.Column("ended_on", sa.Date(), nullable=True),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("source", sa.String(length=500), nullable=False),
        sa.Column("created_by", sa.String(length=120), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_warning_mediation")),
    )
    with op.batch_alter_table("warning_mediation", schema=None) as batch_op:
        batch_op.create_index("ix_warning_mediation_gwno", ["gwno"], unique=False)

    op.create_table(
        "warning_org_action",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("gwno", sa.Integer(), nullable=False),
        sa.Column("org", sa.String(length=16), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("acted_on", sa.Date(), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("source", sa.String(length=500), nullable=False),
        sa.Column("created_by", sa.String(length=120), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_warning_org_action")),
    )
    with op.batch_alter_table("warning_org_action", schema=None) as batch_op:
        batch_op.create_index(
            "ix_warning_org_action_gwno_acted_on", ["gwno", "acted_on"], unique=False
        )

    op.create_table(
        "warning_alert_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("alert_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(length=120), nullable=False),
        sa.Column("from_status", sa.String(length=20), nullable=True),
        sa.Column("to_status", sa.String(length=20), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["alert_id"],
            ["warning_alert.id"],
            name=op.f("fk_warning_alert_event_alert_id_warning_alert"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_warning_alert_event")),
    )
    with op.batch_alter_table("warning_alert_event", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_warning_alert_event_alert_id"), ["alert_id"], unique=False
        )


def downgrade() -> None:

    with op.batch_alter_table("warning_alert_event", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_warning_alert_event_alert_id"))

    op.drop_table("warning_alert_event")
    with op.batch_alter_table("warning_org_action", schema=None) as batch_op:
        batch_op.drop_index("ix_warning_org_action_gwno_acted_on")

    op.drop_table("warning_org_action")
    with op.batch_alter_table("warning_mediation", schema=None) as batch_op:
        batch_op.drop_index("ix_warning_mediation_gwno")

    op.drop_table("warning_mediation")
    with op.batch_alter_table("warning_alert", schema=None) as batch_op:
        batch_op.drop_index("ix_warning_alert_status")

    op.drop_table("warning_alert")
