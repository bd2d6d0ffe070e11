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
from sqlalchemy.orm import contains_eager, joinedload, selectinload

from discountmarket import numbers
from discountmarket.extensions import db
from discountmarket.models import (
    Category,
    DiscountRequest,
    Dispatch,
    Offer,
    OfferKind,
    OfferStatus,
    Product,
    RequestStatus,
    Store,
    StoreMembership,
    User,
    store_categories,
)
from discountmarket.services import stores

PAGE_SIZE = 20
MAX_CURSOR_LENGTH = 200  # ours are under 100 characters
# A saving is a percent below the list price, -1 for none (services/board_counters.py).
_CURSOR_SAVING = numbers.NumberRule(places=40, low=Decimal(-1), high=Decimal(100))
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


# sort -> (column of the board rows, descending?)
_SORT_KEYS = {
    "newest": ("created_at", True),
    "ending": ("expires_at", False),
    "offers": ("offer_count", True),
    "saving": ("saving", True),
}


def open_requests(query: BoardQuery, per_page: int = PAGE_SIZE) -> BoardPage:
    """One page of open requests, in one statement. The sort keys are counters kept on the
    request (services/board_counters.py), each with an index led by the status, and the
    cursor holds the last row's sort value and id: every page, however deep, is a short
    walk of one index (no OFFSET, no aggregate over all offers)."""
    sort = query.sort if query.sort in SORTS else "newest"
    key_name, descending = _SORT_KEYS[sort]
    key = getattr(DiscountRequest, key_name)
    select = (
        sa.select(DiscountRequest)
        .join(DiscountRequest.product)
        .join(Product.store)
        .options(contains_eager(DiscountRequest.product).contains_eager(Product.store))
        .where(DiscountRequest.status == RequestStatus.OPEN, DiscountRequest.public_at.is_not(None))
    )
    if query.store:
        select = select.where(Store.domain == query.store)
    if query.category:
        in_category = (
            sa.select(store_categories.c.store_id)
            .join(Category, Category.id == store_categories.c.category_id)
            .where(Category.slug == query.category)
        )
        select = select.where(Product.store_id.in_(in_category))
    for word in (query.search or "").split()[:5]:
        escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        select = select.where(Product.title.ilike(f"%{escaped}%", escape="\\"))
    cursor = _decode_cursor(query.after, sort)
    if cursor is not None:
        value, last_id = cursor
        position = sa.tuple_(sa.literal(value, type_=key.type), sa.literal(last_id))
        row_key = sa.tuple_(key, DiscountRequest.id)
        select = select.where(row_key < position if descending else row_key > position)
    order = (
        (key.desc(), DiscountRequest.id.desc())
        if descending
        else (key.asc(), DiscountRequest.id.asc())
    )
    found = db.session.scalars(select.order_by(*order).limit(per_page + 1)).all()
    page, more = found[:per_page], len(found) > per_page
    board_rows = [
        BoardRow(
            request=request,
            offer_count=request.offer_count,
            best_price=request.best_price,
            saving=request.saving if request.saving >= 0 else None,
        )
        for request in page
    ]
    last = page[-1] if page else None
    next_cursor = _encode_cursor(sort, getattr(last, key_name), last.id) if more and last else None
    return BoardPage(board_rows, next_cursor)


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
        .options(joinedload(DiscountRequest.product).joinedload(Product.store))
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
        .options(joinedload(Offer.store))
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


def live_version(
    *, request_id: int | None = None, slug: str | None = None, shopper_id: int | None = None
) -> str | None:
    """Changes whenever anything shown on the request's live part changes (for ETags); None
    for no such request (or not this shopper's). One statement over the request's own rows,
    indexed by request, so an unchanged page costs a poll no more than this."""
    where = [DiscountRequest.public_slug == slug if slug else DiscountRequest.id == request_id]
    if shopper_id is not None:
        where.append(DiscountRequest.shopper_id == shopper_id)
    row = db.session.execute(
        sa.select(
            DiscountRequest.status,
            DiscountRequest.updated_at,
            Product.fetch_status,
            Product.updated_at,
            *_changes_of(Offer),
            *_changes_of(Dispatch),
            # An operator's hold on the shopper (services/shopper_holds.py) shows there too.
            User.requests_held_at.is_not(None),
        )
        .join(Product, Product.id == DiscountRequest.product_id)
        .join(User, User.id == DiscountRequest.shopper_id)
        .where(*where)
    ).first()
    return None if row is None else "-".join(str(value) for value in row)


def _changes_of(model: type[Offer] | type[Dispatch]) -> tuple[Any, Any]:
    """How many rows of the request, and when the latest changed."""
    mine = model.request_id == DiscountRequest.id
    return (
        sa.select(sa.func.count(model.id)).where(mine).scalar_subquery(),
        sa.select(sa.func.max(model.updated_at)).where(mine).scalar_subquery(),
    )


def dispatches_of(request: DiscountRequest) -> list[Dispatch]:
    return list(
        db.session.scalars(
            sa.select(Dispatch)
            .where(Dispatch.request_id == request.id)
            .options(selectinload(Dispatch.store))
            .order_by(Dispatch.store_id, Dispatch.channel)
        )
    )


@dataclass(frozen=True)
class RequestPage:
    requests: list[DiscountRequest]
    next_cursor: str | None


def shopper_requests(
    shopper_id: int, after: str | None = None, per_page: int = PAGE_SIZE
) -> RequestPage:
    """A shopper's requests, newest first, a page at a time (keyset, like the board)."""
    select = (
        sa.select(DiscountRequest)
        .where(DiscountRequest.shopper_id == shopper_id)
        .options(joinedload(DiscountRequest.product).joinedload(Product.store))
    )
    cursor = _decode_cursor(after, "newest")
    if cursor is not None:
        created_at, last_id = cursor
        select = select.where(
            sa.tuple_(DiscountRequest.created_at, DiscountRequest.id)
            < sa.tuple_(sa.literal(created_at, type_=DiscountRequest.created_at.type), last_id)
        )
    found = db.session.scalars(
        select.order_by(DiscountRequest.created_at.desc(), DiscountRequest.id.desc()).limit(
            per_page + 1
        )
    ).all()
    page = list(found[:per_page])
    more = len(found) > per_page
    next_cursor = _encode_cursor("newest", page[-1].created_at, page[-1].id) if more else None
    return RequestPage(page, next_cursor)


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
        .options(joinedload(DiscountRequest.product).joinedload(Product.store))
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
