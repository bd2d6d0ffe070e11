"""robots.txt: whether the site lets us fetch a URL (RFC 9309), with the answer cached per
origin for every client in the process.

What a robots.txt answer means is decided here: 2xx gives the rules, 4xx means no
robots.txt (all allowed), anything else (5xx, unreachable, unreadable) means not now, for
a shorter while. Fetching robots.txt is the caller's: it passes a ``fetch`` function, so
this module opens no connection and does not depend on the client.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from urllib.parse import urljoin

from protego import Protego

from discountmarket.outreach.addresses import Target
from discountmarket.outreach.errors import FetchError
from discountmarket.outreach.responses import FetchResult

__all__ = [
    "ROBOTS_ERROR_TTL",
    "ROBOTS_MAX_BYTES",
    "ROBOTS_PRODUCT",
    "require_allowed",
    "reset_for_tests",
    "sitemaps",
]

ROBOTS_PRODUCT = "DiscountMarketBot"  # product token matched against robots.txt user-agent lines
ROBOTS_MAX_BYTES = 500_000  # RFC 9309 asks crawlers to read at least 500 KiB; we keep that much
ROBOTS_ERROR_TTL = 300  # 5xx / unreachable robots.txt: disallow, but ask again sooner

_lock = threading.Lock()
_cache: dict[str, tuple[float, Protego | FetchError]] = {}  # origin -> (expiry, rules)
_PRUNE_AT = 10_000
_MAX_SITEMAPS = 20  # of a robots.txt's Sitemap lines, the first ones


def reset_for_tests() -> None:
    """Forget every cached robots.txt."""
    with _lock:
        _cache.clear()


def require_allowed(target: Target, fetch: Callable[[str], FetchResult], ttl: float) -> None:
    """Raise ``FetchError`` unless robots.txt lets us fetch ``target``; a robots.txt that
    cannot be read refuses too.

    ``fetch`` GETs the robots.txt URL it is given without checking robots.txt again and
    without raising for an HTTP error status. Answers are cached for ``ttl`` seconds,
    failures for at most ``ROBOTS_ERROR_TTL``.
    """
    rules = _rules_for(target, fetch, ttl)
    if isinstance(rules, FetchError):
        raise FetchError(rules.code, rules.message, rules.status)
    if not rules.can_fetch(target.url, ROBOTS_PRODUCT):
        raise FetchError("robots", "The site's robots.txt asks robots not to fetch this page.")


def sitemaps(target: Target, fetch: Callable[[str], FetchResult], ttl: float) -> list[str]:
    """The sitemaps robots.txt names (its ``Sitemap:`` lines); none when it cannot be read."""
    rules = _rules_for(target, fetch, ttl)
    return [] if isinstance(rules, FetchError) else list(rules.sitemaps)[:_MAX_SITEMAPS]


def _rules_for(
    target: Target, fetch: Callable[[str], FetchResult], ttl: float
) -> Protego | FetchError:
    """The origin's rules, cached or fetched now."""
    cached = _cached(target.origin)
    return cached if cached is not None else _load(target, fetch, ttl)


def _load(target: Target, fetch: Callable[[str], FetchResult], ttl: float) -> Protego | FetchError:
    """Fetch and cache robots.txt for the target's origin (RFC 9309 rules)."""
    robots_url = urljoin(target.url, "/robots.txt")
    outcome: Protego | FetchError
    try:
        result = fetch(robots_url)
    except FetchError as error:
        if error.code == "timeout":
            raise  # maybe our own deadline: not cached, the site gets another chance
        if error.code in ("unreachable", "blocked_address"):
            outcome = error  # reported as such (the site is down, or points inward)
        else:
            outcome = FetchError(
                "robots", "The site's robots.txt could not be read, so we do not fetch there."
            )
        _store(target.origin, outcome, min(ROBOTS_ERROR_TTL, ttl))
        return outcome
    if 200 <= result.status < 300:
        outcome = _rules(result.text)
    elif 400 <= result.status < 500:
        outcome = _rules()  # no robots.txt: all allowed
    else:
        outcome = FetchError(
            "robots",
            f"The site's robots.txt is unavailable (HTTP {result.status}), "
            "so we do not fetch there for now.",
        )
        ttl = min(ROBOTS_ERROR_TTL, ttl)
    _store(target.origin, outcome, ttl)
    return outcome


def _cached(origin: str) -> Protego | FetchError | None:
    with _lock:
        entry = _cache.get(origin)
        if entry is None or entry[0] <= time.monotonic():
            return None
        return entry[1]


def _store(origin: str, rules: Protego | FetchError, ttl: float) -> None:
    with _lock:
        now = time.monotonic()
        if len(_cache) >= _PRUNE_AT:
            for key in [key for key, entry in _cache.items() if entry[0] <= now]:
                del _cache[key]
        _cache[origin] = (now + ttl, rules)


def _rules(text: str = "") -> Protego:
    """RFC 9309 matching: the most specific (longest) rule wins, ``*`` and ``$`` wildcards
    as real sites write them (``Disallow: /*?*variant=``); empty text allows everything."""
    return Protego.parse(text)
