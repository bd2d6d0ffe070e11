"""Restarting this machine's PostgreSQL and Redis, for the fault tests that need it.

They are the services every session's machine (and CI) runs; the tests skip when the
commands or the permission to use them are missing.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest
import redis

PG_CONF = Path("/etc/postgresql")
REDIS_START = [
    "redis-server",
    "--daemonize", "yes",
    "--bind", "127.0.0.1", "-::1",
    "--port", "6379",
    "--save", "",
    "--appendonly", "no",
    "--dir", "/var/lib/redis",
    "--logfile", "/var/log/redis/ci.log",
]  # fmt: skip


def require_root_and(command: str) -> None:
    if os.geteuid() != 0 or shutil.which(command) is None:
        pytest.skip(f"restarting the service needs root and {command}")


def restart_postgresql() -> float:
    """Restart the local cluster; returns how long it was down (seconds)."""
    require_root_and("pg_ctlcluster")
    versions = sorted(p.name for p in PG_CONF.iterdir() if (p / "main").is_dir())
    started = time.monotonic()
    subprocess.run(
        ["pg_ctlcluster", "--skip-systemctl-redirect", versions[-1], "main", "restart"],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return time.monotonic() - started


def restart_redis(url: str) -> None:
    """Stop Redis (it keeps nothing on disk: the queue is emptied) and start it again."""
    require_root_and("redis-server")
    client = redis.Redis.from_url(url)
    with contextlib.suppress(redis.ConnectionError):  # it closes the connection as it goes
        client.shutdown(nosave=True)
    subprocess.run(REDIS_START, check=True, capture_output=True, timeout=30)
    deadline = time.monotonic() + 30
    while True:
        try:
            client.ping()
            return
        except redis.ConnectionError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)
