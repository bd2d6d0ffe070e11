"""Draft offers from e-mail replies: a store that answers "we can do 1 150 €" by pressing
Reply has its words read as a draft offer, never published as one. The store confirms it
with one click on its answer page (the offer form comes filled in), linked from an
acknowledgement we send to its own address. Only what it confirms reaches the shopper.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal, InvalidOperation
from email.utils import parseaddr

from flask_babel import lazy_gettext as _l

from discountmarket import jobs, weburl
from discountmarket.extensions import db
from discountmarket.models import ContactKind, DiscountRequest, Dispatch, InboundMail, Store
from discountmarket.numbers import PRICE
from discountmarket.outreach.mail import compose
from discountmarket.services import (
    answer_links,
    fanout,
    mailing,
    offers,
    recipient_caps,
    stores,
)
from discountmarket.services.inbound_mail import replies_for
from discountmarket.services.suppression import is_suppressed

MAX_COUPON = 64
# RFC 3834: our acknowledgement answers a message automatically; its sender's own
# autoresponder must not answer it back.
AUTO_REPLIED = {"Auto-Submitted": "auto-replied"}


@dataclass(frozen=True)
class Draft:
    """What a store's e-mail reply offers, bounded like the offer form's fields."""

    mail_id: int
    received_at: datetime
    text: str
    price: Decimal | None
    currency: str | None
    percent: Decimal | None
    coupon: str | None


def draft_for(request_id: int, store_id: int) -> Draft | None:
    """The newest of the store's e-mail replies to the request that names a price, a
    percent or a coupon, as a draft; None when there is none or the store answered already."""
    if offers.live_answer(request_id, store_id) is not None:
        return None
    for mail in reversed(replies_for(request_id, store_id)):
        draft = _read(mail)
        if draft is not None:
            return draft
    return None


def _read(mail: InboundMail) -> Draft | None:
    terms = ((mail.classification or {}).get("reply") or {}).get("offer") or {}
    price = _bounded(terms.get("price"), PRICE.contains)
    percent = _bounded(terms.get("percent"), offers.DISCOUNT_PERCENT.contains)
    coupon = str(terms.get("coupon") or "").strip()[:MAX_COUPON] or None
    currency = str(terms.get("currency") or "").upper()
    if price is None and percent is None and coupon is None:
        return None
    return Draft(
        mail_id=mail.id,
        received_at=mail.received_at,
        text=mail.text or "",
        price=price,
        currency=currency if len(currency) == 3 and currency.isalpha() else None,
        percent=percent,
        coupon=coupon,
    )


def _bounded(value: object, allowed: Callable[[Decimal], bool]) -> Decimal | None:
    try:
        number = Decimal(str(value)) if value is not None else None
    except InvalidOperation:
        return None
    return number if number is not None and number.is_finite() and allowed(number) else None


def acknowledge(inbound_id: int) -> bool:
    """Tell the store how we read its reply and where to confirm it (one message per reply,
    to an address of the store's own, within the recipient's daily cap). Commits."""
    mail = db.session.get(InboundMail, inbound_id)
    dispatch = mail.dispatch if mail is not None else None
    if mail is None or dispatch is None or mail.kind != "reply":
        return False
    request, store = dispatch.request, dispatch.store
    draft = draft_for(request.id, store.id)
    address = _store_address(mail, dispatch)
    if draft is None or draft.mail_id != mail.id or not request.is_open or address is None:
        return False
    if not recipient_caps.reserve(recipient_caps.email_recipient(address)):
        return False
    threading = {"In-Reply-To": _their_id(mail)} if _their_id(mail) else {}
    message = compose(
        "reply_draft",
        address,
        _l("Your reply about %(product)s: confirm your offer", product=_product(request)),
        locale=store.locale,
        headers={**AUTO_REPLIED, **threading},
        store=store,
        product_name=_product(request),
        draft=draft,
        currency=draft.currency or stores.currency_of(store) or request.product.currency,
        confirm_url=answer_links.url_for_store(request, store) + "#make-offer",
    )
    mailing.queue(message, kind="reply_draft")
    jobs.commit()
    return True


def _product(request: DiscountRequest) -> str:
    return (request.product.title or request.product.url)[:120]


def _their_id(mail: InboundMail) -> str:
    """The Message-ID of the store's reply (our record's key, unless it had none)."""
    key = mail.message_key
    return key if key.startswith("<") and key.endswith(">") else ""


def _store_address(mail: InboundMail, dispatch: Dispatch) -> str | None:
    """Where the acknowledgement may go: the reply's sender when that is the store's own
    (a contact we know, or an address on its domain), else the address we wrote to."""
    sender = parseaddr(mail.sender)[1].strip().lower()
    if "@" in sender and _is_the_stores(sender, dispatch.store) and not is_suppressed(sender):
        return sender
    if dispatch.address and not is_suppressed(dispatch.address):
        return dispatch.address.lower()
    return next(iter(fanout.usable_addresses(dispatch.store)), None)


def _is_the_stores(address: str, store: Store) -> bool:
    known = {c.value.lower() for c in store.contacts if c.kind == ContactKind.EMAIL}
    return address in known or weburl.address_on_site(address, store.domain)
