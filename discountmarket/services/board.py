"""Read models of the bid board: open requests (filtered, sorted, keyset-paginated), a
request's offers ranked for the shopper, and what each role may see of them."""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from discountmarket import numbers
from discountmarket.extensions import db
from discountmarket.models import (
    Category,
    DiscountRequest,
    Dispatch,
    DispatchStatus,
    Offer,
    OfferKind,
    OfferStatus,
    Product,
    RequestStatus,
    Store,
    StoreMembership,
    store_categories,
)
from discountmarket.services import stores

PAGE_SIZE = 20
MAX_CURSOR_LENGTH = 200  # ours are under 100 characters
# A saving is a percent of the list price (negative when an offer is above it).
_CURSOR_SAVING = numbers.NumberRule(places=40, low=Decimal(-(10**20)), high=Decimal(10**20))
SORTS = ("newest", "ending", "offers", "saving")
PUBLIC_OFFER_STATUSES = (OfferStatus.ACTIVE, OfferStatus.ACCEPTED, OfferStatus.DECLINED)


@dataclass(frozen=True)
class BoardQuery:
    category: str | None = None  # category slug
    store: str | None = None  # store domain
    search: str | None = None  # words in the product title
    sort: str = "newest"
    after: str | None = None  # opaque cursor from the previous page


@dataclass(frozen=True)
class BoardRow:
    request: DiscountRequest
    offer_count: int
    best_price: Decimal | None
    saving: Decimal | None  # percent below the listed price


@dataclass(frozen=True)
class BoardPage:
    rows: list[BoardRow]
    next_cursor: str | None


def _offer_stats() -> Any:
    """Per request: live offers and the best effective price among them."""
    # Only offers in the request's currency compare with its price (a competitor abroad
    # answers in its own; the shopper sees that offer, but it sets no "best price").
    effective = sa.case(
        (Offer.currency.is_not(None) & (Offer.currency != Product.currency), None),
        (Offer.price.is_not(None), Offer.price),
        else_=Product.price * (100 - Offer.percent) / 100,
    )
    return (
        sa.select(
            Offer.request_id.label("request_id"),
            sa.func.count(Offer.id).label("offer_count"),
            sa.func.min(effective).label("best_price"),
        )
        .join(DiscountRequest, DiscountRequest.id == Offer.request_id)
        .join(Product, Product.id == DiscountRequest.product_id)
        .where(Offer.kind == OfferKind.OFFER, Offer.status == OfferStatus.ACTIVE)
        .group_by(Offer.request_id)
        .subquery("offer_stats")
    )


# sort -> (column of the board rows, descending?)
_SORT_KEYS = {
    "newest": ("created_at", True),
    "ending": ("expires_at", False),
    "offers": ("offer_count", True),
    "saving": ("saving", True),
}


def _reached_a_store() -> sa.ColumnElement[bool]:
    """Only requests some store has received are public: one held for its product's
    details or for a plausible ask is nobody's business yet."""
    return sa.exists().where(
        Dispatch.request_id == DiscountRequest.id,
        Dispatch.status.in_([DispatchStatus.SENT, DispatchStatus.ANSWERED]),
    )


def open_requests(query: BoardQuery, per_page: int = PAGE_SIZE) -> BoardPage:
    """One page of open requests. Keyset pagination: the cursor holds the last row's sort
    value and id, so deep pages cost the same as the first (no OFFSET)."""
    sort = query.sort if query.sort in SORTS else "newest"
    stats = _offer_stats()
    offer_count = sa.func.coalesce(stats.c.offer_count, 0)
    saving = sa.func.coalesce(
        sa.case(
            (
                sa.and_(Product.price > 0, stats.c.best_price.is_not(None)),
                (Product.price - stats.c.best_price) * 100 / Product.price,
            ),
        ),
        -1,
    )
    base = (
        sa.select(
            DiscountRequest.id.label("id"),
            DiscountRequest.created_at.label("created_at"),
            DiscountRequest.expires_at.label("expires_at"),
            offer_count.label("offer_count"),
            stats.c.best_price.label("best_price"),
            saving.label("saving"),
        )
        .join(Product, Product.id == DiscountRequest.product_id)
        .join(Store, Store.id == Product.store_id)
        .outerjoin(stats, stats.c.request_id == DiscountRequest.id)
        .where(DiscountRequest.status == RequestStatus.OPEN, _reached_a_store())
    )
    if query.store:
        base = base.where(Store.domain == query.store)
    if query.category:
        in_category = (
            sa.select(store_categories.c.store_id)
            .join(Category, Category.id == store_categories.c.category_id)
            .where(Category.slug == query.category)
        )
        base = base.where(Store.id.in_(in_category))
    for word in (query.search or "").split()[:5]:
        escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        base = base.where(Product.title.ilike(f"%{escaped}%", escape="\\"))
    rows = base.subquery("board_rows")
    key_name, descending = _SORT_KEYS[sort]
    key = rows.c[key_name]
    select = sa.select(rows)
    cursor = _decode_cursor(query.after, sort)
    if cursor is not None:
        value, last_id = cursor
        position = sa.tuple_(sa.literal(value, type_=key.type), sa.literal(last_id))
        row_key = sa.tuple_(key, rows.c.id)
        select = select.where(row_key < position if descending else row_key > position)
    order = (key.desc(), rows.c.id.desc()) if descending else (key.asc(), rows.c.id.asc())
    found = db.session.execute(select.order_by(*order).limit(per_page + 1)).all()
    page, more = found[:per_page], len(found) > per_page
    requests = _load_requests([row.id for row in page])
    board_rows = [
        BoardRow(
            request=requests[row.id],
            offer_count=row.offer_count,
            best_price=_money(row.best_price),
            saving=_money(row.saving) if row.saving is not None and row.saving >= 0 else None,
        )
        for row in page
    ]
    last = page[-1] if page else None
    next_cursor = _encode_cursor(sort, getattr(last, key_name), last.id) if more and last else None
    return BoardPage(board_rows, next_cursor)


def _load_requests(ids: list[int]) -> dict[int, DiscountRequest]:
    if not ids:
        return {}
    found = db.session.scalars(
        sa.select(DiscountRequest)
        .where(DiscountRequest.id.in_(ids))
        .options(selectinload(DiscountRequest.product).selectinload(Product.store))
    ).all()
    return {request.id: request for request in found}


def _money(value: Any) -> Decimal | None:
    return None if value is None else Decimal(value).quantize(Decimal("0.01"))


def _encode_cursor(sort: str, value: Any, last_id: int) -> str:
    if isinstance(value, datetime):
        value = value.isoformat()
    elif isinstance(value, Decimal | float):
        value = str(value)
    raw = json.dumps([sort, value, last_id]).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _decode_cursor(cursor: str | None, sort: str) -> tuple[Any, int] | None:
    """A cursor from another sort, or a mangled or crafted one (NaN, huge numbers, wrong
    types, deep nesting, not UTF-8), restarts at the first page."""
    if not cursor or len(cursor) > MAX_CURSOR_LENGTH:
        return None
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        cursor_sort, value, last_id = json.loads(raw.decode(), parse_constant=_no_constant)
        if cursor_sort != sort or numbers.ROW_ID.checked_int(last_id) is None:
            return None
        if sort in ("newest", "ending"):
            value = datetime.fromisoformat(value)
            if value.tzinfo is None:
                return None
        elif sort == "saving":
            if isinstance(value, bool) or not isinstance(value, str | int):
                return None
            value = Decimal(value)  # a string as we write it, or -1 (no offers yet)
            if not _CURSOR_SAVING.contains(value):
                return None
        elif numbers.NON_NEGATIVE.checked_int(value) is None:
            return None
    except (ValueError, TypeError, ArithmeticError, RecursionError):
        return None
    return value, last_id


def _no_constant(name: str) -> None:
    raise ValueError(f"{name} is not a number")


def categories() -> list[Category]:
    return list(db.session.scalars(sa.select(Category).order_by(Category.name)))


def request_by_slug(slug: str) -> DiscountRequest | None:
    return db.session.scalar(
        sa.select(DiscountRequest)
        .where(DiscountRequest.public_slug == slug)
        .options(selectinload(DiscountRequest.product).selectinload(Product.store))
    )


def effective_price(offer: Offer, list_price: Decimal | None) -> Decimal | None:
    """What the shopper would pay per item under this offer, when it can be known."""
    if offer.price is not None:
        return offer.price
    if offer.percent is not None and list_price is not None:
        return (list_price * (100 - offer.percent) / 100).quantize(Decimal("0.01"))
    return None


def ranked_offers(request: DiscountRequest) -> list[Offer]:
    """Offers best first for the shopper: accepted, then by effective price, then with
    extras, then the earliest; declines last. Withdrawn and expired offers drop off."""
    offers = db.session.scalars(
        sa.select(Offer)
        .where(Offer.request_id == request.id, Offer.status.in_(PUBLIC_OFFER_STATUSES))
        .options(selectinload(Offer.store))
    ).all()
    list_price = request.product.price

    def rank(offer: Offer) -> tuple:
        foreign = offer.currency is not None and offer.currency != request.product.currency
        price = None if foreign else effective_price(offer, list_price)
        return (
            offer.kind == OfferKind.DECLINE,
            offer.status != OfferStatus.ACCEPTED,
            price is None,
            price or Decimal(0),
            not offer.extras,
            offer.created_at,
        )

    return sorted(offers, key=rank)


def live_version(request: DiscountRequest) -> str:
    """Changes whenever anything shown on the request's live part changes (for ETags)."""
    offers = db.session.execute(
        sa.select(sa.func.count(Offer.id), sa.func.max(Offer.updated_at)).where(
            Offer.request_id == request.id
        )
    ).one()
    dispatches = db.session.execute(
        sa.select(sa.func.count(Dispatch.id), sa.func.max(Dispatch.updated_at)).where(
            Dispatch.request_id == request.id
        )
    ).one()
    product = request.product
    parts = [
        request.status.value,
        request.updated_at.isoformat(),
        product.fetch_status.value,
        product.updated_at.isoformat(),
        *map(str, offers),
        *map(str, dispatches),
        # An operator's hold on the shopper (services/shopper_holds.py) shows there too.
        "held" if request.shopper.requests_held_at else "free",
    ]
    return "-".join(parts)


def dispatches_of(request: DiscountRequest) -> list[Dispatch]:
    return list(
        db.session.scalars(
            sa.select(Dispatch)
            .where(Dispatch.request_id == request.id)
            .options(selectinload(Dispatch.store))
            .order_by(Dispatch.store_id, Dispatch.channel)
        )
    )


def shopper_requests(shopper_id: int) -> list[DiscountRequest]:
    return list(
        db.session.scalars(
            sa.select(DiscountRequest)
            .where(DiscountRequest.shopper_id == shopper_id)
            .options(selectinload(DiscountRequest.product).selectinload(Product.store))
            .order_by(DiscountRequest.created_at.desc())
        )
    )


def requests_for_manager(user_id: int, limit: int = 50) -> list[tuple[DiscountRequest, Store]]:
    """Open requests addressed to a store this manager answers for, with that store."""
    managed = sa.select(StoreMembership.store_id).where(StoreMembership.user_id == user_id)
    reached = sa.select(Dispatch.request_id, Dispatch.store_id).where(
        Dispatch.store_id.in_(managed)
    )
    own_product = (
        sa.select(DiscountRequest.id, Product.store_id)
        .join(Product, Product.id == DiscountRequest.product_id)
        .where(Product.store_id.in_(managed))
    )
    pairs = reached.union(own_product).subquery()
    rows = db.session.execute(
        sa.select(DiscountRequest, Store)
        .join(pairs, pairs.c.request_id == DiscountRequest.id)
        .join(Store, Store.id == pairs.c.store_id)
        .where(DiscountRequest.status == RequestStatus.OPEN)
        .options(selectinload(DiscountRequest.product).selectinload(Product.store))
        .order_by(DiscountRequest.created_at.desc())
        .limit(limit)
    ).all()
    return [(request, store) for request, store in rows]


def store_may_answer(request: DiscountRequest, store_id: int) -> bool:
    """A store answers a request it was asked (a dispatch) or that is for its own product."""
    if request.product.store_id == store_id:
        return True
    return (
        db.session.scalar(
            sa.select(Dispatch.id).where(
                Dispatch.request_id == request.id, Dispatch.store_id == store_id
            )
        )
        is not None
    )


def request_for_manager(
    user_id: int, store_id: int, request_id: int
) -> tuple[Store, DiscountRequest] | None:
    """A request as a manager of one of its stores sees it: only a manager of the store, and
    only for a request that store was asked about; None for anything else."""
    store = db.session.get(Store, store_id)
    request = db.session.get(DiscountRequest, request_id)
    if store is None or request is None or not stores.manages(user_id, store.id):
        return None
    return (store, request) if store_may_answer(request, store.id) else None
