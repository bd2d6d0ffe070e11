"""recipient quotas: messages per recipient and day, across stores, shoppers and kinds

Revision ID: d7a3b9c2e4f1
Revises: c5d2e7f1a0b3
Create Date: 2026-12-03 13:10:00

"""
from alembic import op
import sqlalchemy as sa


revision = 'd7a3b9c2e4f1'
down_revision = 'c5d2e7f1a0b3'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('recipient_quotas',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('recipient', sa.String(length=2048), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('sent', sa.Integer(), nullable=False),
    sa.CheckConstraint('sent >= 0', name=op.f('ck_recipient_quotas_sent')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_recipient_quotas')),
    sa.UniqueConstraint('recipient', 'day', name=op.f('uq_recipient_quotas_recipient_day'))
    )


def downgrade():
    op.drop_table('recipient_quotas')
