"""alliance: a state or an organisation endorses an initiative only once

Revision ID: alliance_0003
Revises: alliance_0002
Create Date: 2026-12-02 17:10:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

from detente.store.migrations.checks import refuse_copies

revision: str = "alliance_0003"
down_revision: str | Sequence[str] | None = "alliance_0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    refuse_copies("alliance_endorsement", ("initiative_id", "gwno"), "gwno IS NOT NULL")
    refuse_copies(
        "alliance_endorsement", ("initiative_id", "organisation"), "organisation IS NOT NULL"
    )
    op.create_index(
        "uq_alliance_endorsement_state",
        "alliance_endorsement",
        ["initiative_id", "gwno"],
        unique=True,
    )
    op.create_index(
        "uq_alliance_endorsement_organisation",
        "alliance_endorsement",
        ["initiative_id", "organisation"],
        unique=True,
    )


def downgrade() -> None:
    op.drop_index("uq_alliance_endorsement_organisation", table_name="alliance_endorsement")
    op.drop_index("uq_alliance_endorsement_state", table_name="alliance_endorsement")
