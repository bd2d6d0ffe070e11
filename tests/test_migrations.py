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
