"""Finding one product on another shop's site: search the shop the best way it offers
(``store_search.py``), by GTIN first, then the maker's part number, then brand and model;
read the result list (``search_results.py``); open the two or three most likely candidates
and decide on each (``product_matching.py``). A shop whose search cannot be used (robots.txt
forbids it, or there is none) is looked through its sitemaps (``sitemap_search.py``).

Every request goes through the guarded client it is given (SSRF guard, robots.txt, the
per-site interval). A search answer may come from the caller's cache; each search that
goes out counts against ``max_searches``. No database here.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from urllib.parse import quote, urljoin

from rapidfuzz import fuzz

from discountmarket.outreach import sitemap_search
from discountmarket.outreach.errors import FetchError
from discountmarket.outreach.http import HTML_TYPES, GuardedClient
from discountmarket.outreach.markup import Page
from discountmarket.outreach.product_identity import ProductIdentity
from discountmarket.outreach.product_matching import Decision, Listing, decide
from discountmarket.outreach.product_titles import name_query
from discountmarket.outreach.products import read_product
from discountmarket.outreach.search_results import Candidate, read_results
from discountmarket.outreach.store_search import (
    OPENSEARCH_TYPE,
    SearchEndpoint,
    fill,
    opensearch_link,
    opensearch_template,
    search_endpoints,
)

__all__ = ["FindReport", "Found", "ListingFinder", "search_queries"]

log = logging.getLogger(__name__)

_JSON_TYPES = ("application/json", "text/json", "text/javascript")
_XML_TYPES = (OPENSEARCH_TYPE, "application/xml", "text/xml")
_MAX_QUERY_WORDS = 6
_SHORT_QUERY_WORDS = 3

SearchCache = Callable[[str, Callable[[], list[Candidate]]], list[Candidate]]


@dataclass(frozen=True)
class Found:
    """A candidate page opened and decided on."""

    url: str
    title: str | None
    price: Decimal | None
    currency: str | None
    identity: ProductIdentity
    decision: Decision


@dataclass
class FindReport:
    match: Found | None = None  # sure enough to use
    unsure: Found | None = None  # for operators to confirm
    searched: list[str] = field(default_factory=list)
    errors: list[dict[str, str]] = field(default_factory=list)
    answered: int = 0  # searches the shop answered (with or without results)
    searches: int = 0  # searches that went out (not answered from the cache)

    @property
    def absent(self) -> bool:
        """The shop was searched and holds nothing like the product."""
        return self.match is None and self.unsure is None and self.answered > 0


def search_queries(title: str, identity: ProductIdentity) -> list[tuple[str, bool]]:
    """GTIN (as the shop would print it), part number, then brand and model; each with
    whether it searches by a code."""
    queries = []
    if identity.gtin:
        gtin = identity.gtin
        queries.append(gtin[2:] if gtin.startswith("00") else gtin[1:] if gtin[0] == "0" else gtin)
    if identity.mpn:
        queries.append(identity.mpn)
    codes = len(queries)
    named = name_query(title, identity.brand)
    if named and named not in queries:
        queries.append(named)
    return [(query, index < codes) for index, query in enumerate(queries)]


class ListingFinder:
    def __init__(
        self,
        client: GuardedClient,
        *,
        max_searches: int,
        max_opens: int = 3,
        cache: SearchCache | None = None,
    ) -> None:
        self.client = client
        self.searches_left = max_searches
        self.max_opens = max_opens
        self.cache: SearchCache = cache or (lambda _url, search: search())
        self.sent = 0

    def find(self, title: str, identity: ProductIdentity, home_url: str) -> FindReport:
        """Look for the product (its title and identity) in the shop at ``home_url``."""
        report = FindReport()
        try:
            return self._find(title, identity, home_url, report)
        finally:
            report.searches = self.sent

    def _find(
        self, title: str, identity: ProductIdentity, home_url: str, report: FindReport
    ) -> FindReport:
        wanted = Listing(title, identity)
        endpoints = self._endpoints(home_url, report)
        opened: set[str] = set()
        for query, by_code in search_queries(title, identity):
            candidates = self._search(endpoints, query, report)
            if not candidates and not by_code and (short := _shorter(query)):
                # Shops' searches want every word: the shop may not write our descriptive
                # ones ("Aluminium Travel"), so the brand and line alone are asked next.
                candidates = self._search(endpoints, short, report)
            # A shop's answer to a code is evidence of its own: open the pages and read
            # their codes, whatever their titles say; a name search is sifted by title.
            if self._decide_on(wanted, candidates, opened, report, sift=not by_code):
                return report
            if len(opened) >= self.max_opens:
                break
        if report.answered == 0 and len(opened) < self.max_opens:
            candidates = self._from_sitemaps(wanted, identity.brand, home_url, report)
            self._decide_on(wanted, candidates, opened, report, sift=True)
        return report

    def _decide_on(
        self,
        wanted: Listing,
        candidates: list[Candidate],
        opened: set[str],
        report: FindReport,
        *,
        sift: bool,
    ) -> bool:
        """Open the likeliest candidates; True once one is the product (``report.match``),
        the surest unsure one kept for operators."""
        for candidate in self._likely(wanted, candidates, opened, sift=sift):
            opened.add(candidate.url)
            found = self._open(wanted, candidate, report)
            if found is None:
                continue
            if found.decision.same:
                report.match = found
                return True
            best = report.unsure.decision.confidence if report.unsure else 0
            if found.decision.unsure and found.decision.confidence > best:
                report.unsure = found
        return False

    def _from_sitemaps(
        self, wanted: Listing, brand: str | None, home_url: str, report: FindReport
    ) -> list[Candidate]:
        """The shop's pages most like the product, from its sitemaps; reading them counts
        as one search (cached like one, by the shop and the product's title, unless none
        could be read). Never evidence that the shop does not sell it: the list may be
        partial, and its pages are named by their addresses."""
        if self.searches_left <= 0:
            report.errors.append({"url": home_url, "code": "budget", "message": "search limit"})
            return []
        key = urljoin(home_url, "/sitemap.xml") + "#" + quote(wanted.title)

        def read() -> list[Candidate]:
            self.searches_left -= 1
            self.sent += 1
            pages = sitemap_search.shop_pages(self.client, home_url)
            report.errors += pages.errors
            report.searched += pages.fetched
            return sitemap_search.ranked(wanted.title, brand, pages.pages)

        try:
            return self.cache(key, read)
        except FetchError as error:
            report.errors.append(_error(urljoin(home_url, "/sitemap.xml"), error))
            return []

    def _endpoints(self, home_url: str, report: FindReport) -> list[SearchEndpoint]:
        try:
            home = self.client.get(home_url)
        except FetchError as error:
            report.errors.append(_error(home_url, error))
            return []
        page = Page.load(home.content, home.url, home.encoding)
        if page is None:
            return []
        template = None
        if link := opensearch_link(page):
            try:
                description = self.client.get(link, accept=_XML_TYPES)
                template = opensearch_template(description.text, description.url)
            except FetchError as error:
                report.errors.append(_error(link, error))
        return search_endpoints(page, home.text, opensearch=template)

    def _search(
        self, endpoints: list[SearchEndpoint], query: str, report: FindReport
    ) -> list[Candidate]:
        """The first answer of the best endpoint that answers; endpoints that fail are
        not asked again."""
        for endpoint in list(endpoints):
            url = fill(endpoint, query)
            if self.searches_left <= 0:
                report.errors.append({"url": url, "code": "budget", "message": "search limit"})
                return []
            try:
                candidates = self.cache(url, lambda e=endpoint, u=url: self._fetch_results(e, u))
            except FetchError as error:
                report.errors.append(_error(url, error))
                endpoints.remove(endpoint)
                continue
            report.searched.append(url)
            report.answered += 1
            return candidates
        return []

    def _fetch_results(self, endpoint: SearchEndpoint, url: str) -> list[Candidate]:
        self.searches_left -= 1
        self.sent += 1
        accept = HTML_TYPES if endpoint.reads == "html" else _JSON_TYPES
        try:
            result = self.client.get(url, accept=accept)  # HTML: or FetchError "not_html"
        except FetchError as error:
            if error.code == "robots":  # refused before it left: no search was made
                self.searches_left += 1
                self.sent -= 1
            raise
        return read_results(endpoint.reads, result.text, result.url)

    def _likely(
        self, wanted: Listing, candidates: list[Candidate], opened: set[str], *, sift: bool
    ) -> list[Candidate]:
        """The candidates worth opening: not opened yet, most alike first, those a title
        alone rules out last (or, when ``sift`` and there are more than can be opened, not
        at all), as many as the opening allowance leaves."""
        room = self.max_opens - len(opened)
        # Few enough to open them all: open them, and let their pages (codes) speak.
        sift = sift and len([c for c in candidates if c.url not in opened]) > room
        scored = []
        for candidate in candidates:
            if candidate.url in opened:
                continue
            verdict = decide(wanted, Listing(candidate.title, ProductIdentity()))
            ruled_out = verdict.confidence == 0 and verdict.by == "title"
            if sift and ruled_out:
                continue  # an accessory, another model or size, by its title
            similarity = fuzz.token_set_ratio(wanted.title.casefold(), candidate.title.casefold())
            scored.append((ruled_out, -similarity, candidate))
        scored.sort(key=lambda row: row[:2])
        return [row[2] for row in scored[: max(room, 0)]]

    def _open(self, wanted: Listing, candidate: Candidate, report: FindReport) -> Found | None:
        try:
            result = self.client.get(candidate.url)
        except FetchError as error:
            report.errors.append(_error(candidate.url, error))
            return None
        snapshot, identity = read_product(result.content, result.url, encoding=result.encoding)
        if snapshot.page_kind or not snapshot.title:
            return None
        decision = decide(wanted, Listing(snapshot.title, identity))
        return Found(
            result.url, snapshot.title, snapshot.price, snapshot.currency, identity, decision
        )


def _shorter(query: str) -> str | None:
    """A name query's first words (brand and line), when it has more."""
    words = query.split()
    return " ".join(words[:_SHORT_QUERY_WORDS]) if len(words) > _SHORT_QUERY_WORDS else None


def _error(url: str, error: FetchError) -> dict[str, str]:
    return {"url": url, "code": error.code, "message": error.message}
