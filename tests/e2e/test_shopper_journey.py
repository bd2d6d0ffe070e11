"""A shopper registers, asks three lamp shops for a discount, watches the deliveries and
an offer arrive on the open page, and accepts it."""

from __future__ import annotations

import re
import time
from contextlib import ExitStack
from urllib.parse import parse_qs

from playwright.sync_api import expect

from discountmarket.extensions import db
from discountmarket.models import Store, StoreStatus
from discountmarket.services.stores import link_competitors
from tests.e2e import support
from tests.e2e.support import PASSWORD, Browser, LiveServer, Shots, fill_offer, flash
from tests.services.test_delivery import lamp_shop
from tests.sites import Page, StoreSite, serve

SHOP_NAMES = ("Lumen Lamps", "Lamp Corner", "Bright Ideas")
ANSWER_LINK = re.compile(r"http://\S+/store/answer/[^\s#]+")
PRODUCT_PAGE_DELAY = 2.5  # seconds: the request page is seen before the fetch ends


class SlowProductPages(dict[str, Page]):
    """A site whose product pages answer after a pause: the shopper's request page is
    seen while the product is still being read, so the updates after it are seen live."""

    def get(self, path: str, default: Page | None = None) -> Page | None:  # type: ignore[override]
        if path.startswith("/p/"):
            time.sleep(PRODUCT_PAGE_DELAY)
        return super().get(path, default)


def lamp_shops(stack: ExitStack) -> list[StoreSite]:
    """Three lamp shops, competitors of each other, never probed: the worker probes each
    site, then writes to it through its contact form (one channel at a time)."""
    first = lamp_shop()
    first.pages = SlowProductPages(first.pages)
    sites = [stack.enter_context(serve(site)) for site in (first, lamp_shop(), lamp_shop())]
    stores = [
        Store(
            name=name,
            domain=f"127.0.0.1:{site.port}",
            homepage=site.url("/"),
            status=StoreStatus.UNVERIFIED,
        )
        for name, site in zip(SHOP_NAMES, sites, strict=True)
    ]
    db.session.add_all(stores)
    link_competitors(*stores)
    db.session.commit()
    return sites


def test_shopper_journey(live: LiveServer, browser: Browser, shots: Shots) -> None:
    email = "dana.e2e@shopper.example"
    with ExitStack() as stack:
        sites = lamp_shops(stack)
        product_url = sites[0].url("/p/1")
        page = browser.new_page()

        # Register, and confirm the address through the link in the captured e-mail.
        page.goto(live.url + "/")
        shots.take(page, "home")
        page.locator("#site-nav").get_by_role("link", name="Create account").click()
        page.get_by_label("E-mail").fill(email)
        page.get_by_label("Password", exact=True).fill(PASSWORD)
        page.get_by_label("Repeat the password").fill(PASSWORD)
        page.get_by_label("a shopper looking for a better price").check()
        shots.take(page, "register")
        page.get_by_role("button", name="Create account").click()
        expect(page.get_by_role("heading", name="Check your e-mail")).to_be_visible()
        expect(page.get_by_text(f"We have sent a message to {email}")).to_be_visible()
        # The link confirms the address only; signing in takes the password.
        page.goto(live.link(live.mail(email), "/auth/confirm/"))
        expect(flash(page)).to_contain_text("Your e-mail address is confirmed. Please sign in.")
        shots.take(page, "confirmed")
        support.sign_in(page, live.url, email)
        expect(page.get_by_role("heading", name="My requests")).to_be_visible()

        # Ask for a discount.
        page.locator("#site-nav").get_by_role("link", name="Ask for a discount").click()
        page.get_by_label("Product page").fill(product_url)
        page.get_by_label("Price you would pay").fill("99")
        page.get_by_label("Note for the stores").fill("I can pick it up today.")
        expect(page.get_by_label("Also ask competing stores")).to_be_checked()
        shots.take(page, "new-request")
        page.get_by_role("button", name="Post my request").click()
        expect(flash(page)).to_contain_text("Your request is posted.")

        # The page as first shown: the product is being read, its store's delivery queued,
        # the competitors' waiting while the worker looks for the product in their shops.
        expect(page.get_by_text("Reading the product page…")).to_be_visible()
        statuses = page.locator("table tbody tr td:nth-child(3)")
        looking = "looking for the product in this shop"
        expect(statuses).to_have_text(["queued", looking, looking])
        page.evaluate("window.e2eSamePage = true")
        shots.take(page, "request-posted")
        # …then, without a reload, the product and every delivery as the worker goes.
        expect(page.get_by_role("heading", name="Brass desk lamp")).to_be_visible()
        expect(page.get_by_text("Listed at €120.00")).to_be_visible()
        expect(statuses).to_have_text(["sent"] * 3, timeout=60_000)
        stores_reached = page.locator("table tbody tr td:first-child")
        expect(stores_reached).to_have_text(SHOP_NAMES)
        expect(page.locator("table tbody tr td:nth-child(2)")).to_have_text(["contact form"] * 3)
        shots.take(page, "delivered")

        # A store answers through the signed link in what its contact form received
        # (another browser, no account).
        (post,) = [body for method, _, _, body in sites[1].requests if method == "POST"]
        (message,) = parse_qs(post.decode())["your-message"]
        assert "Brass desk lamp" in message
        store_page = browser.new_page()
        store_page.goto(ANSWER_LINK.search(message)[0])
        answering = store_page.get_by_text("Answering for")
        expect(answering).to_be_visible()
        store_name = answering.inner_text().removeprefix("Answering for ").strip()
        assert store_name in SHOP_NAMES
        fill_offer(store_page, "95")
        store_page.get_by_label("Coupon code").fill("LAMP-95")
        store_page.get_by_label("Extras").fill("free delivery")
        shots.take(store_page, "store-answers")
        store_page.get_by_role("button", name="Send offer").click()
        expect(flash(store_page)).to_contain_text("Your answer is on the shopper's bid board.")

        # The offer appears on the shopper's open page, with a toast.
        offers = page.locator(".offer-list .offer")
        expect(offers).to_have_count(1)
        expect(offers).to_contain_text(store_name)
        expect(offers.locator(".offer-price")).to_have_text("€95.00")
        expect(offers).to_contain_text("LAMP-95")
        expect(page.locator(".toast")).to_have_text("A new offer arrived")
        shots.take(page, "offer-arrived")
        answered = page.locator("table tbody tr", has_text=store_name)
        expect(answered.locator("td:nth-child(3)")).to_have_text(["answered"])
        assert page.evaluate("window.e2eSamePage") is True, "the page was reloaded"

        # Accept it: the request is fulfilled and the store sees it on its answer page.
        offers.get_by_role("button", name="Accept this offer").click()
        # It asks first, saying what will happen (the e-mail address is not shared here).
        expect(page.locator("main")).to_contain_text("Your e-mail address stays private")
        page.get_by_role("button", name="Yes, accept this offer").click()
        expect(flash(page)).to_contain_text(f"Offer from {store_name} accepted")
        # How to buy from the winner: where, on what terms, how to reach it.
        how_to_buy = page.locator(".how-to-buy")
        expect(how_to_buy).to_contain_text(f"How to buy from {store_name}")
        expect(how_to_buy).to_contain_text("The store does not have your e-mail address.")
        expect(offers).to_contain_text("accepted")
        expect(page.locator(".facts")).to_contain_text("fulfilled")
        shots.take(page, "accepted")
        store_page.reload()
        expect(
            store_page.get_by_role("heading", name="The shopper accepted your offer")
        ).to_be_visible()
        # The shopper did not choose to share contact: the page holding the link shows none.
        expect(store_page.get_by_text("For the shopper's privacy")).to_be_visible()
        expect(store_page.get_by_text(email)).to_have_count(0)
