"""An operator works the escalation queue (call, senior contact, resend, resolve), marks a
store do-not-contact, and imports stores from a CSV file."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import expect

from discountmarket.extensions import db
from discountmarket.models import Role
from discountmarket.services import escalation
from tests.e2e import seed
from tests.e2e.support import (
    DESKTOP,
    PHONE,
    Browser,
    LiveServer,
    Shots,
    flash,
    sign_in,
    wait_for,
)
from tests.sites import StoreSite, product_page, serve

QUIET, PUSHY = "Quiet Cameras", "Pushy Prints"
QUIET_EMAIL, PUSHY_EMAIL = "front@quiet-cameras.example", "shop@pushy-prints.example"
SENIOR = "boss@quiet-cameras.example"
OPERATOR = "olga.e2e@ops.example"
CAMERA, PRINT = "Mirrorless camera M5", "Framed print, 50 x 70"
CSV = (
    "domain,name,homepage,status,locale,categories,competitors,emails,phones\n"
    "northwind-import.example,Northwind Outdoor,https://northwind-import.example/,active,en,"
    "Outdoor,,sales@northwind-import.example,+44 20 7946 0000\n"
    "southpaw-import.example,Southpaw Sports,https://southpaw-import.example/,active,en,"
    "Outdoor,northwind-import.example,info@southpaw-import.example,\n"
    "not a domain,Broken Row,,active,en,,,,\n"
)


@pytest.fixture
def silent_stores(live: LiveServer) -> Iterator[None]:
    """Two stores that were written to about a waiting request and stayed silent: the
    SLA sweep has put them in the operators' queue."""
    sites = [StoreSite(pages={"/p/1": product_page(title, "400.00")}) for title in (CAMERA, PRINT)]
    with serve(sites[0]) as camera_site, serve(sites[1]) as print_site:
        shopper = seed.user("kim.e2e@shopper.example")
        for site, name, email in (
            (camera_site, QUIET, QUIET_EMAIL),
            (print_site, PUSHY, PUSHY_EMAIL),
        ):
            store = seed.store_at(site, name, email=email)
            seed.posted_request(shopper, site.url("/p/1"), target_price="360")
            escalation.open_escalation(store, escalation.REASON_SILENT)
            db.session.commit()  # open_escalation joins its caller's unit of work
        live.mail(QUIET_EMAIL, CAMERA)
        live.mail(PUSHY_EMAIL, PRINT)
        seed.user(OPERATOR, Role.OPERATOR)
        yield


def test_operator_journey(
    live: LiveServer, browser: Browser, shots: Shots, silent_stores: None
) -> None:
    page = browser.new_page()
    sign_in(page, live.url, OPERATOR)
    # Times in the operator's own zone, whatever the store's.
    page.goto(live.url + "/ops/")
    page.get_by_label("Show and type times in").select_option("Asia/Tokyo")
    page.get_by_role("button", name="Save").click()
    expect(flash(page)).to_contain_text("Times are shown in your chosen time zone.")
    page.locator("#site-nav").get_by_role("link", name="Queue").click()
    queue = page.locator("table tbody tr")
    expect(queue.filter(has_text=QUIET)).to_contain_text("the store did not answer in time")
    expect(queue.filter(has_text=PUSHY)).to_be_visible()
    shots.take(page, "queue")
    # On a phone each row is a card whose values carry their column's name; nothing scrolls
    # sideways. On a desktop those names stay in the header row only.
    quiet_waiting = queue.filter(has_text=QUIET).locator(".cell-label", has_text="Shoppers waiting")
    expect(quiet_waiting).to_be_hidden()
    page.set_viewport_size(PHONE)
    expect(quiet_waiting).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.set_viewport_size(DESKTOP)

    # Take the silent store, log a call.
    queue.filter(has_text=QUIET).get_by_role("link", name=QUIET).click()
    expect(page.get_by_role("heading", name=QUIET)).to_be_visible()
    expect(page.locator("section", has_text="Shoppers waiting")).to_contain_text(CAMERA)
    page.get_by_role("button", name="Assign to me").click()
    expect(flash(page)).to_contain_text("It is yours now.")
    page.get_by_label("No answer").check()
    page.get_by_label("Note").fill("Rang twice; voicemail.")
    page.get_by_role("button", name="Log the call").click()
    expect(flash(page)).to_contain_text("The call is logged.")
    history = page.locator("section", has_text="History")
    expect(history).to_contain_text("Times in Asia/Tokyo.")
    expect(history.locator("time").first).to_contain_text("Asia/Tokyo")
    expect(history).to_contain_text("called the store: No answer.")
    expect(history).to_contain_text("Rang twice; voicemail.")
    expect(history).not_to_contain_text("logged a call")  # one entry per call

    # A senior contact: the waiting request goes to it at once.
    page.get_by_label("Senior contact's e-mail").fill(SENIOR)
    page.get_by_label("Who (e.g. head of e-commerce)").fill("Head of e-commerce")
    page.get_by_role("button", name="Add and send the requests to it").click()
    expect(flash(page)).to_contain_text("Senior contact added; the requests are sent to it.")
    contacts = page.locator("section", has_text="Known contacts")
    expect(contacts.locator("li", has_text=SENIOR)).to_contain_text("senior")
    live.mail(SENIOR, CAMERA)
    shots.take(page, "senior-contact")

    # Send again by e-mail to the front line, then resolve.
    sent_before = len(live.smtp.to(QUIET_EMAIL))
    page.get_by_label("E-mail", exact=True).check()
    page.get_by_role("button", name="Send again").click()
    expect(flash(page)).to_contain_text("The waiting requests are sent again.")
    wait_for(lambda: len(live.smtp.to(QUIET_EMAIL)) > sent_before, "the resent e-mail")
    resolve = page.locator("form", has=page.get_by_role("button", name="Resolve"))
    resolve.get_by_label("How the escalation ended").fill("Spoke to the owner; they answer today.")
    resolve.get_by_role("button", name="Resolve").click()
    expect(flash(page)).to_contain_text("Resolved.")
    expect(page.get_by_text("Resolution: Spoke to the owner; they answer today.")).to_be_visible()
    expect(page.locator(".page-head .badge")).to_have_text(re.compile("resolved", re.I))
    shots.take(page, "resolved")

    # The other store asked never to be written to again.
    page.get_by_role("link", name="Escalation queue").click()
    expect(queue.filter(has_text=QUIET)).to_have_count(0)
    queue.filter(has_text=PUSHY).get_by_role("link", name=PUSHY).click()
    page.get_by_role("button", name="Assign to me").click()
    do_not_contact = page.locator(
        "form", has=page.get_by_role("button", name="Do not contact this store")
    )
    do_not_contact.get_by_label("Why the store must not be contacted").fill(
        "Asked us never to write again."
    )
    do_not_contact.get_by_role("button", name="Do not contact this store").click()
    expect(flash(page)).to_contain_text("The store will not be contacted any more.")
    expect(page.locator(".facts")).to_contain_text(re.compile("do.not.contact", re.I))
    shots.take(page, "do-not-contact")
    page.locator("#site-nav").get_by_role("link", name="Stores").click()
    page.get_by_label("Name or domain").fill("Pushy")
    page.get_by_role("button", name="Search").click()
    expect(page.locator("table tbody tr")).to_have_count(1)
    expect(page.locator("table tbody tr")).to_contain_text("Do not contact")

    # Import stores from a CSV file chosen in the browser.
    page.get_by_role("link", name="Import CSV").click()
    page.get_by_label("CSV file").set_input_files(
        {"name": "stores.csv", "mimeType": "text/csv", "buffer": CSV.encode()}
    )
    shots.take(page, "import-form")
    page.get_by_role("button", name="Import").click()
    expect(page.locator(".import-summary")).to_have_text("Created: 2 · updated: 0 · errors: 1")
    problems = page.locator("table tbody tr")
    expect(problems).to_have_count(1)
    expect(problems).to_contain_text("not a domain")
    shots.take(page, "import-result")
    page.get_by_role("link", name="All stores").click()
    page.get_by_label("Name or domain").fill("import.example")
    page.get_by_role("button", name="Search").click()
    rows = page.locator("table tbody tr")
    expect(rows.get_by_role("link")).to_have_text(["Northwind Outdoor", "Southpaw Sports"])
    expect(rows.first).to_contain_text("Outdoor")
