"""committee: the major-case flag on cases (§ 24h), counted in committee summaries

Revision ID: committee_0001
Revises: integrity_0001
Create Date: 2026-12-02 04:20:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "committee_0001"
down_revision: str | None = "integrity_0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("major", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
        # Few cases are major: the summaries find them through this index, not a scan.
        batch_op.create_index(batch_op.f("ix_cases_major"), ["major"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_cases_major"))
        batch_op.drop_column("major")
