"""one account per mailbox (users.email_key) and shoppers held for review

users.email_key is the mailbox an address reaches (discountmarket/mailboxes.py, copied
here as it was written so later changes to the rule do not rewrite this migration):
lower-case, a "+tag" dropped from the local part, and on gmail.com / googlemail.com the
dots too (key domain gmail.com). Accounts created before the rule may share a mailbox: the
oldest (created_at, then id) gets the key, every later one keeps its own lower-cased
address as key, so none is merged, renamed or locked out, and each still signs in by its
exact address. One exception to "the oldest": an account whose address already is the
plain form of the mailbox (its key is itself) keeps it, so no fallback key can ever be a
key a new address folds to. users.requests_held_at: an operator holds a shopper's requests.

Revision ID: e1f2a3b4c5d6
Revises: d7a3b9c2e4f1
Create Date: 2026-12-03 13:20:00

"""
from alembic import op
import sqlalchemy as sa


revision = 'e1f2a3b4c5d6'
down_revision = 'd7a3b9c2e4f1'
branch_labels = None
depends_on = None

users = sa.table(
    'users',
    sa.column('id', sa.Integer),
    sa.column('email', sa.String),
    sa.column('email_key', sa.String),
    sa.column('created_at', sa.DateTime),
)


def _frozen_key(address):
    local, _, domain = address.strip().lower().rpartition('@')
    name = local.split('+', 1)[0] or local
    if domain in ('gmail.com', 'googlemail.com'):
        return name.replace('.', '') + '@gmail.com'
    return name + '@' + domain if local else domain


def upgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('email_key', sa.String(length=254), nullable=True))
        batch_op.add_column(sa.Column('requests_held_at', sa.DateTime(), nullable=True))

    connection = op.get_bind()
    rows = connection.execute(
        sa.select(users.c.id, users.c.email).order_by(users.c.created_at, users.c.id)
    ).all()
    keys = {user_id: _frozen_key(email) for user_id, email in rows}
    taken = {keys[user_id] for user_id, email in rows if keys[user_id] == email}
    for user_id, email in rows:
        key = keys[user_id]
        if key != email:
            # A later account of a taken mailbox keeps its own address: never a folded key.
            key = email if key in taken else key
            taken.add(key)
        connection.execute(users.update().where(users.c.id == user_id).values(email_key=key))

    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.alter_column('email_key', existing_type=sa.String(length=254), nullable=False)
        batch_op.create_unique_constraint(batch_op.f('uq_users_email_key'), ['email_key'])


def downgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_users_email_key'), type_='unique')
        batch_op.drop_column('requests_held_at')
        batch_op.drop_column('email_key')
