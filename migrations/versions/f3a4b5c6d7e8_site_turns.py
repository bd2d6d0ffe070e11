"""site turns: one worker at a time on any one site

Revision ID: f3a4b5c6d7e8
Revises: e1f2a3b4c5d6
Create Date: 2026-12-03 15:00:00

"""
from alembic import op
import sqlalchemy as sa


revision = 'f3a4b5c6d7e8'
down_revision = 'e1f2a3b4c5d6'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('site_turns',
    sa.Column('site', sa.String(length=259), nullable=False),
    sa.Column('holder', sa.String(length=32), nullable=False),
    sa.Column('expires_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('site', name=op.f('pk_site_turns'))
    )


def downgrade():
    op.drop_table('site_turns')
