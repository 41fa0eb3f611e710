"""security: pacts, members, principles, commitments, CSBM notifications, incidents, verdicts,
processes and stages, dialogue tracks, sanctions and reciprocal gestures

Revision ID: security_0001
Revises:
Create Date: 2026-11-23
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "security_0001"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = ("security",)
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "security_counterpart",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("audience", sa.String(length=20), nullable=False),
        sa.Column("gwno", sa.Integer(), nullable=True),
        sa.Column("contact_ban", sa.Boolean(), nullable=False),
        sa.Column("sanctioned", sa.Boolean(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_security_counterpart")),
        sa.UniqueConstraint("name", name=op.f("uq_security_counterpart_name")),
    )
    op.create_table(
        "security_pact",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("slug", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("region", sa.String(length=80), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("signed_on", sa.Date(), nullable=True),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("source", sa.String(length=400), nullable=False),
        sa.Column("notify_troops", sa.Integer(), nullable=False),
        sa.Column("notify_tanks", sa.Integer(), nullable=False),
        sa.Column("notify_acv", sa.Integer(), nullable=False),
        sa.Column("notify_artillery", sa.Integer(), nullable=False),
        sa.Column("notify_days", sa.Integer(), nullable=False),
        sa.Column("threshold_source", sa.String(length=400), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_security_pact")),
        sa.UniqueConstraint("slug", name=op.f("uq_security_pact_slug")),
    )
    op.create_table(
        "security_sanction",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("imposed_by", sa.String(length=80), nullable=False),
        sa.Column("target", sa.String(length=200), nullable=False),
        sa.Column("target_gwno", sa.Integer(), nullable=True),
        sa.Column("category", sa.String(length=30), nullable=False),
        sa.Column("reason", sa.String(length=300), nullable=False),
        sa.Column("adopted_on", sa.Date(), nullable=False),
        sa.Column("lifted_on", sa.Date(), nullable=True),
        sa.Column("legal_act", sa.String(length=200), nullable=False),
        sa.Column("source", sa.String(length=400), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_security_sanction")),
    )
    op.create_table(
        "security_commitment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("pact_id", sa.Integer(), nullable=False),
        sa.Column("basket", sa.String(length=20), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("owner", sa.String(length=120), nullable=False),
        sa.Column("owner_gwno", sa.Integer(), nullable=True),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("done_on", sa.Date(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["pact_id"],
            ["security_pact.id"],
            name=op.f("fk_security_commitment_pact_id_security_pact"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_security_commitment")),
    )
    with op.batch_alter_table("security_commitment", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_security_commitment_pact_id"), ["pact_id"], unique=False
        )

    op.create_table(
        "security_gesture_pair",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sanction_id", sa.Integer(), nullable=False),
        sa.Column("gesture", sa.Text(), nullable=False),
        sa.Column("gesture_gwno", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("illustrative", sa.Boolean(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("source", sa.String(length=400), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["sanction_id"],
            ["security_sanction.id"],
            name=op.f("fk_security_gesture_pair_sanction_id_security_sanction"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_security_gesture_pair")),
    )
    with op.batch_alter_table("security_gesture_pair", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_security_gesture_pair_sanction_id"), ["sanction_id"], unique=False
        )

    op.create_table(
        "security_incident",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("pact_id", sa.Integer(), nullable=False),
        sa.Column("occurred_on", sa.Date(), nullable=False),
        sa.Column("place", sa.String(length=200), nullable=False),
        sa.Column("reporting_party", sa.String(length=120), nullable=False),
        sa.Column("reporting_gwno", sa.Integer(), nullable=True),
        sa.Column("accused_gwno", sa.Integer(), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("evidence", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["pact_id"],
            ["security_pact.id"],
            name=op.f("fk_security_incident_pact_id_security_pact"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_security_incident")),
    )
    with op.batch_alter_table("security_incident", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_security_incident_accused_gwno"), ["accused_gwno"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_security_incident_pact_id"), ["pact_id"], unique=False)

    op.create_table(
        "security_notification",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("pact_id", sa.Integer(), nullable=False),
        sa.Column("gwno", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("subject", sa.String(length=300), nullable=False),
        sa.Column("counterpart_gwno", sa.Integer(), nullable=True),
        sa.Column("starts_on", sa.Date(), nullable=True),
        sa.Column("ends_on", sa.Date(), nullable=True),
        sa.Column("troops", sa.Integer(), nullable=True),
        sa.Column("tanks", sa.Integer(), nullable=True),
        sa.Column("acv", sa.Integer(), nullable=True),
        sa.Column("artillery", sa.Integer(), nullable=True),
        sa.Column("required", sa.Boolean(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("sent_on", sa.Date(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["pact_id"],
            ["security_pact.id"],
            name=op.f("fk_security_notification_pact_id_security_pact"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_security_notification")),
    )
    with op.batch_alter_table("security_notification", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_security_notification_gwno"), ["gwno"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_security_notification_pact_id"), ["pact_id"], unique=False
        )

    op.create_table(
        "security_pact_member",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("pact_id", sa.Integer(), nullable=False),
        sa.Column("gwno", sa.Integer(), nullable=False),
        sa.Column("joined_on", sa.Date(), nullable=False),
        sa.Column("left_on", sa.Date(), nullable=True),
        sa.Column("source", sa.String(length=400), nullable=False),
        sa.ForeignKeyConstraint(
            ["pact_id"],
            ["security_pact.id"],
            name=op.f("fk_security_pact_member_pact_id_security_pact"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_security_pact_member")),
        sa.UniqueConstraint(
            "pact_id", "gwno", "joined_on", name=op.f("uq_security_pact_member_pact_id")
        ),
    )
    with op.batch_alter_table("security_pact_member", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_security_pact_member_gwno"), ["gwno"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_security_pact_member_pact_id"), ["pact_id"], unique=False
        )

    op.create_table(
        "security_principle",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("pact_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["pact_id"],
            ["security_pact.id"],
            name=op.f("fk_security_principle_pact_id_security_pact"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_security_principle")),
        sa.UniqueConstraint("pact_id", "number", name=op.f("uq_security_principle_pact_id")),
    )
    with op.batch_alter_table("security_principle", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_security_principle_pact_id"), ["pact_id"], unique=False
        )

    op.create_table(
        "security_process",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("pact_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("parties", sa.JSON(), nullable=False),
        sa.Column("started_on", sa.Date(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["pact_id"],
            ["security_pact.id"],
            name=op.f("fk_security_process_pact_id_security_pact"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_security_process")),
    )
    with op.batch_alter_table("security_process", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_security_process_pact_id"), ["pact_id"], unique=False)

    op.create_table(
        "security_contact",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("counterpart_id", sa.Integer(), nullable=False),
        sa.Column("process_id", sa.Integer(), nullable=True),
        sa.Column("channel", sa.String(length=30), nullable=False),
        sa.Column("intermediary", sa.String(length=200), nullable=False),
        sa.Column("met_on", sa.Date(), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("recorded_by", sa.String(length=120), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["counterpart_id"],
            ["security_counterpart.id"],
            name=op.f("fk_security_contact_counterpart_id_security_counterpart"),
        ),
        sa.ForeignKeyConstraint(
            ["process_id"],
            ["security_process.id"],
            name=op.f("fk_security_contact_process_id_security_process"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_security_contact")),
    )
    with op.batch_alter_table("security_contact", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_security_contact_counterpart_id"), ["counterpart_id"], unique=False
        )

    op.create_table(
        "security_incident_principle",
        sa.Column("incident_id", sa.Integer(), nullable=False),
        sa.Column("principle_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["incident_id"],
            ["security_incident.id"],
            name=op.f("fk_security_incident_principle_incident_id_security_incident"),
        ),
        sa.ForeignKeyConstraint(
            ["principle_id"],
            ["security_principle.id"],
            name=op.f("fk_security_incident_principle_principle_id_security_principle"),
        ),
        sa.PrimaryKeyConstraint(
            "incident_id", "principle_id", name=op.f("pk_security_incident_principle")
        ),
    )
    op.create_table(
        "security_stage",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("process_id", sa.Integer(), nullable=False),
        sa.Column("stage", sa.String(length=30), nullable=False),
        sa.Column("reached_on", sa.Date(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["process_id"],
            ["security_process.id"],
            name=op.f("fk_security_stage_process_id_security_process"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_security_stage")),
        sa.UniqueConstraint("process_id", "stage", name=op.f("uq_security_stage_process_id")),
    )
    with op.batch_alter_table("security_stage", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_security_stage_process_id"), ["process_id"], unique=False
        )

    op.create_table(
        "security_verdict",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("incident_id", sa.Integer(), nullable=False),
        sa.Column("finding", sa.String(length=20), nullable=False),
        sa.Column("reasoning", sa.Text(), nullable=False),
        sa.Column("decided_on", sa.Date(), nullable=False),
        sa.Column("monitor", sa.String(length=120), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["incident_id"],
            ["security_incident.id"],
            name=op.f("fk_security_verdict_incident_id_security_incident"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_security_verdict")),
        sa.UniqueConstraint("incident_id", name=op.f("uq_security_verdict_incident_id")),
    )


def downgrade() -> None:
    op.drop_table("security_verdict")
    with op.batch_alter_table("security_stage", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_security_stage_process_id"))

    op.drop_table("security_stage")
    op.drop_table("security_incident_principle")
    with op.batch_alter_table("security_contact", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_security_contact_counterpart_id"))

    op.drop_table("security_contact")
    with op.batch_alter_table("security_process", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_security_process_pact_id"))

    op.drop_table("security_process")
    with op.batch_alter_table("security_principle", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_security_principle_pact_id"))

    op.drop_table("security_principle")
    with op.batch_alter_table("security_pact_member", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_security_pact_member_pact_id"))
        batch_op.drop_index(batch_op.f("ix_security_pact_member_gwno"))

    op.drop_table("security_pact_member")
    with op.batch_alter_table("security_notification", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_security_notification_pact_id"))
        batch_op.drop_index(batch_op.f("ix_security_notification_gwno"))

    op.drop_table("security_notification")
    with op.batch_alter_table("security_incident", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_security_incident_pact_id"))
        batch_op.drop_index(batch_op.f("ix_security_incident_accused_gwno"))

    op.drop_table("security_incident")
    with op.batch_alter_table("security_gesture_pair", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_security_gesture_pair_sanction_id"))

    op.drop_table("security_gesture_pair")
    with op.batch_alter_table("security_commitment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_security_commitment_pact_id"))

    op.drop_table("security_commitment")
    op.drop_table("security_sanction")
    op.drop_table("security_pact")
    op.drop_table("security_counterpart")
