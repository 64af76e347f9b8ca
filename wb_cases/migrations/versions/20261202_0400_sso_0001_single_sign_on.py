"""sso: members' provider subject and last sign-in; sign-in requests and used answers

Revision ID: sso_0001
Revises: b4c6c616d4e3
Create Date: 2026-12-02 04:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "sso_0001"
down_revision: str | None = "b4c6c616d4e3"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("staff", schema=None) as batch_op:
        batch_op.add_column(sa.Column("sso_subject", sa.String(length=256), nullable=True))
        batch_op.add_column(sa.Column("last_seen", sa.Date(), nullable=True))
        batch_op.create_unique_constraint(batch_op.f("uq_staff_sso_subject"), ["sso_subject"])
    op.create_table(
        "sso_requests",
        sa.Column("id", sa.String(length=128), nullable=False),
        sa.Column("nonce", sa.String(length=128), nullable=True),
        sa.Column("verifier", sa.String(length=128), nullable=True),
        sa.Column("expires", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sso_requests")),
    )
    op.create_table(
        "sso_used_tokens",
        sa.Column("token_id", sa.String(length=256), nullable=False),
        sa.Column("expires", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("token_id", name=op.f("pk_sso_used_tokens")),
    )


def downgrade() -> None:
    op.drop_table("sso_used_tokens")
    op.drop_table("sso_requests")
    with op.batch_alter_table("staff", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_staff_sso_subject"), type_="unique")
        batch_op.drop_column("last_seen")
        batch_op.drop_column("sso_subject")
