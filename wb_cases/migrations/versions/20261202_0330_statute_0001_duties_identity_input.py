"""statute: § 15 expected dates, impossible and lapsed duties, identity subject and approval,
reporter input after closing

Revision ID: statute_0001
Revises: portal_0001
Create Date: 2026-12-02 03:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "statute_0001"
down_revision: str | None = "portal_0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("deadlines", schema=None) as batch_op:
        batch_op.add_column(sa.Column("expected", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("impossible", sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column("lapsed", sa.Date(), nullable=True))

    with op.batch_alter_table("identity_requests", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("subject", sa.String(length=24), server_default="reporter", nullable=False)
        )
        batch_op.add_column(sa.Column("approved_by", sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column("approved", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("justification_note", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("reporter_told", sa.Boolean(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_identity_requests_approved_by_staff"),
            "staff",
            ["approved_by"],
            ["id"],
            ondelete="SET NULL",
        )

    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.add_column(sa.Column("input_after_closing", sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.drop_column("input_after_closing")

    with op.batch_alter_table("identity_requests", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_identity_requests_approved_by_staff"), type_="foreignkey"
        )
        batch_op.drop_column("reporter_told")
        batch_op.drop_column("justification_note")
        batch_op.drop_column("approved")
        batch_op.drop_column("approved_by")
        batch_op.drop_column("subject")

    with op.batch_alter_table("deadlines", schema=None) as batch_op:
        batch_op.drop_column("lapsed")
        batch_op.drop_column("impossible")
        batch_op.drop_column("expected")
