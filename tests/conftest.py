"""Shared fixtures: the app on the chosen database, clients, an auth helper, SMTP server.

The database comes from DM_TEST_BACKEND: ``sqlite`` (default, a file in a temp dir) or
``postgres`` (TEST_DATABASE_URL, default postgresql://postgres@127.0.0.1:5432/test). The
schema is built once per session; every test ends by emptying every table.
"""

from __future__ import annotations

import copy
import os
import re
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import redis
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from discountmarket import create_app, public_cache, public_changes, tasks
from discountmarket.config import database_uri
from discountmarket.extensions import db, limiter
from discountmarket.outreach.mail import SMTPBackend
from tests.sites import StoreSite, serve
from tests.smtp import RecordingHandler, smtp_server

BACKEND = os.environ.get("DM_TEST_BACKEND", "sqlite")
LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1"}
_real_getaddrinfo = socket.getaddrinfo


def _resolve_local_only(host: Any, *args: Any, **kwargs: Any) -> Any:
    """Tests talk to this machine only: any other name fails to resolve, loudly."""
    name = host.decode() if isinstance(host, bytes) else str(host)
    if host is None or name.lower() in LOCAL_HOSTS or name.startswith("127."):
        return _real_getaddrinfo(host, *args, **kwargs)
    raise socket.gaierror(socket.EAI_NONAME, f"tests may not resolve {name!r}")


@pytest.fixture(autouse=True)
def _no_outside_network(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(socket, "getaddrinfo", _resolve_local_only)
    yield
    SMTPBackend.close_all()  # connections the mail backend keeps between messages


DEFAULT_PG_URL = "postgresql://postgres@127.0.0.1:5432/test"
CSRF_INPUT = re.compile(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"')


def pytest_report_header(config: pytest.Config) -> str:
    return f"database backend: {BACKEND}"


# `make test` runs the suite twice, once per database. Its second pass sets this: tests that
# never touch the database already ran, identically, in the first pass.
DATABASE_TESTS_ONLY = os.environ.get("DM_TEST_DATABASE_ONLY") == "1"
SOAK = os.environ.get("DM_SOAK") == "1"  # `make soak`: the long fault variants too
# Modules that use the database only as every backend does (protocol handling, input
# fuzzing, the route-by-role table, log lines, markup): the SQLite pass covers them, and the
# PostgreSQL pass spends its time on what differs between databases.
BACKEND_NEUTRAL = (
    "tests/property/test_form_endpoints.py",
    "tests/property/test_number_endpoints.py",
    "tests/security/test_authorization_matrix.py",
    "tests/test_accessibility.py",
    "tests/test_inbound_imap.py",
    "tests/test_inbound_smtp.py",
    "tests/test_inbound_ways_in.py",
    "tests/test_logs.py",
)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Leave out what is not part of this run (rather than skip it): in `make test`'s second
    pass, the tests that use no database (the first ran them, identically); outside
    `make soak`, the long fault variants."""
    pg_only = pytest.mark.skip(reason="PostgreSQL-only; `make test` runs it in the PostgreSQL pass")
    kept, left_out = [], []
    for item in items:
        if _not_in_this_run(item):
            left_out.append(item)
        else:
            kept.append(item)
            if BACKEND != "postgres" and "postgres_only" in item.keywords:
                item.add_marker(pg_only)
    if left_out:
        config.hook.pytest_deselected(items=left_out)
        items[:] = kept


def _not_in_this_run(item: pytest.Item) -> bool:
    if DATABASE_TESTS_ONLY and (
        "_schema" not in getattr(item, "fixturenames", ())
        or item.nodeid.split("::", 1)[0] in BACKEND_NEUTRAL
    ):
        return True
    return "soak" in item.keywords and not SOAK


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    if BACKEND == "postgres":
        return database_uri(os.environ.get("TEST_DATABASE_URL", DEFAULT_PG_URL))
    if BACKEND != "sqlite":
        raise pytest.UsageError(f"DM_TEST_BACKEND must be sqlite or postgres, not {BACKEND!r}")
    return "sqlite:///" + str(tmp_path_factory.mktemp("db") / "test.db")


@pytest.fixture(scope="session")
def instance_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("instance")


def base_config(database_url: str, instance_dir: Path, **overrides: Any) -> dict[str, Any]:
    config: dict[str, Any] = {
        "ENV": "testing",
        "TESTING": True,
        "DATABASE_URL": database_url,
        "INSTANCE_PATH": str(instance_dir),
        "SECRET_KEY": "test-secret-key-that-is-long-enough-0123456789",
        "SERVER_NAME": None,
        "HUEY_IMMEDIATE": True,
        "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",  # fast in tests; scrypt in real use
        "RATELIMIT_STORAGE_URI": "memory://",
        "BASE_URL": "http://localhost",
        "REDIS_URL": None,
        "SMTP_URL": None,
        "OUTREACH_MIN_INTERVAL": 0,
        # Tests run at any hour; the business-hours rule has its own tests.
        "RESPECT_BUSINESS_HOURS": False,
        # Tests post many requests as one shopper; the limits have their own tests.
        "SHOPPER_REQUESTS_PER_DAY": 1000,
        "TRUSTED_SHOPPER_REQUESTS_PER_DAY": 1000,
        "SHOPPER_NEW_STORES_PER_DAY": 1000,
        "OUTREACH_DEADLINE": 10,
    }
    config.update(overrides)
    return config


@pytest.fixture(scope="session")
def _schema(database_url: str, instance_dir: Path) -> None:
    """Build the schema once from the models (migrations have their own tests)."""
    app = create_app(base_config(database_url, instance_dir))
    with app.app_context():
        if BACKEND == "postgres":
            with db.engine.begin() as connection:
                connection.execute(sa.text("DROP SCHEMA public CASCADE"))
                connection.execute(sa.text("CREATE SCHEMA public"))
        else:
            db.drop_all()
        db.create_all()
        db.engine.dispose()


def empty_all_tables() -> None:
    tables = db.metadata.sorted_tables
    with db.engine.begin() as connection:
        for table in reversed(tables):  # children first
            connection.execute(table.delete())
        if connection.dialect.name == "postgresql":
            # Ids start at 1 again, as after TRUNCATE ... RESTART IDENTITY, which takes ten
            # times as long on a few small tables (it recreates their files).
            sequences = connection.scalars(
                sa.text("SELECT sequencename FROM pg_sequences WHERE schemaname = 'public'")
            ).all()
            for sequence in sequences:
                connection.execute(sa.text(f'ALTER SEQUENCE "{sequence}" RESTART'))


class IsolatedClient(FlaskClient):
    """Each request runs in its own app context, as in production: no ``g`` or database
    session shared with the test's own context (which would hide bugs)."""

    def open(self, *args: Any, **kwargs: Any):  # type: ignore[no-untyped-def,override]
        with self.application.app_context():
            return super().open(*args, **kwargs)


def new_app(database_url: str, instance_dir: Path, **overrides: Any) -> Flask:
    """An app on the test database whose test clients isolate each request."""
    app = create_app(base_config(database_url, instance_dir, **overrides))
    app.test_client_class = IsolatedClient
    return app


class AppPool:
    """Apps made once per configuration and lent to one test at a time. Making an app
    costs tens of milliseconds (werkzeug compiles a URL builder per rule), which thousands
    of tests paid each time. A lent app is as if new: its configuration restored, the
    queue pointed at it, its rate limits forgotten; one whose routes a test changed is
    not lent again. A test asking twice gets two apps (two processes' worth)."""

    def __init__(self) -> None:
        self._idle: dict[str, list[Flask]] = {}
        self._made: dict[Flask, tuple[str, dict[str, Any], int, dict[str, Any]]] = {}

    def lend(self, database_url: str, instance_dir: Path, **overrides: Any) -> Flask:
        settings = sorted(overrides.items())
        key = repr((database_url, str(instance_dir), settings, _settings_in_environment()))
        idle = self._idle.setdefault(key, [])
        if not idle:
            app = new_app(database_url, instance_dir, **overrides)
            config = copy.deepcopy(dict(app.config))
            # Flask-Limiter is one object, set up by the latest app made: keep this app's.
            self._made[app] = (key, config, len(app.url_map._rules), dict(vars(limiter)))
            return app
        app = idle.pop()
        _key, config, _rules, limits = self._made[app]
        app.config.clear()
        app.config.update(copy.deepcopy(config))
        vars(limiter).update(limits)
        app._got_first_request = False  # a test may add a route, as to a new app
        with app.app_context():
            tasks.init_queue(app)
            limiter.reset()
        return app

    def give_back(self, app: Flask) -> None:
        made = self._made.get(app)  # None: made by new_app, not lent
        if made is None:
            return
        key, _config, rules, _limits = made
        if len(app.url_map._rules) == rules:
            self._idle[key].append(app)
        else:
            del self._made[app]


def _settings_in_environment() -> list[tuple[str, str]]:
    """What config.load_config reads from the environment (tests set some)."""
    named = ("DATABASE_URL", "REDIS_URL", "SMTP_URL", "SECRET_KEY")
    return sorted(
        (name, value)
        for name, value in os.environ.items()
        if name.startswith("DISCOUNTMARKET_") or name in named
    )


APPS = AppPool()


def discard_apps(apps: list[Flask]) -> None:
    """Empty every table, close the apps' database connections and give them back."""
    if apps:
        with apps[0].app_context():
            db.session.remove()
            empty_all_tables()
            public_changes.bump()  # emptied by SQL, unseen by the session: retire kept pages
        public_cache.clear()
        for app in apps:
            with app.app_context():
                db.engine.dispose()
            APPS.give_back(app)


@pytest.fixture
def make_app(database_url: str, instance_dir: Path, _schema: None) -> Iterator[Any]:
    """Factory for apps on the test database; tables are emptied after the test."""
    apps: list[Flask] = []

    def factory(**overrides: Any) -> Flask:
        apps.append(APPS.lend(database_url, instance_dir, **overrides))
        return apps[-1]

    yield factory
    discard_apps(apps)


@pytest.fixture
def app(make_app: Any) -> Iterator[Flask]:
    application = make_app()
    with application.app_context():
        yield application
        db.session.remove()


@pytest.fixture
def site() -> Iterator[StoreSite]:
    """A store site on 127.0.0.1, and an app allowed to reach it."""
    with serve(StoreSite()) as running:
        yield running


@pytest.fixture
def local_app(make_app: Any) -> Iterator[Flask]:
    """The app with 127.0.0.1 let through the outbound address check (test sites)."""
    application = make_app(OUTREACH_ALLOW_HOSTS=["127.0.0.1"])
    with application.app_context():
        yield application
        db.session.remove()


@pytest.fixture
def smtp() -> Iterator[RecordingHandler]:
    """A real SMTP server on 127.0.0.1 recording what it receives."""
    with smtp_server(free_port()) as handler:
        yield handler


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def runner(app: Flask):  # type: ignore[no-untyped-def]
    return app.test_cli_runner()


def without_tokens(html: str) -> str:
    """The page with CSRF token values blanked (they carry a timestamp), for comparing pages."""
    return re.sub(r'(name="csrf_token"[^>]*value=")[^"]+', r"\1", html)


def csrf_token_from(html: str) -> str:
    match = CSRF_INPUT.search(html)
    assert match, "page has no CSRF token"
    return match.group(1)


class FormPoster:
    """Posts forms the way a browser does: read the page's CSRF token, then submit."""

    def __init__(self, client: FlaskClient) -> None:
        self.client = client

    def post(self, url: str, data: dict[str, Any], *, page: str | None = None, **kwargs: Any):  # type: ignore[no-untyped-def]
        html = self.client.get(page or url).get_data(as_text=True)
        return self.client.post(url, data={**data, "csrf_token": csrf_token_from(html)}, **kwargs)


@pytest.fixture
def forms(client: FlaskClient) -> FormPoster:
    return FormPoster(client)


class AuthActions:
    def __init__(self, forms: FormPoster) -> None:
        self.forms = forms

    def login(self, email: str, password: str = "correct-horse-battery"):  # type: ignore[no-untyped-def]
        return self.forms.post("/auth/login", {"email": email, "password": password})

    def logout(self):  # type: ignore[no-untyped-def]
        return self.forms.post("/auth/logout", {}, page="/")


@pytest.fixture
def auth(forms: FormPoster) -> AuthActions:
    return AuthActions(forms)


def redis_answers(url: str) -> bool:
    """Whether a Redis server answers at ``url`` (tests that need one skip otherwise)."""
    try:
        return bool(redis.Redis.from_url(url, socket_connect_timeout=1).ping())
    except redis.RedisError:
        return False


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
