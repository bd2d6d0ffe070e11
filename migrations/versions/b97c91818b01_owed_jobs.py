"""owed jobs: the notices of a decision, written with it and deleted by the unit of work
that sends them, so a queue entry lost with a stopped worker is queued again

Revision ID: b97c91818b01
Revises: f1634b70c404
Create Date: 2026-12-03 22:20:00

"""
from alembic import op
import sqlalchemy as sa


revision = 'b97c91818b01'
down_revision = 'f1634b70c404'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('owed_jobs',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=60), nullable=False),
    sa.Column('args', sa.JSON(), nullable=False),
    sa.Column('due_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_owed_jobs'))
    )
    with op.batch_alter_table('owed_jobs', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_owed_jobs_due_at'), ['due_at'], unique=False)



def downgrade():
    with op.batch_alter_table('owed_jobs', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_owed_jobs_due_at'))

    op.drop_table('owed_jobs')
