"""A store manager answers through the signed links in the store's e-mails (offer, edit,
withdraw), then claims the store (an operator verifies it) and answers from the portal."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import expect

from discountmarket.models import Role
from tests.e2e import seed
from tests.e2e.support import Browser, LiveServer, Shots, fill_offer, flash, sign_in
from tests.sites import Page, StoreSite, product_page, serve

STORE = "Oak & Iron"
STORE_EMAIL = "orders@oak-iron.example"
MANAGER = "max.e2e@oak-iron.example"
OPERATOR = "olga.e2e@discountmarket.example"
BOOKSHELF, SIDE_TABLE = "Oak bookshelf", "Walnut side table"


@pytest.fixture
def furniture_site() -> Iterator[StoreSite]:
    pages = {
        "/": Page("<h1>Oak &amp; Iron</h1>"),
        "/p/1": product_page(BOOKSHELF, "180.00"),
        "/p/2": product_page(SIDE_TABLE, "95.00"),
    }
    with serve(StoreSite(pages=pages)) as site:
        yield site


def test_store_manager_journey(
    live: LiveServer, browser: Browser, shots: Shots, furniture_site: StoreSite
) -> None:
    store = seed.store_at(furniture_site, STORE, email=STORE_EMAIL)
    domain = store.domain
    shopper = seed.user("sam.e2e@shopper.example")
    slugs = {
        title: seed.posted_request(shopper, furniture_site.url(path)).public_slug
        for title, path in ((BOOKSHELF, "/p/1"), (SIDE_TABLE, "/p/2"))
    }
    seed.user(MANAGER, Role.STORE_MANAGER)

    # Offer through the link in the store's e-mail: no account needed.
    page = browser.new_page()
    page.goto(live.link(live.mail(STORE_EMAIL, BOOKSHELF), "/store/answer/", after=BOOKSHELF))
    expect(page.get_by_role("heading", name=BOOKSHELF)).to_be_visible()
    expect(page.get_by_text(f"Answering for {STORE}")).to_be_visible()
    shots.take(page, "answer-by-link")
    fill_offer(page, "160")
    page.get_by_role("button", name="Send offer").click()
    expect(flash(page)).to_contain_text("Your answer is on the shopper's bid board.")
    # Its offer as the shopper sees it, with edit and withdraw (not a prefilled form).
    expect(page.get_by_role("heading", name="Your answer", exact=True)).to_be_visible()
    expect(page.locator(".offer-price")).to_have_text("€160.00")

    # Edit it: the public request page shows the new price, marked as edited.
    page.get_by_role("link", name="Edit my answer").click()
    page.get_by_label("Price for the shopper").fill("150")
    page.get_by_role("button", name="Save changes").click()
    expect(flash(page)).to_contain_text("Your answer is on the shopper's bid board.")
    shots.take(page, "offer-edited")
    public = browser.new_page()
    public.goto(f"{live.url}/r/{slugs[BOOKSHELF]}")
    expect(public.locator(".offer")).to_have_count(1)
    expect(public.locator(".offer-price")).to_have_text("€150.00")
    expect(public.locator(".offer")).to_contain_text("edited")

    # Offer on the other request, then withdraw it.
    page.goto(live.link(live.mail(STORE_EMAIL, SIDE_TABLE), "/store/answer/", after=SIDE_TABLE))
    expect(page.get_by_role("heading", name=SIDE_TABLE)).to_be_visible()
    fill_offer(page, "85")
    page.get_by_role("button", name="Send offer").click()
    expect(page.get_by_role("heading", name="Your answer", exact=True)).to_be_visible()
    page.get_by_role("button", name="Withdraw my answer").click()
    expect(flash(page)).to_contain_text("Your answer is withdrawn.")
    expect(page.get_by_role("heading", name="Make an offer")).to_be_visible()
    shots.take(page, "offer-withdrawn")
    public.goto(f"{live.url}/r/{slugs[SIDE_TABLE]}")
    expect(public.get_by_text("No offers yet.")).to_be_visible()

    # Decline with a message (the decline asks for nothing else), then think again: an offer.
    page.get_by_label("Your message to the shopper").fill("This price is our lowest already.")
    page.get_by_role("button", name="Send this answer").click()
    expect(page.locator(".offer")).to_contain_text("This price is our lowest already.")
    page.get_by_role("link", name="Edit my answer").click()
    fill_offer(page, "88")
    page.get_by_role("button", name="Save changes").click()
    expect(page.locator(".offer-price")).to_have_text("€88.00")
    public.goto(f"{live.url}/r/{slugs[SIDE_TABLE]}")
    expect(public.locator(".offer-price")).to_have_text("€88.00")

    # Claim the store. Its site is at 127.0.0.1, so no address on the store's own domain is
    # known to confirm the claim through: the page says an operator will verify, and one does.
    portal = browser.new_page()
    sign_in(portal, live.url, MANAGER)
    expect(portal.get_by_text("You do not manage a store yet.")).to_be_visible()
    shots.take(portal, "portal-empty")
    portal.get_by_role("link", name="Claim a store").click()
    portal.get_by_label("Your store's domain").fill(domain)
    portal.get_by_role("button", name="Find the store").click()
    expect(portal.get_by_role("heading", name=STORE)).to_be_visible()
    expect(portal.get_by_text("an operator will verify you")).to_be_visible()
    expect(portal.get_by_text("o***@oak-iron.example")).to_have_count(0)
    shots.take(portal, "claim")
    seed.user(OPERATOR, Role.OPERATOR)
    operator = browser.new_page()  # a browser context of its own
    sign_in(operator, live.url, OPERATOR)
    operator.goto(f"{live.url}/ops/stores/{store.id}")
    operator.get_by_label("Address of their account").fill(MANAGER)
    operator.get_by_role("button", name="Verify and grant the store").click()
    expect(flash(operator)).to_contain_text(f"{MANAGER} now manages {STORE}.")
    portal.goto(f"{live.url}/store/")

    # The portal: the store, and its open requests; answer one from there.
    stores = portal.locator("main ul").first
    expect(stores).to_contain_text(STORE)
    expect(stores).to_contain_text(MANAGER)
    requests = portal.locator("main ul").nth(1)
    expect(requests.get_by_role("link")).to_have_text([SIDE_TABLE, BOOKSHELF])
    shots.take(portal, "portal")
    requests.get_by_role("link", name=BOOKSHELF).click()
    expect(portal.get_by_role("heading", name="Your answer", exact=True)).to_be_visible()
    portal.get_by_role("link", name="Edit my answer").click()
    expect(portal.get_by_label("Price for the shopper")).to_have_value("150.00")
    portal.get_by_label("Price for the shopper").fill("140")
    portal.get_by_role("button", name="Save changes").click()
    expect(flash(portal)).to_contain_text("Your answer is on the shopper's bid board.")
    public.goto(f"{live.url}/r/{slugs[BOOKSHELF]}")
    expect(public.locator(".offer-price")).to_have_text("€140.00")
