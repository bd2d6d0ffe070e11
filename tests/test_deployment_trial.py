"""The deployment guide tried whole on this machine (scripts/deployment_trial.py): production
mode, two gunicorn web nodes and two workers on PostgreSQL and Redis, the sample shops as
stores, the loop from sign-up to an accepted offer with a web node killed on the way."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import psycopg
import pytest
import redis

ROOT = Path(__file__).resolve().parent.parent
TRIAL = ROOT / "scripts" / "deployment_trial.py"


def test_the_deployment_guide_runs_the_whole_loop_in_production_mode() -> None:
    try:
        psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", connect_timeout=3).close()
    except psycopg.Error:
        pytest.skip("no PostgreSQL answers at 127.0.0.1:5432")
    try:
        redis.Redis.from_url("redis://127.0.0.1:6379/12", socket_timeout=2).ping()
    except redis.RedisError:
        pytest.skip("no Redis answers at 127.0.0.1:6379")
    done = subprocess.run(
        [sys.executable, str(TRIAL)], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    assert "deployment trial: passed" in done.stdout
    for step in ("two web nodes", "on the other node", "web node A is killed", "accepts it"):
        assert step in done.stdout, done.stdout
