"""Products: canonical URLs, snapshots fetched from store pages, manual corrections."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal

import sqlalchemy as sa
from flask import current_app
from flask_babel import lazy_gettext as _l

from discountmarket import jobs
from discountmarket.extensions import db
from discountmarket.models import DiscountRequest, FetchStatus, Product, RequestStatus
from discountmarket.outreach import page_kind
from discountmarket.outreach.http import (
    FetchError,
    FetchResult,
    check_url_syntax,
    client_from_config,
)
from discountmarket.outreach.product_identity import ProductIdentity
from discountmarket.outreach.products import ProductSnapshot, extract_product, read_product
from discountmarket.services import site_turns, stores
from discountmarket.services.persistence import get_or_create
from discountmarket.services.site_turns import SiteBusy
from discountmarket.services.stores import store_for_url
from discountmarket.weburl import canonical_url

# Plain-language reasons for a failed fetch, shown to the shopper.
FETCH_ERROR_MESSAGES = {
    "blocked_address": _l("This address points to a private network; we cannot open it."),
    "bad_url": _l("This does not look like a web address of a product page."),
    "timeout": _l("The store's site took too long to answer."),
    "too_large": _l("The product page is too large for us to read."),
    "http_error": _l("The store's site answered with an error (the page may be gone)."),
    "unreachable": _l("We could not reach the store's site."),
    "too_many_redirects": _l("The store's site sent us around in circles."),
    "robots": _l("The store's site asks robots not to read this page."),
    "not_html": _l("This link is not a web page (perhaps an image or a download)."),
    "no_product": _l("We could not find a product name or price on this page."),
    "no_price": _l("We found the product but not its price on this page."),
}
# What a page that is not one product's page is, and what to do instead.
NOT_A_PRODUCT = {
    page_kind.CONTACT: _l("This is the shop's contact page, not a product's page."),
    page_kind.CATEGORY: _l("This page lists several products, not one."),
    page_kind.SEARCH: _l("This is a page of search results, not a product's page."),
    page_kind.CART: _l("This is a cart or checkout page, not a product's page."),
    page_kind.ACCOUNT: _l("This is a sign-in or account page, not a product's page."),
    page_kind.HOME: _l("This is the shop's home page, not a product's page."),
    page_kind.INFO: _l("This is one of the shop's information pages, not a product's page."),
}
PREVIEW_DEADLINE = 6.0  # seconds: the shopper waits for the form's hint
# A slow or failing read is no reason to refuse: the worker tries again after posting.
_WORTH_POSTING = frozenset({"timeout", "unreachable", "http_error", "too_large"})
OPEN_THE_PRODUCT = _l("Open the product itself in the shop and paste the address of its page.")


def product_for_url(url: str) -> Product:
    """The product at this URL, created (pending a fetch) when new. Does not commit."""
    canonical = canonical_url(url)
    store = store_for_url(canonical)
    db.session.flush()
    return get_or_create(
        Product, {"url": canonical}, store_id=store.id, fetch_status=FetchStatus.PENDING
    )


def needs_fetch(product: Product) -> bool:
    return product.fetch_status in (FetchStatus.PENDING, FetchStatus.FAILED)


@dataclass(frozen=True)
class FetchedProduct:
    result: FetchResult
    snapshot: ProductSnapshot
    identity: ProductIdentity


def fetch(url: str) -> FetchedProduct:
    """Fetch and read a product page through the guarded client.

    Raises FetchError; code ``no_product`` when the page holds neither a title nor a price.
    """
    with client_from_config(current_app.config) as client:
        result = client.get(url)
    snapshot, identity = read_product(result.content, result.url, encoding=result.encoding)
    if snapshot.page_kind:
        raise FetchError("not_product", snapshot.page_kind)
    if not snapshot.found:
        raise FetchError("no_product", "no product name or price found on the page")
    return FetchedProduct(result, snapshot, identity)


def keep_snapshot(product: Product, fetched: FetchedProduct) -> None:
    """What a fetched page said, on the product (the caller commits)."""
    snapshot, identity = fetched.snapshot, fetched.identity
    product.title = snapshot.title
    product.price = snapshot.price
    product.currency = snapshot.currency
    product.image_url = snapshot.image
    product.gtin = identity.gtin
    product.mpn = identity.mpn
    product.brand = identity.brand
    product.model = identity.model
    product.sku = identity.sku
    product.category = " > ".join(snapshot.categories)[:300] or None
    stores.learn_categories(product.store, snapshot.categories)
    # No price, no request: the shopper types it (and the name is kept for the form).
    product.fetch_status = FetchStatus.FETCHED if snapshot.price else FetchStatus.FAILED
    product.fetch_error = None if snapshot.price else "no_price"
    product.fetched_at = datetime.now(UTC)


def url_refusal(url: str) -> str | None:
    """Why this address cannot be a product's page, by its look alone (the shop
    platforms' paths for contact, cart, search, category and home pages); None if it may be."""
    kind = page_kind.kind_of_url(url)
    return f"{NOT_A_PRODUCT[kind]} {OPEN_THE_PRODUCT}" if kind else None


def is_known(product: Product) -> bool:
    """Whether we know what the product is and costs: read from its page, or typed by the
    shopper when the page could not be read. Only then does a request go to stores."""
    return (
        product.fetch_status in (FetchStatus.FETCHED, FetchStatus.MANUAL)
        and product.price is not None
    )


def refresh_snapshot(product_id: int) -> Product | None:
    """Fetch the product page and store what it says (the background task's work);
    ``SiteBusy`` while another worker has the site's turn."""
    product = db.session.get(Product, product_id)
    if product is None or product.fetch_status == FetchStatus.MANUAL:
        return product
    site, url = product.store.domain, product.url
    turn = site_turns.take(site, datetime.now(UTC))
    jobs.commit()  # the turn is visible to other workers, and no transaction stays open
    if turn is None:
        raise SiteBusy(site)
    try:
        fetched = fetch(url)
    except FetchError as error:
        product.fetch_status = FetchStatus.FAILED
        # A page that is no product's page keeps what kind of page it is, for the shopper.
        product.fetch_error = (
            f"not_product:{error.message}" if error.code == "not_product" else error.code
        )
    else:
        keep_snapshot(product, fetched)
    product.fetched_at = datetime.now(UTC)
    site_turns.give_back(site, turn)
    jobs.commit()
    return product


def set_manually(product: Product, title: str, price: Decimal | None, currency: str | None) -> None:
    """The shopper's own title and price after a failed fetch."""
    product.title = title
    product.price = price
    product.currency = currency
    product.fetch_status = FetchStatus.MANUAL
    product.fetch_error = None
    waiting = db.session.scalars(
        sa.select(DiscountRequest.id).where(
            DiscountRequest.product_id == product.id,
            DiscountRequest.status == RequestStatus.OPEN,
        )
    )
    for request_id in waiting:  # their messages waited for these details
        jobs.later("deliver_request", request_id)
    jobs.commit()


def fetch_error_message(code: str | None) -> str:
    reason, _, kind = (code or "").partition(":")
    if reason == "not_product" and kind in NOT_A_PRODUCT:
        return f"{NOT_A_PRODUCT[kind]} {OPEN_THE_PRODUCT}"
    return str(FETCH_ERROR_MESSAGES.get(reason, _l("We could not read the product page.")))


def is_not_a_product(product: Product) -> bool:
    return (product.fetch_error or "").startswith("not_product")


@dataclass(frozen=True)
class Preview:
    """What the request form shows before posting: the product and its currency, or why
    this address cannot be asked about. Nothing is stored."""

    title: str | None = None
    price: Decimal | None = None
    currency: str | None = None
    refusal: str | None = None


def preview(url: str) -> Preview:
    """Read a pasted product address for the request form (network, nothing written): a
    product we know is answered from the database; another is read from its page, within a
    short deadline (the shopper is waiting)."""
    try:
        url = check_url_syntax(url, current_app.config["OUTREACH_ALLOW_HOSTS"])
        canonical = canonical_url(url)
    except (FetchError, ValueError) as error:
        code = error.code if isinstance(error, FetchError) else "bad_url"
        return Preview(refusal=fetch_error_message(code))
    if refusal := url_refusal(canonical):
        return Preview(refusal=refusal)
    known = db.session.scalar(sa.select(Product).where(Product.url == canonical))
    if known is not None and is_not_a_product(known):
        return Preview(refusal=fetch_error_message(known.fetch_error))
    if known is not None and is_known(known):
        return Preview(known.title, known.price, known.currency)
    db.session.rollback()  # no transaction stays open while the page answers
    try:
        with client_from_config(current_app.config) as client:
            client.deadline = min(client.deadline, PREVIEW_DEADLINE)
            result = client.get(canonical)
    except FetchError as error:
        return Preview(
            refusal=None if error.code in _WORTH_POSTING else fetch_error_message(error.code)
        )
    snapshot = extract_product(result.content, result.url, encoding=result.encoding)
    if snapshot.page_kind:
        return Preview(refusal=fetch_error_message(f"not_product:{snapshot.page_kind}"))
    return Preview(snapshot.title, snapshot.price, snapshot.currency)
