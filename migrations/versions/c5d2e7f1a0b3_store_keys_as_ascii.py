"""store keys of internationalised domains in their ASCII (punycode) form

The store key (stores.domain) is now always the ASCII form of the registrable domain, as
DNS and the fetcher use it: a key saved in Unicode ("магазин.рф") would never match again
("xn--80aairftm.xn--p1ai"). A key whose ASCII form already belongs to another store is left
as it is, for an operator to merge.

Revision ID: c5d2e7f1a0b3
Revises: b3e1c0d4a9f2
Create Date: 2026-12-03 12:35:00

"""
from alembic import op
import sqlalchemy as sa


revision = 'c5d2e7f1a0b3'
down_revision = 'b3e1c0d4a9f2'
branch_labels = None
depends_on = None

stores = sa.table('stores', sa.column('id', sa.Integer), sa.column('domain', sa.String))


def _ascii(domain):
    host, colon, port = domain.rpartition(':') if domain.count(':') == 1 else (domain, '', '')
    try:
        labels = [label.encode('idna').decode('ascii') for label in host.split('.')]
    except UnicodeError:
        return None
    return '.'.join(labels) + (colon + port)


def upgrade():
    connection = op.get_bind()
    rows = connection.execute(sa.select(stores.c.id, stores.c.domain)).all()
    taken = {domain for _, domain in rows}
    for store_id, domain in rows:
        if domain.isascii():
            continue
        converted = _ascii(domain)
        if converted is None or converted in taken:
            continue
        connection.execute(stores.update().where(stores.c.id == store_id).values(domain=converted))
        taken.add(converted)


def downgrade():
    pass  # the ASCII form is the same store key; nothing to undo
