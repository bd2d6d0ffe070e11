"""The one outbound HTTP client of the app, and the SSRF boundary: the only way out to the
outside world.

Every fetch that leaves the process (product pages, store probes, contact-form posts) goes
through ``GuardedClient``. This module owns the client and the order of the checks; the
connections and the rules live beside it:

* Connections pinned to checked addresses (``connections.py``, the adapter this client
  mounts): the connection resolves the host, refuses if *any* address is not globally
  routable, and connects to the address it checked (no DNS-rebinding window). TLS still
  verifies the certificate against the host name. Which URLs and addresses are acceptable
  is ``addresses.py``'s call.
* Redirects followed here, one hop at a time, each hop checked again (URL, address, robots).
* Limits: connect/read timeouts, a deadline for the whole fetch (``deadlines.py``: a
  watchdog shuts the socket so a trickling server cannot hold us), a body cap counted after
  decompression (``responses.py``).
* Manners: an identifying User-Agent, robots.txt (``robots.py``, cached per origin for all
  clients) and a minimum interval between requests to one site (``politeness.py``, shared by
  all clients of the process, or through Redis by every worker of the deployment).

``allow_hosts`` lets named hosts skip the address checks; it exists for tests and demos only.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Mapping
from functools import partial
from typing import Any
from urllib.parse import urljoin

import requests
from requests.structures import CaseInsensitiveDict
from requests.utils import requote_uri

from discountmarket.outreach import politeness, robots
from discountmarket.outreach.addresses import (
    CONTROL_CHARS,
    Target,
    check_url_syntax,
    host_set,
    is_blocked_ip,
    parse_target,
    precheck_address,
)
from discountmarket.outreach.connections import GuardedAdapter
from discountmarket.outreach.deadlines import Budget, Watchdog
from discountmarket.outreach.errors import (
    ERROR_CODES,
    TRANSPORT_ERRORS,
    FetchError,
    bad_url,
    timeout_error,
    transport_error,
)
from discountmarket.outreach.responses import (
    FetchResult,
    Want,
    accepted,
    media_type,
    not_html,
    read_body,
)
from discountmarket.outreach.robots import ROBOTS_MAX_BYTES, ROBOTS_PRODUCT

# The names callers have always imported from here, wherever they live now.
__all__ = [
    "ERROR_CODES",
    "HTML_TYPES",
    "ROBOTS_PRODUCT",
    "FetchError",
    "FetchResult",
    "GuardedClient",
    "check_url_syntax",
    "client_from_config",
    "is_blocked_ip",
]

HTML_TYPES = ("text/html", "application/xhtml+xml")
ACCEPT_LANGUAGE = "en;q=0.8, *;q=0.5"
_REDIRECTS = frozenset({301, 302, 303, 307, 308})


def _reset_state_for_tests() -> None:
    """Forget robots.txt rules and request times (module-level, shared by all clients)."""
    politeness.reset_for_tests()
    robots.reset_for_tests()


# --- The client -----------------------------------------------------------------------------


class GuardedClient:
    """Fetches pages and posts forms under the rules in the module docstring.

    One ``requests.Session`` per client, so cookies from a page fetch go with a later form
    post. Use one client per thread or task; close it (or use it as a context manager).
    """

    def __init__(
        self,
        *,
        user_agent: str,
        allow_hosts: Iterable[str] = (),
        connect_timeout: float = 5,
        read_timeout: float = 10,
        deadline: float = 20,
        max_bytes: int = 2_000_000,
        max_redirects: int = 5,
        min_interval: float = 2.0,
        robots_ttl: int = 3600,
        schedule: politeness.Schedule = politeness.LOCAL,
    ) -> None:
        if not user_agent or not user_agent.strip() or CONTROL_CHARS.search(user_agent):
            raise ValueError("user_agent must be a non-empty single-line string")
        if min(connect_timeout, read_timeout, deadline, max_bytes) <= 0:
            raise ValueError("timeouts, deadline and max_bytes must be positive")
        if max_redirects < 0 or min_interval < 0 or robots_ttl < 0:
            raise ValueError("max_redirects, min_interval and robots_ttl must not be negative")
        self.user_agent = user_agent.strip()
        self.allow_hosts = host_set(allow_hosts)
        self.connect_timeout = float(connect_timeout)
        self.read_timeout = float(read_timeout)
        self.deadline = float(deadline)
        self.max_bytes = int(max_bytes)
        self.max_redirects = int(max_redirects)
        self.min_interval = float(min_interval)
        self.robots_ttl = int(robots_ttl)
        self.schedule = schedule
        self._session = requests.Session()
        self._session.trust_env = False  # no proxies or .netrc from the environment
        adapter = GuardedAdapter(self.allow_hosts)
        self._session.mount("http://", adapter)
        self._session.mount("https://", adapter)
        self._session.headers.update(
            {"User-Agent": self.user_agent, "Accept-Language": ACCEPT_LANGUAGE}
        )

    def __enter__(self) -> GuardedClient:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        self._session.close()

    # Public API

    def get(
        self,
        url: str,
        *,
        accept: tuple[str, ...] | None = HTML_TYPES,
        check_robots: bool = True,
        keep_first: int | None = None,
    ) -> FetchResult:
        """Fetch ``url`` (following redirects); ``accept=None`` takes any content type.
        ``keep_first``: a list readable in part (a sitemap) keeps its first bytes, up to
        that many, where anything else over ``max_bytes`` fails."""
        want = Want(accept, self.max_bytes)
        if keep_first is not None:
            want = Want(accept, keep_first, truncate=True)
        return self._fetch("GET", url, None, {}, want, check_robots)

    def post(
        self,
        url: str,
        data: Mapping[str, str] | list[tuple[str, str]],
        *,
        referer: str | None = None,
        accept: tuple[str, ...] | None = HTML_TYPES,
        check_robots: bool = True,
    ) -> FetchResult:
        """Post form fields (URL-encoded; never files). Cookies from earlier fetches go along.

        Raises ``http_error`` for a 4xx/5xx answer like ``get``; the status is on the error.
        """
        headers = {}
        if referer:
            if CONTROL_CHARS.search(referer):
                raise bad_url("the referring address contains control characters")
            # Headers travel as Latin-1: a page URL with non-ASCII characters is percent-encoded.
            headers["Referer"] = requote_uri(referer)
        want = Want(accept, self.max_bytes)
        return self._fetch("POST", url, data, headers, want, check_robots)

    def robots_allowed(self, url: str) -> bool:
        """Whether robots.txt lets us fetch ``url``; False also when it cannot be read.

        Raises ``FetchError`` only for a URL that ``check_url_syntax`` refuses.
        """
        target = parse_target(url, self.allow_hosts)
        try:
            self._require_robots(target, Budget(self.deadline))
        except FetchError:
            return False
        return True

    def sitemaps(self, url: str) -> list[str]:
        """The sitemaps named by the robots.txt of ``url``'s site (read as for any fetch;
        relative lines taken from the site); none when it cannot be read."""
        fetch = partial(self._robots_fetch, budget=Budget(self.deadline))
        try:
            target = parse_target(url, self.allow_hosts)
            named = robots.sitemaps(target, fetch, self.robots_ttl)
        except FetchError:
            return []
        return [urljoin(target.url, sitemap) for sitemap in named]

    # Internals

    def _fetch(
        self,
        method: str,
        url: str,
        data: Any,
        headers: dict[str, str],
        want: Want,
        check_robots: bool,
        budget: Budget | None = None,
    ) -> FetchResult:
        budget = budget or Budget(self.deadline)
        target = parse_target(url, self.allow_hosts)
        for hop in range(self.max_redirects + 1):
            precheck_address(target, self.allow_hosts, max(budget.left(), 0.001))
            if check_robots:
                self._require_robots(target, budget)
            self._wait_turn(target, budget)
            result, location = self._exchange(method, target, data, headers, want, budget)
            if location is None:
                assert result is not None
                return result
            if hop == self.max_redirects:
                break
            target = parse_target(urljoin(target.url, location), self.allow_hosts)
            status = result.status if result else 0
            if status == 303 or (status in (301, 302) and method == "POST"):
                method, data = "GET", None  # as browsers do; 307/308 keep method and body
        raise FetchError(
            "too_many_redirects", f"The site redirected more than {self.max_redirects} times."
        )

    def _wait_turn(self, target: Target, budget: Budget) -> None:
        # Recorded even without an interval of our own: other clients may keep one.
        wait = self.schedule.reserve_start(target.site, self.min_interval)
        if wait > 0:
            with budget.paused():
                time.sleep(wait)

    def _exchange(
        self,
        method: str,
        target: Target,
        data: Any,
        headers: dict[str, str],
        want: Want,
        budget: Budget,
    ) -> tuple[FetchResult | None, str | None]:
        """One request/response. Returns (result, None), or (stub, Location) for a redirect."""
        left = budget.left()
        if left <= 0:
            raise timeout_error()
        accept = ", ".join(want.accept) if want.accept else "*/*"
        response: requests.Response | None = None
        watchdog = Watchdog(left)
        try:
            with watchdog:
                try:
                    response = self._session.request(
                        method,
                        target.url,
                        data=data,
                        headers={"Accept": accept, **headers},
                        stream=True,
                        allow_redirects=False,
                        timeout=(min(self.connect_timeout, left), min(self.read_timeout, left)),
                    )
                    return self._handle(response, target, want, watchdog)
                except FetchError:
                    raise
                except TRANSPORT_ERRORS as error:  # urllib3's own while streaming the body
                    raise transport_error(error, deadline_passed=watchdog.expired) from error
        finally:
            if response is not None:
                response.close()  # after the watchdog stopped: no shutdown races the close

    def _handle(
        self, response: requests.Response, target: Target, want: Want, watchdog: Watchdog
    ) -> tuple[FetchResult | None, str | None]:
        if watchdog.expired:  # headers cut short by the watchdog: do not act on them
            raise timeout_error()
        status = response.status_code
        location = self._session.get_redirect_target(response)
        if status in _REDIRECTS and location:
            stub = FetchResult(target.url, status, response.headers, b"", "", None)
            return stub, location
        if want.raise_for_status and status >= 400:
            raise FetchError(
                "http_error", f"The site answered with an error (HTTP {status}).", status=status
            )
        content_type, encoding = media_type(response.headers.get("Content-Type"))
        if content_type and not accepted(content_type, want.accept):
            raise not_html(content_type)
        content = read_body(response, want, watchdog)
        if not content_type:
            # No declared type: markup is taken for HTML, anything else is not.
            content_type = "text/html" if content.lstrip().startswith(b"<") else ""
            if not accepted(content_type or "application/octet-stream", want.accept):
                raise not_html(content_type or "an undeclared type")
            content_type = content_type or "application/octet-stream"
        headers = CaseInsensitiveDict(response.headers)
        return FetchResult(target.url, status, headers, content, content_type, encoding), None

    def _require_robots(self, target: Target, budget: Budget) -> None:
        fetch = partial(self._robots_fetch, budget=budget)
        robots.require_allowed(target, fetch, self.robots_ttl)

    def _robots_fetch(self, robots_url: str, budget: Budget) -> FetchResult:
        # Same budget as the page it guards; robots.txt itself is never robots-checked.
        want = Want(None, ROBOTS_MAX_BYTES, truncate=True, raise_for_status=False)
        return self._fetch("GET", robots_url, None, {}, want, False, budget)


def client_from_config(config: Mapping[str, Any]) -> GuardedClient:
    """A client configured from the OUTREACH_* settings (see ``discountmarket.config``)."""
    return GuardedClient(
        user_agent=config["OUTREACH_USER_AGENT"] or f"{ROBOTS_PRODUCT}/1.0",
        allow_hosts=config["OUTREACH_ALLOW_HOSTS"] or (),
        connect_timeout=config["OUTREACH_CONNECT_TIMEOUT"],
        read_timeout=config["OUTREACH_READ_TIMEOUT"],
        deadline=config["OUTREACH_DEADLINE"],
        max_bytes=config["OUTREACH_MAX_BYTES"],
        max_redirects=config["OUTREACH_MAX_REDIRECTS"],
        min_interval=config["OUTREACH_MIN_INTERVAL"],
        robots_ttl=config["OUTREACH_ROBOTS_TTL"],
        schedule=politeness.shared(config.get("REDIS_URL")),
    )
