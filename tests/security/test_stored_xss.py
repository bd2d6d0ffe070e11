"""Stored XSS sweep: script payloads in every stored text that a page or an e-mail shows.

Every field below is filled with markup that would run if it reached the page raw; then
every page that shows it is rendered for the role that sees it, and must show the text
escaped (the escaped form present, the raw markup absent). The same for the HTML part of
the e-mails built from those fields.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient
from markupsafe import escape

from discountmarket.extensions import db
from discountmarket.models import (
    CapturedMail,
    ContactChannel,
    ContactKind,
    ContactLog,
    DiscountRequest,
    DispatchStatus,
    Escalation,
    HonourReport,
    InboundMail,
    OfferKind,
    OfferStatus,
    RequestStatus,
    Role,
    Store,
    StoreContact,
    StoreMembership,
)
from discountmarket.outreach import mail
from discountmarket.services import notifications
from discountmarket.services.store_messages import Outreach, compose_email
from tests.conftest import AuthActions, FormPoster
from tests.factories import (
    DiscountRequestFactory,
    DispatchFactory,
    OfferFactory,
    ProductFactory,
    StoreFactory,
    UserFactory,
    answer_token,
    reach_a_store,
)
from tests.mailbox import messages_to
from tests.sites import StoreSite, product_page


def payload(field: str) -> str:
    """Markup that runs if shown raw, in text, in an attribute or inside a textarea."""
    return (
        f'{field}"><img src=x onerror=alert(1)><script>alert("x")</script>'
        "</textarea><svg onload=alert(1)>"
    )


TITLE = payload("title")
REPLY = payload("reply")
STORE = payload("store")
RIVAL = payload("rival")
DECLINER = payload("decliner")
NOTE = payload("note")
LOCATION = 'loc"><img src=x onerror=alert(1)><svg onload=alert(1)>'  # 100 characters at most
TERMS = payload("terms")
EXTRAS = payload("extras")
OWN_TERMS = payload("ownterms")
COUPON = "cpn</textarea><svg onload=alert(1)>"  # 64 characters at most
OWN_COUPON = "own</textarea><svg onload=alert(1)>"
DECLINE = payload("decline")
LABEL = payload("label")
CONTACT = payload("contact")
REASON = payload("reason")
CALL_NOTE = payload("call")
HONOUR_NOTE = payload("honour")
DISPATCH_ERROR = payload("dispatcherror")
SUBJECT = payload("subject")
TEXT_BODY = payload("textbody")
HTML_BODY = payload("htmlbody")
JS_URL = "javascript:alert(1)"

RAW_MARKERS = ("<script>alert", "<img src=x", "<svg onload", "onerror=alert(1)>")


def assert_escaped(html: str, *shown: str, hidden: tuple[str, ...] = ()) -> None:
    """No payload markup raw in the page; each text in ``shown`` there, escaped."""
    lowered = html.lower()
    for marker in RAW_MARKERS:
        assert marker not in lowered, f"raw {marker!r} in page"
    for attribute in ("href", "src", "action", "formaction"):
        for quote in ('"', "'", ""):
            assert f"{attribute}={quote}javascript:" not in lowered
    for text in shown:
        assert str(escape(text)) in html, f"{text[:20]!r}… not shown escaped"
    for text in hidden:
        assert str(escape(text)) not in html, f"{text[:20]!r}… shown where it must not be"


def get(client: FlaskClient, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response.get_data(as_text=True)


def signed_in(app: Flask, email: str) -> FlaskClient:
    forms = FormPoster(app.test_client())
    response = AuthActions(forms).login(email)
    assert response.status_code == 302, "login failed"
    return forms.client


@dataclass
class World:
    store_id: int
    rival_id: int
    request_id: int
    slug: str
    token: str
    escalation_id: int
    rival_dispatch_id: int
    store_dispatch_id: int
    outbox_id: int


def build_world() -> World:
    """A request with payloads in every stored text, seen by every role."""
    UserFactory(email="ops@example.com", role=Role.OPERATOR)
    manager = UserFactory(email="mgr@example.com", role=Role.STORE_MANAGER)
    shopper = UserFactory(email="s@example.com")
    store = StoreFactory(name=STORE)
    rival = StoreFactory(name=RIVAL)
    decliner = StoreFactory(name=DECLINER)
    db.session.add(StoreMembership(user=manager, store=store))
    product = ProductFactory(store=store, title=TITLE)
    request = DiscountRequestFactory(
        shopper=shopper, product=product, note=NOTE, shopper_location=LOCATION
    )
    store_dispatch = DispatchFactory(
        request=request, store=store, status=DispatchStatus.SENT, sent_at=datetime.now(UTC)
    )
    rival_dispatch = DispatchFactory(request=request, store=rival, last_error=DISPATCH_ERROR)
    DispatchFactory(request=request, store=decliner)
    OfferFactory(
        request=request,
        store=rival,
        price=Decimal("80.00"),
        terms=TERMS,
        extras=EXTRAS,
        coupon_code=COUPON,
    )
    OfferFactory(
        request=request,
        store=store,
        price=Decimal("85.00"),
        terms=OWN_TERMS,
        coupon_code=OWN_COUPON,
    )
    OfferFactory(
        request=request,
        store=decliner,
        kind=OfferKind.DECLINE,
        status=OfferStatus.DECLINED,
        price=None,
        currency=None,
        terms=DECLINE,
    )
    # A fulfilled request of the same shopper whose accepted offer the store did not honour.
    done = DiscountRequestFactory(
        shopper=shopper, product=ProductFactory(store=store), status=RequestStatus.FULFILLED
    )
    accepted = OfferFactory(request=done, store=store, status=OfferStatus.ACCEPTED)
    db.session.flush()
    db.session.add(
        HonourReport(
            offer_id=accepted.id, store_id=store.id, shopper_id=shopper.id, note=HONOUR_NOTE
        )
    )
    db.session.add_all(
        [
            StoreContact(store=store, kind=ContactKind.EMAIL, value=CONTACT, label=LABEL),
            StoreContact(store=store, kind=ContactKind.FORM, value=JS_URL, label=JS_URL),
        ]
    )
    escalation = Escalation(store=store, reason=REASON)
    db.session.add(escalation)
    db.session.flush()
    db.session.add(
        ContactLog(
            escalation=escalation,
            channel=ContactChannel.PHONE,
            outcome="no_answer",
            note=CALL_NOTE,
        )
    )
    message = CapturedMail(
        message_id="<xss@example.com>",
        sender="bot@example.com",
        recipients="someone@example.com",
        subject=SUBJECT,
        text_body=TEXT_BODY,
        html_body=f"<p>{HTML_BODY}</p>",
        headers={"X-Test": SUBJECT},
    )
    db.session.add(message)
    db.session.add(
        InboundMail(  # the store's reply by e-mail
            message_key="<reply-xss@example.com>",
            source="http",
            sender=CONTACT,
            subject=SUBJECT,
            kind="reply",
            dispatch_id=store_dispatch.id,
            text=REPLY,
            raw=b"",
        )
    )
    token = answer_token(request, store)
    db.session.commit()
    return World(
        store_id=store.id,
        rival_id=rival.id,
        request_id=request.id,
        slug=request.public_slug,
        token=token,
        escalation_id=escalation.id,
        rival_dispatch_id=rival_dispatch.id,
        store_dispatch_id=store_dispatch.id,
        outbox_id=message.id,
    )


# --- pages, by role ---------------------------------------------------------------------------


def test_public_pages_escape_stored_text(app: Flask) -> None:
    world = build_world()
    client = app.test_client()
    assert_escaped(get(client, "/board"), TITLE, STORE)
    assert_escaped(get(client, "/"), TITLE)
    assert_escaped(
        get(client, f"/r/{world.slug}"),
        TITLE,
        STORE,
        NOTE,
        LOCATION,
        RIVAL,
        TERMS,
        EXTRAS,
        DECLINE,
        hidden=(COUPON, OWN_COUPON),  # coupon codes are the shopper's alone
    )
    assert_escaped(
        get(client, f"/r/{world.slug}/live"),
        RIVAL,
        TERMS,
        EXTRAS,
        DECLINE,
        hidden=(COUPON, OWN_COUPON),
    )


def test_shopper_pages_escape_stored_text(app: Flask) -> None:
    world = build_world()
    client = signed_in(app, "s@example.com")
    assert_escaped(get(client, "/my/requests"), TITLE)
    detail = get(client, f"/my/requests/{world.request_id}")
    assert_escaped(detail, TITLE, STORE, NOTE, TERMS, EXTRAS, COUPON, OWN_COUPON, DECLINE, REPLY)
    live = get(client, f"/my/requests/{world.request_id}/live")
    assert_escaped(live, TITLE, TERMS, EXTRAS, COUPON, DECLINE)


def test_store_pages_escape_stored_text(app: Flask) -> None:
    world = build_world()
    # The signed link, with no account.
    answer = get(app.test_client(), f"/store/answer/{world.token}")
    # Own answer pre-filled in the form (textarea and input), the others' answers as cards.
    assert_escaped(answer, TITLE, NOTE, OWN_TERMS, OWN_COUPON, RIVAL, TERMS, DECLINE, REPLY)
    assert_escaped(answer, hidden=(COUPON,))  # a rival's coupon code is not for other stores
    # The portal, signed in as the store's manager.
    client = signed_in(app, "mgr@example.com")
    assert_escaped(get(client, "/store/"), TITLE, STORE)
    portal_answer = get(client, f"/store/stores/{world.store_id}/requests/{world.request_id}")
    assert_escaped(portal_answer, TITLE, NOTE, OWN_TERMS, OWN_COUPON, TERMS, DECLINE)


def test_operator_pages_escape_stored_text(app: Flask) -> None:
    world = build_world()
    client = signed_in(app, "ops@example.com")
    assert_escaped(get(client, "/ops/queue"), STORE, REASON)
    assert_escaped(
        get(client, f"/ops/escalations/{world.escalation_id}"),
        STORE,
        REASON,
        CONTACT,
        LABEL,
        TITLE,
        HONOUR_NOTE,
        CALL_NOTE,
        REPLY,
    )
    assert_escaped(get(client, "/ops/stores"), STORE, RIVAL)
    assert_escaped(get(client, f"/ops/stores/{world.store_id}"), STORE, CONTACT, LABEL, TITLE)
    assert_escaped(get(client, f"/ops/stores/{world.rival_id}"), RIVAL, TITLE)
    assert_escaped(get(client, "/ops/dispatches"), STORE, RIVAL, TITLE)
    assert_escaped(
        get(client, f"/ops/dispatches/{world.rival_dispatch_id}"), TITLE, RIVAL, DISPATCH_ERROR
    )
    assert_escaped(get(client, f"/ops/dispatches/{world.store_dispatch_id}"), TITLE, STORE)
    assert_escaped(get(client, "/ops/mail"), SUBJECT)
    message = get(client, f"/ops/mail/{world.outbox_id}")
    assert_escaped(message, SUBJECT, TEXT_BODY, f"<p>{HTML_BODY}</p>")


def test_url_like_fields_are_never_links_to_javascript(app: Flask) -> None:
    """A contact value of ``javascript:`` stays text; URLs a user types must be http(s)."""
    world = build_world()
    client = signed_in(app, "ops@example.com")
    for url in (f"/ops/stores/{world.store_id}", f"/ops/escalations/{world.escalation_id}"):
        html = get(client, url)
        assert_escaped(html, JS_URL)
    # The store form refuses a javascript: homepage.
    forms = FormPoster(client)
    fields = {"name": "Evil", "locale": "en", "status": "active"}
    refused = forms.post("/ops/stores/new", {**fields, "homepage": JS_URL})
    assert refused.status_code == 200  # the form again, with the error
    assert db.session.scalar(sa.select(Store).where(Store.name == "Evil")) is None
    accepted = forms.post("/ops/stores/new", {**fields, "homepage": "https://evil.example/"})
    assert accepted.status_code == 302  # the same form with an http(s) homepage goes through
    # A shopper cannot post a javascript: product URL either.
    shopper = FormPoster(signed_in(app, "s@example.com"))
    refused = shopper.post("/my/requests/new", {"url": JS_URL, "quantity": "1", "valid_days": "7"})
    assert refused.status_code == 200
    assert db.session.scalar(sa.select(sa.func.count(DiscountRequest.id))) == 2


# --- a title scraped from a store's page ------------------------------------------------------


@pytest.mark.parametrize("image", ["/img/p.jpg", JS_URL])
def test_scraped_title_is_escaped_everywhere(local_app: Flask, site: StoreSite, image: str) -> None:
    site.pages["/p/evil"] = product_page(TITLE, "100.00", image=image)
    UserFactory(email="s@example.com")
    db.session.commit()
    forms = FormPoster(signed_in(local_app, "s@example.com"))
    response = forms.post(
        "/my/requests/new",
        {
            "url": site.url("/p/evil"),
            "quantity": "1",
            "valid_days": "7",
            "note": NOTE,
            "shopper_location": LOCATION,
        },
    )
    assert response.status_code == 302, response.get_data(as_text=True)
    request = db.session.scalar(sa.select(DiscountRequest))
    title = request.product.title
    assert title and "<script>" in title, title  # the page's markup is kept as text...
    assert request.product.image_url is None or request.product.image_url.startswith("http")
    assert request.note == NOTE and request.shopper_location == LOCATION
    # ...and shown escaped wherever it appears.
    detail = get(forms.client, response.location)
    assert_escaped(detail, title, NOTE)
    assert_escaped(get(forms.client, f"{response.location}/live"), title)
    assert_escaped(get(forms.client, "/my/requests"), title)
    reach_a_store(request)  # the board lists requests a store has received
    db.session.commit()
    public = local_app.test_client()
    assert_escaped(get(public, "/board"), title)
    assert_escaped(get(public, f"/r/{request.public_slug}"), title, NOTE, LOCATION)
    store = request.product.store
    token = answer_token(request, store)
    assert_escaped(get(public, f"/store/answer/{token}"), title, NOTE)


# --- e-mail ------------------------------------------------------------------------------------


def html_part(message: mail.Mail | CapturedMail) -> str:
    html = message.html if isinstance(message, mail.Mail) else message.html_body
    assert html
    return html


def test_store_outreach_email_escapes_title_and_note(app: Flask) -> None:
    world = build_world()
    request = db.session.get(DiscountRequest, world.request_id)
    other = DiscountRequestFactory(
        product=ProductFactory(store=request.product.store, title=payload("second")),
        note=payload("secondnote"),
    )
    db.session.commit()
    store = request.product.store
    single = compose_email(
        Outreach(store=store, requests=[request], dispatch_ids=[1], address="shop@example.com")
    )
    assert_escaped(html_part(single), TITLE, NOTE)
    digest = compose_email(
        Outreach(
            store=store,
            requests=[request, other],
            dispatch_ids=[1, 2],
            address="shop@example.com",
        )
    )
    assert_escaped(html_part(digest), TITLE, NOTE, payload("second"), payload("secondnote"))
    # Headers never carry a line break a payload could use to add one.
    for value in (single.subject, *single.headers.values()):
        assert "\n" not in value and "\r" not in value


def test_shopper_offer_digest_escapes_offers(app: Flask) -> None:
    world = build_world()
    assert notifications.send_offer_digest(world.request_id) is True
    (digest,) = messages_to("s@example.com")
    # The digest names the product and the answering stores (not their terms).
    assert_escaped(html_part(digest), TITLE, RIVAL, STORE, DECLINER)
    assert digest.subject and "<" not in digest.subject


def test_the_shoppers_reply_notice_escapes_the_stores_words(app: Flask) -> None:
    build_world()
    reply = db.session.scalar(sa.select(InboundMail))
    assert notifications.tell_shopper_store_replied(reply.id)
    (told,) = messages_to("s@example.com")
    assert_escaped(html_part(told), REPLY)
