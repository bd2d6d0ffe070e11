"""The Alembic migrations build the whole model from empty, on SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import psycopg
import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade

from discountmarket import create_app
from discountmarket.extensions import db
from tests.conftest import BACKEND, base_config


@pytest.fixture
def empty_database_url(database_url: str, tmp_path: Path):  # type: ignore[no-untyped-def]
    if BACKEND == "sqlite":
        yield f"sqlite:///{tmp_path / 'migrated.db'}"
        return
    url = sa.engine.make_url(database_url)
    name = f"{url.database}_migrations"
    admin = url.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')
    yield url.set(database=name).render_as_string(hide_password=False)
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_upgrade_from_empty_matches_the_models(empty_database_url: str, instance_dir: Path) -> None:
    app = create_app(base_config(empty_database_url, instance_dir))
    with app.app_context():
        upgrade()
        with db.engine.connect() as connection:
            tables = set(sa.inspect(connection).get_table_names())
            context = MigrationContext.configure(
                connection, opts={"compare_type": True, "render_as_batch": True}
            )
            differences = compare_metadata(context, db.metadata)
        db.engine.dispose()
    assert set(db.metadata.tables) <= tables
    assert "alembic_version" in tables
    assert differences == [], f"models and migrations disagree: {differences}"


def test_downgrade_to_empty_and_up_again(empty_database_url: str, instance_dir: Path) -> None:
    app = create_app(base_config(empty_database_url, instance_dir))
    with app.app_context():
        upgrade()
        downgrade(revision="base")
        with db.engine.connect() as connection:
            left = set(sa.inspect(connection).get_table_names()) - {"alembic_version"}
        assert left == set()
        upgrade()
        with db.engine.connect() as connection:
            assert "users" in sa.inspect(connection).get_table_names()
        db.engine.dispose()


def test_data_is_carried_through_the_mail_and_store_key_migrations(
    empty_database_url: str, instance_dir: Path
) -> None:
    """Captured mail survives its table's new name; Unicode store keys become ASCII unless
    that key is taken (left for an operator to merge)."""
    app = create_app(base_config(empty_database_url, instance_dir))
    insert_store = sa.text(
        "INSERT INTO stores (name, domain, homepage, locale, status, created_at, updated_at)"
        " VALUES (:domain, :domain, 'https://x/', 'en', 'active', :now, :now)"
    )
    now = "2026-12-01 10:00:00"
    with app.app_context():
        upgrade(revision="7fda01af0b45")
        with db.engine.begin() as connection:
            connection.execute(
                sa.text(
                    "INSERT INTO outbox_messages (message_id, sender, recipients, subject,"
                    " text_body, headers, created_at) VALUES ('<m@x>', 'a@x', 'b@x', 'Hello',"
                    " 'Body', '{}', :now)"
                ),
                {"now": now},
            )
            for domain in ("магазин.рф", "кофе.рф", "xn--e1ajmy.xn--p1ai", "shop.example"):
                connection.execute(insert_store, {"domain": domain, "now": now})
        upgrade()
        with db.engine.connect() as connection:
            mail = connection.execute(sa.text("SELECT id, subject FROM captured_mail")).all()
            keys = set(connection.scalars(sa.text("SELECT domain FROM stores")))
        assert [tuple(row) for row in mail] == [(1, "Hello")]
        # кофе.рф is xn--e1ajmy.xn--p1ai, which another store has: left for an operator.
        assert keys == {"xn--80aairftm.xn--p1ai", "кофе.рф", "xn--e1ajmy.xn--p1ai", "shop.example"}
        with db.engine.begin() as connection:  # the id sequence goes on after the copied rows
            connection.execute(
                sa.text(
                    "INSERT INTO captured_mail (message_id, sender, recipients, subject,"
                    " text_body, headers, created_at) VALUES ('<n@x>', 'a@x', 'b@x', 'Again',"
                    " 'Body', '{}', :now)"
                ),
                {"now": now},
            )
        db.engine.dispose()


def test_mailbox_keys_are_filled_in_and_earlier_shared_mailboxes_stay_apart(
    empty_database_url: str, instance_dir: Path
) -> None:
    """One key per mailbox; of accounts that already shared one, the oldest gets it (or the
    one whose address is the mailbox's plain form), the others their own address."""
    app = create_app(base_config(empty_database_url, instance_dir))
    insert_user = sa.text(
        "INSERT INTO users (email, password_hash, role, active, session_version, created_at,"
        " updated_at) VALUES (:email, 'x', 'shopper', :yes, 1, :at, :at)"
    )
    accounts = [  # (address, created)
        ("a+old@example.com", "2026-01-01 10:00:00"),
        ("a+new@example.com", "2026-02-01 10:00:00"),
        ("a.b+1@googlemail.com", "2026-01-01 10:00:00"),
        ("ab@gmail.com", "2026-03-01 10:00:00"),  # newer, but the mailbox's plain form
        ("solo+tag@example.com", "2026-01-01 10:00:00"),
        ("c.d@example.com", "2026-01-01 10:00:00"),
    ]
    with app.app_context():
        upgrade(revision="d7a3b9c2e4f1")
        with db.engine.begin() as connection:
            for email, created in accounts:
                connection.execute(insert_user, {"email": email, "at": created, "yes": True})
        upgrade()
        with db.engine.connect() as connection:
            keys = dict(connection.execute(sa.text("SELECT email, email_key FROM users")).all())
        assert keys == {
            "a+old@example.com": "a@example.com",
            "a+new@example.com": "a+new@example.com",
            "a.b+1@googlemail.com": "a.b+1@googlemail.com",
            "ab@gmail.com": "ab@gmail.com",
            "solo+tag@example.com": "solo@example.com",
            "c.d@example.com": "c.d@example.com",
        }
        with db.engine.begin() as connection, pytest.raises(sa.exc.IntegrityError):
            connection.execute(
                sa.text(
                    "INSERT INTO users (email, email_key, password_hash, role, active,"
                    " session_version, created_at, updated_at) VALUES ('a@example.com',"
                    " 'a@example.com', 'x', 'shopper', :yes, 1, :at, :at)"
                ),
                {"at": "2026-12-01 10:00:00", "yes": True},
            )
        db.engine.dispose()
