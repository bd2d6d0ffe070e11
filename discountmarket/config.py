"""Configuration: defaults, the environment, and validation that fails loudly at start-up.

Four settings come from plain environment variables because every deployment tool knows
them by those names: DATABASE_URL, REDIS_URL, SMTP_URL and SECRET_KEY. Everything else is
read with ``app.config.from_prefixed_env("DISCOUNTMARKET")``, so
``DISCOUNTMARKET_MESSAGES_PER_STORE_PER_DAY=3`` sets ``MESSAGES_PER_STORE_PER_DAY``.
"""

from __future__ import annotations

import logging
import os
import secrets
from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from flask import Flask
from limits import parse_many
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from discountmarket.opening_hours import parse as parse_hours
from discountmarket.outreach.addresses import host_set

ENVIRONMENTS = ("development", "testing", "production")
SUPPORTED_LOCALES = ("en", "ru")


class ConfigError(RuntimeError):
    """A setting is missing or wrong; the message names the setting."""

    def __init__(self, setting: str, problem: str) -> None:
        super().__init__(f"{setting}: {problem}")
        self.setting = setting


DEFAULTS: dict[str, Any] = {
    "ENV": "development",
    "SITE_NAME": "DiscountMarket",
    # Absolute base URL used in links inside e-mails (no request context there).
    "BASE_URL": "http://127.0.0.1:5000",
    "MAIL_FROM": "DiscountMarket <noreply@discountmarket.local>",
    "BABEL_DEFAULT_LOCALE": "en",
    "BABEL_DEFAULT_TIMEZONE": "UTC",
    "LANGUAGES": list(SUPPORTED_LOCALES),
    "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
    "WTF_CSRF_TIME_LIMIT": None,  # tokens live as long as the session
    "PASSWORD_RESET_MAX_AGE": 3600,
    "EMAIL_CONFIRM_MAX_AGE": 3 * 24 * 3600,
    # werkzeug's default (scrypt); tests choose a cheaper method to stay fast.
    "PASSWORD_HASH_METHOD": "scrypt",
    # Failed sign-ins only (a successful one never counts): per client address, and per
    # (account, client address) pair, so nobody can lock an account out from elsewhere.
    "LOGIN_RATE_LIMIT": "10 per minute;50 per hour",
    "LOGIN_PER_ACCOUNT_RATE_LIMIT": "5 per minute;20 per hour",
    # Proxies in front of the app whose X-Forwarded-For/-Proto we believe (0: none).
    "TRUSTED_PROXIES": 0,
    "REMEMBER_ME_DAYS": 30,  # lifetime of the "remember me" cookie
    "ACCOUNT_MAIL_RATE_LIMIT": "5 per minute;20 per hour",
    "RATELIMIT_HEADERS_ENABLED": True,
    "HUEY_IMMEDIATE": False,
    "HUEY_WORKERS": 2,
    "SMTP_TIMEOUT": 20,
    "REQUEST_DEFAULT_DAYS": 7,
    # Outreach to stores (services/fanout.py, services/delivery.py).
    "MESSAGES_PER_STORE_PER_DAY": 3,  # over it, requests wait for the store's daily digest
    # Any one address or form endpoint, across stores, shoppers and kinds of message.
    "MESSAGES_PER_RECIPIENT_PER_DAY": 3,
    # What one shopper can make us send in 24 hours (services/shopper_limits.py).
    "SHOPPER_REQUESTS_PER_DAY": 5,
    "TRUSTED_SHOPPER_REQUESTS_PER_DAY": 20,
    "SHOPPER_NEW_STORES_PER_DAY": 3,
    "DIGEST_HOUR_UTC": 8,
    "FANOUT_MAX_STORES": 10,
    "DELIVERY_LEASE_SECONDS": 300,  # a claimed dispatch not finished by then is retried
    "DELIVERY_MAX_ATTEMPTS": 6,
    "DELIVERY_BACKOFF_SECONDS": 60,  # first retry; doubles each time, with jitter
    "SWEEP_BATCH": 500,
    # The escalation ladder (services/escalation.py), in the store's business hours.
    "BUSINESS_HOURS": "mon-fri 09-18",
    "DEFAULT_TIMEZONE": "UTC",
    "RESPECT_BUSINESS_HOURS": True,  # no message to a store outside its working hours
    # The development server's line per request (`make run` turns it off; VERBOSE=1 keeps it).
    "QUIET_ACCESS_LOG": False,
    # "json": one JSON object per log line (requests, tasks, warnings); "text": plain lines.
    "LOG_FORMAT": "text",
    "SLA_RETRY_HOURS": 24,
    "SLA_ESCALATE_HOURS": 48,
    # Per-dispatch reply and unsubscribe mailboxes; {token} identifies the dispatch/store.
    # The domain whose mail comes back to us (replies, bounces, mailto opt-outs).
    "INBOUND_DOMAIN": "discountmarket.local",
    # The shared secret of POST /inbound/mime (a provider's forwarding); None: no endpoint.
    "INBOUND_SECRET": None,
    "METRICS_TOKEN": None,  # GET /metrics with "Authorization: Bearer <token>"; unset: none
    # An ordinary mailbox that store mail reaches, read by `flask inbound imap`; None: none.
    # imaps://user:password@host:993/INBOX (the password percent-encoded); imap+starttls://;
    # plain imap:// only to localhost. Handled mail is moved to the first folder, mail too
    # large or unreadable to the second; a CA bundle to trust instead of the system's.
    "INBOUND_IMAP_URL": None,
    "INBOUND_IMAP_PROCESSED_FOLDER": "DiscountMarket/Processed",
    "INBOUND_IMAP_FAILED_FOLDER": "DiscountMarket/Failed",
    "INBOUND_IMAP_CA_FILE": None,
    "MAIL_REPLY_ADDRESS": "reply+{token}@{inbound_domain}",
    "MAIL_UNSUBSCRIBE_ADDRESS": "unsubscribe+{token}@{inbound_domain}",
    # Outbound HTTP (outreach/http.py): the only door to the outside world.
    "OUTREACH_ALLOW_HOSTS": [],  # hosts let through the address check: tests and demos only
    # Production mode tried against test shops on this machine: lets OUTREACH_ALLOW_HOSTS
    # name loopback hosts in production. Never on a real deployment.
    "PRODUCTION_TRIAL_WITH_LOCAL_SHOPS": False,
    "OUTREACH_USER_AGENT": None,  # default: DiscountMarketBot/1.0 (+BASE_URL/bot)
    "OUTREACH_CONNECT_TIMEOUT": 5.0,
    "OUTREACH_READ_TIMEOUT": 10.0,
    "OUTREACH_DEADLINE": 20.0,  # whole fetch, redirects included
    "OUTREACH_MAX_BYTES": 2_000_000,
    "OUTREACH_MAX_REDIRECTS": 5,
    "OUTREACH_MIN_INTERVAL": 2.0,  # seconds between requests to one site
    "OUTREACH_ROBOTS_TTL": 3600,
    "OUTREACH_MAX_PAGES": 6,  # pages of a store site one probe visits, the start page included
    "OUTREACH_PROBE_BUDGET": 60.0,  # seconds one probe may take before it stops fetching
    # A notice a decision owes (the deal, "accepted", "closed") still unsent this long after
    # its time was lost with a worker: it is queued again (seconds).
    "OWED_NOTICE_GRACE_SECONDS": 600,
    # Product searches per competitor's shop, and across all competitors of one request.
    "PRODUCT_SEARCHES_PER_STORE": 4,
    "PRODUCT_SEARCHES_PER_REQUEST": 30,
    # The lowest ask that goes to stores, as a share of the listed price (0.5: half price).
    "ASK_FLOOR": 0.5,
    # Work for a site another worker is busy with comes back after about this long (seconds).
    "SITE_BUSY_RETRY_SECONDS": 20.0,
    # The offline demo's sample shops (`flask demo-sites`): shop n listens on this port + n.
    "DEMO_SITES_PORT": 5101,
    "PUBLIC_PAGE_SECONDS": 30,  # public pages kept for anonymous visitors (public_cache.py)
    "REMEMBER_COOKIE_HTTPONLY": True,
    "REMEMBER_COOKIE_SAMESITE": "Lax",
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
}

# Settings whose type we check, so a typo in the environment fails at start-up.
_INT_SETTINGS = (
    "PASSWORD_RESET_MAX_AGE",
    "EMAIL_CONFIRM_MAX_AGE",
    "HUEY_WORKERS",
    "SMTP_TIMEOUT",
    "REQUEST_DEFAULT_DAYS",
    "MESSAGES_PER_STORE_PER_DAY",
    "MESSAGES_PER_RECIPIENT_PER_DAY",
    "SHOPPER_REQUESTS_PER_DAY",
    "TRUSTED_SHOPPER_REQUESTS_PER_DAY",
    "SHOPPER_NEW_STORES_PER_DAY",
    "DIGEST_HOUR_UTC",
    "FANOUT_MAX_STORES",
    "DELIVERY_LEASE_SECONDS",
    "DELIVERY_MAX_ATTEMPTS",
    "DELIVERY_BACKOFF_SECONDS",
    "SWEEP_BATCH",
    "SLA_RETRY_HOURS",
    "SLA_ESCALATE_HOURS",
    "OUTREACH_MAX_BYTES",
    "OUTREACH_MAX_REDIRECTS",
    "OUTREACH_ROBOTS_TTL",
    "OUTREACH_MAX_PAGES",
    "PRODUCT_SEARCHES_PER_STORE",
    "PRODUCT_SEARCHES_PER_REQUEST",
    "OWED_NOTICE_GRACE_SECONDS",
    "DEMO_SITES_PORT",
    "TRUSTED_PROXIES",
    "REMEMBER_ME_DAYS",
    "PUBLIC_PAGE_SECONDS",
)
_FLOAT_SETTINGS = (
    "OUTREACH_PROBE_BUDGET",
    "OUTREACH_CONNECT_TIMEOUT",
    "OUTREACH_READ_TIMEOUT",
    "OUTREACH_DEADLINE",
    "OUTREACH_MIN_INTERVAL",
    "SITE_BUSY_RETRY_SECONDS",
    "ASK_FLOOR",
)
_RATE_LIMIT_SETTINGS = (
    "LOGIN_RATE_LIMIT",
    "LOGIN_PER_ACCOUNT_RATE_LIMIT",
    "ACCOUNT_MAIL_RATE_LIMIT",
)


def load_config(app: Flask, overrides: dict[str, Any] | None = None) -> None:
    """Fill ``app.config`` from defaults, the environment and ``overrides``, then validate."""
    app.config.from_mapping(DEFAULTS)
    app.config.from_prefixed_env("DISCOUNTMARKET")
    env = os.environ
    if "DATABASE_URL" in env:
        app.config["DATABASE_URL"] = env["DATABASE_URL"]
    for name in ("REDIS_URL", "SMTP_URL", "SECRET_KEY"):
        if env.get(name):
            app.config[name] = env[name]
    if overrides:
        app.config.update(overrides)

    config = app.config
    if config["ENV"] not in ENVIRONMENTS:
        raise ConfigError(
            "DISCOUNTMARKET_ENV", f"must be one of {', '.join(ENVIRONMENTS)}, not {config['ENV']!r}"
        )
    production = config["ENV"] == "production"
    instance = Path(app.instance_path)

    config["SQLALCHEMY_DATABASE_URI"] = database_uri(
        config.get("DATABASE_URL") or f"sqlite:///{instance / 'discountmarket.db'}"
    )
    config["REDIS_URL"] = _check_redis_url(config.get("REDIS_URL"))
    config["SMTP_URL"] = _check_smtp_url(config.get("SMTP_URL"))
    config["INBOUND_IMAP_URL"] = _check_imap_url(config.get("INBOUND_IMAP_URL"))
    for name in ("INBOUND_IMAP_PROCESSED_FOLDER", "INBOUND_IMAP_FAILED_FOLDER"):
        if not str(config[name] or "").strip("/"):
            raise ConfigError(f"DISCOUNTMARKET_{name}", "must name a folder, e.g. A/Processed")
    if config["LOG_FORMAT"] not in ("text", "json"):
        raise ConfigError("DISCOUNTMARKET_LOG_FORMAT", "must be text or json")
    config.setdefault("HUEY_SQLITE_PATH", str(instance / "huey.db"))
    config.setdefault("RATELIMIT_STORAGE_URI", config["REDIS_URL"] or "memory://")

    if not config.get("SECRET_KEY"):
        if production:
            raise ConfigError("SECRET_KEY", "is required when DISCOUNTMARKET_ENV=production")
        config["SECRET_KEY"] = _development_secret(instance)
    elif production and len(str(config["SECRET_KEY"])) < 32:
        raise ConfigError("SECRET_KEY", "must be at least 32 characters in production")

    if production:
        config["SESSION_COOKIE_SECURE"] = True
        config["REMEMBER_COOKIE_SECURE"] = True
        config.setdefault("PREFERRED_URL_SCHEME", "https")

    for name in _INT_SETTINGS:
        config[name] = _as_int(name, config[name])
    for name in _FLOAT_SETTINGS:
        config[name] = _as_float(name, config[name])
    reply = str(config["MAIL_REPLY_ADDRESS"]).format(
        token="z" * 21, inbound_domain=config["INBOUND_DOMAIN"]
    )
    if len(reply.rpartition("@")[0]) > 64 or "@" not in reply:
        raise ConfigError(
            "DISCOUNTMARKET_MAIL_REPLY_ADDRESS",
            "must be an address whose local part, with a 21-character token, fits 64 characters",
        )
    if not 0 < config["ASK_FLOOR"] < 1:
        raise ConfigError("DISCOUNTMARKET_ASK_FLOOR", "must be a share between 0 and 1, e.g. 0.5")
    if config["REMEMBER_ME_DAYS"] < 1:
        raise ConfigError("DISCOUNTMARKET_REMEMBER_ME_DAYS", "must be at least 1")
    config["REMEMBER_COOKIE_DURATION"] = timedelta(days=config["REMEMBER_ME_DAYS"])
    config["OUTREACH_ALLOW_HOSTS"] = _as_host_list(config["OUTREACH_ALLOW_HOSTS"])
    if production and config["OUTREACH_ALLOW_HOSTS"]:
        _check_production_trial(config)
    if not config["OUTREACH_USER_AGENT"]:
        config["OUTREACH_USER_AGENT"] = (
            f"DiscountMarketBot/1.0 (+{str(config['BASE_URL']).rstrip('/')}/bot)"
        )
    try:
        parse_hours(str(config["BUSINESS_HOURS"]), str(config["DEFAULT_TIMEZONE"]))
    except ValueError as error:
        raise ConfigError("DISCOUNTMARKET_BUSINESS_HOURS / DEFAULT_TIMEZONE", str(error)) from error
    for name in _RATE_LIMIT_SETTINGS:
        try:
            parse_many(str(config[name]))
        except ValueError as error:
            raise ConfigError(f"DISCOUNTMARKET_{name}", f"is not a rate limit ({error})") from error
    base = urlsplit(str(config["BASE_URL"]))
    if base.scheme not in ("http", "https") or not base.netloc:
        raise ConfigError("DISCOUNTMARKET_BASE_URL", "must be an absolute http(s) URL")
    config["BASE_URL"] = str(config["BASE_URL"]).rstrip("/")


def database_uri(url: str) -> str:
    """Validate DATABASE_URL and pick the psycopg 3 driver for PostgreSQL URLs."""
    try:
        parsed = make_url(url)
    except ArgumentError as error:
        raise ConfigError(
            "DATABASE_URL", f"cannot be parsed as a database URL ({url!r})"
        ) from error
    backend = parsed.get_backend_name()
    if backend in ("postgres", "postgresql"):
        if parsed.drivername in ("postgres", "postgresql"):
            parsed = parsed.set(drivername="postgresql+psycopg")
    elif backend != "sqlite":
        raise ConfigError(
            "DATABASE_URL", f"only PostgreSQL and SQLite are supported, not {backend!r}"
        )
    return parsed.render_as_string(hide_password=False)


def _check_redis_url(url: str | None) -> str | None:
    if not url:
        return None
    parts = urlsplit(url)
    if parts.scheme not in ("redis", "rediss", "unix"):
        raise ConfigError("REDIS_URL", f"must start with redis://, rediss:// or unix:// ({url!r})")
    if parts.scheme != "unix" and not parts.hostname:
        raise ConfigError("REDIS_URL", "names no host")
    return url


def _check_smtp_url(url: str | None) -> str | None:
    if not url:
        return None
    parts = urlsplit(url)
    if parts.scheme not in ("smtp", "smtps", "smtp+starttls"):
        raise ConfigError("SMTP_URL", "must start with smtp://, smtps:// or smtp+starttls://")
    if not parts.hostname:
        raise ConfigError("SMTP_URL", "names no host")
    try:
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError as error:
        raise ConfigError("SMTP_URL", "has an invalid port") from error
    return url


def _check_imap_url(url: str | None) -> str | None:
    """The rules ``inbound_imap.parse_url`` applies, checked at start-up."""
    if not url:
        return None
    setting, parts = "DISCOUNTMARKET_INBOUND_IMAP_URL", urlsplit(url)
    if parts.scheme not in ("imap", "imaps", "imap+starttls"):
        raise ConfigError(setting, "must start with imaps://, imap+starttls:// or imap://")
    if not parts.hostname or not parts.username or parts.password is None:
        raise ConfigError(setting, "must name the user, the password and the host")
    if parts.scheme == "imap" and parts.hostname not in ("localhost", "127.0.0.1", "::1"):
        raise ConfigError(setting, "imap:// (no TLS) is only for localhost; use imaps://")
    try:
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError as error:
        raise ConfigError(setting, "has an invalid port") from error
    return url


def _as_int(name: str, value: Any) -> int:
    return _as_number(name, value, int, "an integer")


def _as_float(name: str, value: Any) -> float:
    return _as_number(name, value, float, "a number")


def _as_number(name: str, value: Any, kind: type, described: str) -> Any:
    try:
        number = kind(value)
    except (TypeError, ValueError) as error:
        raise ConfigError(
            f"DISCOUNTMARKET_{name}", f"must be {described}, not {value!r}"
        ) from error
    if number < 0:
        raise ConfigError(f"DISCOUNTMARKET_{name}", "must not be negative")
    return number


_LOOPBACK = ("127.0.0.1", "localhost", "[::1]")


def _check_production_trial(config: Any) -> None:
    """Allowed hosts open the SSRF guard (this machine, the private network): tests and
    demos only — or a production-mode trial against local test shops, asked for by name."""
    setting = "DISCOUNTMARKET_OUTREACH_ALLOW_HOSTS"
    if config["PRODUCTION_TRIAL_WITH_LOCAL_SHOPS"] is not True:
        raise ConfigError(setting, "must be empty when DISCOUNTMARKET_ENV=production")
    if not all(host.rsplit(":", 1)[0] in _LOOPBACK for host in config["OUTREACH_ALLOW_HOSTS"]):
        raise ConfigError(setting, "may name only this machine in a production trial")
    logging.getLogger(__name__).warning(
        "PRODUCTION_TRIAL_WITH_LOCAL_SHOPS: outreach may reach %s on this machine",
        ", ".join(config["OUTREACH_ALLOW_HOSTS"]),
    )


def _as_host_list(value: Any) -> list[str]:
    if isinstance(value, str):
        value = [part for part in value.replace(",", " ").split() if part]
    if not isinstance(value, list | tuple) or not all(isinstance(h, str) for h in value):
        raise ConfigError(
            "DISCOUNTMARKET_OUTREACH_ALLOW_HOSTS",
            'must be a JSON list of hosts or host:ports, e.g. ["127.0.0.1:5101"]',
        )
    try:
        host_set(value)  # "host" lets every port through, "host:port" only that one
    except ValueError as error:
        raise ConfigError("DISCOUNTMARKET_OUTREACH_ALLOW_HOSTS", str(error)) from error
    return [host.strip().lower() for host in value if host.strip()]


def _development_secret(instance: Path) -> str:
    """Generate a secret once per checkout and keep it, so sessions survive restarts."""
    instance.mkdir(parents=True, exist_ok=True)
    path = instance / "secret_key"
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text().strip()
    with os.fdopen(fd, "w") as handle:
        handle.write(secrets.token_hex(32))
    return path.read_text().strip()
