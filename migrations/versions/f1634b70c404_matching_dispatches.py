"""matching dispatches: a competitor's dispatch waits while its own listing is looked for,
then names that listing; a request may also go to stores that may sell an equivalent; a
product keeps the category path its page states

Revision ID: f1634b70c404
Revises: abc25d64e271
Create Date: 2026-12-03 21:10:00

"""
from alembic import op
import sqlalchemy as sa


revision = 'f1634b70c404'
down_revision = 'abc25d64e271'
branch_labels = None
depends_on = None

DISPATCH = ('pending', 'sending', 'sent', 'failed', 'skipped', 'answered', 'uncertain')


def _values(values):
    return ", ".join(f"'{value}'" for value in values)


def _recheck(values):
    with op.batch_alter_table('dispatches', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_dispatches_dispatch_status'), type_='check')
        batch_op.create_check_constraint(
            batch_op.f('ck_dispatches_dispatch_status'), f"status IN ({_values(values)})"
        )


def upgrade():
    with op.batch_alter_table('discount_requests', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('ask_equivalents', sa.Boolean(), server_default=sa.false(), nullable=False)
        )
    with op.batch_alter_table('dispatches', schema=None) as batch_op:
        batch_op.add_column(sa.Column('listing_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f('fk_dispatches_listing_id_products'), 'products', ['listing_id'], ['id']
        )
    _recheck(DISPATCH + ('matching',))
    with op.batch_alter_table('products', schema=None) as batch_op:
        batch_op.add_column(sa.Column('category', sa.String(length=300), nullable=True))


def downgrade():
    with op.batch_alter_table('products', schema=None) as batch_op:
        batch_op.drop_column('category')
    op.execute("UPDATE dispatches SET status = 'pending' WHERE status = 'matching'")
    _recheck(DISPATCH)
    with op.batch_alter_table('dispatches', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_dispatches_listing_id_products'), type_='foreignkey')
        batch_op.drop_column('listing_id')
    with op.batch_alter_table('discount_requests', schema=None) as batch_op:
        batch_op.drop_column('ask_equivalents')
