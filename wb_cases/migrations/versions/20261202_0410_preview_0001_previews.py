"""previews: encrypted page images, texts and safe copies of attachments

Revision ID: preview_0001
Revises: ux_0001
Create Date: 2026-12-02 03:30:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = 'preview_0001'
down_revision: str | None = 'ux_0001'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('previews',
    sa.Column('attachment_id', sa.String(length=32), nullable=False),
    sa.Column('case_id', sa.String(length=32), nullable=False),
    sa.Column('meta', sa.LargeBinary(), nullable=False),
    sa.Column('safe_copy', sa.LargeBinary(), nullable=True),
    sa.ForeignKeyConstraint(['attachment_id'], ['attachments.id'], name=op.f('fk_previews_attachment_id_attachments'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_previews_case_id_cases'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('attachment_id', name=op.f('pk_previews'))
    )
    op.create_index(op.f('ix_previews_case_id'), 'previews', ['case_id'], unique=False)
    op.create_table('preview_pages',
    sa.Column('attachment_id', sa.String(length=32), nullable=False),
    sa.Column('number', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('image', sa.LargeBinary(), nullable=False),
    sa.ForeignKeyConstraint(['attachment_id'], ['previews.attachment_id'], name=op.f('fk_preview_pages_attachment_id_previews'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('attachment_id', 'number', name=op.f('pk_preview_pages'))
    )


def downgrade() -> None:
    op.drop_table('preview_pages')
    op.drop_index(op.f('ix_previews_case_id'), table_name='previews')
    op.drop_table('previews')
