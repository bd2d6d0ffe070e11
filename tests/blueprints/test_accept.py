"""Accepting an offer closes the loop: the request is fulfilled and the stores are told."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

from flask import Flask

from discountmarket.extensions import db
from discountmarket.models import (
    ContactKind,
    DispatchStatus,
    OfferStatus,
    RequestStatus,
    StoreContact,
)
from tests.conftest import AuthActions, FormPoster
from tests.factories import DiscountRequestFactory, DispatchFactory, OfferFactory, StoreFactory
from tests.mailbox import messages_to


def setup_request(shopper_email: str = "s@example.com", share_contact: bool = True):  # type: ignore[no-untyped-def]
    request = DiscountRequestFactory(shopper__email=shopper_email, share_contact=share_contact)
    own = request.product.store
    rival = StoreFactory(name="Rival")
    for store, address in ((own, "sales@own.example"), (rival, "sales@rival.example")):
        store.contacts.append(StoreContact(kind=ContactKind.EMAIL, value=address))
        DispatchFactory(request=request, store=store, status=DispatchStatus.SENT)
    mine = OfferFactory(request=request, store=own, price=Decimal("90"), coupon_code="OWN-1")
    theirs = OfferFactory(request=request, store=rival, price=Decimal("85"), coupon_code="RIV-2")
    db.session.commit()
    return request, mine, theirs


def signed_in(app: Flask, email: str) -> FormPoster:
    forms = FormPoster(app.test_client())
    AuthActions(forms).login(email)
    return forms


def accept(forms: FormPoster, offer, version: int | None = None, confirmed: str = "1"):  # type: ignore[no-untyped-def]
    page = f"/my/requests/{offer.request_id}"
    data = {"version": str(version or offer.version), "confirmed": confirmed}
    return forms.post(f"/my/offers/{offer.id}/accept", data, page=page)


def test_accepting_fulfils_the_request_and_tells_the_stores(app: Flask) -> None:
    request, mine, theirs = setup_request()
    forms = signed_in(app, "s@example.com")
    page = forms.client.get(f"/my/requests/{request.id}").get_data(as_text=True)
    assert "OWN-1" in page and "RIV-2" in page  # the shopper sees the coupon codes
    offers_html = page[page.index('class="offer-list"') :]
    assert offers_html.index("Rival") < offers_html.index(mine.store.name)  # cheapest first

    theirs.store.name = "Rival Ltd."  # a name ending in a full stop ends no sentence
    db.session.commit()
    response = accept(forms, theirs)
    assert response.status_code == 302
    shown = forms.client.get(response.location).get_data(as_text=True)
    assert "Offer from Rival Ltd. accepted: the store has your e-mail address" in shown
    db.session.expire_all()
    assert request.status == RequestStatus.FULFILLED and request.closed_at is not None
    assert theirs.status == OfferStatus.ACCEPTED and mine.status == OfferStatus.ACTIVE

    (won,) = messages_to("sales@rival.example")
    assert won.subject == "A shopper accepted your offer"
    assert "s@example.com" in won.text_body and "RIV-2" in won.text_body
    (closed,) = messages_to("sales@own.example")
    assert closed.subject == "A discount request has closed"
    assert "s@example.com" not in closed.text_body

    # A second click changes nothing and sends nothing more.
    accept(forms, theirs)
    assert len(messages_to("sales@rival.example")) == 1
    # And no other offer can be accepted any more.
    accept(forms, mine)
    db.session.expire_all()
    assert mine.status == OfferStatus.ACTIVE


def test_accepting_what_changed_meanwhile_is_refused(app: Flask) -> None:
    request, mine, _ = setup_request()
    forms = signed_in(app, "s@example.com")
    stale_version = mine.version
    mine.version += 1  # the store edited its offer after the page was shown
    db.session.commit()
    html = accept(forms, mine, version=stale_version)
    assert html.status_code == 302
    db.session.expire_all()
    assert request.status == RequestStatus.OPEN and mine.status == OfferStatus.ACTIVE


def test_withdrawn_expired_and_foreign_offers_cannot_be_accepted(app: Flask) -> None:
    request, mine, theirs = setup_request()
    mine.status = OfferStatus.WITHDRAWN
    theirs.valid_until = datetime.now(UTC) - timedelta(minutes=5)
    db.session.commit()
    forms = signed_in(app, "s@example.com")
    accept(forms, mine)
    accept(forms, theirs)
    db.session.expire_all()
    assert request.status == RequestStatus.OPEN
    assert {mine.status, theirs.status} == {OfferStatus.WITHDRAWN, OfferStatus.ACTIVE}

    other_request, other_offer, _ = setup_request("other@example.com")
    assert accept(forms, other_offer).status_code == 404
    db.session.expire_all()
    assert other_request.status == RequestStatus.OPEN


def test_accept_needs_a_token_and_a_version(app: Flask) -> None:
    _, mine, _ = setup_request()
    forms = signed_in(app, "s@example.com")
    assert (
        forms.client.post(f"/my/offers/{mine.id}/accept", data={"version": "1"}).status_code == 400
    )
    response = forms.post(f"/my/offers/{mine.id}/accept", {}, page="/my/requests")
    assert response.status_code == 400


def test_a_refused_accept_goes_back_to_the_requests_offers(app: Flask) -> None:
    """Never to the Referer (the confirmation page, or a page elsewhere)."""
    request, mine, _ = setup_request()
    forms = signed_in(app, "s@example.com")
    mine.version += 1  # refused: the offer changed
    db.session.commit()
    page = f"/my/requests/{request.id}"
    for referer in ("https://evil.example/phish", "//evil.example/phish", page):
        response = forms.post(
            f"/my/offers/{mine.id}/accept",
            {"version": str(mine.version - 1), "confirmed": "1"},
            page=page,
            headers={"Referer": referer},
        )
        assert response.status_code == 302
        assert response.location == page, referer


def test_accepting_asks_first_and_says_what_will_happen(app: Flask) -> None:
    request, mine, _theirs = setup_request(share_contact=False)
    forms = signed_in(app, "s@example.com")
    asked = accept(forms, mine, confirmed="")
    shown = asked.get_data(as_text=True)
    assert asked.status_code == 200 and "Yes, accept this offer" in shown
    assert "Your e-mail address stays private" in shown
    db.session.expire_all()
    assert request.status == RequestStatus.OPEN and mine.status == OfferStatus.ACTIVE
    assert not messages_to("sales@own.example")

    response = accept(forms, mine)  # the confirmation
    shown = forms.client.get(response.location).get_data(as_text=True)
    assert "Your e-mail address was not shared" in shown  # never "the store has it"
    assert "the store has your e-mail address" not in shown
    db.session.expire_all()
    assert mine.status == OfferStatus.ACCEPTED
    (won,) = messages_to("sales@own.example")
    assert "s@example.com" not in won.text_body and "s@example.com" not in won.html_body
    assert "chose not to share their e-mail address" in won.text_body


def test_the_winner_shows_how_to_buy_on_the_page_and_in_a_summary(app: Flask) -> None:
    request, mine, _theirs = setup_request(share_contact=False)
    mine.terms = "Collect in the shop on Saturday."
    own_address = f"orders@{mine.store.domain}"
    mine.store.contacts.append(StoreContact(kind=ContactKind.EMAIL, value=own_address))
    db.session.commit()
    forms = signed_in(app, "s@example.com")
    response = accept(forms, mine)  # the request's own store: its product page
    page = forms.client.get(response.location).get_data(as_text=True)
    buy = page[page.index("How to buy from") :]
    assert f'href="{request.product.url}"' in buy and "Open the product in the store" in buy
    assert "OWN-1" in buy and "Collect in the shop on Saturday." in buy
    # Its address on its own domain, not one merely found on its pages elsewhere.
    assert own_address in buy and "sales@own.example" not in buy
    assert "The store does not have your e-mail address." in buy
    (summary,) = messages_to("s@example.com")
    assert summary.subject == f"Your deal with {mine.store.name}"
    assert request.product.url in summary.text_body and "OWN-1" in summary.text_body
    assert "does not have your e-mail address" in summary.text_body
    assert "RIV-2" not in summary.text_body


def test_a_rivals_win_points_to_the_rivals_site(app: Flask) -> None:
    _request, _mine, theirs = setup_request()
    forms = signed_in(app, "s@example.com")
    response = accept(forms, theirs)
    buy = forms.client.get(response.location).get_data(as_text=True)
    buy = buy[buy.index("How to buy from") :]
    assert f'href="{theirs.store.homepage}"' in buy and "find the same product there" in buy
    assert "The store has your e-mail address to complete the sale." in buy
