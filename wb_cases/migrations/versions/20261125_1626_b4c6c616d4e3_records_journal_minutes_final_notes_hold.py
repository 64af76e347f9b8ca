"""records: journal entries, minutes approval, final notes, legal hold reason

Revision ID: b4c6c616d4e3
Revises: 29292a030f8a
Create Date: 2026-11-25 16:26:36.640213
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = 'b4c6c616d4e3'
down_revision: str | None = '29292a030f8a'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('journal_entries',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.String(length=32), nullable=False),
    sa.Column('document', sa.String(length=64), nullable=False),
    sa.Column('description', sa.String(length=64), nullable=False),
    sa.Column('document_day', sa.Date(), nullable=False),
    sa.Column('journal_ref', sa.String(length=64), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('staff_id', sa.String(length=32), nullable=True),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_journal_entries_case_id_cases'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['staff_id'], ['staff.id'], name=op.f('fk_journal_entries_staff_id_staff'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_journal_entries')),
    sa.UniqueConstraint('case_id', 'document', name=op.f('uq_journal_entries_case_id'))
    )
    with op.batch_alter_table('journal_entries', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_journal_entries_case_id'), ['case_id'], unique=False)

    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.add_column(sa.Column('legal_hold_reason', sa.String(length=32), nullable=True))

    with op.batch_alter_table('messages', schema=None) as batch_op:
        batch_op.add_column(sa.Column('kind', sa.String(length=16), server_default='message', nullable=False))
        batch_op.add_column(sa.Column('approval', sa.String(length=16), nullable=True))

    with op.batch_alter_table('notes', schema=None) as batch_op:
        batch_op.add_column(sa.Column('final', sa.Boolean(), server_default=sa.false(), nullable=False))



def downgrade() -> None:
    with op.batch_alter_table('notes', schema=None) as batch_op:
        batch_op.drop_column('final')

    with op.batch_alter_table('messages', schema=None) as batch_op:
        batch_op.drop_column('approval')
        batch_op.drop_column('kind')

    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.drop_column('legal_hold_reason')

    with op.batch_alter_table('journal_entries', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_journal_entries_case_id'))

    op.drop_table('journal_entries')
