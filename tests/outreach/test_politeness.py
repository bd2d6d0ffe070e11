"""The politeness schedule: starts to one site spaced by the interval, within a process and,
through Redis, across workers on several machines (here: several processes)."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import uuid
from collections.abc import Iterator
from itertools import pairwise
from pathlib import Path

import pytest
import redis

from discountmarket.config import DEFAULTS
from discountmarket.outreach import http as guarded
from discountmarket.outreach import politeness
from discountmarket.outreach.politeness import LocalSchedule, RedisSchedule
from tests.hostile import page, running

REDIS_URL = "redis://127.0.0.1:6379/13"
UNREACHABLE_REDIS = "redis://127.0.0.1:1/0"  # nothing listens on port 1
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def redis_url() -> str:
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.RedisError:
        pytest.skip("no Redis answers at 127.0.0.1:6379")
    return REDIS_URL


@pytest.fixture
def prefix() -> Iterator[str]:
    """Keys of this test only, removed afterwards."""
    prefix = f"test:polite:{uuid.uuid4().hex}:"
    yield prefix
    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1)
    try:
        for key in client.scan_iter(f"{prefix}*"):
            client.delete(key)
    except redis.RedisError:
        pass


@pytest.fixture(autouse=True)
def _fresh_local_schedule() -> Iterator[None]:
    politeness.reset_for_tests()
    yield
    politeness.reset_for_tests()


def test_local_schedule_books_consecutive_slots() -> None:
    schedule = LocalSchedule()
    waits = [schedule.reserve_start("shop.example", 0.3) for _ in range(3)]
    assert waits[0] == 0
    assert waits[1] == pytest.approx(0.3, abs=0.05)
    assert waits[2] == pytest.approx(0.6, abs=0.05)
    assert schedule.reserve_start("other.example", 0.3) == 0  # another site: no wait


def test_two_machines_share_one_schedule_through_redis(redis_url: str, prefix: str) -> None:
    # Separate connection pools, as on two machines; the Redis server keeps the clock.
    first, second = RedisSchedule(redis_url, prefix), RedisSchedule(redis_url, prefix)
    waits = [
        first.reserve_start("shop.example", 0.3),
        second.reserve_start("shop.example", 0.3),
        first.reserve_start("shop.example", 0.3),
    ]
    assert waits[0] == 0
    assert waits[1] == pytest.approx(0.3, abs=0.05)
    assert waits[2] == pytest.approx(0.6, abs=0.05)
    assert second.reserve_start("other.example", 0.3) == 0
    # A slower neighbour's booking binds a client that keeps no interval of its own only to
    # "not before now"; one with a longer interval waits for its own spacing.
    assert first.reserve_start("lone.example", 0.0) == 0
    assert second.reserve_start("lone.example", 0.5) == pytest.approx(0.5, abs=0.05)
    ttl_ms = redis.Redis.from_url(redis_url).pttl(f"{prefix}shop.example")
    assert 0 < ttl_ms <= RedisSchedule.KEEP_MS + 1000  # keys do not pile up


def test_without_redis_the_process_stays_polite_on_its_own(
    caplog: pytest.LogCaptureFixture,
) -> None:
    schedule = RedisSchedule(UNREACHABLE_REDIS)
    assert schedule.reserve_start("shop.example", 0.3) == 0
    assert schedule.reserve_start("shop.example", 0.3) == pytest.approx(0.3, abs=0.05)
    warnings = [r for r in caplog.records if "Redis unavailable" in r.getMessage()]
    assert len(warnings) == 1  # once per outage minute, not once per fetch


def test_the_client_uses_redis_when_the_queue_does(redis_url: str) -> None:
    config = dict(DEFAULTS, OUTREACH_USER_AGENT="DiscountMarketBot/1.0")
    with guarded.client_from_config(dict(config, REDIS_URL=redis_url)) as client:
        assert isinstance(client.schedule, RedisSchedule)
        assert client.schedule is politeness.shared(redis_url)  # one pool per process
    with guarded.client_from_config(dict(config, REDIS_URL=None)) as client:
        assert client.schedule is politeness.LOCAL


WORKER = textwrap.dedent(
    """
    import sys
    from discountmarket.outreach.http import GuardedClient
    from discountmarket.outreach.politeness import RedisSchedule

    url, redis_url, prefix = sys.argv[1:4]
    schedule = RedisSchedule(redis_url, prefix)
    with GuardedClient(
        user_agent="DiscountMarketBot/1.0", allow_hosts=["127.0.0.1"], min_interval=0.3,
        schedule=schedule,
    ) as client:
        for _ in range(3):
            client.get(url, check_robots=False)
    """
)


def test_workers_in_separate_processes_keep_the_interval(redis_url: str, prefix: str) -> None:
    with running({"/": page()}) as server:
        workers = [
            subprocess.Popen(
                [sys.executable, "-c", WORKER, server.url(), redis_url, prefix], cwd=ROOT
            )
            for _ in range(2)
        ]
        assert [worker.wait(timeout=60) for worker in workers] == [0, 0]
        arrivals = sorted(hit.at for hit in server.hits)
    assert len(arrivals) == 6
    gaps = [later - earlier for earlier, later in pairwise(arrivals)]
    # 0.3 s apart as booked; a loaded machine may start one request a little late, so the
    # next can seem closer, but two processes on their own clocks would collide (gap ~0).
    assert min(gaps) > 0.15, gaps
