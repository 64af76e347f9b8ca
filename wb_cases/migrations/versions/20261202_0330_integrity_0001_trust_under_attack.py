"""trust under attack: associated-data versions; key ids per case; member key pairs

Revision ID: integrity_0001
Revises: preview_0001
Create Date: 2026-12-02 03:30:00

Existing rows keep their version-1 ciphertexts (the server default 1 says so):
a migration holds no key and cannot re-encrypt them. `wb keys reseal` does,
with the recovery key (docs/security.md, "Associated data").
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "integrity_0001"
down_revision: str | None = "preview_0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    for table in ("messages", "attachments"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(
                sa.Column("ad_version", sa.Integer(), server_default="1", nullable=False)
            )
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.add_column(sa.Column("unit_key_id", sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column("custodian_key_id", sa.String(length=16), nullable=True))
    with op.batch_alter_table("staff", schema=None) as batch_op:
        batch_op.add_column(sa.Column("member_public", sa.LargeBinary(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("staff", schema=None) as batch_op:
        batch_op.drop_column("member_public")
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.drop_column("custodian_key_id")
        batch_op.drop_column("unit_key_id")
    for table in ("attachments", "messages"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("ad_version")
