"""Stores answering through signed links and the portal; who may answer what."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
import sqlalchemy as sa
from flask import Flask

from discountmarket.extensions import db
from discountmarket.models import (
    AnswerLink,
    Channel,
    ContactKind,
    DispatchStatus,
    Offer,
    OfferKind,
    OfferRevision,
    OfferStatus,
    RequestStatus,
    Role,
    StoreContact,
    StoreMembership,
)
from discountmarket.services import answer_links, delivery, fanout
from tests.conftest import AuthActions, FormPoster
from tests.factories import (
    DiscountRequestFactory,
    DispatchFactory,
    StoreFactory,
    UserFactory,
    answer_token,
)
from tests.mailbox import link_in, messages_to


def in_days(days: int) -> str:
    return (date.today() + timedelta(days=days)).isoformat()


def offer_data(**overrides: str) -> dict[str, str]:
    data = {
        "kind": "offer",
        "price": "89.00",
        "terms": "Order by phone and mention the code.",
        "coupon_code": "SECRET-42",
        "extras": "Free delivery",
        "valid_until": in_days(10),
    }
    data.update(overrides)
    return data


@pytest.fixture
def asked(app: Flask):  # type: ignore[no-untyped-def]
    """An open request (list price 100 EUR) that reached its own store and a competitor."""
    request = DiscountRequestFactory(shopper_location="Prague")
    competitor = StoreFactory(name="Rival Shop")
    DispatchFactory(request=request, store=request.product.store, status=DispatchStatus.SENT)
    DispatchFactory(request=request, store=competitor, status=DispatchStatus.SENT)
    db.session.commit()
    return request, request.product.store, competitor


def answer_url(request, store) -> str:  # type: ignore[no-untyped-def]
    return "/store/answer/" + answer_token(request, store)


def test_answer_through_the_signed_link(app: Flask, asked) -> None:  # type: ignore[no-untyped-def]
    request, _own, competitor = asked
    url = answer_url(request, competitor)
    client = app.test_client()
    html = client.get(url).get_data(as_text=True)
    assert "Answering for Rival Shop" in html and "Asked by a shopper." in html
    # Nothing of the shopper (address, name, place) unless the shopper chose to share it.
    assert request.shopper.email not in html and "Prague" not in html

    response = FormPoster(client).post(url, offer_data())
    assert response.status_code == 302 and response.location == url
    offer = db.session.scalar(sa.select(Offer))
    assert (offer.store_id, offer.kind, offer.price, offer.currency) == (
        competitor.id,
        OfferKind.OFFER,
        Decimal("89.00"),
        "EUR",
    )
    assert offer.valid_until.date() == date.today() + timedelta(days=10)
    dispatch_status = db.session.execute(
        sa.text("SELECT status FROM dispatches WHERE store_id = :s"), {"s": competitor.id}
    ).scalar()
    assert dispatch_status == DispatchStatus.ANSWERED.value

    # Public page: the offer and its terms, never the coupon code.
    public = app.test_client().get(f"/r/{request.public_slug}").get_data(as_text=True)
    assert "Rival Shop" in public and "€89.00" in public and "Free delivery" in public
    assert "SECRET-42" not in public
    live = app.test_client().get(f"/r/{request.public_slug}/live").get_data(as_text=True)
    assert "Rival Shop" in live and "SECRET-42" not in live


def test_edit_keeps_history_and_withdraw_drops_the_offer(app: Flask, asked) -> None:  # type: ignore[no-untyped-def]
    request, store, _ = asked
    url = answer_url(request, store)
    forms = FormPoster(app.test_client())
    forms.post(url, offer_data(price="95.00"))
    forms.post(url, offer_data(price="92.50", extras="Free delivery and a gift"))
    offer = db.session.scalar(sa.select(Offer))
    assert offer.price == Decimal("92.50") and offer.version == 2 and offer.edited_at is not None
    (revision,) = db.session.scalars(sa.select(OfferRevision)).all()
    assert revision.terms["price"] == "95.00" and revision.terms["extras"] == "Free delivery"
    assert "edited" in app.test_client().get(f"/r/{request.public_slug}").get_data(as_text=True)

    # Sending the same terms again is not an edit.
    forms.post(url, offer_data(price="92.50", extras="Free delivery and a gift"))
    db.session.refresh(offer)
    assert offer.version == 2

    forms.post(url + "/withdraw", {}, page=url)
    db.session.refresh(offer)
    assert offer.status == OfferStatus.WITHDRAWN
    assert "€92.50" not in app.test_client().get(f"/r/{request.public_slug}").get_data(as_text=True)


def test_a_polite_decline(app: Flask, asked) -> None:  # type: ignore[no-untyped-def]
    request, store, _ = asked
    forms = FormPoster(app.test_client())
    forms.post(
        answer_url(request, store),
        {"kind": "decline", "message": "Our price is already the lowest; free delivery this week."},
    )
    offer = db.session.scalar(sa.select(Offer))
    assert offer.kind == OfferKind.DECLINE and offer.status == OfferStatus.DECLINED
    assert offer.price is None and offer.valid_until is None
    html = app.test_client().get(f"/r/{request.public_slug}").get_data(as_text=True)
    assert "no discount" in html and "free delivery this week" in html


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"price": "120.00"}, "price", "above the product&#39;s price"),
        ({"price": "", "percent": ""}, "price", "either a price or a percentage"),
        ({"price": "80", "percent": "10"}, "price", "either a price or a percentage"),
        ({"price": "", "percent": "95"}, "percent", "between 1 and 90"),
        ({"price": "", "percent": "0.5"}, "percent", "between 1 and 90"),
        ({"valid_until": in_days(-1)}, "valid_until", "valid in the future"),
        ({"valid_until": in_days(91)}, "valid_until", "90 days at most"),
        ({"valid_until": ""}, "valid_until", "until when"),
        ({"terms": ""}, "terms", "what the shopper must do"),
        ({"currency": "USD"}, "currency", "product&#39;s currency, EUR"),
    ],
)
def test_offer_rules(app: Flask, asked, overrides: dict, field: str, message: str) -> None:  # type: ignore[no-untyped-def]
    request, store, _ = asked
    response = FormPoster(app.test_client()).post(
        answer_url(request, store), offer_data(**overrides)
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert f'id="{field}-error"' in html and message in html
    assert db.session.scalar(sa.select(sa.func.count(Offer.id))) == 0


def test_percent_offer_ranks_by_effective_price(app: Flask, asked) -> None:  # type: ignore[no-untyped-def]
    request, store, competitor = asked
    forms = FormPoster(app.test_client())
    forms.post(answer_url(request, store), offer_data(price="", percent="15"))  # 85.00
    forms.post(answer_url(request, competitor), offer_data(price="88.00"))
    html = app.test_client().get(f"/r/{request.public_slug}").get_data(as_text=True)
    assert html.index("15% off") < html.index("€88.00")
    assert "≈ €85.00" in html


def test_tampered_revoked_and_foreign_links_are_refused(app: Flask, asked) -> None:  # type: ignore[no-untyped-def]
    request, store, competitor = asked
    url = answer_url(request, store)
    client = app.test_client()
    tampered = client.get(url[:-3] + "abc")
    assert tampered.status_code == 410 and "not valid" in tampered.get_data(as_text=True)

    # The token binds store and request: there is no way to name another store in it.
    link = db.session.scalar(sa.select(AnswerLink))
    assert (link.request_id, link.store_id) == (request.id, store.id)

    answer_links.revoke(request, store)
    revoked = client.get(url)
    assert revoked.status_code == 410 and "withdrawn" in revoked.get_data(as_text=True)
    assert (
        FormPoster(client).post(url, offer_data(), page=answer_url(request, competitor)).status_code
        == 410
    )
    assert db.session.scalar(sa.select(sa.func.count(Offer.id))) == 0
    # A fresh link works again; the old one stays dead.
    fresh = answer_url(request, store)
    assert (
        fresh != url and client.get(fresh).status_code == 200 and client.get(url).status_code == 410
    )


def test_a_link_shows_the_outcome_then_dies_with_its_request(app: Flask, asked) -> None:  # type: ignore[no-untyped-def]
    request, store, _ = asked
    url = answer_url(request, store)
    request.expires_at = datetime.now(UTC) - timedelta(minutes=1)
    db.session.commit()
    client = app.test_client()
    shown = client.get(url)
    assert shown.status_code == 200 and "This request is closed" in shown.get_data(as_text=True)
    refused = FormPoster(client).post(url, offer_data())
    assert refused.status_code == 410 and "cannot be answered" in refused.get_data(as_text=True)

    request.expires_at = datetime.now(UTC) - answer_links.RESULT_GRACE - timedelta(minutes=1)
    db.session.commit()
    response = client.get(url)
    assert response.status_code == 410 and "expired" in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count(Offer.id))) == 0


def test_a_closed_request_cannot_be_answered(app: Flask, asked) -> None:  # type: ignore[no-untyped-def]
    request, store, _ = asked
    url = answer_url(request, store)
    FormPoster(app.test_client()).post(url, offer_data())
    request.status, request.closed_at = RequestStatus.CANCELLED, datetime.now(UTC)
    db.session.commit()
    client = app.test_client()
    page = client.get(url)
    assert page.status_code == 200 and "This request is closed" in page.get_data(as_text=True)
    for target in (url, f"{url}/withdraw"):
        response = FormPoster(client).post(target, offer_data(price="50.00"), page=url)
        assert response.status_code == 410 and "cannot be answered" in response.get_data(
            as_text=True
        )
    offer = db.session.scalar(sa.select(Offer))
    assert (offer.status, offer.price) == (OfferStatus.ACTIVE, Decimal("89.00"))


@pytest.mark.parametrize("shared", [False, True])
def test_after_acceptance_the_store_sees_the_shopper_only_if_shared(
    app: Flask, asked, shared: bool
) -> None:  # type: ignore[no-untyped-def]
    request, store, _ = asked
    request.shopper.display_name = "Jana Novakova"
    request.share_contact = shared
    url = answer_url(request, store)
    FormPoster(app.test_client()).post(url, offer_data())
    offer = db.session.scalar(sa.select(Offer))
    offer.status = OfferStatus.ACCEPTED
    request.status, request.closed_at = RequestStatus.FULFILLED, datetime.now(UTC)
    db.session.commit()
    for page_url, client in (
        (url, app.test_client()),
        (f"/store/stores/{store.id}/requests/{request.id}", manager_of(app, store).client),
    ):
        html = client.get(page_url).get_data(as_text=True)
        assert "The shopper accepted your offer" in html
        for secret in (request.shopper.email, "Prague"):
            assert (secret in html) is shared, (page_url, secret)
        assert "Jana Novakova" not in html  # the name is never shown to a store


def manager_of(app: Flask, *stores, email: str = "m@shop.example") -> FormPoster:  # type: ignore[no-untyped-def]
    user = UserFactory(email=email, role=Role.STORE_MANAGER)
    for store in stores:
        db.session.add(StoreMembership(user=user, store=store))
    db.session.commit()
    forms = FormPoster(app.test_client())
    AuthActions(forms).login(email)
    return forms


def test_portal_answers_for_own_store_only(app: Flask, asked) -> None:  # type: ignore[no-untyped-def]
    request, store, competitor = asked
    forms = manager_of(app, store)
    portal = forms.client.get("/store/").get_data(as_text=True)
    assert request.product.title in portal
    own = f"/store/stores/{store.id}/requests/{request.id}"
    assert forms.post(own, offer_data()).status_code == 302
    offer = db.session.scalar(sa.select(Offer))
    assert offer.store_id == store.id and offer.author.email == "m@shop.example"

    # Another store's answer page, or a request the store was not asked: not found.
    assert (
        forms.client.get(f"/store/stores/{competitor.id}/requests/{request.id}").status_code == 404
    )
    unrelated = DiscountRequestFactory()
    db.session.commit()
    assert forms.client.get(f"/store/stores/{store.id}/requests/{unrelated.id}").status_code == 404


def test_manager_of_a_cannot_touch_b_offers(app: Flask, asked) -> None:  # type: ignore[no-untyped-def]
    request, store, competitor = asked
    FormPoster(app.test_client()).post(answer_url(request, competitor), offer_data())
    forms = manager_of(app, store)
    response = forms.post(
        f"/store/stores/{competitor.id}/requests/{request.id}/withdraw", {}, page="/store/"
    )
    assert response.status_code == 404
    assert db.session.scalar(sa.select(Offer.status)) == OfferStatus.ACTIVE


def test_claim_a_store_through_its_known_address(app: Flask) -> None:
    store = StoreFactory(domain="lamps.example", name="Lamp Shop")
    store.contacts.append(StoreContact(kind=ContactKind.EMAIL, value="owner@lamps.example"))
    db.session.commit()
    forms = manager_of(app, email="new.manager@example.com")
    page = forms.client.get("/store/claim?domain=lamps.example").get_data(as_text=True)
    assert "o***@lamps.example" in page and "owner@lamps.example" not in page
    forms.post("/store/claim?domain=lamps.example", {"address": "0"})
    (message,) = messages_to("owner@lamps.example")
    assert "new.manager@example.com" in message.text_body
    claim_path = link_in(message, "/store/claim/")

    # Somebody else signed in cannot use the link.
    intruder = manager_of(app, email="intruder@example.com")
    intruder.client.get(claim_path)
    assert db.session.scalar(sa.select(sa.func.count(StoreMembership.id))) == 0

    forms.client.get(claim_path)
    membership = db.session.scalar(sa.select(StoreMembership))
    assert membership.store_id == store.id and membership.user.email == "new.manager@example.com"
    assert "new.manager@example.com" in forms.client.get("/store/").get_data(as_text=True)


def test_claim_only_to_known_addresses(app: Flask) -> None:
    store = StoreFactory(domain="lamps.example")
    store.contacts.append(StoreContact(kind=ContactKind.EMAIL, value="owner@lamps.example"))
    db.session.commit()
    forms = manager_of(app, email="sneaky@example.com")
    for choice in ("sneaky@example.com", "1", "-1"):
        response = forms.post("/store/claim?domain=lamps.example", {"address": choice})
        assert "Not a valid choice" in response.get_data(as_text=True)
    assert messages_to("sneaky@example.com") == [] and messages_to("owner@lamps.example") == []


def test_claim_offers_only_addresses_on_the_stores_own_domain(app: Flask) -> None:
    store = StoreFactory(domain="lamps.example")
    for address in ("owner@lamps.example", "me@attacker.example", "shop@help.lamps.example"):
        store.contacts.append(StoreContact(kind=ContactKind.EMAIL, value=address))
    db.session.commit()
    forms = manager_of(app, email="sneaky@example.com")
    page = forms.client.get("/store/claim?domain=lamps.example").get_data(as_text=True)
    assert "o***@lamps.example" in page and "s***@help.lamps.example" in page
    assert "attacker.example" not in page
    for choice in ("0", "1"):
        forms.post("/store/claim?domain=lamps.example", {"address": choice})
    third = forms.post("/store/claim?domain=lamps.example", {"address": "2"})
    assert "Not a valid choice" in third.get_data(as_text=True)  # two choices only
    assert len(messages_to("owner@lamps.example")) == 1
    assert len(messages_to("shop@help.lamps.example")) == 1
    assert messages_to("me@attacker.example") == []


def test_a_store_without_an_address_on_its_domain_points_to_an_operator(app: Flask) -> None:
    store = StoreFactory(domain="lamps.example")
    store.contacts.append(StoreContact(kind=ContactKind.EMAIL, value="me@attacker.example"))
    db.session.commit()
    forms = manager_of(app, email="sneaky@example.com")
    page = forms.client.get("/store/claim?domain=lamps.example").get_data(as_text=True)
    assert "attacker.example" not in page
    assert "no e-mail address on lamps.example" in page and "operator will verify you" in page
    assert forms.post("/store/claim?domain=lamps.example", {"address": "0"}).status_code == 200
    assert messages_to("me@attacker.example") == []


def test_a_store_is_found_however_its_address_is_typed(app: Flask) -> None:
    StoreFactory(domain="lamps.example", name="Lamp Shop")
    StoreFactory(domain="xn--80aairftm.xn--p1ai", name="Магазин")
    db.session.commit()
    forms = manager_of(app, email="new.manager@example.com")
    for typed, name in (
        ("WWW.Lamps.Example.", "Lamp Shop"),
        ("https://shop.lamps.example/about?utm_source=x", "Lamp Shop"),
        ("магазин.рф", "Магазин"),
    ):
        page = forms.client.get("/store/claim", query_string={"domain": typed})
        assert name in page.get_data(as_text=True), typed
    unknown = forms.client.get("/store/claim", query_string={"domain": "javascript:alert(1)"})
    assert unknown.status_code == 200


def test_two_clear_ways_to_answer_with_required_fields_marked(app: Flask, asked) -> None:  # type: ignore[no-untyped-def]
    request, store, _ = asked
    html = app.test_client().get(answer_url(request, store)).get_data(as_text=True)
    offer_part = html[html.index('id="make-offer"') : html.index('id="decline"')]
    decline_part = html[html.index('id="decline"') :]
    assert 'name="price"' in offer_part and 'name="valid_until"' in offer_part
    # Declining shows a message box, not the offer's price, coupon or date.
    assert 'name="message"' in decline_part
    for offer_only in ('name="price"', 'name="coupon_code"', 'name="valid_until"'):
        assert offer_only not in decline_part[: decline_part.index("</section>")]
    assert offer_part.count("(required") == 3  # price-or-percent, terms, valid until
    assert "(required)" in decline_part[: decline_part.index("</section>")]


def test_after_sending_the_store_sees_its_offer_with_edit_and_withdraw(app: Flask, asked) -> None:  # type: ignore[no-untyped-def]
    request, store, _ = asked
    url = answer_url(request, store)
    forms = FormPoster(app.test_client())
    sent = forms.post(url, offer_data(price="91.00", coupon_code="SEE-ME"))
    page = forms.client.get(sent.location).get_data(as_text=True)
    assert "Your answer" in page and "€91.00" in page and "SEE-ME" in page
    assert "Edit my answer" in page and "Withdraw my answer" in page
    assert 'name="price"' not in page  # its offer, not a prefilled form
    editing = forms.client.get(f"{url}?edit=1").get_data(as_text=True)
    assert 'name="price"' in editing and 'value="91.00"' in editing


def test_a_stores_page_speaks_the_stores_language(app: Flask, asked) -> None:  # type: ignore[no-untyped-def]
    request, store, _ = asked
    store.locale = "ru"
    db.session.commit()
    url = answer_url(request, store)
    client = app.test_client()
    english_browser = {"Accept-Language": "en-GB,en;q=0.9"}
    page = client.get(url, headers=english_browser).get_data(as_text=True)
    assert '<html lang="ru">' in page and "Сделать предложение" in page
    # A reader who chose a language with the switcher keeps it.
    client.set_cookie("locale", "en")
    page = client.get(url, headers=english_browser).get_data(as_text=True)
    assert '<html lang="en">' in page and "Make an offer" in page


def test_a_store_says_how_it_prefers_to_be_contacted(app: Flask, asked) -> None:  # type: ignore[no-untyped-def]
    request, store, _ = asked
    store.last_probed_at = datetime.now(UTC)
    store.form_plan = {"submittable": True}
    store.contacts.append(StoreContact(kind=ContactKind.EMAIL, value=f"sales@{store.domain}"))
    waiting_form = DispatchFactory(request=request, store=store, channel=Channel.FORM)
    db.session.commit()
    assert fanout.channels_for(store) == [Channel.EMAIL, Channel.FORM]
    url = answer_url(request, store)
    forms = FormPoster(app.test_client())
    assert "How would you like us to write to you?" in forms.client.get(url).get_data(as_text=True)
    saved = forms.post(f"{url}/contact", {"channel": "email"}, page=url)
    assert saved.status_code == 302
    db.session.refresh(store)
    assert store.contact_preference == "email"
    assert fanout.channels_for(store) == [Channel.EMAIL]  # new requests: e-mail only
    # What was planned for the form is skipped when its time comes, not sent.
    delivery.deliver(waiting_form.id)
    db.session.refresh(waiting_form)
    assert (waiting_form.status, waiting_form.skip_reason) == (
        DispatchStatus.SKIPPED,
        "prefers_email",
    )
    forms.post(f"{url}/contact", {"channel": ""}, page=url)  # back to "as you see fit"
    db.session.refresh(store)
    assert store.contact_preference is None
