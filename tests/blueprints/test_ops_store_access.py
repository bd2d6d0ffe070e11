"""Operator actions on who may act for a store: withdrawing an answer link from the dispatch
inspector, and verifying a store manager from the store's page. Both audited."""

from __future__ import annotations

import sqlalchemy as sa
from flask import Flask

from discountmarket.extensions import db
from discountmarket.models import AuditEntry, DispatchStatus, Role, StoreMembership
from tests.blueprints.test_ops_directory import ops, page
from tests.conftest import AuthActions, FormPoster
from tests.factories import DispatchFactory, StoreFactory, UserFactory, answer_token

__all__ = ["ops"]  # the fixture, used by name below


def audit_actions() -> list[tuple[str, str, int]]:
    db.session.expire_all()
    return list(
        db.session.execute(
            sa.select(AuditEntry.action, AuditEntry.target_type, AuditEntry.target_id)
        )
    )


def test_an_operator_withdraws_an_answer_link(app: Flask, ops) -> None:  # type: ignore[no-untyped-def]
    dispatch = DispatchFactory(status=DispatchStatus.SENT)
    db.session.commit()
    request, store = dispatch.request, dispatch.store
    link = "/store/answer/" + answer_token(request, store)
    assert app.test_client().get(link).status_code == 200
    inspector = f"/ops/dispatches/{dispatch.id}"
    assert "Withdraw the answer link" in page(ops.client, inspector)

    # Without the CSRF token: refused, nothing changes.
    assert ops.client.post(f"{inspector}/revoke-link").status_code == 400
    assert app.test_client().get(link).status_code == 200 and audit_actions() == []

    response = ops.post(f"{inspector}/revoke-link", {}, page=inspector, follow_redirects=True)
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "answer link is withdrawn" in html
    assert "Withdrawn on" in html  # the inspector shows the link's state
    refused = app.test_client().get(link)
    assert refused.status_code == 410 and "withdrawn" in refused.get_data(as_text=True)
    assert audit_actions() == [("revoke_answer_link", "store", store.id)]


def test_withdrawing_a_link_never_issued_says_so(app: Flask, ops) -> None:  # type: ignore[no-untyped-def]
    dispatch = DispatchFactory(status=DispatchStatus.PENDING)
    db.session.commit()
    inspector = f"/ops/dispatches/{dispatch.id}"
    assert "No answer link has gone to this store" in page(ops.client, inspector)
    response = ops.post(f"{inspector}/revoke-link", {}, page=inspector, follow_redirects=True)
    assert "No answer link has gone to this store" in response.get_data(as_text=True)
    assert audit_actions() == []
    assert ops.post("/ops/dispatches/999999/revoke-link", {}, page=inspector).status_code == 404


def test_an_operator_verifies_a_store_manager(app: Flask, ops) -> None:  # type: ignore[no-untyped-def]
    store = StoreFactory(name="Lamp Shop", domain="lamps.example")
    manager = UserFactory(email="max@lamps-owner.example", role=Role.STORE_MANAGER)
    db.session.commit()
    store_page = f"/ops/stores/{store.id}"
    assert "Verify and grant the store" in page(ops.client, store_page)
    url = f"{store_page}/managers"

    assert ops.client.post(url, data={"email": manager.email}).status_code == 400  # no CSRF
    response = ops.post(url, {"email": " Max@Lamps-Owner.example "}, page=store_page)
    assert response.status_code == 302 and response.location == store_page
    html = page(ops.client, store_page)
    assert "max@lamps-owner.example now manages Lamp Shop" in html
    assert "max@lamps-owner.example" in html.split("Managers", 1)[1]
    assert audit_actions() == [("verify_manager", "store", store.id)]

    members = db.session.execute(sa.select(StoreMembership.user_id, StoreMembership.store_id))
    assert list(members) == [(manager.id, store.id)]
    # The manager's portal has the store at once.
    portal = FormPoster(app.test_client())
    assert AuthActions(portal).login(manager.email).status_code == 302
    assert "Lamp Shop" in page(portal.client, "/store/")


def test_only_a_store_manager_account_is_verified(app: Flask, ops) -> None:  # type: ignore[no-untyped-def]
    store = StoreFactory()
    UserFactory(email="shopper@example.com", role=Role.SHOPPER)
    db.session.commit()
    store_page = f"/ops/stores/{store.id}"
    for email, message in (
        ("nobody@example.com", "No store manager account has this address."),
        ("shopper@example.com", "No store manager account has this address."),
        ("not an address", "Give the address of a store manager&#39;s account."),
    ):
        response = ops.post(
            f"{store_page}/managers", {"email": email}, page=store_page, follow_redirects=True
        )
        assert response.status_code == 200 and message in response.get_data(as_text=True), email
    assert db.session.scalar(sa.select(sa.func.count(StoreMembership.id))) == 0
    assert audit_actions() == []
    assert (
        ops.post(
            "/ops/stores/999999/managers", {"email": "x@example.com"}, page=store_page
        ).status_code
        == 404
    )
