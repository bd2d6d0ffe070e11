"""An operator holds a shopper's requests for review from the shopper's console page
(reached from the dispatch inspector) and releases them; audited, CSRF; the shopper reads
"waiting for review" on their request page."""

from __future__ import annotations

import sqlalchemy as sa
from flask import Flask

from discountmarket.extensions import db
from discountmarket.models import AuditEntry, DispatchStatus, Role, User
from tests.blueprints.test_ops_directory import ops, page
from tests.conftest import AuthActions, FormPoster
from tests.factories import DispatchFactory, UserFactory

__all__ = ["ops"]  # the fixture, used by name below


def test_an_operator_holds_and_releases_a_shoppers_requests(app: Flask, ops) -> None:  # type: ignore[no-untyped-def]
    shopper = UserFactory(email="buyer@example.com")
    dispatch = DispatchFactory(request__shopper=shopper, status=DispatchStatus.PENDING)
    db.session.commit()
    shopper_id, request_id = shopper.id, dispatch.request_id
    inspector = page(ops.client, f"/ops/dispatches/{dispatch.id}")
    assert f'href="/ops/shoppers/{shopper_id}"' in inspector and "buyer@example.com" in inspector

    console = f"/ops/shoppers/{shopper_id}"
    html = page(ops.client, console)
    assert "buyer@example.com" in html and "Hold this shopper" in html
    assert f"/ops/dispatches/{dispatch.id}" in html or str(request_id) in html

    # Without the CSRF token: refused, nothing changes.
    assert ops.client.post(f"{console}/hold").status_code == 400
    assert db.session.get(User, shopper_id).requests_held_at is None

    own = FormPoster(app.test_client())
    assert AuthActions(own).login("buyer@example.com").status_code == 302
    live = f"/my/requests/{request_id}/live"
    etag = own.client.get(live).headers["ETag"]

    response = ops.post(f"{console}/hold", {}, page=console, follow_redirects=True)
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "held for review" in html
    assert "Release" in html
    db.session.expire_all()
    assert db.session.get(User, shopper_id).requests_held_at is not None

    # The shopper reads it in plain words, on the page and in its live part.
    assert "waiting for review" in page(own.client, f"/my/requests/{request_id}")
    refreshed = own.client.get(live, headers={"If-None-Match": etag})
    assert refreshed.status_code == 200 and "waiting for review" in refreshed.get_data(True)

    response = ops.post(f"{console}/release", {}, page=console, follow_redirects=True)
    assert response.status_code == 200 and "released" in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(User, shopper_id).requests_held_at is None
    assert "waiting for review" not in page(own.client, f"/my/requests/{request_id}")
    actions = db.session.execute(
        sa.select(AuditEntry.action, AuditEntry.target_type, AuditEntry.target_id).order_by(
            AuditEntry.id
        )
    ).all()
    assert [tuple(row) for row in actions] == [
        ("hold_shopper", "user", shopper_id),
        ("release_shopper", "user", shopper_id),
    ]


def test_only_shoppers_have_a_console_page(app: Flask, ops) -> None:  # type: ignore[no-untyped-def]
    manager = UserFactory(role=Role.STORE_MANAGER)
    db.session.commit()
    assert ops.client.get(f"/ops/shoppers/{manager.id}").status_code == 404
    assert ops.client.get("/ops/shoppers/99999").status_code == 404
    response = ops.post(f"/ops/shoppers/{manager.id}/hold", {}, page="/ops/")
    assert response.status_code == 404
    assert db.session.get(User, manager.id).requests_held_at is None
