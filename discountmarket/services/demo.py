"""Demo data for a newcomer: accounts, categories, a dozen stores, requests with offers,
and the sample shops of the offline demo.

The populated board's stores use the reserved ``.example`` top-level domain, so nothing
here can ever reach a real shop. The sample shops (``discountmarket.demo_sites``) are
served on 127.0.0.1 by ``flask demo-sites``; a request for one of their products really
travels: fetched, delivered by e-mail (the outbox) and by their contact forms.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import sqlalchemy as sa

from discountmarket import jobs
from discountmarket.demo_sites import Shop
from discountmarket.demo_sites.catalogue import CATEGORIES as SAMPLE_CATEGORIES
from discountmarket.extensions import db
from discountmarket.models import (
    AttemptOutcome,
    Category,
    Channel,
    ContactKind,
    DiscountRequest,
    Dispatch,
    DispatchAttempt,
    DispatchStatus,
    FetchStatus,
    Offer,
    OfferKind,
    OfferStatus,
    Product,
    RequestStatus,
    Role,
    Store,
    StoreContact,
    StoreMembership,
    StoreStatus,
    User,
)
from discountmarket.models.requests import new_public_slug
from discountmarket.services import accounts, board_counters, escalation, reputation, stores
from discountmarket.services.persistence import get_or_create
from discountmarket.weburl import registrable_domain

DEMO_ACCOUNTS = (
    ("shopper@demo.example", "demo-shopper-2026", Role.SHOPPER, "Dana Shopper"),
    ("manager@demo.example", "demo-manager-2026", Role.STORE_MANAGER, "Max Manager"),
    ("operator@demo.example", "demo-operator-2026", Role.OPERATOR, "Olga Operator"),
)

CATEGORIES = {
    "electronics": "Electronics",
    "home": "Home & Kitchen",
    "sports": "Sports & Outdoors",
    "books": "Books",
}

# name, domain, category, locale
STORES = (
    ("Volt Electronics", "volt-electronics.example", "electronics", "en"),
    ("PixelPoint", "pixelpoint.example", "electronics", "en"),
    ("Gadget Harbor", "gadgetharbor.example", "electronics", "en"),
    ("Элемент", "element-shop.example", "electronics", "ru"),
    ("Kitchen Corner", "kitchencorner.example", "home", "en"),
    ("Casa Bella", "casabella.example", "home", "en"),
    ("Уютный дом", "uyutny-dom.example", "home", "ru"),
    ("Summit Gear", "summitgear.example", "sports", "en"),
    ("Trail & Track", "trailandtrack.example", "sports", "en"),
    ("Velo Shop", "veloshop.example", "sports", "en"),
    ("Paper Lantern Books", "paperlantern.example", "books", "en"),
    ("Book Nook", "booknook.example", "books", "en"),
)

# store domain, path, title, price, currency, target price, offers: (domain, price or %)
REQUESTS = (
    (
        "volt-electronics.example",
        "/p/noise-cancelling-headphones-x200",
        "Noise-cancelling headphones X200",
        "299.00",
        "EUR",
        "249.00",
        (
            ("volt-electronics.example", "269.00"),
            ("pixelpoint.example", "259.00"),
            ("gadgetharbor.example", "12%"),
        ),
    ),
    (
        "kitchencorner.example",
        "/products/espresso-machine-barista-pro",
        "Espresso machine Barista Pro",
        "649.00",
        "EUR",
        "560.00",
        (("casabella.example", "599.00"), ("kitchencorner.example", "8%")),
    ),
    (
        "summitgear.example",
        "/item/3-season-tent-ridge-2",
        "3-season tent Ridge 2",
        "420.00",
        "EUR",
        None,
        (("trailandtrack.example", "389.00"),),
    ),
    (
        "paperlantern.example",
        "/books/the-art-of-slow-travel",
        "The Art of Slow Travel (hardcover)",
        "34.90",
        "EUR",
        "29.00",
        (),
    ),
    (
        "element-shop.example",
        "/catalog/smartphone-nova-12",
        "Смартфон Nova 12, 256 ГБ",
        "79990.00",
        "RUB",
        "72000.00",
        (("element-shop.example", "74990.00"), ("gadgetharbor.example", "5%")),
    ),
)


# How long the demo's accounts and shops have been known: the per-shopper limits treat
# them as established, as they would be in a marketplace that has run for a while.
HISTORY = timedelta(days=60)


def seed() -> bool:
    """Load the demo once; returns False when it is already there."""
    if db.session.scalar(sa.select(User).where(User.email == DEMO_ACCOUNTS[0][0])):
        return False
    now = datetime.now(UTC)
    users = {
        role: accounts.new_user(email, password, role, display_name=name)
        for email, password, role, name in DEMO_ACCOUNTS
    }
    for user in users.values():
        user.created_at = now - HISTORY  # a marketplace with a past: no brand-new accounts
    categories = {slug: Category(slug=slug, name=name) for slug, name in CATEGORIES.items()}
    db.session.add_all(categories.values())
    by_domain: dict[str, Store] = {}
    for name, domain, category, locale in STORES:
        store = Store(
            name=name,
            domain=domain,
            homepage=f"https://www.{domain}/",
            locale=locale,
            status=StoreStatus.ACTIVE,
            contact_page=f"https://www.{domain}/contact",
            categories=[categories[category]],
            created_at=now - HISTORY,
        )
        store.contacts.append(StoreContact(kind=ContactKind.EMAIL, value=f"sales@{domain}"))
        db.session.add(store)
        by_domain[domain] = store
    for category in CATEGORIES:
        group = [by_domain[d] for _, d, c, _ in STORES if c == category]
        for store in group:
            stores.link_competitors(store, *group)
    db.session.add(
        StoreMembership(user=users[Role.STORE_MANAGER], store=by_domain["volt-electronics.example"])
    )

    for age, (domain, path, title, price, currency, target, offers) in enumerate(REQUESTS):
        store = by_domain[domain]
        # One clock per request, in the order things happen: the product is read, the
        # request posted, each store's message queued then sent, the stores answer; all
        # before now.
        posted = now - timedelta(hours=5 * age + 1)
        product = Product(
            url=f"https://www.{domain}{path}",
            store=store,
            title=title,
            price=Decimal(price),
            currency=currency,
            fetch_status=FetchStatus.FETCHED,
            fetched_at=posted - timedelta(minutes=1),
            created_at=posted - timedelta(minutes=1),
        )
        request = DiscountRequest(
            public_slug=new_public_slug(),
            shopper=users[Role.SHOPPER],
            product=product,
            target_price=Decimal(target) if target else None,
            quantity=1,
            note="Ready to buy this week if the price is right.",
            status=RequestStatus.OPEN,
            created_at=posted,
            expires_at=now + timedelta(days=7 - age),
            public_at=posted + timedelta(minutes=2),
        )
        db.session.add(request)
        queued = posted + timedelta(minutes=1)
        sent = posted + timedelta(minutes=2)
        targets = [store, *store.competitors]
        for target_store in targets:
            answered = any(d == target_store.domain for d, _ in offers)
            dispatch = Dispatch(
                request=request,
                store=target_store,
                channel=Channel.EMAIL,
                status=DispatchStatus.ANSWERED if answered else DispatchStatus.SENT,
                attempts=1,
                created_at=queued,
                next_attempt_at=queued,
                sent_at=sent,
            )
            dispatch.attempts_log.append(
                DispatchAttempt(
                    channel=Channel.EMAIL,
                    outcome=AttemptOutcome.SENT,
                    detail=f"e-mailed sales@{target_store.domain}",
                    started_at=sent - timedelta(seconds=2),
                    finished_at=sent,
                )
            )
            db.session.add(dispatch)
        for position, (offer_domain, amount) in enumerate(offers, start=1):
            is_percent = amount.endswith("%")
            answered_at = sent + timedelta(minutes=15 * position)  # within the first hour
            db.session.add(
                Offer(
                    request=request,
                    store=by_domain[offer_domain],
                    kind=OfferKind.OFFER,
                    price=None if is_percent else Decimal(amount),
                    currency=currency,
                    percent=Decimal(amount.rstrip("%")) if is_percent else None,
                    coupon_code=f"DM-{request.public_slug[:6].upper()}" if is_percent else None,
                    terms="Free delivery; usual warranty applies.",
                    valid_until=request.expires_at,
                    status=OfferStatus.ACTIVE,
                    created_at=answered_at,
                    updated_at=answered_at,
                )
            )
        db.session.flush()
        board_counters.refresh([request.id])
    # Written around the services, so their reputations are counted from this history.
    db.session.flush()
    reputation.recount({store.id for store in by_domain.values()})
    # One silent store in the operators' queue, so the console has work to show.
    escalation.open_escalation(by_domain["paperlantern.example"], escalation.REASON_SILENT, now)
    jobs.commit()
    return True


def logins_text() -> str:
    lines = ["Demo logins (development only):"]
    for email, password, role, _ in DEMO_ACCOUNTS:
        lines.append(f"  {role.value:<14} {email:<24} password: {password}")
    return "\n".join(lines)


# The sample shops answer at any hour: the demo must not wait for business hours.
ALWAYS_OPEN = "mon-sun 00-24"


def seed_sample_shops(sites: list[tuple[Shop, str]]) -> int:
    """Add the sample shops at these base URLs (once per domain); returns how many are new.

    They are left unprobed, so the worker reads their contact pages (and finds the form)
    the first time a request reaches them, as it would for any new store.
    """
    added = 0
    by_group: dict[str, list[Store]] = {}
    for shop, url in sites:
        domain = registrable_domain(url)
        store = stores.find_by_domain(domain)
        if store is None:
            category = get_or_create(
                Category, {"slug": shop.group}, name=SAMPLE_CATEGORIES[shop.group]
            )
            store = Store(
                name=shop.name,
                domain=domain,
                homepage=f"{url}/",
                locale=shop.locale,
                status=StoreStatus.ACTIVE,
                contact_page=f"{url}/contact",
                business_hours=ALWAYS_OPEN,
                categories=[category],
                created_at=datetime.now(UTC) - HISTORY,  # shops the directory knows already
            )
            store.contacts.append(StoreContact(kind=ContactKind.EMAIL, value=shop.email))
            db.session.add(store)
            added += 1
        by_group.setdefault(shop.group, []).append(store)
    for group in by_group.values():
        for store in group:
            stores.link_competitors(store, *group)
    jobs.commit()
    return added


def sample_shops_text(sites: list[tuple[Shop, str]]) -> str:
    lines = [
        "Sample shops (served by `flask demo-sites`, which `make run` starts);",
        "paste one of these product URLs into the request form:",
    ]
    for shop, url in sites:
        lines.append(f"  {shop.name} ({shop.group}): {url}/  messages received: {url}/inbox")
        lines.extend(f"      {url}{item.path}" for item in shop.items)
    return "\n".join(lines)
