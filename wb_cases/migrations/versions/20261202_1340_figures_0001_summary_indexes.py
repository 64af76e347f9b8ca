"""figures: covering indexes so committee summaries read indexes, not the wide case rows

Revision ID: figures_0001
Revises: committee_0001
Create Date: 2026-12-02 13:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "figures_0001"
down_revision: str | None = "committee_0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

FIGURES = [
    "received",
    "id",
    "anonymous",
    "administration",
    "channel",
    "acknowledged",
    "feedback_given",
    "ack_due",
    "feedback_due",
]


def upgrade() -> None:
    with op.batch_alter_table("cases", schema=None) as batch_op:
        # The figures index starts with the receipt date: the plain one is redundant.
        batch_op.drop_index("ix_cases_received")
        batch_op.create_index("ix_cases_received_figures", FIGURES, unique=False)
        batch_op.create_index("ix_cases_id_received", ["id", "received"], unique=False)
        # Few cases are major (§ 24h): a partial index finds them without a scan.
        batch_op.drop_index("ix_cases_major")
        batch_op.create_index(
            "ix_cases_major",
            ["received", "closed"],
            unique=False,
            sqlite_where=sa.text("major = 1"),
            postgresql_where=sa.text("major"),
        )
    with op.batch_alter_table("matters", schema=None) as batch_op:
        batch_op.drop_index("ix_matters_closed")
        batch_op.create_index(
            "ix_matters_closed", ["closed", "case_id", "scope", "route", "confirmed"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("matters", schema=None) as batch_op:
        batch_op.drop_index("ix_matters_closed")
        batch_op.create_index("ix_matters_closed", ["closed"], unique=False)
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.drop_index("ix_cases_major")
        batch_op.create_index("ix_cases_major", ["major"], unique=False)
        batch_op.drop_index("ix_cases_id_received")
        batch_op.drop_index("ix_cases_received_figures")
        batch_op.create_index("ix_cases_received", ["received"], unique=False)
