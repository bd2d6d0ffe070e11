"""The words we send a store: one personal message per request (e-mail or contact form),
and the daily digest of requests held back by the store's cap."""

from __future__ import annotations

from dataclasses import dataclass, replace

from flask import current_app, render_template
from flask_babel import force_locale, lazy_ngettext
from flask_babel import lazy_gettext as _l

from discountmarket.models import DiscountRequest, Dispatch, Store
from discountmarket.outreach import mail
from discountmarket.outreach.tokens import make_token, reply_token
from discountmarket.services import answer_links
from discountmarket.services.asked_about import AskedAbout, asked_about
from discountmarket.services.shopper_words import note_for_store
from discountmarket.urls import external_url

_OPT_OUT = "store-opt-out"
MAX_MAILBOX_TOKEN = 120  # characters of a token in a mailbox's local part


@dataclass(frozen=True)
class Outreach:
    """What one message to a store carries: for a single request or a digest of several."""

    store: Store
    requests: list[DiscountRequest]
    dispatch_ids: list[int]
    address: str | None = None  # the e-mail recipient; None for a contact form

    @property
    def is_digest(self) -> bool:
        return len(self.requests) > 1


def opt_out_token(store: Store, address: str | None) -> str:
    return make_token(_OPT_OUT, {"s": store.id, "a": address})


def reply_address(dispatch_ids: list[int]) -> str:
    """Where a store's reply (and a bounce: it is the envelope sender too) comes back: a
    per-dispatch address whose local part fits RFC 5321's 64 characters."""
    config = current_app.config
    return config["MAIL_REPLY_ADDRESS"].format(
        token=reply_token(dispatch_ids[0]), inbound_domain=config["INBOUND_DOMAIN"]
    )


def message_id(dispatch_ids: list[int]) -> str:
    """``<dispatch-<id>.<token>@<MAIL_FROM's domain>>``: a reply found only by In-Reply-To
    or References (a helpdesk answering our From address) still names its dispatch."""
    domain = mail.sender_domain(current_app.config["MAIL_FROM"])
    return f"<dispatch-{dispatch_ids[0]}.{reply_token(dispatch_ids[0])}@{domain}>"


def _context(outreach: Outreach) -> dict:
    store = outreach.store
    items = [
        {
            "request": request,
            "product": request.product,
            "answer_url": answer_links.url_for_store(request, store),
            "shopper_email": request.shopper.email if request.share_contact else None,
            "note": note_for_store(request.note, shares_contact=request.share_contact),
            "asked": (asked := asked_about(request, store)),
            "identifiers": identifiers(asked) if asked.equivalent else None,
        }
        for request in outreach.requests
    ]
    return {
        "store": store,
        "items": items,
        # The answer page's "How we contact you" (any of the message's links reaches it).
        "contact_choice_url": items[0]["answer_url"] + "#contact",
        "opt_out_url": external_url("store.opt_out", token=opt_out_token(store, outreach.address)),
        "about_url": external_url("board.bot_info"),
        "is_digest": outreach.is_digest,
    }


def identifiers(asked: AskedAbout) -> str:
    """The product's brand, EAN and part number in words, for a store asked whether it
    sells it (or an equivalent) without a page of its own to point at."""
    gtin = asked.gtin.lstrip("0").zfill(13) if asked.gtin else None
    parts = [
        _l("brand %(brand)s", brand=asked.brand) if asked.brand else None,
        _l("EAN %(gtin)s", gtin=gtin) if gtin else None,
        _l("part number %(mpn)s", mpn=asked.mpn) if asked.mpn else None,
    ]
    return ", ".join(str(part) for part in parts if part)


def _subject(outreach: Outreach) -> object:
    if outreach.is_digest:
        return lazy_ngettext(
            "%(num)d shopper asks %(store)s for a discount",
            "%(num)d shoppers ask %(store)s for a discount",
            len(outreach.requests),
            store=outreach.store.name,
        )
    asked = asked_about(outreach.requests[0], outreach.store)
    return _l(
        "A shopper asks %(store)s for a discount on %(product)s",
        store=outreach.store.name,
        product=(asked.title or asked.url or "")[:120],
    )


def compose_email(outreach: Outreach) -> mail.Mail:
    assert outreach.address is not None
    context = _context(outreach)
    # RFC 8058: mail clients offer one-click opt-out; the POST needs no second click.
    unsubscribe = [f"<{context['opt_out_url']}>"]
    token = opt_out_token(outreach.store, outreach.address)
    if len(token) <= MAX_MAILBOX_TOKEN:  # a cut token could never be verified: none then
        mailbox = current_app.config["MAIL_UNSUBSCRIBE_ADDRESS"].format(
            token=token, inbound_domain=current_app.config["INBOUND_DOMAIN"]
        )
        unsubscribe.append(f"<mailto:{mailbox}>")
    headers = {
        "Reply-To": reply_address(outreach.dispatch_ids),
        "List-Unsubscribe": ", ".join(unsubscribe),
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        "X-DiscountMarket-Dispatch": ",".join(map(str, outreach.dispatch_ids)),
    }
    composed = mail.compose(
        "store_request",
        outreach.address,
        _subject(outreach),
        locale=outreach.store.locale,
        headers=headers,
        **context,
    )
    return replace(
        composed,
        message_id=message_id(outreach.dispatch_ids),
        envelope_from=headers["Reply-To"],  # a bounce comes back to the reply address
    )


def compose_form_message(outreach: Outreach) -> tuple[str, str]:
    """Subject and plain text for a contact form (no HTML there)."""
    context = _context(outreach)
    with force_locale(outreach.store.locale or current_app.config["BABEL_DEFAULT_LOCALE"]):
        subject = str(_subject(outreach))
        text = render_template(
            "email/store_request.txt",
            site_name=current_app.config["SITE_NAME"],
            base_url=current_app.config["BASE_URL"],
            **context,
        )
    return subject, text


def sender_name() -> str:
    return str(_l("%(site)s, on behalf of a shopper", site=current_app.config["SITE_NAME"]))


def dispatch_ids(dispatches: list[Dispatch]) -> list[int]:
    return [dispatch.id for dispatch in dispatches]
