"""DiscountMarket: a discount-request marketplace. ``create_app`` builds the Flask app."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from discountmarket import logs
from discountmarket.config import load_config

PROJECT_ROOT = Path(__file__).resolve().parent.parent
logger = logging.getLogger(__name__)


def create_app(config: dict[str, Any] | None = None) -> Flask:
    """Build the app; ``config`` overrides defaults and the environment (tests use it)."""
    app = Flask(
        __name__,
        instance_path=str(PROJECT_ROOT / "instance"),
        template_folder=str(PROJECT_ROOT / "templates"),
        static_folder=str(PROJECT_ROOT / "static"),
    )
    if config and "INSTANCE_PATH" in config:
        app.instance_path = str(config["INSTANCE_PATH"])
    load_config(app, config)
    if app.config["QUIET_ACCESS_LOG"]:
        logging.getLogger("werkzeug").setLevel(logging.WARNING)
    if app.config["ENV"] == "production" or app.config["LOG_FORMAT"] == "json":
        logs.configure(app)  # development keeps Flask's and werkzeug's own lines
    logs.log_requests(app)
    trust_proxies(app)
    register_extensions(app)
    register_blueprints(app)
    register_request_hooks(app)
    register_commands(app)
    return app


def trust_proxies(app: Flask) -> None:
    """Behind ``TRUSTED_PROXIES`` proxies, take the client address and scheme from their
    X-Forwarded-For/-Proto (the per-client rate limits need the real address). With none
    trusted, those headers are the client's to forge and are ignored."""
    hops = app.config["TRUSTED_PROXIES"]
    if hops:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops)  # type: ignore[method-assign]


def register_extensions(app: Flask) -> None:
    from discountmarket import i18n, public_changes, tasks
    from discountmarket.extensions import babel, csrf, db, limiter, login_manager, migrate
    from discountmarket.services.accounts import load_session_user

    db.init_app(app)
    app.teardown_appcontext(_release_session)  # runs before Flask-SQLAlchemy's own
    _configure_sqlite(app)
    import discountmarket.models  # noqa: F401  (every table registered before migrate)

    public_changes.watch(app, db.session)

    migrate.init_app(app, db, directory=str(PROJECT_ROOT / "migrations"))
    csrf.init_app(app)
    limiter.init_app(app)
    babel.init_app(
        app,
        locale_selector=i18n.select_locale,
        default_translation_directories=str(PROJECT_ROOT / "translations"),
    )
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message_category = "info"
    login_manager.session_protection = "strong"
    login_manager.user_loader(load_session_user)
    tasks.init_queue(app)


def _release_session(_error: BaseException | None) -> None:
    """End the request's session; when the database died under it (a restart, a failover),
    closing it fails: drop its connection instead, and the pool opens a fresh one."""
    from sqlalchemy.exc import DBAPIError

    from discountmarket.extensions import db

    try:
        db.session.remove()
    except DBAPIError as error:
        logger.warning("database connection lost while closing the session: %s", error)
        db.session.registry().invalidate()  # the scoped proxy does not offer invalidate()
        db.session.registry.clear()


def _configure_sqlite(app: Flask) -> None:
    """SQLite enforces foreign keys only when asked; WAL lets the web app and worker share it."""
    if not app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        return
    from sqlalchemy import event

    from discountmarket.extensions import db

    with app.app_context():
        engine = db.engine

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=5000")
        cursor.close()

    @event.listens_for(engine, "savepoint")
    def _on_savepoint(connection, _name) -> None:  # type: ignore[no-untyped-def]
        # Python's sqlite3 opens a transaction only before a write. A SAVEPOINT outside one
        # would start its own, whose RELEASE commits the caller's unit of work; and reads
        # inside it hold a snapshot that cannot turn into a write once another connection
        # has written ("database is locked" at once). Take the write lock first instead.
        dbapi_connection = connection.connection.dbapi_connection
        if not dbapi_connection.in_transaction:
            dbapi_connection.execute("BEGIN IMMEDIATE")


def register_blueprints(app: Flask) -> None:
    from discountmarket.blueprints import auth, board, health, inbound, ops, shopper, store

    for module in (auth, board, shopper, store, ops, inbound, health):
        app.register_blueprint(module.bp)


def register_request_hooks(app: Flask) -> None:
    from discountmarket import errors, i18n, labels, local_time, security

    errors.register(app)
    security.register(app)
    i18n.register(app)
    labels.register(app)
    local_time.register(app)


def register_commands(app: Flask) -> None:
    from discountmarket import cli

    cli.register(app)
