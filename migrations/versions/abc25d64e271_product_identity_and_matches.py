"""product identity and matches: GTIN, part number and brand on products; a product looked
for in competitors' shops, and their search answers cached for a day

Revision ID: abc25d64e271
Revises: e5f6a7b8c9d0
Create Date: 2026-12-03 21:00:00

"""
from alembic import op
import sqlalchemy as sa


revision = 'abc25d64e271'
down_revision = 'e5f6a7b8c9d0'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('store_searches',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('store_id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=64), nullable=False),
    sa.Column('url', sa.String(length=2048), nullable=False),
    sa.Column('results', sa.Text(), nullable=False),
    sa.Column('searched_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['store_id'], ['stores.id'], name=op.f('fk_store_searches_store_id_stores')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_store_searches')),
    sa.UniqueConstraint('key', name=op.f('uq_store_searches_key'))
    )
    with op.batch_alter_table('store_searches', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_store_searches_searched_at'), ['searched_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_store_searches_store_id'), ['store_id'], unique=False)

    op.create_table('product_matches',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('product_id', sa.Integer(), nullable=False),
    sa.Column('store_id', sa.Integer(), nullable=False),
    sa.Column('listing_id', sa.Integer(), nullable=True),
    sa.Column('status', sa.Enum('matched', 'unsure', 'confirmed', 'rejected', 'absent', 'unknown', name='match_status', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column('by', sa.String(length=10), nullable=True),
    sa.Column('confidence', sa.Numeric(precision=3, scale=2), nullable=True),
    sa.Column('reason', sa.String(length=200), nullable=True),
    sa.Column('searched', sa.Text(), nullable=True),
    sa.Column('decided_at', sa.DateTime(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['listing_id'], ['products.id'], name=op.f('fk_product_matches_listing_id_products')),
    sa.ForeignKeyConstraint(['product_id'], ['products.id'], name=op.f('fk_product_matches_product_id_products')),
    sa.ForeignKeyConstraint(['store_id'], ['stores.id'], name=op.f('fk_product_matches_store_id_stores')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_product_matches')),
    sa.UniqueConstraint('product_id', 'store_id', name=op.f('uq_product_matches_product_id_store_id'))
    )
    with op.batch_alter_table('product_matches', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_product_matches_product_id'), ['product_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_product_matches_store_id'), ['store_id'], unique=False)

    with op.batch_alter_table('products', schema=None) as batch_op:
        batch_op.add_column(sa.Column('gtin', sa.String(length=14), nullable=True))
        batch_op.add_column(sa.Column('mpn', sa.String(length=120), nullable=True))
        batch_op.add_column(sa.Column('brand', sa.String(length=120), nullable=True))
        batch_op.add_column(sa.Column('model', sa.String(length=120), nullable=True))
        batch_op.add_column(sa.Column('sku', sa.String(length=120), nullable=True))
        batch_op.create_index(batch_op.f('ix_products_gtin'), ['gtin'], unique=False)



def downgrade():
    with op.batch_alter_table('products', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_products_gtin'))
        batch_op.drop_column('sku')
        batch_op.drop_column('model')
        batch_op.drop_column('brand')
        batch_op.drop_column('mpn')
        batch_op.drop_column('gtin')

    with op.batch_alter_table('product_matches', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_product_matches_store_id'))
        batch_op.drop_index(batch_op.f('ix_product_matches_product_id'))

    op.drop_table('product_matches')
    with op.batch_alter_table('store_searches', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_store_searches_store_id'))
        batch_op.drop_index(batch_op.f('ix_store_searches_searched_at'))

    op.drop_table('store_searches')
