"""Authorization matrix: every route of the app, for every kind of visitor, by GET and POST.

The expected answer of each (method, route) is written down once in MATRIX, one column per
role. The URLs name real objects of one small world: shopper A's request, sent to store 1
and to its rival store 2; store 1's offer on it; an open escalation of store 1; and so on.
So the "other shopper" and "rival manager" columns test the object-level rules (whose
request, which store), not only the roles.

POSTs carry a valid CSRF token and harmless data: the point is the gate, not the effect.
Every refused request is checked to have changed nothing in the database. When an allowed
request did change something (an accept, a withdrawal...), every table is put back as it
was before the next request, so each cell sees the same world.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

import pytest
import sqlalchemy as sa
from flask import Flask
from werkzeug.test import TestResponse

from discountmarket.extensions import db
from discountmarket.models import (
    ContactKind,
    DispatchStatus,
    Escalation,
    MatchStatus,
    OfferStatus,
    ProductMatch,
    RequestStatus,
    Role,
    StoreContact,
    StoreMembership,
)
from discountmarket.services import accounts, claims, domain_optout, honour
from discountmarket.services.store_messages import opt_out_token
from tests.conftest import (
    AuthActions,
    FormPoster,
    csrf_token_from,
    discard_apps,
    new_app,
)
from tests.factories import (
    DiscountRequestFactory,
    DispatchFactory,
    OfferFactory,
    ProductFactory,
    StoreFactory,
    UserFactory,
    answer_token,
)
from tests.mailbox import link_in, messages_to

LOGIN = "login"  # 302 to the sign-in page (with ?next=)
ROLES = ("anonymous", "owner", "other shopper", "manager", "rival manager", "operator")
# What a refusal looks like; a refused request must leave the database as it was.
REFUSED = {LOGIN, 400, 403, 404, 405, 410}

# Columns, in ROLES order: anon; own = shopper A, who owns the request (and the reported
# offer's request); oth = shopper B; mgr = a manager of store 1 (the request's store, which
# made the offer and is escalated); riv = a manager of store 2, which was sent the same
# request; ops = an operator. LOGIN is "sent to sign in"; 404 for another's private object
# (not told apart from a missing one); 400 an authorised visitor's empty form.
# fmt: off
MATRIX: dict[str, tuple[int | str, ...]] = {
    #                                                             anon    own  oth  mgr  riv  ops
    "GET /":                                                      (200,   200, 200, 200, 200, 200),
    "GET /board":                                                 (200,   200, 200, 200, 200, 200),
    "GET /bot":                                                   (200,   200, 200, 200, 200, 200),
    "GET /static/<path:filename>":                                (200,   200, 200, 200, 200, 200),
    "POST /language":                                             (400,   400, 400, 400, 400, 400),
    "GET /r/<slug>":                                              (200,   200, 200, 200, 200, 200),
    "GET /r/<slug>/live":                                         (200,   200, 200, 200, 200, 200),
    # Accounts: signed-in visitors are sent home; the e-mailed links are the authorisation.
    "GET /auth/register":                                         (200,   302, 302, 302, 302, 302),
    "POST /auth/register":                                        (200,   302, 302, 302, 302, 302),
    "GET /auth/login":                                            (200,   302, 302, 302, 302, 302),
    "POST /auth/login":                                           (200,   302, 302, 302, 302, 302),
    "POST /auth/logout":                                          (LOGIN, 302, 302, 302, 302, 302),
    "POST /auth/logout-everywhere":                               (LOGIN, 302, 302, 302, 302, 302),
    "GET /auth/forgot-password":                                  (200,   200, 200, 200, 200, 200),
    "POST /auth/forgot-password":                                 (200,   200, 200, 200, 200, 200),
    "GET /auth/confirm/<token>":                                  (302,   302, 302, 302, 302, 302),
    "GET /auth/reset/<token>":                                    (200,   200, 200, 200, 200, 200),
    "POST /auth/reset/<token>":                                   (200,   200, 200, 200, 200, 200),
    # The shopper's own pages.
    "GET /my/requests":                                           (LOGIN, 200, 200, 403, 403, 403),
    "GET /my/requests/new":                                       (LOGIN, 200, 200, 403, 403, 403),
    "POST /my/requests/new":                                      (LOGIN, 200, 200, 403, 403, 403),
    "GET /my/requests/<int:request_id>":                          (LOGIN, 200, 404, 403, 403, 403),
    "GET /my/requests/<int:request_id>/live":                     (LOGIN, 200, 404, 403, 403, 403),
    "POST /my/requests/<int:request_id>/product":                 (LOGIN, 302, 404, 403, 403, 403),
    "POST /my/requests/preview":                                  (LOGIN, 200, 200, 403, 403, 403),
    "POST /my/requests/<int:request_id>/ask":                     (LOGIN, 302, 404, 403, 403, 403),
    "POST /my/requests/<int:request_id>/cancel":                  (LOGIN, 200, 404, 403, 403, 403),
    "POST /my/requests/<int:request_id>/reopen":                  (LOGIN, 302, 404, 403, 403, 403),
    "POST /my/requests/<int:request_id>/notifications":           (LOGIN, 302, 404, 403, 403, 403),
    "POST /my/offers/<int:offer_id>/accept":                      (LOGIN, 200, 404, 403, 403, 403),
    "POST /my/offers/<int:offer_id>/report":                      (LOGIN, 302, 404, 403, 403, 403),
    # Stores: the signed answer link is the authorisation (no account needed)...
    "GET /store/answer/<token>":                                  (200,   200, 200, 200, 200, 200),
    "POST /store/answer/<token>":                                 (200,   200, 200, 200, 200, 200),
    "POST /store/answer/<token>/withdraw":                        (302,   302, 302, 302, 302, 302),
    "POST /store/answer/<token>/contact":                         (302,   302, 302, 302, 302, 302),
    # Probes for supervisors and load balancers: anyone (they say nothing private).
    "GET /healthz":                                               (200,   200, 200, 200, 200, 200),
    "GET /readyz":                                                (200,   200, 200, 200, 200, 200),
    # A monitoring scraper's token is the authorisation (none set here).
    "GET /metrics":                                               (404,   404, 404, 404, 404, 404),
    # A mail provider's forwarding: the shared secret is the authorisation (none set here).
    "POST /inbound/mime":                                         (404,   404, 404, 404, 404, 404),
    "GET /store/optout/<token>":                                  (200,   200, 200, 200, 200, 200),
    "POST /store/optout/<token>":                                 (200,   200, 200, 200, 200, 200),
    # A site owner's domain opt-out: public; the proof (published code, mailed link) is the
    # authorisation. Without a domain the pages send the visitor back to the first step.
    "GET /store/optout":                                          (200,   200, 200, 200, 200, 200),
    "POST /store/optout":                                         (200,   200, 200, 200, 200, 200),
    "GET /store/optout-domain":                                   (302,   302, 302, 302, 302, 302),
    "POST /store/optout-domain/check":                            (302,   302, 302, 302, 302, 302),
    "POST /store/optout-domain/mail":                             (302,   302, 302, 302, 302, 302),
    "GET /store/optout-domain/confirm/<token>":                   (200,   200, 200, 200, 200, 200),
    "POST /store/optout-domain/confirm/<token>":                  (200,   200, 200, 200, 200, 200),
    # ...the portal is for managers, and a store's page for its own managers only.
    "GET /store/":                                                (LOGIN, 403, 403, 200, 200, 403),
    "GET /store/claim":                                           (LOGIN, 403, 403, 200, 200, 403),
    "POST /store/claim":                                          (LOGIN, 403, 403, 200, 200, 403),
    "GET /store/claim/<token>":                                   (LOGIN, 403, 403, 302, 302, 403),
    "GET /store/stores/<int:store_id>/requests/<int:request_id>": (LOGIN, 403, 403, 200, 404, 403),
    "POST /store/stores/<int:store_id>/requests/<int:request_id>":
                                                                  (LOGIN, 403, 403, 200, 404, 403),
    "POST /store/stores/<int:store_id>/requests/<int:request_id>/withdraw":
                                                                  (LOGIN, 403, 403, 302, 404, 403),
    "POST /store/stores/<int:store_id>/requests/<int:request_id>/contact":
                                                                  (LOGIN, 403, 403, 302, 404, 403),
    # The operator console.
    "POST /ops/time-zone":                                        (LOGIN, 403, 403, 403, 403, 302),
    "GET /ops/":                                                  (LOGIN, 403, 403, 403, 403, 200),
    "GET /ops/queue":                                             (LOGIN, 403, 403, 403, 403, 200),
    "GET /ops/metrics":                                           (LOGIN, 403, 403, 403, 403, 200),
    "GET /ops/mail":                                              (LOGIN, 403, 403, 403, 403, 200),
    "GET /ops/mail/<int:message_id>":                             (LOGIN, 403, 403, 403, 403, 200),
    "GET /ops/outbox":                                            (LOGIN, 403, 403, 403, 403, 301),
    "GET /ops/outbox/<int:message_id>":                           (LOGIN, 403, 403, 403, 403, 301),
    "GET /ops/dispatches":                                        (LOGIN, 403, 403, 403, 403, 200),
    "GET /ops/dispatches/<int:dispatch_id>":                      (LOGIN, 403, 403, 403, 403, 200),
    "POST /ops/dispatches/<int:dispatch_id>/revoke-link":         (LOGIN, 403, 403, 403, 403, 302),
    "GET /ops/shoppers/<int:shopper_id>":                         (LOGIN, 403, 403, 403, 403, 200),
    "POST /ops/shoppers/<int:shopper_id>/<any(hold, release):action>":
                                                                  (LOGIN, 403, 403, 403, 403, 302),
    "GET /ops/matches":                                           (LOGIN, 403, 403, 403, 403, 200),
    "POST /ops/matches/<int:match_id>/<any(confirm, reject):verdict>":
                                                                  (LOGIN, 403, 403, 403, 403, 302),
    "GET /ops/escalations/<int:escalation_id>":                   (LOGIN, 403, 403, 403, 403, 200),
    "POST /ops/escalations/<int:escalation_id>/claim":            (LOGIN, 403, 403, 403, 403, 302),
    "POST /ops/escalations/<int:escalation_id>/call":             (LOGIN, 403, 403, 403, 403, 302),
    "POST /ops/escalations/<int:escalation_id>/contacts":         (LOGIN, 403, 403, 403, 403, 302),
    "POST /ops/escalations/<int:escalation_id>/resend":           (LOGIN, 403, 403, 403, 403, 400),
    "POST /ops/escalations/<int:escalation_id>/do-not-contact":   (LOGIN, 403, 403, 403, 403, 302),
    "POST /ops/escalations/<int:escalation_id>/resolve":          (LOGIN, 403, 403, 403, 403, 302),
    "POST /ops/reports/<int:report_id>/<any(confirm, dismiss):decision>":
                                                                  (LOGIN, 403, 403, 403, 403, 302),
    "GET /ops/stores":                                            (LOGIN, 403, 403, 403, 403, 200),
    "GET /ops/stores/export.csv":                                 (LOGIN, 403, 403, 403, 403, 200),
    "GET /ops/stores/import":                                     (LOGIN, 403, 403, 403, 403, 200),
    "POST /ops/stores/import":                                    (LOGIN, 403, 403, 403, 403, 200),
    "GET /ops/stores/new":                                        (LOGIN, 403, 403, 403, 403, 200),
    "POST /ops/stores/new":                                       (LOGIN, 403, 403, 403, 403, 200),
    "GET /ops/stores/<int:store_id>":                             (LOGIN, 403, 403, 403, 403, 200),
    "GET /ops/stores/<int:store_id>/edit":                        (LOGIN, 403, 403, 403, 403, 200),
    "POST /ops/stores/<int:store_id>/edit":                       (LOGIN, 403, 403, 403, 403, 200),
    "POST /ops/stores/<int:store_id>/probe":                      (LOGIN, 403, 403, 403, 403, 302),
    "POST /ops/stores/<int:store_id>/contact-plan":               (LOGIN, 403, 403, 403, 403, 302),
    "POST /ops/stores/<int:store_id>/managers":                   (LOGIN, 403, 403, 403, 403, 400),
    "POST /ops/stores/<int:store_id>/contacts":                   (LOGIN, 403, 403, 403, 403, 400),
    "POST /ops/stores/<int:store_id>/contacts/<int:contact_id>/remove":
                                                                  (LOGIN, 403, 403, 403, 403, 302),
}
# fmt: on
T = TypeVar("T")
PARAMETER = re.compile(r"<(?:[^>]*:)?(\w+)>")
CHECKED_METHODS = ("GET", "POST")


@dataclass
class World:
    emails: dict[str, str]  # role -> e-mail address of its account
    params: dict[str, str]  # URL parameter -> value
    per_rule: dict[str, dict[str, str]]  # rule -> parameter values of its own
    post_data: dict[str, dict[str, str]]  # rule -> fields that get past validation to the gate

    def url(self, rule: str) -> str:
        values = {**self.params, **self.per_rule.get(rule, {})}
        return PARAMETER.sub(lambda match: values[match.group(1)], rule)


def build_world() -> World:
    owner = UserFactory(email="owner@example.com")
    other = UserFactory(email="other@example.com")
    manager = UserFactory(email="manager@example.com", role=Role.STORE_MANAGER)
    rival_manager = UserFactory(email="rival@example.com", role=Role.STORE_MANAGER)
    operator = UserFactory(email="operator@example.com", role=Role.OPERATOR)
    store = StoreFactory(name="Lamp Shop", domain="lamps.example")
    rival = StoreFactory(name="Rival Lamps")
    contact = StoreContact(store=store, kind=ContactKind.EMAIL, value="sales@lamps.example")
    db.session.add_all(
        [
            StoreMembership(user=manager, store=store),
            StoreMembership(user=rival_manager, store=rival),
            contact,
        ]
    )
    request = DiscountRequestFactory(shopper=owner, product=ProductFactory(store=store))
    dispatch = DispatchFactory(request=request, store=store, status=DispatchStatus.SENT)
    DispatchFactory(request=request, store=rival, status=DispatchStatus.SENT)
    offer = OfferFactory(request=request, store=store)
    done = DiscountRequestFactory(
        shopper=owner, product=ProductFactory(store=store), status=RequestStatus.FULFILLED
    )
    accepted = OfferFactory(request=done, store=store, status=OfferStatus.ACCEPTED)
    db.session.commit()
    # The owner reports the accepted offer as not honoured: that escalates store 1.
    report = honour.report(accepted.id, owner, "They would not honour it")
    escalation = db.session.scalar(sa.select(Escalation).filter_by(store_id=store.id))
    claims.start_claim(manager, store, contact.value)
    (claim_mail,) = messages_to(contact.value)
    claim_token = link_in(claim_mail, "/store/claim/").rsplit("/", 1)[1]
    link_token = answer_token(request, store)
    unsure = ProductMatch(
        product=request.product,
        store=rival,
        listing=ProductFactory(store=rival),
        status=MatchStatus.UNSURE,
        by="title",
        confidence=Decimal("0.7"),
        decided_at=datetime.now(UTC),
    )
    db.session.add(unsure)
    db.session.commit()
    domain_optout.mail_confirmation(store.domain, contact.value)
    domain_mail = messages_to(contact.value)[-1]
    domain_token = link_in(domain_mail, "/store/optout-domain/confirm/").rsplit("/", 1)[1]
    return World(
        emails={
            "owner": owner.email,
            "other shopper": other.email,
            "manager": manager.email,
            "rival manager": rival_manager.email,
            "operator": operator.email,
        },
        params={
            "filename": "css/app.css",
            "slug": request.public_slug,
            "request_id": str(request.id),
            "offer_id": str(offer.id),
            "store_id": str(store.id),
            "contact_id": str(contact.id),
            "escalation_id": str(escalation.id),
            "report_id": str(report.id),
            "decision": "dismiss",
            "message_id": str(claim_mail.id),
            "dispatch_id": str(dispatch.id),
            "shopper_id": str(owner.id),
            "action": "hold",
            "match_id": str(unsure.id),
            "verdict": "reject",
        },
        per_rule={
            "/my/offers/<int:offer_id>/report": {"offer_id": str(accepted.id)},
            "/auth/confirm/<token>": {"token": accounts.confirmation_token(owner)},
            "/auth/reset/<token>": {"token": accounts.reset_token(other)},
            "/store/answer/<token>": {"token": link_token},
            "/store/answer/<token>/withdraw": {"token": link_token},
            "/store/answer/<token>/contact": {"token": link_token},
            "/store/claim/<token>": {"token": claim_token},
            "/store/optout/<token>": {"token": opt_out_token(store, contact.value)},
            "/store/optout-domain/confirm/<token>": {"token": domain_token},
        },
        # These two views read the form before they look the offer up.
        post_data={
            "/my/offers/<int:offer_id>/accept": {"version": str(offer.version)},
            "/my/offers/<int:offer_id>/report": {"note": "Not honoured"},
        },
    )


Rows = list[list[tuple[Any, ...]]]


def every_row() -> Rows:
    """Every row of every table, as values: what ``restore`` puts back."""
    with db.engine.connect() as connection:
        return [
            [tuple(row) for row in connection.execute(table.select())]
            for table in db.metadata.sorted_tables
        ]


def restore(rows: Rows) -> None:
    """Put every table back as it was (same ids, so the links and sessions still hold)."""
    tables = db.metadata.sorted_tables
    with db.engine.begin() as connection:
        for table in reversed(tables):
            connection.execute(table.delete())
        for table, table_rows in zip(tables, rows, strict=True):
            if table_rows:
                names = table.columns.keys()
                # SQL NULL, not JSON null, where a JSON column was empty.
                values = [
                    {name: sa.null() if value is None else value for name, value in pairs}
                    for pairs in (zip(names, row, strict=True) for row in table_rows)
                ]
                connection.execute(table.insert().values(values))


def _as_text(table: sa.Table) -> sa.Select:
    cells = [sa.func.coalesce(sa.cast(column, sa.Text), "<null>") for column in table.columns]
    row = functools.reduce(lambda text, cell: text + "|" + cell, cells, sa.literal(table.name))
    return sa.select(row.label("row"))


@functools.cache
def _every_row_as_text() -> sa.CompoundSelect:
    return sa.union_all(*(_as_text(table) for table in db.metadata.sorted_tables))


def fingerprint() -> list[str]:
    """Every row of every table as text, in one query: cheap enough to take after every
    request (the database may be on the other end of a socket)."""
    with db.engine.connect() as connection:
        return sorted(connection.scalars(_every_row_as_text()))


class Visitors:
    """The world, and a signed-in session (cookie, CSRF token) for each role."""

    def __init__(self, app: Flask) -> None:
        self.app = app
        with app.app_context():
            self.world = build_world()
            db.session.remove()
        self.sessions = {role: self._sign_in(role) for role in ROLES}
        self.original_rows = self._in_app(every_row)
        self.original = self.state = self._in_app(fingerprint)

    def _in_app(self, action: Callable[..., T], *args: Any) -> T:
        with self.app.app_context():
            return action(*args)

    def restore(self) -> None:
        self._in_app(restore, self.original_rows)
        self.state = self._in_app(fingerprint)
        assert self.state == self.original, "the world could not be put back"

    def _sign_in(self, role: str) -> tuple[str, str]:
        client = self.app.test_client()
        if role != "anonymous":
            response = AuthActions(FormPoster(client)).login(self.world.emails[role])
            assert response.status_code == 302, f"{role} could not sign in"
        token = csrf_token_from(client.get("/").get_data(as_text=True))
        cookie = client.get_cookie("session")
        assert cookie is not None
        return cookie.value, token

    def send(self, method: str, rule: str, role: str) -> tuple[TestResponse, bool]:
        """The response to ``role`` in a fresh copy of its session, and whether the
        database changed."""
        cookie, token = self.sessions[role]
        client = self.app.test_client()
        client.set_cookie("session", cookie)
        data = {**self.world.post_data.get(rule, {}), "csrf_token": token}
        response = client.open(self.world.url(rule), method=method, data=data)
        response.get_data()  # read the body in, then close the file a static file streams
        response.close()
        state = self._in_app(fingerprint)
        changed, self.state = state != self.state, state
        return response, changed


def outcome(response: TestResponse) -> int | str:
    """The response as the matrix writes it."""
    if response.status_code == 302 and response.location.startswith("/auth/login?next="):
        return LOGIN
    if response.status_code == 403 and "Not allowed" not in response.get_data(as_text=True):
        return "403 without the error page"
    return response.status_code


@pytest.fixture(scope="module")
def visitors(database_url: str, instance_dir: Path, _schema: None) -> Iterator[Visitors]:
    # Many sign-ins from one address: the limits are tested in tests/test_security.py.
    app = new_app(
        database_url,
        instance_dir,
        LOGIN_RATE_LIMIT="10000 per minute",
        LOGIN_PER_ACCOUNT_RATE_LIMIT="10000 per minute",
        ACCOUNT_MAIL_RATE_LIMIT="10000 per minute",
    )
    try:
        yield Visitors(app)
    finally:
        discard_apps([app])


@pytest.mark.parametrize("route", MATRIX)
def test_each_role_gets_the_answer_written_down(visitors: Visitors, route: str) -> None:
    method, rule = route.split(" ", 1)
    wrong = []
    for role, expected in zip(ROLES, MATRIX[route], strict=True):
        response, changed = visitors.send(method, rule, role)
        seen = outcome(response)
        if seen != expected:
            wrong.append(f"{role}: expected {expected}, got {seen}")
        if changed:
            if REFUSED & {seen, expected}:
                wrong.append(f"{role}: refused, yet the database changed")
            visitors.restore()
    assert not wrong, f"{route} ({visitors.world.url(rule)}):\n" + "\n".join(wrong)


def test_lists_show_only_what_is_ones_own(visitors: Visitors) -> None:
    """The list pages pass the gate for everyone of the role; the rows must be their own."""
    world = visitors.world
    own_request = world.url("/my/requests/<int:request_id>")
    store_page = world.url("/store/stores/<int:store_id>/requests/<int:request_id>")
    for role, page, link, shown in [
        ("owner", "/my/requests", own_request, True),
        ("other shopper", "/my/requests", own_request, False),
        ("manager", "/store/", store_page, True),
        ("rival manager", "/store/", store_page, False),
    ]:
        response, _ = visitors.send("GET", page, role)
        assert (f'href="{link}"' in response.get_data(as_text=True)) is shown, (role, page)


def routes(app: Flask) -> set[str]:
    return {
        f"{method} {rule.rule}"
        for rule in app.url_map.iter_rules()
        for method in CHECKED_METHODS
        if method in rule.methods
    }


def test_every_route_has_a_row(visitors: Visitors) -> None:
    """A new route (or method) needs its row above; a removed one loses it."""
    actual = routes(visitors.app)
    assert actual - set(MATRIX) == set(), "routes with no row in MATRIX"
    assert set(MATRIX) - actual == set(), "rows in MATRIX for routes that are gone"


def test_methods_without_a_row_are_not_allowed(visitors: Visitors) -> None:
    rules = {rule.rule for rule in visitors.app.url_map.iter_rules()}
    others = {f"{m} {rule}" for rule in rules for m in CHECKED_METHODS} - routes(visitors.app)
    assert others, "every route takes both GET and POST?"
    for route in sorted(others):
        method, rule = route.split(" ", 1)
        for role in ("anonymous", "operator"):
            response, changed = visitors.send(method, rule, role)
            assert (response.status_code, changed) == (405, False), (route, role)
