"""What we write to a store: one message per request or a digest, by e-mail or contact form,
each with working answer and opt-out links."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from flask import Flask

from discountmarket.config import ConfigError
from discountmarket.extensions import db
from discountmarket.inbound.classify import classify
from discountmarket.models import Channel, DiscountRequest, Store
from discountmarket.outreach import mail, tokens
from discountmarket.services import answer_links, optout, store_messages
from discountmarket.services.store_messages import Outreach
from tests.factories import (
    DiscountRequestFactory,
    DispatchFactory,
    ProductFactory,
    StoreFactory,
    tampered,
)

ADDRESS = "sales@kettles.example"
# An answer link; the same link to its "How we contact you" part ends the footer.
ANSWER_LINK = re.compile(r"http://localhost/store/answer/([\w.-]+)(?!#contact)\b(?![\w.#-])")
CONTACT_CHOICE = re.compile(r"http://localhost/store/answer/([\w.-]+)#contact")
OPT_OUT_LINK = re.compile(r"http://localhost/store/optout/([\w.-]+)")


@pytest.fixture
def store(app: Flask) -> Store:
    store = StoreFactory(name="Kettle & Co")
    db.session.commit()
    return store


def ask(store: Store, title: str | None = "Copper kettle", **fields) -> DiscountRequest:  # type: ignore[no-untyped-def]
    request = DiscountRequestFactory(product__store=store, product__title=title, **fields)
    db.session.commit()
    return request


def outreach(store: Store, *requests: DiscountRequest, address: str | None = ADDRESS) -> Outreach:
    channel = Channel.EMAIL if address else Channel.FORM
    ids = [DispatchFactory(request=r, store=store, channel=channel).id for r in requests]
    db.session.commit()
    return Outreach(store=store, requests=list(requests), dispatch_ids=ids, address=address)


def answered_requests(text: str) -> list[tuple[int, int]]:
    """(request, store) of every answer link in the text, through the real link check."""
    links = [answer_links.resolve(token) for token in ANSWER_LINK.findall(text)]
    (choice,) = CONTACT_CHOICE.findall(text)  # the store can say how it wants to hear from us
    assert answer_links.resolve(choice) is not None
    return [(link.request_id, link.store_id) for link in links]


def test_an_email_names_the_wish_and_carries_working_links(store: Store) -> None:
    request = ask(store, target_price=Decimal("70.00"), quantity=2, note="Cash on pick-up.")
    message = store_messages.compose_email(outreach(store, request))
    assert message.to == [ADDRESS]
    assert message.subject == "A shopper asks Kettle & Co for a discount on Copper kettle"
    text = message.text
    assert "Hello Kettle & Co team," in text and request.product.url in text
    assert "€70.00" in text and "Quantity: 2" in text and '"Cash on pick-up."' in text
    assert request.shopper.email not in text and request.shopper.email not in message.html
    assert answered_requests(text) == [(request.id, store.id)]
    (opt_out,) = OPT_OUT_LINK.findall(text)
    assert optout.store_for_token(opt_out) == (store, ADDRESS)
    assert "Copper kettle" in message.html and "/store/answer/" in message.html


def test_an_email_offers_one_click_opt_out_and_a_reply_address(store: Store) -> None:
    bundle = outreach(store, ask(store))
    headers = store_messages.compose_email(bundle).headers
    assert headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    web, mailto = re.fullmatch(r"<(\S+)>, <(\S+)>", headers["List-Unsubscribe"]).groups()
    assert optout.store_for_token(OPT_OUT_LINK.fullmatch(web).group(1)) == (store, ADDRESS)
    mailbox = re.fullmatch(r"mailto:unsubscribe\+([\w.-]+)@discountmarket\.local", mailto)
    assert optout.store_for_token(mailbox.group(1)) == (store, ADDRESS)
    assert headers["Reply-To"].startswith("reply+")
    assert headers["Reply-To"].endswith("@discountmarket.local")
    assert headers["X-DiscountMarket-Dispatch"] == str(bundle.dispatch_ids[0])


def test_the_shoppers_address_goes_only_where_the_shopper_allowed(store: Store) -> None:
    sharing = ask(store, share_contact=True, shopper__email="open@example.com")
    private = ask(store, title="Teapot", shopper__email="private@example.com")
    text = store_messages.compose_email(outreach(store, sharing, private)).text
    assert "open@example.com" in text and "private@example.com" not in text


def test_a_digest_lists_every_request_with_its_own_link(store: Store) -> None:
    first, second = (
        ask(store),
        ask(store, title="Cast-iron teapot", target_price=None, target_percent=Decimal("15")),
    )
    bundle = outreach(store, first, second)
    message = store_messages.compose_email(bundle)
    assert bundle.is_digest and message.subject == "2 shoppers ask Kettle & Co for a discount"
    assert "Copper kettle" in message.text and "Cast-iron teapot" in message.text
    assert "15%" in message.text
    assert answered_requests(message.text) == [(first.id, store.id), (second.id, store.id)]
    ids = ",".join(str(i) for i in bundle.dispatch_ids)
    assert message.headers["X-DiscountMarket-Dispatch"] == ids


def test_a_product_without_a_title_is_named_by_its_address(store: Store) -> None:
    request = ask(store, title=None)
    message = store_messages.compose_email(outreach(store, request))
    assert message.subject.endswith(f"a discount on {request.product.url}")


def test_a_store_is_written_to_in_its_language(app: Flask) -> None:
    store = StoreFactory(name="Зерно и пар", locale="ru")
    request = ask(store, title="Кофемолка")
    message = store_messages.compose_email(outreach(store, request))
    assert message.subject == "Зерно и пар: покупатель просит скидку на Кофемолка"
    assert "Quantity" not in message.text
    subject, text = store_messages.compose_form_message(outreach(store, request, address=None))
    assert subject == message.subject and "Quantity" not in text


def test_a_form_message_is_plain_text_with_the_same_links(store: Store) -> None:
    request = ask(store, note="Two, please.")
    subject, text = store_messages.compose_form_message(outreach(store, request, address=None))
    assert subject == "A shopper asks Kettle & Co for a discount on Copper kettle"
    assert "<" not in text and '"Two, please."' in text
    assert answered_requests(text) == [(request.id, store.id)]
    (opt_out,) = OPT_OUT_LINK.findall(text)
    assert optout.store_for_token(opt_out) == (store, None)  # a form has no address to suppress


def test_no_mailto_opt_out_carries_a_cut_token(store: Store) -> None:
    """A long address makes a long token; cut, it could never be verified: the message then
    offers the one-click link alone (which RFC 8058 asks for) and no broken mailbox."""
    address = "customer-service@kettle-and-teapot-emporium.example.co.uk"
    message = store_messages.compose_email(outreach(store, ask(store), address=address))
    (web,) = re.fullmatch(r"<(\S+)>", message.headers["List-Unsubscribe"]).groups()
    assert optout.store_for_token(OPT_OUT_LINK.fullmatch(web).group(1)) == (store, address)


def test_reply_address_and_sender_follow_the_configuration(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app(MAIL_REPLY_ADDRESS="answers-{token}@replies.example", SITE_NAME="PriceAsk")
    with app.app_context():
        reply = store_messages.reply_address([41, 42])
        assert re.fullmatch(r"answers-[\w.-]+@replies\.example", reply)
        assert reply != store_messages.reply_address([42, 41])  # named by the first dispatch
        assert store_messages.sender_name() == "PriceAsk, on behalf of a shopper"
        db.session.remove()


def test_dispatch_ids(store: Store) -> None:
    request = ask(store)
    email = DispatchFactory(request=request, store=store, channel=Channel.EMAIL)
    form = DispatchFactory(request=request, store=store, channel=Channel.FORM)
    assert store_messages.dispatch_ids([form, email]) == [form.id, email.id]


def test_a_shoppers_note_carries_no_address_to_a_store_unless_shared(store: Store) -> None:
    note = "Mail victim@elsewhere.example, see https://evil.example/x or call +44 20 7946 0000."
    hidden = ask(store, note=note)
    shared = ask(store, title="Steel kettle", note=note, share_contact=True)
    for request in (hidden, shared):
        message = store_messages.compose_email(outreach(store, request))
        _, text = store_messages.compose_form_message(outreach(store, request, address=None))
        for body in (message.text, message.html, text):
            for said in ("victim@elsewhere.example", "evil.example", "7946"):
                assert (said in body) is (request is shared), (said, request.share_contact)


def test_a_competitor_in_another_currency_is_asked_a_share_of_its_own_price(app: Flask) -> None:
    """A Russian shop is never asked "170,00 €": the ask goes as a percentage off its price."""
    lamps = StoreFactory(name="Lamps", domain="lamps.example")
    russian = StoreFactory(name="Лампы", domain="lampy.ru", locale="ru")
    request = DiscountRequestFactory(
        product__store=lamps,
        product__title="Lamp",
        product__price=Decimal("189.00"),
        product__currency="EUR",
        target_price=Decimal("170.00"),
    )
    db.session.commit()
    to_rival = store_messages.compose_email(outreach(russian, request, address="a@lampy.ru"))
    assert "€" not in to_rival.text and "170" not in to_rival.text
    assert re.search(r"около 10\s%", to_rival.text), to_rival.text
    to_own = store_messages.compose_email(outreach(lamps, request, address="a@lamps.example"))
    assert "€170.00" in to_own.text
    # A competitor asked without its own listing (an equivalent) is asked a share, never an
    # amount, whatever its currency; one whose own listing was found is asked about it.
    same = StoreFactory(name="Lamp Corner", domain="lampcorner.example")
    db.session.commit()
    equivalent = store_messages.compose_email(outreach(same, request, address="b@x.example"))
    assert "€" not in equivalent.text and "about 10%" in equivalent.text
    other = StoreFactory(name="Lamp House", domain="lamphouse.example")
    listing = ProductFactory(
        store=other, title="Lamp (House)", price=Decimal("185.00"), currency="EUR"
    )
    db.session.commit()
    told = outreach(other, request, address="c@x.example")
    DispatchFactory(request=request, store=other, channel=Channel.FORM, listing=listing)
    text = store_messages.compose_email(told).text
    assert "Lamp (House)" in text and listing.url in text and request.product.url not in text
    assert "You list it at €185.00." in text and "€170.00" in text


def test_a_reply_address_fits_a_mailbox_and_names_its_dispatch(store: Store) -> None:
    """RFC 5321: a local part has at most 64 characters (the old token had up to 120)."""
    bundle = outreach(store, ask(store))
    message = store_messages.compose_email(bundle)
    local, _, domain = message.headers["Reply-To"].partition("@")
    assert domain == "discountmarket.local" and len(local) <= 64
    token = local.removeprefix("reply+")
    assert tokens.dispatch_of_reply_token(token) == bundle.dispatch_ids[0]
    assert tokens.dispatch_of_reply_token(token.upper()) == bundle.dispatch_ids[0]  # lower-cased
    assert tokens.dispatch_of_reply_token(tampered(token)) is None  # forged
    assert tokens.dispatch_of_reply_token("zzzzzz-" + token.split("-")[1]) is None
    assert message.message_id == f"<dispatch-{bundle.dispatch_ids[0]}.{token}@discountmarket.local>"
    assert message.envelope_from == message.headers["Reply-To"]  # bounces come back to it
    assert len(tokens.reply_token(2**31 - 1)) <= 21


def test_the_envelope_sender_is_the_reply_address(make_app, smtp) -> None:  # type: ignore[no-untyped-def]
    """Through a real SMTP server: MAIL FROM is the per-dispatch address, so a bounce
    comes back to it; the visible From stays ours."""
    app = make_app(SMTP_URL=smtp.url, INBOUND_DOMAIN="in.shop-replies.example")
    with app.app_context():
        store = StoreFactory(name="Kettle & Co")
        bundle = outreach(store, ask(store))
        message = store_messages.compose_email(bundle)
        mail.SMTPBackend(smtp.url).send(message)
        (envelope,) = smtp.envelopes
        assert envelope.mail_from == message.headers["Reply-To"]
        assert envelope.mail_from.endswith("@in.shop-replies.example")
        assert smtp.messages[0]["Message-ID"] == message.message_id
        db.session.remove()


def test_a_reply_address_too_long_for_a_mailbox_is_refused_at_start(make_app) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ConfigError):
        make_app(
            MAIL_REPLY_ADDRESS="replies-to-the-discount-requests-of-our-shoppers+{token}@x.example"
        )


@pytest.mark.parametrize("found_by", ["reply address", "In-Reply-To only"])
def test_a_stores_reply_names_its_dispatch(store: Store, found_by: str) -> None:
    """What we send and what the inbound classifier reads agree: the token it extracts from
    a reply (to the reply address, or to our From address with only In-Reply-To) verifies."""
    bundle = outreach(store, ask(store))
    sent = store_messages.compose_email(bundle)
    to = sent.headers["Reply-To"] if found_by == "reply address" else sent.sender
    raw = (
        f"From: Kettle & Co <{ADDRESS}>\r\nTo: {to}\r\nSubject: Re: {sent.subject}\r\n"
        f"In-Reply-To: {sent.message_id}\r\nReferences: {sent.message_id}\r\n"
        "Message-ID: <r1@kettles.example>\r\nDate: Thu, 03 Dec 2026 12:00:00 +0000\r\n"
        "Content-Type: text/plain; charset=utf-8\r\n\r\n"
        "Hello, we can do EUR 80.00 for this kettle.\r\n"
    ).encode()
    found = classify(raw)
    assert found.kind == "reply"
    assert tokens.dispatch_of_reply_token(found.token) == bundle.dispatch_ids[0]


def test_a_product_without_a_title_is_named_once(store: Store) -> None:
    request = ask(store, title=None)
    text = store_messages.compose_email(outreach(store, request)).text
    assert text.count(request.product.url) == 1
