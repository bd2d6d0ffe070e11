"""What a store receives is a real product at a plausible price: a shopper who pastes a
shop's contact page is refused with a suggestion; a pasted product page is read before
posting (its price and currency shown); an absurd ask is told why as soon as the page is
read, and the request goes once the ask is one a store would answer."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.e2e import seed
from tests.e2e.support import Browser, LiveServer, Shots, flash, sign_in
from tests.services.test_delivery import lamp_shop
from tests.sites import serve

SHOPPER = "rae.e2e@shopper.example"


def test_non_products_and_absurd_asks_are_refused(
    live: LiveServer, browser: Browser, shots: Shots
) -> None:
    with serve(lamp_shop()) as site:
        seed.store_at(site, "Lumen Lamps", email="sales@lumen-e2e.example")
        seed.user(SHOPPER)
        page = browser.new_page()
        sign_in(page, live.url, SHOPPER)

        # A shop's contact page is no product: refused before anything is sent.
        page.goto(live.url + "/my/requests/new")
        page.get_by_label("Product page").fill(site.url("/contact"))
        page.get_by_label("Price you would pay").fill("90")
        page.get_by_role("button", name="Post my request").click()
        expect(page.get_by_text("This is the shop's contact page")).to_be_visible()
        expect(page.get_by_text("paste the address of its page")).to_be_visible()
        shots.take(page, "refused-contact-page")

        # Pasted, the address is read at once: the product, its price, the currency to ask in.
        page.get_by_label("Product page").fill(site.url("/p/1"))
        page.get_by_label("Product page").press("Tab")
        expect(page.locator("#product-preview")).to_have_text("Brass desk lamp · listed at €120.00")
        expect(page.get_by_label("Price you would pay (EUR)")).to_be_visible()
        shots.take(page, "request-form-reads-the-product")

        # An absurd ask for the lamp: posted, but held once the page is read.
        page.get_by_label("Price you would pay").fill("1000")
        page.get_by_role("button", name="Post my request").click()
        expect(flash(page)).to_contain_text("Your request is posted.")
        # The form to change the ask appears without a reload.
        expect(page.get_by_role("heading", name="Change your ask")).to_be_visible()
        expect(page.get_by_text("ask for less than that")).to_be_visible()
        statuses = page.locator("table tbody tr td:nth-child(3)")
        expect(statuses.first).to_contain_text("waits for you")
        shots.take(page, "absurd-ask-held")
        page.get_by_label("Price you would pay").fill("100")
        page.get_by_role("button", name="Send with this ask").click()
        expect(flash(page)).to_contain_text("your request goes to the stores now")
        expect(statuses.first).to_contain_text("sent", timeout=30_000)
        live.mail("sales@lumen-e2e.example", "Brass desk lamp")
