"""response: officers, availability windows, deployments and team assignments

Revision ID: response_0001
Revises:
Create Date: 2026-11-23
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "response_0001"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = ("response",)
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "response_officer",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("gwno", sa.Integer(), nullable=False),
        sa.Column("languages", sa.JSON(), nullable=False),
        sa.Column("expertise", sa.JSON(), nullable=False),
        sa.Column("seniority", sa.Integer(), nullable=False),
        sa.Column("generated", sa.Boolean(), nullable=False),
        sa.Column("lock_version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_response_officer")),
    )
    op.create_index(op.f("ix_response_officer_gwno"), "response_officer", ["gwno"], unique=False)
    op.create_table(
        "response_availability",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("officer_id", sa.Integer(), nullable=False),
        sa.Column("start", sa.Date(), nullable=False),
        sa.Column("end", sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(
            ["officer_id"],
            ["response_officer.id"],
            name=op.f("fk_response_availability_officer_id_response_officer"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_response_availability")),
    )
    op.create_index(
        op.f("ix_response_availability_officer_id"),
        "response_availability",
        ["officer_id"],
        unique=False,
    )
    op.create_table(
        "response_deployment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("gwno", sa.Integer(), nullable=False),
        sa.Column("alert_id", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("start", sa.Date(), nullable=False),
        sa.Column("end", sa.Date(), nullable=False),
        sa.Column("requirements", sa.JSON(), nullable=False),
        sa.Column("proposal", sa.JSON(), nullable=True),
        sa.Column("envoy_name", sa.String(length=120), nullable=True),
        sa.Column("handover_date", sa.Date(), nullable=True),
        sa.Column("handover_note", sa.Text(), nullable=True),
        sa.Column("created_by", sa.String(length=120), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_response_deployment")),
    )
    op.create_index(
        op.f("ix_response_deployment_gwno"), "response_deployment", ["gwno"], unique=False
    )
    op.create_index(
        op.f("ix_response_deployment_status"), "response_deployment", ["status"], unique=False
    )
    op.create_table(
        "response_assignment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("deployment_id", sa.Integer(), nullable=False),
        sa.Column("officer_id", sa.Integer(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["deployment_id"],
            ["response_deployment.id"],
            name=op.f("fk_response_assignment_deployment_id_response_deployment"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["officer_id"],
            ["response_officer.id"],
            name=op.f("fk_response_assignment_officer_id_response_officer"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_response_assignment")),
    )
    op.create_index(
        "ix_response_assignment_pair",
        "response_assignment",
        ["deployment_id", "officer_id"],
        unique=True,
    )
    op.create_index(
        op.f("ix_response_assignment_officer_id"),
        "response_assignment",
        ["officer_id"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_response_assignment_officer_id"), table_name="response_assignment")
    op.drop_index("ix_response_assignment_pair", table_name="response_assignment")
    op.drop_table("response_assignment")
    op.drop_index(op.f("ix_response_deployment_status"), table_name="response_deployment")
    op.drop_index(op.f("ix_response_deployment_gwno"), table_name="response_deployment")
    op.drop_table("response_deployment")
    op.drop_index(op.f("ix_response_availability_officer_id"), table_name="response_availability")
    op.drop_table("response_availability")
    op.drop_index(op.f("ix_response_officer_gwno"), table_name="response_officer")
    op.drop_table("response_officer")
