"""Competitors' own listings of a product: looked for in their shops and kept, one
``ProductMatch`` per product and store, with the store's listing as a product of its own
(its title, price and identity as read from its page).

A listing we already know (same GTIN, or same brand and part number, at that store) is used
without searching; otherwise the shop is searched (``outreach/listing_finder.py``), its
search answers cached per store and search URL for a day. Network work happens with no
transaction open; what it found is written in one unit of work.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import sqlalchemy as sa
from flask import current_app

from discountmarket import jobs
from discountmarket.extensions import db
from discountmarket.models import (
    DiscountRequest,
    Dispatch,
    DispatchStatus,
    FetchStatus,
    MatchStatus,
    Product,
    ProductMatch,
    RequestStatus,
    Store,
    StoreSearch,
)
from discountmarket.outreach.http import client_from_config
from discountmarket.outreach.listing_finder import FindReport, Found, ListingFinder
from discountmarket.outreach.product_codes import normal_part_number
from discountmarket.outreach.product_identity import ProductIdentity
from discountmarket.outreach.search_results import Candidate
from discountmarket.services import catalog, competitor_matching, site_turns
from discountmarket.services.persistence import get_or_create
from discountmarket.services.site_turns import SiteBusy
from discountmarket.services.stores import store_for_url
from discountmarket.weburl import canonical_url

__all__ = [
    "MatchOutcome",
    "find_in_store",
    "identity_of",
    "match_competitors",
    "match_url_in_store",
    "report",
]

SEARCH_CACHE_TTL = timedelta(days=1)


@dataclass(frozen=True)
class MatchOutcome:
    product: Product
    store: Store
    match: ProductMatch
    report: FindReport


def identity_of(product: Product) -> ProductIdentity:
    return ProductIdentity(
        gtin=product.gtin,
        mpn=product.mpn,
        sku=product.sku,
        brand=product.brand,
        model=product.model,
    )


def match_url_in_store(url: str, store_address: str) -> MatchOutcome:
    """Read the product at ``url`` (``FetchError`` when it cannot be) and look for it in the
    shop at ``store_address`` (a domain or a URL). Commits."""
    fetched = catalog.fetch(url)
    product = catalog.product_for_url(fetched.result.url)
    catalog.keep_snapshot(product, fetched)
    home = store_address if "://" in store_address else f"https://{store_address}/"
    store = store_for_url(home)
    jobs.commit()
    return find_in_store(product, store)


def find_in_store(
    product: Product, store: Store, *, max_searches: int | None = None
) -> MatchOutcome:
    """The store's own listing of ``product``: known, or searched for now (at most
    ``max_searches`` searches; the store's site turn is taken, ``SiteBusy`` while another
    worker has it). Commits."""
    known = _known_listing(product, store)
    if known is not None:
        by = "gtin" if product.gtin and known.gtin == product.gtin else "mpn"
        match = _record(product, store, MatchStatus.MATCHED, known, by, Decimal("0.99"), [])
        jobs.commit()
        return MatchOutcome(product, store, match, FindReport())
    if not product.title:
        match = _record(product, store, MatchStatus.UNKNOWN, None, None, None, [])
        jobs.commit()
        return MatchOutcome(product, store, match, FindReport())
    title, identity, home, site = product.title, identity_of(product), store.homepage, store.domain
    cache = _SearchCache(store.id)
    config = current_app.config
    turn = site_turns.take(site, datetime.now(UTC))
    jobs.commit()  # the turn is visible to other workers, and no transaction stays open
    if turn is None:
        raise SiteBusy(site)
    try:
        with client_from_config(config) as client:
            finder = ListingFinder(
                client,
                max_searches=max_searches or config["PRODUCT_SEARCHES_PER_STORE"],
                cache=cache,
            )
            report = finder.find(title, identity, home)
    finally:
        site_turns.give_back(site, turn)
    cache.save()
    match = _record_report(product, store, report)
    jobs.commit()
    return MatchOutcome(product, store, match, report)


def match_competitors(request_id: int) -> list[int]:
    """The worker's part: decide every competitor dispatch of the request still waiting for
    its match (``competitor_matching`` says how), searching where no fresh decision exists,
    within the request's search allowance. Returns the ids released for delivery. Commits
    after each store; ``SiteBusy`` when a competitor's site is another worker's now (the
    rest waits for the retry)."""
    request = db.session.get(DiscountRequest, request_id)
    if request is None:
        return []
    released: list[int] = []
    budget = current_app.config["PRODUCT_SEARCHES_PER_REQUEST"]
    for dispatch_id in competitor_matching.waiting_dispatch_ids(request_id):
        dispatch = db.session.get(Dispatch, dispatch_id)
        if dispatch is None or dispatch.status != DispatchStatus.MATCHING:
            continue
        if request.status != RequestStatus.OPEN:
            competitor_matching.skip(dispatch, "request_closed")
            jobs.commit()
            continue
        match = competitor_matching.fresh_match(request, dispatch)
        if match is None and budget > 0:
            per_store = current_app.config["PRODUCT_SEARCHES_PER_STORE"]
            outcome = find_in_store(
                request.product, dispatch.store, max_searches=min(budget, per_store)
            )
            budget -= outcome.report.searches
            match = outcome.match
            dispatch = db.session.get(Dispatch, dispatch_id)  # after the search's commits
            if dispatch is None or dispatch.status != DispatchStatus.MATCHING:
                continue
        if competitor_matching.release(request, dispatch, match):
            released.append(dispatch.id)
        jobs.commit()
    return released


def report(outcome: MatchOutcome) -> dict[str, object]:
    """The outcome as ``products match --json`` prints it: the match only when it is
    usable (an unsure one waits for an operator)."""
    product, match = outcome.product, outcome.match
    listing = match.listing if match.usable else None
    found = None
    if listing is not None:
        found = {
            "url": listing.url,
            "title": listing.title,
            "price": f"{listing.price:.2f}" if listing.price is not None else None,
            "currency": listing.currency,
            "confidence": float(match.confidence or 0),
            "by": match.by,
        }
    return {
        "product": {
            "url": product.url,
            "title": product.title,
            "brand": product.brand,
            "gtin": product.gtin,
            "mpn": product.mpn,
        },
        "store": outcome.store.domain,
        "match": found,
        "searched": json.loads(match.searched or "[]"),
        "errors": outcome.report.errors,
    }


def _known_listing(product: Product, store: Store) -> Product | None:
    """A page of this store we have read with the same GTIN, or the same brand and part
    number."""
    query = sa.select(Product).where(
        Product.store_id == store.id,
        Product.id != product.id,
        Product.fetch_status == FetchStatus.FETCHED,
    )
    if product.gtin:
        found = db.session.scalar(query.where(Product.gtin == product.gtin).limit(1))
        if found is not None:
            return found
    part = normal_part_number(product.mpn)
    if part and product.brand:
        for candidate in db.session.scalars(
            query.where(
                Product.mpn.is_not(None), sa.func.lower(Product.brand) == product.brand.lower()
            ).limit(50)
        ):
            if normal_part_number(candidate.mpn) == part:
                return candidate
    return None


def _record_report(product: Product, store: Store, report: FindReport) -> ProductMatch:
    found = report.match or report.unsure
    if found is None:
        status = MatchStatus.ABSENT if report.absent else MatchStatus.UNKNOWN
        return _record(product, store, status, None, None, None, report.searched)
    listing = _listing(store, found)
    status = MatchStatus.MATCHED if found is report.match else MatchStatus.UNSURE
    decision = found.decision
    match = _record(
        product,
        store,
        status,
        listing,
        decision.by,
        Decimal(str(decision.confidence)),
        report.searched,
    )
    match.reason = decision.reason[:200]
    return match


def _listing(store: Store, found: Found) -> Product:
    """The store's page as a product of its own."""
    listing = get_or_create(Product, {"url": canonical_url(found.url)}, store_id=store.id)
    listing.title = found.title
    listing.price = found.price
    listing.currency = found.currency
    identity = found.identity
    listing.gtin, listing.mpn, listing.brand = identity.gtin, identity.mpn, identity.brand
    listing.model, listing.sku = identity.model, identity.sku
    listing.fetch_status = FetchStatus.FETCHED if found.price else FetchStatus.FAILED
    listing.fetched_at = datetime.now(UTC)
    return listing


def _record(
    product: Product,
    store: Store,
    status: MatchStatus,
    listing: Product | None,
    by: str | None,
    confidence: Decimal | None,
    searched: list[str],
) -> ProductMatch:
    match = get_or_create(
        ProductMatch,
        {"product_id": product.id, "store_id": store.id},
        status=status,
        decided_at=datetime.now(UTC),
    )
    if match.status in (MatchStatus.CONFIRMED, MatchStatus.REJECTED):
        return match  # an operator's word stands over a new search
    match.status, match.listing, match.by, match.confidence = status, listing, by, confidence
    match.reason = None
    match.searched = json.dumps(searched[:20])
    match.decided_at = datetime.now(UTC)
    return match


class _SearchCache:
    """Search answers of one store by URL, fresh for a day; new ones are written by
    ``save`` (after the network work, in the caller's unit of work)."""

    def __init__(self, store_id: int) -> None:
        self.store_id = store_id
        since = datetime.now(UTC) - SEARCH_CACHE_TTL
        rows = db.session.scalars(
            sa.select(StoreSearch).where(
                StoreSearch.store_id == store_id, StoreSearch.searched_at >= since
            )
        )
        self.fresh = {row.key: _candidates(row.results) for row in rows}
        self.new: dict[str, tuple[str, list[Candidate]]] = {}

    def __call__(self, url: str, search: Callable[[], list[Candidate]]) -> list[Candidate]:
        key = _key(url)
        if key in self.fresh:
            return self.fresh[key]
        found = search()
        self.fresh[key] = found
        self.new[key] = (url, found)
        return found

    def save(self) -> None:
        now = datetime.now(UTC)
        for key, (url, found) in self.new.items():
            results = json.dumps([_plain(candidate) for candidate in found])
            row = get_or_create(
                StoreSearch,
                {"key": key},
                store_id=self.store_id,
                url=url[:2048],
                results=results,
                searched_at=now,
            )
            row.results, row.searched_at = results, now


def _key(url: str) -> str:
    return hashlib.sha256(url.encode()).hexdigest()


def _plain(candidate: Candidate) -> dict[str, str | None]:
    values = asdict(candidate)
    values["price"] = str(candidate.price) if candidate.price is not None else None
    return values


def _candidates(text: str) -> list[Candidate]:
    rows = json.loads(text)
    return [
        Candidate(
            row["url"],
            row["title"],
            Decimal(row["price"]) if row.get("price") else None,
            row.get("currency"),
        )
        for row in rows
    ]
