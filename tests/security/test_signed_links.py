"""Signed links are refused when tampered with, expired, revoked, or carried over to another
purpose, store or request; a refused link changes nothing.

Complements tests/blueprints/test_store_answers.py (answer links: tampered and revoked on
GET, ending with their request), tests/blueprints/test_auth.py (account links) and
tests/services/test_delivery.py (one-click opt-out, forged opt-out POST).
"""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from discountmarket.extensions import db
from discountmarket.models import (
    ContactKind,
    Dispatch,
    DispatchStatus,
    Offer,
    OfferStatus,
    Store,
    StoreContact,
    StoreMembership,
    StoreStatus,
    User,
)
from discountmarket.services import accounts, answer_links, claims
from discountmarket.services.store_messages import opt_out_token
from tests.blueprints.test_store_answers import answer_url, asked, manager_of, offer_data
from tests.conftest import FormPoster
from tests.factories import DiscountRequestFactory, DispatchFactory, UserFactory, answer_token
from tests.mailbox import link_in, messages_to

__all__ = ["asked"]  # the fixture, used by name below


def tampered(url: str) -> str:
    """The same link with the end of its signature changed."""
    return url[:-4] + ("BBBB" if url.endswith("AAAA") else "AAAA")


def offers() -> list[tuple[int, int, OfferStatus, str, int]]:
    db.session.expire_all()
    rows = db.session.execute(
        sa.select(Offer.request_id, Offer.store_id, Offer.status, Offer.price, Offer.version)
    )
    return sorted((r, s, status, str(price), version) for r, s, status, price, version in rows)


@pytest.mark.parametrize("how", ["tampered", "expired", "revoked"])
def test_a_refused_answer_link_neither_answers_nor_withdraws(
    app: Flask, asked, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:  # type: ignore[no-untyped-def]
    request, store, _ = asked
    forms = FormPoster(app.test_client())
    url = answer_url(request, store)
    assert forms.post(url, offer_data(price="89.00")).status_code == 302
    before = offers()
    if how == "tampered":
        url = tampered(url)
    elif how == "expired":  # older than a link may live (the request itself is still open)
        monkeypatch.setattr(answer_links, "MAX_AGE", -1)
    else:
        answer_links.revoke(request, store)
    reason = {"tampered": "not valid", "expired": "expired", "revoked": "withdrawn"}[how]
    page = forms.client.get(url)
    assert page.status_code == 410 and reason in page.get_data(as_text=True)
    assert forms.post(url, offer_data(price="50.00"), page="/").status_code == 410
    assert forms.post(f"{url}/withdraw", {}, page="/").status_code == 410
    assert offers() == before


def test_a_link_acts_only_for_its_own_store_and_request(app: Flask, asked) -> None:  # type: ignore[no-untyped-def]
    request, store, rival = asked
    second = DiscountRequestFactory(product=request.product)
    DispatchFactory(request=second, store=store, status=DispatchStatus.SENT)
    db.session.commit()
    forms = FormPoster(app.test_client())
    links = {
        (request.id, store.id): answer_url(request, store),
        (request.id, rival.id): answer_url(request, rival),
        (second.id, store.id): answer_url(second, store),
    }
    for url in links.values():
        assert forms.post(url, offer_data()).status_code == 302
    # Each link withdraws its own answer, and nothing of another store or request.
    done = set()
    for pair, url in links.items():
        assert forms.post(f"{url}/withdraw", {}, page=url).status_code == 302
        done.add(pair)
        assert {
            (r, s) for r, s, status, _, _ in offers() if status == OfferStatus.WITHDRAWN
        } == done


def refused(client: FlaskClient, purpose: str, token: str) -> bool:
    """Whether the link page of ``purpose`` turns ``token`` away."""
    response = client.get(PAGES[purpose].format(token=token))
    if purpose == "answer":
        return response.status_code == 410
    if purpose == "opt-out":
        return response.status_code == 400
    return response.status_code == 302 and response.location == REFUSED_TO[purpose]


PAGES = {
    "answer": "/store/answer/{token}",
    "opt-out": "/store/optout/{token}",
    "claim": "/store/claim/{token}",
    "confirm": "/auth/confirm/{token}",
    "reset": "/auth/reset/{token}",
}
REFUSED_TO = {"claim": "/store/claim", "confirm": "/auth/login", "reset": "/auth/forgot-password"}


def test_a_token_is_good_for_its_own_purpose_only(app: Flask, asked) -> None:  # type: ignore[no-untyped-def]
    request, store, _ = asked
    owner = f"owner@{store.domain}"  # a claim goes to the store's own domain only
    store.contacts.append(StoreContact(kind=ContactKind.EMAIL, value=owner))
    db.session.commit()
    manager = manager_of(app, email="claimer@example.com")  # a manager of no store yet
    claimant = db.session.scalar(sa.select(User).filter_by(email="claimer@example.com"))
    user = UserFactory(email="new@example.com", email_confirmed_at=None)
    db.session.commit()
    claims.start_claim(claimant, store, owner)
    tokens = {
        "answer": answer_token(request, store),
        "opt-out": opt_out_token(store, owner),
        "claim": link_in(messages_to(owner)[0], "/store/claim/").split("/")[-1],
        "confirm": accounts.confirmation_token(user),
        "reset": accounts.reset_token(user),
    }
    for made_for, token in tokens.items():
        for purpose in PAGES:
            if purpose != made_for:
                assert refused(manager.client, purpose, token), (made_for, purpose)
    db.session.expire_all()
    assert db.session.scalar(sa.select(sa.func.count(StoreMembership.id))) == 0
    assert db.session.get(Store, store.id).status == StoreStatus.ACTIVE
    assert user.email_confirmed_at is None

    # Each token works where it belongs: the refusals above are not a broken page.
    def open_with(purpose: str):  # type: ignore[no-untyped-def]
        return manager.client.get(PAGES[purpose].format(token=tokens[purpose]))

    assert open_with("answer").status_code == 200
    assert open_with("opt-out").status_code == 200
    assert open_with("reset").status_code == 200
    assert open_with("claim").location == "/store/"
    # Confirms the new user's address, and signs nobody in (nor the manager out).
    assert open_with("confirm").location == "/auth/login"
    db.session.refresh(user)
    assert user.email_confirmed_at is not None
    assert manager.client.get("/auth/login").location == "/store/"


@pytest.mark.parametrize("how", ["tampered", "expired", "address gone"])
def test_a_refused_claim_link_makes_nobody_a_manager(
    app: Flask, asked, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:  # type: ignore[no-untyped-def]
    _, store, _ = asked
    owner = f"owner@{store.domain}"
    store.contacts.append(StoreContact(kind=ContactKind.EMAIL, value=owner))
    db.session.commit()
    forms = manager_of(app, email="claimer@example.com")
    forms.post(f"/store/claim?domain={store.domain}", {"address": "0"})
    path = link_in(messages_to(owner)[0], "/store/claim/")
    if how == "tampered":
        path = tampered(path)
    elif how == "expired":
        monkeypatch.setattr(claims, "MAX_AGE", -1)
    else:  # the address the link went to is no longer the store's
        store.contacts.clear()
        db.session.commit()
    response = forms.client.get(path)
    assert response.status_code == 302 and response.location == "/store/claim"
    assert db.session.scalar(sa.select(sa.func.count(StoreMembership.id))) == 0


def test_an_opt_out_link_stops_its_own_store_only(app: Flask, asked) -> None:  # type: ignore[no-untyped-def]
    _, store, rival = asked
    pending = DispatchFactory(request=DiscountRequestFactory(), store=rival)
    db.session.commit()
    client = app.test_client()
    assert client.get(tampered("/store/optout/" + opt_out_token(store, None))).status_code == 400
    assert client.post("/store/optout/" + opt_out_token(store, None)).status_code == 200
    db.session.expire_all()
    assert db.session.get(Store, store.id).status == StoreStatus.OPTED_OUT
    assert db.session.get(Store, rival.id).status == StoreStatus.ACTIVE
    assert db.session.get(Dispatch, pending.id).status == DispatchStatus.PENDING
