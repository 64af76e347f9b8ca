"""major: a major case's summary text, drafted encrypted and published after approval (§ 24h)

Revision ID: major_0001
Revises: figures_0001
Create Date: 2026-12-02 14:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "major_0001"
down_revision: str | None = "figures_0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "major_summaries",
        sa.Column("case_id", sa.String(length=32), nullable=False),
        sa.Column("draft", sa.LargeBinary(), nullable=True),
        sa.Column("draft_staff_id", sa.String(length=32), nullable=True),
        sa.Column("draft_day", sa.Date(), nullable=True),
        sa.Column("published", sa.Text(), nullable=True),
        sa.Column("approved_by", sa.String(length=32), nullable=True),
        sa.Column("approved_day", sa.Date(), nullable=True),
        sa.Column("approved_seq", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["approved_by"],
            ["staff.id"],
            name=op.f("fk_major_summaries_approved_by_staff"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["cases.id"],
            name=op.f("fk_major_summaries_case_id_cases"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["draft_staff_id"],
            ["staff.id"],
            name=op.f("fk_major_summaries_draft_staff_id_staff"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("case_id", name=op.f("pk_major_summaries")),
    )


def downgrade() -> None:
    op.drop_table("major_summaries")
