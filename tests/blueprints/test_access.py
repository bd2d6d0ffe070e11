"""Who reaches which page: every role kept out of the others' pages."""

from __future__ import annotations

import pytest
from flask import Flask

from discountmarket.extensions import db
from discountmarket.models import Role
from tests.conftest import AuthActions, FormPoster
from tests.factories import UserFactory

# page -> expected status for anonymous, shopper, store manager, operator.
# 302 means "sent to the sign-in page"; 404 means allowed in, but no such message.
MATRIX = {
    "/": (200, 200, 200, 200),
    "/board": (200, 200, 200, 200),
    "/bot": (200, 200, 200, 200),
    "/my/requests": (302, 200, 403, 403),
    "/my/requests/new": (302, 200, 403, 403),
    "/my/requests/999999": (302, 404, 403, 403),
    "/store/claim": (302, 403, 200, 403),
    "/store/stores/1/requests/1": (302, 403, 404, 403),
    "/store/": (302, 403, 200, 403),
    "/ops/": (302, 403, 403, 200),
    "/ops/outbox": (302, 403, 403, 200),
    "/ops/outbox/999999": (302, 403, 403, 404),
    "/ops/stores": (302, 403, 403, 200),
    "/ops/stores/new": (302, 403, 403, 200),
    "/ops/stores/import": (302, 403, 403, 200),
    "/ops/stores/export.csv": (302, 403, 403, 200),
    "/ops/stores/999999": (302, 403, 403, 404),
    "/ops/stores/999999/edit": (302, 403, 403, 404),
    "/ops/queue": (302, 403, 403, 200),
    "/ops/escalations/999999": (302, 403, 403, 404),
    "/ops/metrics": (302, 403, 403, 200),
    "/ops/dispatches": (302, 403, 403, 200),
    "/ops/dispatches/999999": (302, 403, 403, 404),
}
# Rules that are public, or checked by their own tests (signed links, forms).
OPEN_RULES = {
    "/static/<path:filename>",
    "/auth/register",
    "/auth/login",
    "/auth/logout",
    "/auth/forgot-password",
    "/auth/confirm/<token>",
    "/auth/reset/<token>",
    "/language",
    "/r/<slug>",
    "/r/<slug>/live",
    "/store/answer/<token>",
    "/store/answer/<token>/withdraw",
    # Object-level rules (owner, manager of that store) are tested in their own modules:
    "/my/requests/<int:request_id>/live",
    "/my/requests/<int:request_id>/product",
    "/my/requests/<int:request_id>/cancel",
    "/my/requests/<int:request_id>/reopen",
    "/my/requests/<int:request_id>/notifications",
    "/my/offers/<int:offer_id>/accept",
    "/store/stores/<int:store_id>/requests/<int:request_id>/withdraw",
    "/store/claim/<token>",
    "/store/optout/<token>",
    # Store directory actions (POST only), tested per role in test_ops_directory.py:
    "/ops/stores/<int:store_id>/probe",
    "/ops/stores/<int:store_id>/contacts",
    "/ops/stores/<int:store_id>/contacts/<int:contact_id>/remove",
    # Escalation actions: operator-only (role_required), tested in test_ops_queue.py.
    "/ops/escalations/<int:escalation_id>/claim",
    "/ops/escalations/<int:escalation_id>/call",
    "/ops/escalations/<int:escalation_id>/contacts",
    "/ops/escalations/<int:escalation_id>/resend",
    "/ops/escalations/<int:escalation_id>/do-not-contact",
    "/ops/escalations/<int:escalation_id>/resolve",
    "/ops/reports/<int:report_id>/<any(confirm, dismiss):decision>",
    "/my/offers/<int:offer_id>/report",
}
RULE_OF = {
    "/ops/outbox/999999": "/ops/outbox/<int:message_id>",
    "/ops/stores/999999": "/ops/stores/<int:store_id>",
    "/ops/stores/999999/edit": "/ops/stores/<int:store_id>/edit",
    "/ops/escalations/999999": "/ops/escalations/<int:escalation_id>",
    "/ops/dispatches/999999": "/ops/dispatches/<int:dispatch_id>",
    "/my/requests/999999": "/my/requests/<int:request_id>",
    "/store/stores/1/requests/1": "/store/stores/<int:store_id>/requests/<int:request_id>",
}
ROLES = (None, Role.SHOPPER, Role.STORE_MANAGER, Role.OPERATOR)


@pytest.mark.parametrize("path", MATRIX)
@pytest.mark.parametrize(
    "index", range(len(ROLES)), ids=["anonymous", "shopper", "manager", "operator"]
)
def test_role_matrix(app: Flask, path: str, index: int) -> None:
    client = app.test_client()
    role = ROLES[index]
    if role is not None:
        UserFactory(email="who@example.com", role=role)
        db.session.commit()
        assert AuthActions(FormPoster(client)).login("who@example.com").status_code == 302
    response = client.get(path)
    assert response.status_code == MATRIX[path][index]
    if response.status_code == 302:
        assert response.location.startswith("/auth/login?next=")
    if response.status_code == 403:
        assert "Not allowed" in response.get_data(as_text=True)


def test_every_route_is_in_the_matrix_or_public(app: Flask) -> None:
    """A new page must be added to the matrix above (or to the known public list)."""
    covered = {RULE_OF.get(path, path) for path in MATRIX}
    rules = {rule.rule for rule in app.url_map.iter_rules()}
    assert rules - OPEN_RULES - covered == set()
