"""Whether this process can serve: its database answers, its queue can be read (and, when
configured, its Redis). For a load balancer's ``/readyz`` and an operator's eyes."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field

import redis
import sqlalchemy as sa
from flask import current_app

from discountmarket import jobs
from discountmarket.extensions import db

logger = logging.getLogger(__name__)
REDIS_TIMEOUT = 2.0  # seconds: a readiness probe must answer quickly either way


@dataclass
class Readiness:
    checks: dict[str, str] = field(default_factory=dict)  # name -> "ok" or what failed
    queue_depth: int | None = None

    @property
    def ready(self) -> bool:
        return all(result == "ok" for result in self.checks.values())


def check() -> Readiness:
    """Each dependency's state; a failure is named (its kind only: no secrets, no URLs)."""
    found = Readiness()
    found.checks["database"] = _run(_database)
    found.checks["queue"] = _run(lambda: _queue(found))
    if current_app.config["REDIS_URL"]:
        found.checks["redis"] = _run(_redis)
    return found


def _run(probe: Callable[[], None]) -> str:
    try:
        probe()
    except Exception as error:  # a readiness probe reports, it never raises
        logger.warning("readiness: %s", error)
        return f"failed: {error.__class__.__name__}"
    return "ok"


def _database() -> None:
    try:
        db.session.execute(sa.text("SELECT 1"))
    finally:
        db.session.rollback()


def _queue(found: Readiness) -> None:
    found.queue_depth = jobs.waiting()


def _redis() -> None:
    client = redis.Redis.from_url(
        current_app.config["REDIS_URL"],
        socket_timeout=REDIS_TIMEOUT,
        socket_connect_timeout=REDIS_TIMEOUT,
    )
    try:
        client.ping()
    finally:
        client.close()
