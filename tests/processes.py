"""Real `flask` processes for tests: the command line, the environment that configures a
child like the test app, and a queue worker (`flask worker`) that can be stopped or killed.

The worker's output goes to a file: a pipe that nobody reads fills up and stalls it.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import sqlalchemy as sa
from flask import Flask

from discountmarket.extensions import db
from discountmarket.models import Dispatch, DispatchStatus

ROOT = Path(__file__).resolve().parent.parent


def flask_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "flask", "--app", "wsgi", *args]


def worker_env(app: Flask, **extra: str) -> dict[str, str]:
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"],
        "SECRET_KEY": app.config["SECRET_KEY"],
        "DISCOUNTMARKET_ENV": "testing",
        "DISCOUNTMARKET_HUEY_SQLITE_PATH": app.config["HUEY_SQLITE_PATH"],
        "DISCOUNTMARKET_PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
        # As in base_config: tests run at any hour (the business-hours rule has its own tests).
        "DISCOUNTMARKET_RESPECT_BUSINESS_HOURS": "false",
        # A site's work takes turns; the tests' sites are quick, so the next turn is soon.
        "DISCOUNTMARKET_SITE_BUSY_RETRY_SECONDS": "1",
    }
    env.update(extra)
    return env


class WorkerProcess:
    """`flask worker` in a child process, configured like the test app (its database,
    queue, SMTP and Redis), plus ``settings`` given as DISCOUNTMARKET_* variables."""

    def __init__(self, app: Flask, log: Path, workers: int = 2, **settings: object) -> None:
        env = worker_env(app, DISCOUNTMARKET_OUTREACH_MIN_INTERVAL="0")
        if app.config["SMTP_URL"]:
            env["SMTP_URL"] = app.config["SMTP_URL"]
        if app.config["REDIS_URL"]:
            env["REDIS_URL"] = app.config["REDIS_URL"]
        for name, value in settings.items():
            env[f"DISCOUNTMARKET_{name}"] = value if isinstance(value, str) else json.dumps(value)
        self.env, self.log, self.workers = env, log, workers
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> WorkerProcess:
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                flask_command("worker", "--workers", str(self.workers)),
                cwd=ROOT,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        return self

    def check_alive(self) -> None:
        assert self.process is not None and self.process.poll() is None, self.log.read_text()

    def kill(self) -> None:
        """SIGKILL: no clean-up, no finally blocks — a power cut for the worker."""
        assert self.process is not None
        os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> int | None:
        """SIGINT, as Ctrl-C; returns the exit code (0 for a clean stop)."""
        if self.process is None:
            return None
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        return self.process.returncode

    def __enter__(self) -> WorkerProcess:
        return self.start()

    def __exit__(self, error_type: object, *rest: object) -> None:
        code = self.stop()
        if error_type is None:  # the test's own failure matters more than this one
            assert code == 0, f"the worker did not stop cleanly ({code}):\n{self.log.read_text()}"


def wait_until_sent(worker: WorkerProcess, expected: int, timeout: float, **where: int) -> None:
    """Until ``expected`` dispatches (of ``where``, e.g. request_id=...) are all sent."""
    deadline = time.monotonic() + timeout
    while True:
        db.session.rollback()  # see what the worker committed
        statuses = db.session.scalars(sa.select(Dispatch.status).filter_by(**where)).all()
        if len(statuses) == expected and all(s == DispatchStatus.SENT for s in statuses):
            return
        worker.check_alive()
        assert time.monotonic() < deadline, f"not delivered in time: {statuses}"
        time.sleep(0.2)
