"""Starting the app for the browser journeys: gunicorn serving wsgi:app and a real queue
worker (`flask worker`) on a fresh, migrated SQLite database, configured through the
environment as a deployment configures it."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from tests.conftest import base_config, free_port
from tests.e2e.support import LiveServer
from tests.processes import ROOT, flask_command
from tests.smtp import RecordingHandler

# One process with threads: the live page polls while the journey clicks.
GUNICORN = (sys.executable, "-m", "gunicorn", "--workers", "1", "--threads", "8")
SECRET_KEY = "e2e-secret-key-that-is-long-enough-0123456789"


def make_run_settings() -> dict[str, str]:
    """The settings `make run` exports for the offline demo (the Makefile's
    ``run: export NAME = value`` lines), except those built from make variables (the
    ports and the base URL), which the caller chooses."""
    exported = re.findall(r"^run: export (\w+) = (.+)$", (ROOT / "Makefile").read_text(), re.M)
    return {name: value for name, value in exported if "$(" not in value}


def _wait_until_serving(url: str, server: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 30
    while True:
        try:
            with urllib.request.urlopen(url + "/bot", timeout=5) as response:  # noqa: S310
                if response.status == 200:
                    return
        except OSError:  # refused, reset or timed out while it boots
            pass
        assert server.poll() is None, f"the web server exited:\n{log.read_text()}"
        assert time.monotonic() < deadline, f"the web server did not start:\n{log.read_text()}"
        time.sleep(0.2)


def _stop(process: subprocess.Popen) -> None:
    process.send_signal(signal.SIGINT)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


@contextmanager
def live_app(
    folder: Path,
    settings: dict[str, str],
    smtp: RecordingHandler | None = None,
    setup: Sequence[Sequence[str]] = (),
    port: int | None = None,
) -> Iterator[LiveServer]:
    """The web server (on ``port``, default a free one) and a worker on a new database in
    ``folder``, with ``settings`` (``DISCOUNTMARKET_*`` variables) and mail sent to
    ``smtp`` (none: the outbox keeps it). ``setup`` are flask commands run after the
    migration, before the start."""
    database_url = "sqlite:///" + str(folder / "app.db")
    queue_path = folder / "queue.db"
    port = port or free_port()
    base_url = f"http://127.0.0.1:{port}"
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "DATABASE_URL": database_url,
        "SECRET_KEY": SECRET_KEY,
        "DISCOUNTMARKET_BASE_URL": base_url,
        "DISCOUNTMARKET_HUEY_SQLITE_PATH": str(queue_path),
        "DISCOUNTMARKET_PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
        **settings,
    }
    if smtp is not None:
        env["SMTP_URL"] = smtp.url
    for command in (("db", "upgrade"), *setup):
        subprocess.run(flask_command(*command), cwd=ROOT, env=env, check=True, capture_output=True)
    server_log, worker_log = folder / "server.log", folder / "worker.log"
    with server_log.open("wb") as server_out, worker_log.open("wb") as worker_out:
        server = subprocess.Popen(
            [*GUNICORN, "--bind", f"127.0.0.1:{port}", "wsgi:app"],
            cwd=ROOT,
            env=env,
            stdout=server_out,
            stderr=subprocess.STDOUT,
        )
        worker = subprocess.Popen(
            flask_command("worker", "--workers", "2"),
            cwd=ROOT,
            env=env,
            stdout=worker_out,
            stderr=subprocess.STDOUT,
        )
    try:
        _wait_until_serving(base_url, server, server_log)
        # The test's own view of the same database and queue, to set up data.
        config = base_config(
            database_url,
            folder / "instance",
            BASE_URL=base_url,
            SMTP_URL=smtp.url if smtp else None,
            HUEY_IMMEDIATE=False,
            HUEY_SQLITE_PATH=str(queue_path),
            OUTREACH_ALLOW_HOSTS=["127.0.0.1"],
        )
        yield LiveServer(
            url=base_url,
            config=config,
            smtp=smtp,
            logs={"server": server_log, "worker": worker_log},
            processes={"server": server, "worker": worker},
        )
    finally:
        _stop(worker)
        _stop(server)
