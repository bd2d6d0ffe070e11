"""A wrong setting stops the deployment at once with one clear line: gunicorn's master
exits with its "application could not be loaded" status instead of restarting workers
that fail the same way for ever; the command line says the same and fails."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import free_port
from tests.processes import ROOT, flask_command

SHORT_SECRET = {"DISCOUNTMARKET_ENV": "production", "SECRET_KEY": "too-short"}


def environment(tmp_path: Path) -> dict[str, str]:
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'app.db'}",
        **SHORT_SECRET,
    }


def gunicorn(tmp_path: Path, *options: str) -> subprocess.CompletedProcess[str]:
    bind = f"127.0.0.1:{free_port()}"
    return subprocess.run(
        [sys.executable, "-m", "gunicorn", *options, "--bind", bind, "wsgi:app"],
        cwd=ROOT,
        env=environment(tmp_path),
        capture_output=True,
        text=True,
        timeout=60,  # it used to restart its workers until killed
    )


def test_the_documented_gunicorn_command_stops_with_one_line(tmp_path: Path) -> None:
    assert "gunicorn --preload --workers 4" in (ROOT / "README.md").read_text()
    run = gunicorn(tmp_path, "--preload", "--workers", "4")
    assert run.returncode == 4, run.stderr[-2000:]  # gunicorn's "App failed to load"
    assert run.stderr.count("Configuration error: SECRET_KEY") == 1
    assert "Traceback" not in run.stderr


def test_gunicorn_without_preload_stops_too(tmp_path: Path) -> None:
    """Each worker exits with the load-error status, which halts the master; it says the
    line once per worker it started, not once per restart."""
    run = gunicorn(tmp_path, "--workers", "2")
    assert run.returncode != 0 and "App failed to load" in run.stderr
    assert 1 <= run.stderr.count("Configuration error: SECRET_KEY") <= 2


def test_the_command_line_fails_with_the_same_line(tmp_path: Path) -> None:
    run = subprocess.run(
        flask_command("routes"),
        cwd=ROOT,
        env=environment(tmp_path),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode != 0
    assert "Configuration error: SECRET_KEY" in run.stderr
