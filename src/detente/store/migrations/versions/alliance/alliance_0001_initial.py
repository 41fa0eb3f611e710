"""alliance: initiatives, endorsements, count reports, membership, texts, positions, silence

Revision ID: alliance_0001
Revises:
Create Date: 2026-11-23 18:15:08.607263
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "alliance_0001"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = ("alliance",)
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "alliance_initiative",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("slug", sa.String(length=80), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("category", sa.String(length=60), nullable=False),
        sa.Column("launched_on", sa.Date(), nullable=True),
        sa.Column("lead_states", sa.JSON(), nullable=False),
        sa.Column("documents", sa.JSON(), nullable=False),
        sa.Column("list_public", sa.Boolean(), nullable=False),
        sa.Column("list_source", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_alliance_initiative")),
        sa.UniqueConstraint("slug", name=op.f("uq_alliance_initiative_slug")),
    )
    op.create_table(
        "alliance_membership",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("gwno", sa.Integer(), nullable=False),
        sa.Column("joined_on", sa.Date(), nullable=False),
        sa.Column("left_on", sa.Date(), nullable=True),
        sa.Column("role", sa.String(length=60), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_alliance_membership")),
    )
    with op.batch_alter_table("alliance_membership", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_alliance_membership_gwno"), ["gwno"], unique=False)

    op.create_table(
        "alliance_count_report",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("initiative_id", sa.Integer(), nullable=False),
        sa.Column("as_of", sa.Date(), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.Column("unit", sa.String(length=40), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["initiative_id"],
            ["alliance_initiative.id"],
            name=op.f("fk_alliance_count_report_initiative_id_alliance_initiative"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_alliance_count_report")),
    )
    with op.batch_alter_table("alliance_count_report", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_alliance_count_report_initiative_id"), ["initiative_id"], unique=False
        )

    op.create_table(
        "alliance_endorsement",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("initiative_id", sa.Integer(), nullable=False),
        sa.Column("gwno", sa.Integer(), nullable=True),
        sa.Column("organisation", sa.String(length=200), nullable=True),
        sa.Column("organisation_kind", sa.String(length=40), nullable=True),
        sa.Column("level", sa.String(length=20), nullable=False),
        sa.Column("endorsed_on", sa.Date(), nullable=True),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["initiative_id"],
            ["alliance_initiative.id"],
            name=op.f("fk_alliance_endorsement_initiative_id_alliance_initiative"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_alliance_endorsement")),
    )
    with op.batch_alter_table("alliance_endorsement", schema=None) as batch_op:
        batch_op.create_index("ix_alliance_endorsement_gwno", ["gwno"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_alliance_endorsement_initiative_id"), ["initiative_id"], unique=False
        )

    op.create_table(
        "alliance_text",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("initiative_id", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_by", sa.String(length=120), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["initiative_id"],
            ["alliance_initiative.id"],
            name=op.f("fk_alliance_text_initiative_id_alliance_initiative"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_alliance_text")),
    )
    op.create_table(
        "alliance_paragraph",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("text_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["text_id"],
            ["alliance_text.id"],
            name=op.f("fk_alliance_paragraph_text_id_alliance_text"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_alliance_paragraph")),
    )
    with op.batch_alter_table("alliance_paragraph", schema=None) as batch_op:
        batch_op.create_index(
            "ix_alliance_paragraph_text", ["text_id", "version", "number"], unique=True
        )

    op.create_table(
        "alliance_position",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("text_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("gwno", sa.Integer(), nullable=False),
        sa.Column("stance", sa.String(length=20), nullable=False),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("amendment", sa.Text(), nullable=True),
        sa.Column("actor", sa.String(length=120), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["text_id"],
            ["alliance_text.id"],
            name=op.f("fk_alliance_position_text_id_alliance_text"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_alliance_position")),
    )
    with op.batch_alter_table("alliance_position", schema=None) as batch_op:
        batch_op.create_index(
            "ix_alliance_position_text", ["text_id", "version", "number"], unique=False
        )

    op.create_table(
        "alliance_silence",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("text_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("opened_by", sa.String(length=120), nullable=False),
        sa.Column("opened_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("deadline", sa.DateTime(timezone=True), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("broken_by", sa.Integer(), nullable=True),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["text_id"],
            ["alliance_text.id"],
            name=op.f("fk_alliance_silence_text_id_alliance_text"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_alliance_silence")),
    )
    with op.batch_alter_table("alliance_silence", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_alliance_silence_text_id"), ["text_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("alliance_silence", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_alliance_silence_text_id"))

    op.drop_table("alliance_silence")
    with op.batch_alter_table("alliance_position", schema=None) as batch_op:
        batch_op.drop_index("ix_alliance_position_text")

    op.drop_table("alliance_position")
    with op.batch_alter_table("alliance_paragraph", schema=None) as batch_op:
        batch_op.drop_index("ix_alliance_paragraph_text")

    op.drop_table("alliance_paragraph")
    op.drop_table("alliance_text")
    with op.batch_alter_table("alliance_endorsement", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_alliance_endorsement_initiative_id"))
        batch_op.drop_index("ix_alliance_endorsement_gwno")

    op.drop_table("alliance_endorsement")
    with op.batch_alter_table("alliance_count_report", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_alliance_count_report_initiative_id"))

    op.drop_table("alliance_count_report")
    with op.batch_alter_table("alliance_membership", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_alliance_membership_gwno"))

    op.drop_table("alliance_membership")
    op.drop_table("alliance_initiative")
