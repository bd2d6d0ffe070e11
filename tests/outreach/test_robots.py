"""robots.txt on its own: what each answer means (RFC 9309), which failures are cached and
for how long, and the cache per origin. The fetch is handed in, as the client does; whole
fetches against servers are in test_http.py."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator

import pytest
from requests.structures import CaseInsensitiveDict

from discountmarket.outreach import robots
from discountmarket.outreach.addresses import Target, parse_target
from discountmarket.outreach.errors import FetchError
from discountmarket.outreach.responses import FetchResult

RULES = """
User-agent: *
Disallow: /checkout

User-agent: DiscountMarketBot
Allow: /deals/public
Disallow: /deals
"""


@pytest.fixture(autouse=True)
def _fresh_cache() -> Iterator[None]:
    robots.reset_for_tests()
    yield
    robots.reset_for_tests()


def target(url: str) -> Target:
    return parse_target(url, frozenset())  # no DNS: syntax only


class Site:
    """Answers robots.txt requests the way it is told to, and counts them."""

    def __init__(self, answer: int | FetchError, body: str = "") -> None:
        self.answer, self.body = answer, body
        self.asked: list[str] = []

    def __call__(self, url: str) -> FetchResult:
        self.asked.append(url)
        if isinstance(self.answer, FetchError):
            raise self.answer
        headers: CaseInsensitiveDict[str] = CaseInsensitiveDict()
        return FetchResult(url, self.answer, headers, self.body.encode(), "text/plain", "utf-8")


def outcome(url: str, fetch: Callable[[str], FetchResult], ttl: float = 3600) -> str:
    try:
        robots.require_allowed(target(url), fetch, ttl)
    except FetchError as error:
        return error.code
    return "allowed"


def test_our_own_group_decides() -> None:
    site = Site(200, RULES)
    results = [
        outcome(f"https://shop.test{path}", site)
        for path in ("/deals/1", "/deals/public/2", "/checkout", "/")
    ]
    # Our group replaces the * group: /checkout is allowed to us, /deals is not.
    assert results == ["robots", "allowed", "allowed", "allowed"]
    assert site.asked == ["https://shop.test/robots.txt"]  # once per origin


def test_the_longest_match_wins() -> None:
    site = Site(200, "User-agent: *\nDisallow: /deals\nAllow: /deals/public\n")
    assert outcome("https://shop.test/deals/public/1", site) == "allowed"
    assert outcome("https://shop.test/deals/2", site) == "robots"


# What real shop platforms publish: Shopify's and WooCommerce's wildcard rules.
PLATFORM_RULES = """User-agent: *
Disallow: /cart
Disallow: /checkouts/
Disallow: /*?*variant=
Disallow: /*?add-to-cart=*
Disallow: /*.pdf$
Allow: /pages/
"""


@pytest.mark.parametrize(
    ("path", "result"),
    [
        ("/products/lamp?variant=123", "robots"),  # * in the middle
        ("/shop/?add-to-cart=5", "robots"),
        ("/files/terms.pdf", "robots"),  # $ anchors the end
        ("/files/terms.pdf?download=1", "allowed"),
        ("/pages/contact", "allowed"),
        ("/products/lamp", "allowed"),
        ("/checkouts/abc", "robots"),
    ],
)
def test_wildcards_as_platforms_write_them(path: str, result: str) -> None:
    assert outcome("https://shop.test" + path, Site(200, PLATFORM_RULES)) == result


@pytest.mark.parametrize(
    ("status", "result"),
    [(404, "allowed"), (401, "allowed"), (410, "allowed"), (500, "robots"), (503, "robots")],
)
def test_what_a_status_means(status: int, result: str) -> None:
    # 4xx: there is no robots.txt. 5xx: the site cannot say, so not now.
    assert outcome("https://shop.test/deals/1", Site(status, "User-agent: *\nDisallow: /")) == (
        result
    )


def test_an_unavailable_robots_txt_names_the_status() -> None:
    with pytest.raises(FetchError) as raised:
        robots.require_allowed(target("https://shop.test/"), Site(503), 3600)
    assert "HTTP 503" in raised.value.message


@pytest.mark.parametrize(
    ("failure", "code"),
    [
        (FetchError("unreachable", "The site could not be reached."), "unreachable"),
        (FetchError("blocked_address", "It points inward."), "blocked_address"),
        (FetchError("too_large", "Too large."), "robots"),
        (FetchError("bad_url", "Bad."), "robots"),
    ],
)
def test_failures_to_read_robots_txt_refuse_and_are_cached(failure: FetchError, code: str) -> None:
    site = Site(failure)
    assert [outcome("https://shop.test/", site) for _ in range(2)] == [code, code]
    assert len(site.asked) == 1


def test_a_timeout_is_not_cached() -> None:
    # Perhaps our own deadline ran out: the site gets another chance next time.
    site = Site(FetchError("timeout", "The site took too long to answer."))
    assert [outcome("https://shop.test/", site) for _ in range(2)] == ["timeout", "timeout"]
    assert len(site.asked) == 2


def test_refusals_are_cached_for_a_shorter_while(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(robots, "ROBOTS_ERROR_TTL", 0.1)
    broken, fine = Site(503), Site(200, RULES)
    outcome("https://broken.test/", broken)
    outcome("https://fine.test/", fine)
    time.sleep(0.15)
    outcome("https://broken.test/", broken)
    outcome("https://fine.test/", fine)
    assert (len(broken.asked), len(fine.asked)) == (2, 1)


def test_the_ttl_applies_to_answers() -> None:
    site = Site(200, RULES)
    outcome("https://shop.test/", site, ttl=0)
    outcome("https://shop.test/", site, ttl=0)
    assert len(site.asked) == 2


def test_the_cache_is_per_origin() -> None:
    site = Site(200, RULES)
    for url in (
        "https://shop.test/a",
        "https://shop.test:443/b",
        "http://shop.test/c",
        "https://www.shop.test/d",
        "https://shop.test:8443/e",
    ):
        outcome(url, site)
    assert site.asked == [
        "https://shop.test/robots.txt",
        "http://shop.test/robots.txt",
        "https://www.shop.test/robots.txt",
        "https://shop.test:8443/robots.txt",
    ]


def test_each_refusal_is_a_fresh_error() -> None:
    site = Site(FetchError("unreachable", "The site could not be reached."))
    errors = []
    for _ in range(2):
        with pytest.raises(FetchError) as raised:
            robots.require_allowed(target("https://shop.test/"), site, 3600)
        errors.append(raised.value)
    assert errors[0] is not errors[1]  # a cached error must not carry an old traceback
    assert (errors[1].code, errors[1].message) == ("unreachable", "The site could not be reached.")


def test_reset_forgets_every_answer() -> None:
    site = Site(200, RULES)
    outcome("https://shop.test/", site)
    robots.reset_for_tests()
    outcome("https://shop.test/", site)
    assert len(site.asked) == 2
