"""Politeness: a minimum interval between the starts of requests to one site.

The schedule is module-level, shared by every client in the process, because being polite
is about what the site sees, not about which of our workers asks.
"""

from __future__ import annotations

import threading
import time

__all__ = ["reserve_start", "reset_for_tests"]

_lock = threading.Lock()
_last_start: dict[str, float] = {}  # site -> monotonic time of the latest (reserved) start
_PRUNE_AT = 10_000


def reset_for_tests() -> None:
    """Forget every site's request times."""
    with _lock:
        _last_start.clear()


def reserve_start(site: str, interval: float) -> float:
    """Book the next start slot for ``site``; return how long to wait for it.

    Booking under the lock and sleeping outside it means no thread holds the lock while
    waiting, so nested fetches (robots.txt inside a page fetch) cannot deadlock.
    """
    with _lock:
        now = time.monotonic()
        start = max(now, _last_start.get(site, now - interval) + interval)
        if len(_last_start) >= _PRUNE_AT:
            for key in [key for key, when in _last_start.items() if when < now - 3600]:
                del _last_start[key]
        _last_start[site] = start
    return start - now
