"""Accessible pages: every form control named by a label, errors tied to their fields,
a skip link, a live region for toasts, and no control or link without a name.

Each role's pages are rendered from a world with every kind of record (the stored-XSS
sweep's world) and read with BeautifulSoup, as a screen reader would find them.
"""

from __future__ import annotations

from bs4 import BeautifulSoup, Tag
from flask import Flask
from flask.testing import FlaskClient

from discountmarket.extensions import db
from discountmarket.models import Escalation, FetchStatus, Store, User
from tests.conftest import FormPoster
from tests.factories import DiscountRequestFactory, ProductFactory
from tests.security.test_stored_xss import World, build_world, get, signed_in

UNNAMED_INPUTS = {"hidden", "submit", "button", "reset", "image"}


def soup(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def has_label(page: BeautifulSoup, control: Tag) -> bool:
    if control.get("aria-label") or control.get("aria-labelledby"):
        return True
    wrapping = control.find_parent("label")
    if wrapping is not None and wrapping.get_text(strip=True):
        return True
    control_id = control.get("id")
    label = page.find("label", attrs={"for": control_id}) if control_id else None
    return label is not None and bool(label.get_text(strip=True))


def accessibility_problems(html: str) -> list[str]:
    page = soup(html)
    problems = []
    for control in page.select("input, select, textarea"):
        if control.name == "input" and control.get("type") in UNNAMED_INPUTS:
            if control.get("type") == "submit" and not control.get("value"):
                problems.append(f"submit without a value: {control}")
            continue
        if not has_label(page, control):
            problems.append(f"no label: {str(control)[:100]}")
    for button in page.select("button"):
        if not (button.get_text(strip=True) or button.get("aria-label")):
            problems.append(f"button without a name: {button}")
    for link in page.select("a[href]"):
        if not (link.get_text(strip=True) or link.get("aria-label")):
            problems.append(f"link without a name: {str(link)[:100]}")
    for element in page.select("[aria-describedby]"):
        for target in element["aria-describedby"].split():
            if page.find(id=target) is None:
                problems.append(f"aria-describedby points nowhere: {target}")
    skip = page.select_one("a.skip-link")
    if skip is None or page.find(id=skip["href"].lstrip("#")) is None:
        problems.append("no skip link to the content")
    toasts = page.find(id="toasts")
    if toasts is None or toasts.get("aria-live") != "polite":
        problems.append("no live region for toasts")
    if page.select_one("select#language") is None or not has_label(
        page, page.select_one("select#language")
    ):
        problems.append("language switcher without a label")
    return problems


def pages_of_every_role(app: Flask, world: World) -> dict[str, tuple[FlaskClient, list[str]]]:
    store = db.session.get(Store, world.store_id)
    # The shopper's manual product form shows only when the store's page could not be read.
    failed = DiscountRequestFactory(
        shopper=db.session.scalar(db.select(User).filter_by(email="s@example.com")),
        product=ProductFactory(store=store, fetch_status=FetchStatus.FAILED, title=None),
    )
    # The operator's call, contact and close forms show only on an escalation they took.
    escalation = db.session.get(Escalation, world.escalation_id)
    escalation.assignee = db.session.scalar(db.select(User).filter_by(email="ops@example.com"))
    db.session.commit()
    return {
        "public": (
            app.test_client(),
            [
                "/",
                "/board",
                "/bot",
                "/auth/login",
                "/auth/register",
                "/auth/forgot-password",
                f"/r/{world.slug}",
                f"/store/answer/{world.token}",
            ],
        ),
        "shopper": (
            signed_in(app, "s@example.com"),
            [
                "/my/requests",
                "/my/requests/new",
                f"/my/requests/{world.request_id}",
                f"/my/requests/{failed.id}",
            ],
        ),
        "manager": (
            signed_in(app, "mgr@example.com"),
            [
                "/store/",
                f"/store/claim?domain={store.domain}",
                f"/store/stores/{world.store_id}/requests/{world.request_id}",
            ],
        ),
        "operator": (
            signed_in(app, "ops@example.com"),
            [
                "/ops/",
                "/ops/queue",
                f"/ops/escalations/{world.escalation_id}",
                "/ops/stores",
                "/ops/stores/new",
                f"/ops/stores/{world.store_id}",
                f"/ops/stores/{world.store_id}/edit",
                "/ops/stores/import",
                "/ops/dispatches",
                f"/ops/dispatches/{world.rival_dispatch_id}",
                "/ops/metrics",
                "/ops/mail",
                f"/ops/mail/{world.outbox_id}",
            ],
        ),
    }


def test_every_page_of_every_role_names_its_controls(app: Flask) -> None:
    world = build_world()
    checked = 0
    for role, (client, urls) in pages_of_every_role(app, world).items():
        for url in urls:
            html = get(client, url)
            assert accessibility_problems(html) == [], (role, url)
            checked += len(soup(html).select("input, select, textarea"))
    assert checked > 100  # the walk really met the forms


def test_the_walk_notices_an_unlabelled_control() -> None:
    page = (
        '<a class="skip-link" href="#main">Skip</a><main id="main">'
        '<input type="text" id="q"><select aria-label="Sort"></select><button></button></main>'
    )
    assert accessibility_problems(page) == [
        'no label: <input id="q" type="text"/>',
        "button without a name: <button></button>",
        "no live region for toasts",
        "language switcher without a label",
    ]


def test_errors_are_next_to_their_fields_and_tied_to_them(client: FlaskClient) -> None:
    html = (
        FormPoster(client)
        .post(
            "/auth/register",
            {"email": "not an address", "password": "short", "confirm": "other"},
            page="/auth/register",
        )
        .get_data(as_text=True)
    )
    page = soup(html)
    invalid = page.select('[aria-invalid="true"]')
    assert {control["name"] for control in invalid} >= {"email", "password"}
    for control in invalid:
        described = control["aria-describedby"].split()
        error = page.find(id=f"{control['id']}-error")
        assert error is not None and error.get_text(strip=True)
        assert error["id"] in described
        # The error sits in the same field box as its control.
        assert error.find_parent(class_="field") is control.find_parent(class_="field")
    # A hint is read with its field too.
    password = page.find(id="password")
    assert "password-hint" in password["aria-describedby"].split()
