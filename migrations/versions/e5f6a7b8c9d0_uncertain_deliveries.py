"""uncertain deliveries: a form post whose answer says neither "received" nor "refused"

Revision ID: e5f6a7b8c9d0
Revises: d4e5f6a7b8c9
Create Date: 2026-12-03 17:40:00

"""
from alembic import op


revision = 'e5f6a7b8c9d0'
down_revision = 'd4e5f6a7b8c9'
branch_labels = None
depends_on = None

DISPATCH = ('pending', 'sending', 'sent', 'failed', 'skipped', 'answered')
ATTEMPT = ('sent', 'retry', 'failed', 'skipped', 'held')


def _values(values):
    return ", ".join(f"'{value}'" for value in values)


def _recheck(table, name, column, values):
    with op.batch_alter_table(table, schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f(f'ck_{table}_{name}'), type_='check')
        batch_op.create_check_constraint(
            batch_op.f(f'ck_{table}_{name}'), f"{column} IN ({_values(values)})"
        )


def upgrade():
    _recheck('dispatches', 'dispatch_status', 'status', DISPATCH + ('uncertain',))
    _recheck('dispatch_attempts', 'attempt_outcome', 'outcome', ATTEMPT + ('uncertain',))


def downgrade():
    op.execute("UPDATE dispatches SET status = 'failed' WHERE status = 'uncertain'")
    op.execute("UPDATE dispatch_attempts SET outcome = 'failed' WHERE outcome = 'uncertain'")
    _recheck('dispatches', 'dispatch_status', 'status', DISPATCH)
    _recheck('dispatch_attempts', 'attempt_outcome', 'outcome', ATTEMPT)
