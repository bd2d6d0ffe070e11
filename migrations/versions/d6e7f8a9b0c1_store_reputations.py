"""store reputations: how often and how fast each store answers, kept as it happens instead
of aggregated from the store's whole history on every page and every posting; filled here
from that history

Revision ID: d6e7f8a9b0c1
Revises: c4d5e6f7a8b9
Create Date: 2026-12-04 00:40:00

"""
from datetime import datetime

from alembic import op
import sqlalchemy as sa


revision = 'd6e7f8a9b0c1'
down_revision = 'c4d5e6f7a8b9'
branch_labels = None
depends_on = None

SAMPLE = 50  # recent answers the median is taken over (services/reputation.py)

# Per store and request that reached it: when it was first sent, and its first answer.
_HISTORY = """
    SELECT s.store_id, s.sent_at, a.answered_at
    FROM (SELECT request_id, store_id, MIN(sent_at) AS sent_at FROM dispatches
          WHERE status IN ('sent', 'answered') GROUP BY request_id, store_id) s
    LEFT JOIN (SELECT request_id, store_id, MIN(created_at) AS answered_at FROM offers
               GROUP BY request_id, store_id) a
      ON a.request_id = s.request_id AND a.store_id = s.store_id
    ORDER BY s.store_id, a.answered_at DESC
"""
_BROKEN = """
    SELECT store_id, COUNT(*) FROM honour_reports WHERE status = 'confirmed' GROUP BY store_id
"""


def _when(value):
    return datetime.fromisoformat(value) if isinstance(value, str) else value


def upgrade():
    op.create_table('store_reputations',
    sa.Column('store_id', sa.Integer(), nullable=False),
    sa.Column('asked', sa.Integer(), nullable=False),
    sa.Column('answered', sa.Integer(), nullable=False),
    sa.Column('recent_answer_seconds', sa.JSON(), nullable=False),
    sa.Column('broken_promises', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('asked >= 0 AND answered >= 0 AND broken_promises >= 0', name=op.f('ck_store_reputations_counts')),
    sa.ForeignKeyConstraint(['store_id'], ['stores.id'], name=op.f('fk_store_reputations_store_id_stores'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('store_id', name=op.f('pk_store_reputations'))
    )
    connection = op.get_bind()
    rows = {}
    for store_id, sent_at, answered_at in connection.execute(sa.text(_HISTORY)):
        row = rows.setdefault(store_id, {"asked": 0, "answered": 0, "delays": [], "broken": 0})
        row["asked"] += 1
        sent_at, answered_at = _when(sent_at), _when(answered_at)
        if sent_at is not None and answered_at is not None and answered_at >= sent_at:
            row["answered"] += 1
            if len(row["delays"]) < SAMPLE:
                row["delays"].append(int((answered_at - sent_at).total_seconds()))
    for store_id, broken in connection.execute(sa.text(_BROKEN)):
        rows.setdefault(store_id, {"asked": 0, "answered": 0, "delays": []})["broken"] = broken
    now = datetime.utcnow()
    table = sa.table(
        'store_reputations', sa.column('store_id'), sa.column('asked'), sa.column('answered'),
        sa.column('recent_answer_seconds', sa.JSON), sa.column('broken_promises'),
        sa.column('updated_at', sa.DateTime),
    )
    if rows:
        connection.execute(table.insert(), [
            {"store_id": store_id, "asked": row["asked"], "answered": row["answered"],
             "recent_answer_seconds": row["delays"],
             "broken_promises": row.get("broken", 0), "updated_at": now}
            for store_id, row in rows.items()
        ])


def downgrade():
    op.drop_table('store_reputations')
