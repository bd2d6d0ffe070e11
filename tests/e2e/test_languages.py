"""Languages in a real browser: a Russian browser gets the site in Russian with Russian
numbers, prices and dates; the switcher changes the language and the choice is kept."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from decimal import Decimal

from babel.dates import format_date
from playwright.sync_api import expect

from discountmarket.extensions import db
from tests.e2e.support import Browser, LiveServer, Shots
from tests.factories import DiscountRequestFactory, OfferFactory, ProductFactory, StoreFactory

TITLE = "Кофемашина Gaggia Classic"


def test_a_russian_browser_gets_russian_and_can_switch(
    live: LiveServer, browser: Browser, shots: Shots
) -> None:
    shop = StoreFactory(name="Зерно и пар", domain="zerno-e2e.example", locale="ru")
    product = ProductFactory(store=shop, title=TITLE, price=Decimal("79990"), currency="RUB")
    request = DiscountRequestFactory(product=product, target_price=Decimal("72000"))
    noon = datetime.now(UTC).replace(hour=12, minute=0, second=0, microsecond=0)
    valid_until = noon + timedelta(days=14)  # noon UTC: the same date in any time zone shown
    OfferFactory(request=request, price=Decimal("74990"), currency="RUB", valid_until=valid_until)
    db.session.commit()

    page = browser.new_page(locale="ru-RU")  # Accept-Language: ru-RU
    page.goto(f"{live.url}/r/{request.public_slug}")
    expect(page.locator("html")).to_have_attribute("lang", "ru")
    expect(page.get_by_role("heading", name=TITLE)).to_be_visible()
    # Under its heading, the time left is the duration alone (not "Осталось: осталось: …").
    time_left = page.locator("xpath=//dt[normalize-space()='Осталось']/following-sibling::dd")
    expect(time_left).to_have_text(re.compile(r"^\s*\d+ (дней|дня|день)\s*$"))
    offer = page.locator(".offer-price").first
    expect(offer).to_have_text(re.compile(r"74\s990,00\s₽"))  # CLDR ru: space groups, comma
    expect(
        page.get_by_text(f"Действует до {format_date(valid_until.date(), 'medium', 'ru')}")
    ).to_be_visible()
    expect(page.get_by_role("combobox", name="Язык")).to_have_value("ru")
    shots.take(page, "russian")

    # The switcher: English from now on, on this page and the next, whatever the browser says.
    page.get_by_role("combobox", name="Язык").select_option("en")
    page.get_by_role("button", name="Сменить").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page).to_have_url(re.compile(rf"/r/{request.public_slug}$"))  # back where we were
    expect(offer).to_have_text(re.compile(r"RUB\s74,990\.00"))
    expect(
        page.get_by_text(f"Valid until {format_date(valid_until.date(), 'medium', 'en')}")
    ).to_be_visible()
    page.goto(f"{live.url}/board")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("combobox", name="Language")).to_have_value("en")
    shots.take(page, "switched-to-english")
