"""Politeness: a minimum interval between the starts of requests to one site.

Being polite is about what the site sees, not about which of our workers asks, so the
schedule is shared as widely as our workers are spread: by every client in the process
(``LocalSchedule``), and, when the queue runs on Redis with consumers on several machines,
by all of them (``RedisSchedule``, clocked by the Redis server so machines' clocks need
not agree).
"""

from __future__ import annotations

import logging
import threading
import time
from functools import lru_cache
from typing import Protocol

import redis

__all__ = ["LOCAL", "LocalSchedule", "RedisSchedule", "Schedule", "reset_for_tests", "shared"]

log = logging.getLogger(__name__)


class Schedule(Protocol):
    def reserve_start(self, site: str, interval: float) -> float:
        """Book the next start slot for ``site``; return how many seconds to wait for it."""


class LocalSchedule:
    """Start times kept in this process, shared by its threads."""

    _PRUNE_AT = 10_000

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._last_start: dict[str, float] = {}  # site -> monotonic time of the latest start

    def reset(self) -> None:
        with self._lock:
            self._last_start.clear()

    def reserve_start(self, site: str, interval: float) -> float:
        # Booking under the lock and sleeping outside it means no thread holds the lock while
        # waiting, so nested fetches (robots.txt inside a page fetch) cannot deadlock.
        with self._lock:
            now = time.monotonic()
            start = max(now, self._last_start.get(site, now - interval) + interval)
            if len(self._last_start) >= self._PRUNE_AT:
                for key in [key for key, when in self._last_start.items() if when < now - 3600]:
                    del self._last_start[key]
            self._last_start[site] = start
        return start - now


# Atomic "max(now, last + interval)" in Redis, on the server's clock (milliseconds). The key
# outlives its slot by KEEP_MS so a slower neighbour (a longer interval) still sees it.
_RESERVE = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local interval = tonumber(ARGV[1])
local last = tonumber(redis.call('GET', KEYS[1]) or (now - interval))
local start = math.max(now, last + interval)
redis.call('SET', KEYS[1], start, 'PX', start - now + tonumber(ARGV[2]))
return start - now
"""


class RedisSchedule:
    """Start times kept in Redis, shared by every worker on every machine.

    When Redis does not answer, the fetch goes on with this process's own schedule: being
    polite per process for a moment is better than stopping all outreach.
    """

    KEEP_MS = 600_000
    WARN_EVERY = 60.0  # seconds: one warning per minute of outage, not one per fetch

    def __init__(self, url: str, prefix: str = "discountmarket:polite:") -> None:
        self._redis = redis.Redis.from_url(url, socket_connect_timeout=2, socket_timeout=2)
        self._reserve = self._redis.register_script(_RESERVE)
        self.prefix = prefix
        self._warned_at = -self.WARN_EVERY

    def reserve_start(self, site: str, interval: float) -> float:
        try:
            wait_ms = self._reserve(
                keys=[self.prefix + site], args=[round(interval * 1000), self.KEEP_MS]
            )
        except redis.RedisError as error:
            if time.monotonic() - self._warned_at >= self.WARN_EVERY:
                self._warned_at = time.monotonic()
                log.warning("politeness: Redis unavailable (%s); spacing per process", error)
            return LOCAL.reserve_start(site, interval)
        return int(wait_ms) / 1000


LOCAL = LocalSchedule()


@lru_cache(maxsize=8)
def _redis_schedule(url: str) -> RedisSchedule:
    return RedisSchedule(url)  # one connection pool per process and URL


def shared(redis_url: str | None) -> Schedule:
    """The schedule every worker of this deployment shares: Redis when the queue is on it."""
    return _redis_schedule(redis_url) if redis_url else LOCAL


def reset_for_tests() -> None:
    """Forget this process's request times (Redis keys expire by themselves)."""
    LOCAL.reset()
