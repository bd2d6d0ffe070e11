"""The app factory under different configurations, and start-up validation."""

from __future__ import annotations

import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from huey.storage import MemoryStorage, RedisStorage, SqliteStorage
from werkzeug.middleware.proxy_fix import ProxyFix

from discountmarket import create_app, tasks
from discountmarket.config import ConfigError
from discountmarket.outreach import mail
from discountmarket.services import mailing
from discountmarket.services.mail_capture import CaptureBackend

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    for name in ("DATABASE_URL", "REDIS_URL", "SMTP_URL", "SECRET_KEY"):
        monkeypatch.delenv(name, raising=False)
    for name in list(__import__("os").environ):
        if name.startswith("DISCOUNTMARKET_"):
            monkeypatch.delenv(name)
    return tmp_path


def build(instance: Path, **config):  # type: ignore[no-untyped-def]
    return create_app({"INSTANCE_PATH": str(instance), **config})


def test_embedded_defaults(clean_env: Path) -> None:
    app = build(clean_env)
    assert app.config["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{clean_env / 'discountmarket.db'}"
    assert isinstance(tasks.huey.storage, SqliteStorage)
    assert tasks.huey.storage.filename == str(clean_env / "huey.db")
    with app.app_context():
        assert isinstance(mailing.backend(), CaptureBackend)


def test_development_secret_is_generated_once_and_kept(clean_env: Path) -> None:
    first = build(clean_env).config["SECRET_KEY"]
    second = build(clean_env).config["SECRET_KEY"]
    assert first == second and len(first) == 64
    assert (clean_env / "secret_key").stat().st_mode & 0o777 == 0o600


def test_environment_variables_are_read(clean_env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", "postgres://app@db.internal:5432/market")
    monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:6379/3")
    monkeypatch.setenv("SMTP_URL", "smtp+starttls://bot:s%40cret@mail.internal:587")
    monkeypatch.setenv("DISCOUNTMARKET_MESSAGES_PER_STORE_PER_DAY", "3")
    monkeypatch.setenv("DISCOUNTMARKET_SITE_NAME", '"Rabatt"')
    app = build(clean_env)
    assert app.config["SQLALCHEMY_DATABASE_URI"] == (
        "postgresql+psycopg://app@db.internal:5432/market"
    )
    assert app.config["MESSAGES_PER_STORE_PER_DAY"] == 3
    assert app.config["SITE_NAME"] == "Rabatt"
    assert app.config["RATELIMIT_STORAGE_URI"] == "redis://127.0.0.1:6379/3"
    assert isinstance(tasks.huey.storage, RedisStorage)
    with app.app_context():
        backend = mailing.backend()
    assert isinstance(backend, mail.SMTPBackend)
    assert (backend.host, backend.port, backend.username, backend.password) == (
        "mail.internal",
        587,
        "bot",
        "s@cret",
    )


def test_testing_config_runs_tasks_immediately(clean_env: Path) -> None:
    build(clean_env, HUEY_IMMEDIATE=True)
    assert tasks.huey.immediate
    assert isinstance(tasks.huey.storage, MemoryStorage)


@pytest.mark.parametrize(
    ("variable", "value", "named"),
    [
        ("DATABASE_URL", "not a url at all", "DATABASE_URL"),
        ("DATABASE_URL", "mysql://root@localhost/db", "DATABASE_URL"),
        ("REDIS_URL", "http://127.0.0.1:6379", "REDIS_URL"),
        ("SMTP_URL", "imap://mail.example", "SMTP_URL"),
        ("SMTP_URL", "smtp://mail.example:notaport", "SMTP_URL"),
        ("DISCOUNTMARKET_ENV", "staging", "DISCOUNTMARKET_ENV"),
        ("DISCOUNTMARKET_HUEY_WORKERS", '"many"', "DISCOUNTMARKET_HUEY_WORKERS"),
        ("DISCOUNTMARKET_LOGIN_RATE_LIMIT", '"lots"', "DISCOUNTMARKET_LOGIN_RATE_LIMIT"),
        ("DISCOUNTMARKET_BASE_URL", '"example.com"', "DISCOUNTMARKET_BASE_URL"),
        ("DISCOUNTMARKET_TRUSTED_PROXIES", "-1", "DISCOUNTMARKET_TRUSTED_PROXIES"),
        ("DISCOUNTMARKET_TRUSTED_PROXIES", '"all"', "DISCOUNTMARKET_TRUSTED_PROXIES"),
        ("DISCOUNTMARKET_REMEMBER_ME_DAYS", "0", "DISCOUNTMARKET_REMEMBER_ME_DAYS"),
    ],
)
def test_a_wrong_setting_fails_naming_it(
    clean_env: Path, monkeypatch: pytest.MonkeyPatch, variable: str, value: str, named: str
) -> None:
    monkeypatch.setenv(variable, value)
    with pytest.raises(ConfigError) as raised:
        build(clean_env)
    assert str(raised.value).startswith(f"{named}:")


def test_production_requires_a_secret_key(clean_env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DISCOUNTMARKET_ENV", "production")
    with pytest.raises(ConfigError, match=r"^SECRET_KEY: is required"):
        build(clean_env)
    monkeypatch.setenv("SECRET_KEY", "short")
    with pytest.raises(ConfigError, match=r"^SECRET_KEY: must be at least 32"):
        build(clean_env)
    assert not (clean_env / "secret_key").exists()


def test_local_shops_in_production_only_in_a_trial_asked_for_by_name(
    clean_env: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setenv("DISCOUNTMARKET_ENV", "production")
    monkeypatch.setenv("SECRET_KEY", "x" * 40)
    monkeypatch.setenv("DISCOUNTMARKET_OUTREACH_ALLOW_HOSTS", '["127.0.0.1:5101"]')
    with pytest.raises(ConfigError, match=r"^DISCOUNTMARKET_OUTREACH_ALLOW_HOSTS: must be empty"):
        build(clean_env)
    monkeypatch.setenv("DISCOUNTMARKET_PRODUCTION_TRIAL_WITH_LOCAL_SHOPS", "true")
    app = build(clean_env)
    assert app.config["OUTREACH_ALLOW_HOSTS"] == ["127.0.0.1:5101"]
    assert "PRODUCTION_TRIAL_WITH_LOCAL_SHOPS" in caplog.text  # said loudly at start
    monkeypatch.setenv("DISCOUNTMARKET_OUTREACH_ALLOW_HOSTS", '["10.0.0.5"]')
    with pytest.raises(ConfigError, match=r"may name only this machine"):
        build(clean_env)


def test_production_hardens_cookies(clean_env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DISCOUNTMARKET_ENV", "production")
    monkeypatch.setenv("SECRET_KEY", "x" * 40)
    app = build(clean_env)
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert app.config["REMEMBER_COOKIE_SECURE"] is True
    assert app.config["SESSION_COOKIE_HTTPONLY"] is True
    assert app.config["SESSION_COOKIE_SAMESITE"] == "Lax"


def test_proxies_are_trusted_only_when_configured(
    clean_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = build(clean_env)
    assert app.config["TRUSTED_PROXIES"] == 0 and not isinstance(app.wsgi_app, ProxyFix)
    assert app.config["REMEMBER_COOKIE_DURATION"] == timedelta(days=30)
    monkeypatch.setenv("DISCOUNTMARKET_TRUSTED_PROXIES", "2")
    monkeypatch.setenv("DISCOUNTMARKET_REMEMBER_ME_DAYS", "7")
    app = build(clean_env)
    assert isinstance(app.wsgi_app, ProxyFix)
    assert app.wsgi_app.x_for == 2 and app.wsgi_app.x_proto == 2
    assert app.config["REMEMBER_COOKIE_DURATION"] == timedelta(days=7)


def test_start_up_error_is_one_clear_line(clean_env: Path) -> None:
    """Run the real CLI: a bad setting exits non-zero with the setting's name."""
    env = {"PATH": "/usr/bin:/bin", "DATABASE_URL": "mysql://root@localhost/db"}
    result = subprocess.run(
        [sys.executable, "-m", "flask", "--app", "wsgi", "routes"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode != 0
    assert "DATABASE_URL: only PostgreSQL and SQLite are supported" in result.stderr
    assert "Traceback" not in result.stderr
