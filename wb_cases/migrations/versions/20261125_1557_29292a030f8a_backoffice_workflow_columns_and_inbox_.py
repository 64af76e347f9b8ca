"""backoffice workflow columns and inbox indexes

Revision ID: 29292a030f8a
Revises: 0001
Create Date: 2026-11-25 15:57:45.115822
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '29292a030f8a'
down_revision: str | None = '0001'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.add_column(sa.Column('retaliation', sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.create_index('ix_cases_administration_next_due', ['administration', 'next_due'], unique=False)
        batch_op.create_index('ix_cases_status_next_due', ['status', 'next_due'], unique=False)

    with op.batch_alter_table('deadlines', schema=None) as batch_op:
        batch_op.add_column(sa.Column('started', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('recipient', sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column('reminders', sa.Integer(), server_default='0', nullable=False))

    with op.batch_alter_table('matters', schema=None) as batch_op:
        batch_op.add_column(sa.Column('criticism_level', sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column('compliance', sa.String(length=16), nullable=True))
        batch_op.create_index('ix_matters_route_case', ['route', 'case_id'], unique=False)

    with op.batch_alter_table('staff', schema=None) as batch_op:
        batch_op.add_column(sa.Column('totp_last_step', sa.Integer(), nullable=True))




def downgrade() -> None:
    
    with op.batch_alter_table('staff', schema=None) as batch_op:
        batch_op.drop_column('totp_last_step')

    with op.batch_alter_table('matters', schema=None) as batch_op:
        batch_op.drop_index('ix_matters_route_case')
        batch_op.drop_column('compliance')
        batch_op.drop_column('criticism_level')

    with op.batch_alter_table('deadlines', schema=None) as batch_op:
        batch_op.drop_column('reminders')
        batch_op.drop_column('recipient')
        batch_op.drop_column('started')

    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.drop_index('ix_cases_status_next_due')
        batch_op.drop_index('ix_cases_administration_next_due')
        batch_op.drop_column('retaliation')


