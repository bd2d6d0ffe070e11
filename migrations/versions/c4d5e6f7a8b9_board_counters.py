"""board counters on each request (offers, best price, saving, public since) and one index
per board sort, so the board walks an index instead of aggregating every offer

Revision ID: c4d5e6f7a8b9
Revises: b97c91818b01
Create Date: 2026-12-04 00:10:00

"""
from alembic import op
import sqlalchemy as sa


revision = 'c4d5e6f7a8b9'
down_revision = 'b97c91818b01'
branch_labels = None
depends_on = None

# Live offers in the request's currency (a price, or a percent off the list price).
_BEST = """
    SELECT MIN(CASE
        WHEN o.currency IS NOT NULL AND o.currency <> p.currency THEN NULL
        WHEN o.price IS NOT NULL THEN o.price
        ELSE p.price * (100 - o.percent) / 100 END)
    FROM offers o JOIN products p ON p.id = discount_requests.product_id
    WHERE o.request_id = discount_requests.id AND o.kind = 'offer' AND o.status = 'active'
"""
_COUNT = """
    SELECT COUNT(*) FROM offers o
    WHERE o.request_id = discount_requests.id AND o.kind = 'offer' AND o.status = 'active'
"""
_LIST_PRICE = "SELECT p.price FROM products p WHERE p.id = discount_requests.product_id"
_REACHED = """
    SELECT MIN(COALESCE(d.sent_at, d.updated_at)) FROM dispatches d
    WHERE d.request_id = discount_requests.id AND d.status IN ('sent', 'answered')
"""


def upgrade():
    with op.batch_alter_table('discount_requests', schema=None) as batch_op:
        batch_op.add_column(sa.Column('offer_count', sa.Integer(), server_default='0', nullable=False))
        batch_op.add_column(sa.Column('best_price', sa.Numeric(precision=12, scale=2), nullable=True))
        batch_op.add_column(sa.Column('saving', sa.Numeric(precision=5, scale=2), server_default='-1', nullable=False))
        batch_op.add_column(sa.Column('public_at', sa.DateTime(), nullable=True))
        batch_op.create_check_constraint(op.f('ck_discount_requests_offer_count'), 'offer_count >= 0')
        batch_op.drop_index('ix_discount_requests_status_expires_at')
        batch_op.create_index('ix_discount_requests_status_created_at_id', ['status', 'created_at', 'id'], unique=False)
        batch_op.create_index('ix_discount_requests_status_expires_at_id', ['status', 'expires_at', 'id'], unique=False)
        batch_op.create_index('ix_discount_requests_status_offer_count_id', ['status', 'offer_count', 'id'], unique=False)
        batch_op.create_index('ix_discount_requests_status_saving_id', ['status', 'saving', 'id'], unique=False)
    op.execute(f"UPDATE discount_requests SET offer_count = ({_COUNT}), best_price = ({_BEST})")
    op.execute(
        "UPDATE discount_requests SET saving = ROUND("
        f"(({_LIST_PRICE}) - best_price) * 100 / ({_LIST_PRICE}), 2) "
        f"WHERE best_price IS NOT NULL AND ({_LIST_PRICE}) > best_price"
    )
    op.execute(f"UPDATE discount_requests SET public_at = ({_REACHED})")


def downgrade():
    with op.batch_alter_table('discount_requests', schema=None) as batch_op:
        batch_op.drop_index('ix_discount_requests_status_saving_id')
        batch_op.drop_index('ix_discount_requests_status_offer_count_id')
        batch_op.drop_index('ix_discount_requests_status_expires_at_id')
        batch_op.drop_index('ix_discount_requests_status_created_at_id')
        batch_op.create_index('ix_discount_requests_status_expires_at', ['status', 'expires_at'], unique=False)
        batch_op.drop_constraint(op.f('ck_discount_requests_offer_count'), type_='check')
        batch_op.drop_column('public_at')
        batch_op.drop_column('saving')
        batch_op.drop_column('best_price')
        batch_op.drop_column('offer_count')
