"""The public bid board: filter by category and store, search, sort, page through."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

from playwright.sync_api import expect

from discountmarket.extensions import db
from discountmarket.services.board import PAGE_SIZE
from tests.e2e import seed
from tests.e2e.support import Browser, LiveServer, Shots
from tests.factories import (
    DiscountRequestFactory,
    OfferFactory,
    ProductFactory,
    StoreFactory,
    reach_a_store,
)

GARDEN_TOOLS = 22
SPRINKLER, PLANTER, SHEARS = "Rain sprinkler deluxe", "Cedar planter box", "Pruning shears"


def seed_garden_board() -> None:
    """25 open requests in one category (more than a page): one with the most offers, one
    with the biggest saving, one ending soon, the rest plain."""
    garden = seed.category("garden-e2e", "Garden")
    green, hose, bloom = (
        StoreFactory(name=name, domain=domain, categories=[garden])
        for name, domain in (
            ("Green Thumb", "greenthumb-e2e.example"),
            ("Hose & Co", "hoseandco-e2e.example"),
            ("Bloom Depot", "bloomdepot-e2e.example"),
        )
    )
    now = datetime.now(UTC)

    def open_request(store, title: str, hours_left: int = 6 * 24):  # type: ignore[no-untyped-def]
        product = ProductFactory(store=store, title=title, price=Decimal("100.00"))
        request = DiscountRequestFactory(
            product=product, expires_at=now + timedelta(hours=hours_left)
        )
        reach_a_store(request)  # the board lists what stores have received
        return request

    for n in range(1, GARDEN_TOOLS + 1):
        open_request(green, f"Garden tool {n:02d}", hours_left=5 * 24 + n)
    sprinkler = open_request(hose, SPRINKLER)
    for store, price in ((hose, "95.00"), (green, "92.00"), (bloom, "90.00")):
        OfferFactory(request=sprinkler, store=store, price=Decimal(price))
    OfferFactory(request=open_request(bloom, PLANTER), store=bloom, price=Decimal("50.00"))
    open_request(bloom, SHEARS, hours_left=2)
    db.session.commit()


def test_bid_board(live: LiveServer, browser: Browser, shots: Shots) -> None:
    seed_garden_board()
    page = browser.new_page()
    page.goto(live.url + "/board")
    rows = page.locator(".board-list .board-item")
    titles = rows.locator(".board-title")

    # Filter by category: 25 requests, over two pages.
    page.get_by_label("Category").select_option(label="Garden")
    page.get_by_role("button", name="Show").click()
    expect(rows).to_have_count(PAGE_SIZE)
    shots.take(page, "category")
    page.get_by_role("link", name="More →").click()
    expect(rows).to_have_count(GARDEN_TOOLS + 3 - PAGE_SIZE)
    expect(page.get_by_label("Category")).to_have_value("garden-e2e")
    expect(page.get_by_role("link", name="More →")).to_have_count(0)
    shots.take(page, "second-page")
    page.get_by_role("link", name="First page").click()
    expect(rows).to_have_count(PAGE_SIZE)

    # Search within the category.
    page.get_by_label("Search products").fill("sprinkler")
    page.get_by_role("button", name="Show").click()
    expect(titles).to_have_text([SPRINKLER])
    expect(rows.first).to_contain_text("Hose & Co")
    expect(rows.first.locator(".facts")).to_contain_text("Offers3")
    shots.take(page, "search")

    # Sorting, over the whole category.
    page.get_by_label("Search products").fill("")
    for sort, first, fact in (
        ("Most offers", SPRINKLER, "Offers3"),
        ("Biggest saving", PLANTER, "\N{MINUS SIGN}50%"),  # as the board prints it
        ("Ending soon", SHEARS, "Offers0"),
    ):
        page.get_by_label("Sort by").select_option(label=sort)
        page.get_by_role("button", name="Show").click()
        expect(titles.first).to_have_text(first)
        expect(rows.first.locator(".facts")).to_contain_text(fact)
    expect(rows.first).to_contain_text("hours left")
    shots.take(page, "ending-soon")

    # Filter by store.
    page.get_by_label("Store (domain)").fill("bloomdepot-e2e.example")
    page.get_by_role("button", name="Show").click()
    expect(titles).to_have_text([SHEARS, PLANTER])
    expect(page.get_by_role("link", name="More →")).to_have_count(0)

    # A search with no match says what to do next.
    page.get_by_label("Search products").fill("snow shovel")
    page.get_by_role("button", name="Show").click()
    expect(rows).to_have_count(0)
    expect(page.get_by_text("No open requests match.")).to_be_visible()
