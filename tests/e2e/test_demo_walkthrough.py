"""The README's "Try the whole loop offline", step by step in a browser, on the app set up
as `make run` sets it up: the settings of the Makefile's `run` target (no SMTP server:
mail goes to the outbox), `flask seed-demo`, the sample shops on 127.0.0.1, gunicorn and a
real worker. With E2E_README_SCREENSHOTS=1 (`make screenshots`) it also writes the README's
pictures to docs/screenshots/."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import ExitStack
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from discountmarket import demo_sites
from discountmarket.config import DEFAULTS
from discountmarket.services.demo import DEMO_ACCOUNTS
from tests.conftest import free_port
from tests.e2e.server import live_app, make_run_settings
from tests.e2e.support import (
    PHONE,
    README_DENSITY,
    README_SHOTS,
    Browser,
    LiveServer,
    Shots,
    fill_offer,
    flash,
    sign_in,
    wait_for,
)
from tests.processes import ROOT

README = (ROOT / "README.md").read_text()
SHOPPER, _, OPERATOR = DEMO_ACCOUNTS
OWN, RIVAL, RUSSIAN = (shop for shop in demo_sites.SHOPS if shop.group == "coffee")
GRINDER = OWN.item("kallisto-40-grinder")
# The README's ports are `make run`'s.
README_PORT = DEFAULTS["DEMO_SITES_PORT"]
README_APP_PORT = urlsplit(DEFAULTS["BASE_URL"]).port
PRODUCT_URL = f"http://127.0.0.1:{README_PORT}{GRINDER.path}"
INBOX_URL = f"http://127.0.0.1:{README_PORT + 1}/inbox"  # Crema Supply's
CLOSED_IN_RUSSIAN = "Запрос скидки закрыт"  # what the Russian shop is told at the end


def first_ports() -> Iterator[int]:
    """Where the sample shops may start: for the README's pictures, on the README's ports
    (the pictures show them); else on any free ones."""
    if README_SHOTS:
        yield README_PORT
        return
    for _ in range(20):
        yield free_port()


@pytest.fixture(scope="module")
def sample_shops() -> Iterator[list[demo_sites.RunningShop]]:
    """The sample shops, as `flask demo-sites` serves them: on consecutive ports."""
    with ExitStack() as stack:
        for first_port in first_ports():
            try:
                running = stack.enter_context(
                    demo_sites.serving(demo_sites.SHOPS, demo_sites.ports(first_port))
                )
                break
            except OSError:  # one of the ports is taken: try elsewhere
                continue
        else:
            pytest.fail("no five consecutive free ports for the sample shops (`make run` on?)")
        yield running


@pytest.fixture(scope="module")
def demo(
    tmp_path_factory: pytest.TempPathFactory, sample_shops: list[demo_sites.RunningShop]
) -> Iterator[LiveServer]:
    """The app as `make run` starts it, seeded by `flask seed-demo` for these shops."""
    settings = make_run_settings()
    first_port = sample_shops[0].url.rsplit(":", 1)[1]
    settings["DISCOUNTMARKET_DEMO_SITES_PORT"] = first_port
    # As `make run` builds it from DEMO_SITES_PORT: the sample shops' ports, no other port.
    assert "DISCOUNTMARKET_OUTREACH_ALLOW_HOSTS" not in settings  # made from make variables
    settings["DISCOUNTMARKET_OUTREACH_ALLOW_HOSTS"] = json.dumps(
        [f"127.0.0.1:{port}" for port in demo_sites.ports(int(first_port))]
    )
    folder = tmp_path_factory.mktemp("demo")
    port = README_APP_PORT if README_SHOTS else None
    with live_app(folder, settings, setup=[("seed-demo",)], port=port) as server:
        yield server
        server.check_alive()


def on_these_ports(url: str, sample_shops: list[demo_sites.RunningShop]) -> str:
    """A sample shop's URL as the README writes it (`make run`'s ports), on the port that
    shop has here."""
    for port, running in zip(demo_sites.ports(README_PORT), sample_shops, strict=True):
        readme_base = f"http://127.0.0.1:{port}"
        if url.startswith(readme_base + "/"):
            return running.url + url.removeprefix(readme_base)
    raise AssertionError(f"{url} is not a sample shop's")


def test_demo_walkthrough(
    demo: LiveServer,
    sample_shops: list[demo_sites.RunningShop],
    browser: Browser,
    shots: Shots,
) -> None:
    for words in (
        *(f"`{account[0]}` / `{account[1]}`" for account in (SHOPPER, OPERATOR)),
        PRODUCT_URL,
        INBOX_URL,
        "/ops/mail",
        "one channel at a time",
    ):
        assert words in README, f"the README no longer says {words}"
    page = browser.new_page(**README_DENSITY)

    # 1. The demo shopper asks for a discount on Bean & Burr's grinder.
    sign_in(page, demo.url, SHOPPER[0], SHOPPER[1])
    page.locator("#site-nav").get_by_role("link", name="Ask for a discount").click()
    page.get_by_label("Product page").fill(on_these_ports(PRODUCT_URL, sample_shops))
    page.get_by_label("Price you would pay").fill("170")
    expect(page.get_by_label("Also ask competing stores")).to_be_checked()
    shots.take(page, "request")
    shots.readme(page, "step1-request", top=page.locator("h1"))
    page.get_by_role("button", name="Post my request").click()
    expect(flash(page)).to_contain_text("Your request is posted.")
    page.evaluate("window.e2eSamePage = true")

    # 2. The worker reads the product and reaches the shop and both competitors, each
    # through one channel, its contact form; the page follows without a reload.
    expect(page.get_by_role("heading", name=GRINDER.title)).to_be_visible()
    expect(page.get_by_text(f"Listed at {GRINDER.shown_price}")).to_be_visible()
    deliveries = page.locator("table tbody tr")
    expect(deliveries.locator("td:nth-child(3)")).to_have_text(["sent"] * 3, timeout=30_000)
    reached = {tuple(row.locator("td").all_inner_texts()[:2]) for row in deliveries.all()}
    assert reached == {(shop.name, "contact form") for shop in (OWN, RIVAL, RUSSIAN)}
    assert page.evaluate("window.e2eSamePage") is True, "the page was reloaded"
    shots.take(page, "delivered")
    shots.readme(page, "step2-delivery", top=page.locator(".product-card"))
    for running in sample_shops:
        received = running.app.messages()
        assert len(received) == (1 if running.shop in (OWN, RIVAL, RUSSIAN) else 0)
    # 3. The competitor's manager (another browser) reads what its contact form received
    # and follows the signed answer link in it: no account needed.
    manager = browser.new_page(**README_DENSITY)
    manager.goto(on_these_ports(INBOX_URL, sample_shops))
    expect(manager.locator("body")).to_contain_text(GRINDER.title)
    answer_link = manager.locator(f'a[href^="{demo.url}/store/answer/"]:not([href$="#contact"])')
    expect(answer_link).to_have_count(1)
    shots.take(manager, "rival-inbox")
    shots.readme(manager, "step3-inbox", top=manager.locator("h1"))
    answer_link.click()
    expect(manager.get_by_text(f"Answering for {RIVAL.name}")).to_be_visible()

    # 4. The offer.
    fill_offer(manager, "175", terms="Mention DiscountMarket when you order.")
    shots.take(manager, "offer")
    shots.readme(manager, "step4-offer", top=manager.get_by_text("Answering for"))
    manager.get_by_role("button", name="Send offer").click()
    expect(flash(manager)).to_contain_text("Your answer is on the shopper's bid board.")

    # 5. The shopper's page shows it without a reload, the bid board too; accepted.
    expect(page.locator(".toast")).to_have_text("A new offer arrived")
    offer = page.locator(".offer-list .offer")
    expect(offer).to_have_count(1)
    expect(offer).to_contain_text(RIVAL.name)
    expect(offer.locator(".offer-price")).to_have_text("€175.00")
    assert page.evaluate("window.e2eSamePage") is True, "the page was reloaded"
    shots.take(page, "offer-arrived")
    visitor = browser.new_page()  # anyone, no account
    visitor.goto(demo.url + "/board")
    listed = visitor.locator(".board-item", has_text=GRINDER.title)
    expect(listed).to_contain_text("€175.00")
    shots.take(visitor, "bid-board")
    listed.get_by_role("link", name=GRINDER.title).click()
    expect(visitor.locator(".offer-list .offer")).to_contain_text(RIVAL.name)
    shots.take(visitor, "public-request")
    shots.readme(visitor, "phone-public-request", size=PHONE)
    offer.get_by_role("button", name="Accept this offer").click()
    shots.take(page, "confirm-accept")
    page.get_by_role("button", name="Yes, accept this offer").click()
    expect(flash(page)).to_contain_text(f"Offer from {RIVAL.name} accepted")
    expect(offer).to_contain_text("accepted")
    expect(page.locator(".facts")).to_contain_text("fulfilled")
    shots.take(page, "accepted")
    shots.readme(page, "step5-accept")

    # The stores are told, in their own language: the operator's outbox holds the messages.
    operator = browser.new_page(**README_DENSITY)
    sign_in(operator, demo.url, OPERATOR[0], OPERATOR[1])

    def told(address: str, subject: str) -> bool:
        operator.goto(demo.url + "/ops/mail")
        return (
            operator.locator("table tbody tr", has_text=address).filter(has_text=subject).count()
            == 1
        )

    for address, subject in (
        (RIVAL.email, "A shopper accepted your offer"),
        (OWN.email, "A discount request has closed"),
        (RUSSIAN.email, CLOSED_IN_RUSSIAN),
    ):
        wait_for(lambda: told(address, subject), f"{subject!r} to {address}")  # noqa: B023
