# ruff: noqa: RUF001 — words and signs in Cyrillic and other scripts are the point.
"""What a reply offers: price and currency, percent, coupon; declines offer nothing."""

from __future__ import annotations

import pytest

from discountmarket.inbound import offer_terms


def offer(text: str) -> dict[str, object] | None:
    found = offer_terms.find(text)
    return found.to_json() if found else None


@pytest.mark.parametrize(
    ("text", "price", "currency"),
    [
        ("We can offer it for €170.", "170.00", "EUR"),
        ("We can offer it for € 170,50.", "170.50", "EUR"),
        ("Unser Preis: 1.150,00 EUR.", "1150.00", "EUR"),
        ("Notre prix : 1 150,00 €.", "1150.00", "EUR"),
        ("Our price: $1,150.00.", "1150.00", "USD"),
        ("Our price: USD 1150", "1150.00", "USD"),
        ("For you £149.99.", "149.99", "GBP"),
        ("Price GBP 629.", "629.00", "GBP"),
        ("Можем за 12 990 руб.", "12990.00", "RUB"),
        ("Цена 15 000 ₽.", "15000.00", "RUB"),
        ("Цена 4500 рублей.", "4500.00", "RUB"),
        ("Cena 4 590 Kč.", "4590.00", "CZK"),
        ("Cena 4590 CZK.", "4590.00", "CZK"),
        ("Cena 279 zł brutto.", "279.00", "PLN"),
        ("Cena 279 PLN.", "279.00", "PLN"),
        ("Für 1.150 € gehört sie Ihnen.", "1150.00", "EUR"),
        ("Preis 1'150.00 CHF.", "1150.00", "CHF"),
    ],
)
def test_prices_with_their_currency(text: str, price: str, currency: str) -> None:
    assert offer(text) == {"price": price, "currency": currency, "percent": None, "coupon": None}


@pytest.mark.parametrize(
    ("text", "percent"),
    [
        ("10% off", "10"),
        ("a 10 % discount", "10"),
        ("скидка 10 процентов", "10"),
        ("7,5 % Rabatt", "7.5"),
        ("15 Prozent", "15"),
    ],
)
def test_percents(text: str, percent: str) -> None:
    found = offer(text)
    assert found is not None and found["percent"] == percent


@pytest.mark.parametrize(
    ("text", "coupon"),
    [
        ("Use code SAVE10 at checkout.", "SAVE10"),
        ("Ваш купон ABC123.", "ABC123"),
        ("Промокод: ZIMA-2027", "ZIMA-2027"),
        ("Mit dem Gutscheincode WINTER25 klappt es.", "WINTER25"),
        ("Le code promo est MERCI15.", "MERCI15"),
        ("Slevový kód SLEVA15 platí do pátku.", "SLEVA15"),
        ("Promo code: thanks, no", None),
    ],
)
def test_coupons(text: str, coupon: str | None) -> None:
    found = offer(text)
    assert (found["coupon"] if found else None) == coupon


@pytest.mark.parametrize(
    "text",
    [
        "Call us on +49 30 1234 5678 or 0800 123 456.",
        "Your order 48213 of 04.01.2027 is on its way to Hauptstraße 5, 80331 München.",
        "The model BES878 and the SKU 20458-UK are in stock.",
        "We will answer within 24 hours.",
    ],
)
def test_phone_numbers_dates_orders_addresses_and_models_are_not_prices(text: str) -> None:
    assert offer(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "Unfortunately we cannot offer a discount on this item.",
        "Unfortunately we can't go below EUR 189.",
        "We are unable to offer any discount, sorry.",
        "Leider können wir keinen Rabatt geben.",
        "Malheureusement, nous ne pouvons pas baisser le prix de 189 €.",
        "К сожалению, не можем дать скидку.",
        "Bohužel nemůžeme nabídnout slevu.",
        "Lamentablemente no podemos bajar el precio.",
    ],
)
def test_declines_offer_nothing(text: str) -> None:
    assert offer(text) is None


def test_a_counter_offer_after_a_decline_counts() -> None:
    found = offer("Unfortunately we cannot do 20%, but we can do 10%.")
    assert found is not None and found["percent"] == "10"


def test_the_regular_and_the_shipping_price_are_not_the_offer() -> None:
    found = offer("Instead of €189 we can do €170 plus €9.90 shipping.")
    assert found is not None and found["price"] == "170.00"
    shipping_first = offer("Shipping is €9.90; the grinder itself we can do for €170.")
    assert shipping_first is not None and shipping_first["price"] == "170.00"


@pytest.mark.parametrize(
    "text", ["€NaN", "€Infinity", "€1e400", "€" + "9" * 40, "€0", "150% off", "0% off"]
)
def test_numbers_are_bounded_and_plain(text: str) -> None:
    found = offer(text)
    assert found is None or (found["price"] is None and found["percent"] is None)


@pytest.mark.parametrize(
    "text",
    ["Скидка 5% по промокоду DISCOUNT5.", "Sleva s kódem SLEVA15.", "Rabat z kuponem ZIMA20."],
)
def test_coupon_words_are_found_in_any_grammatical_case(text: str) -> None:
    found = offer(text)
    assert found is not None and found["coupon"] in ("DISCOUNT5", "SLEVA15", "ZIMA20")


@pytest.mark.parametrize(
    ("text", "percent"),
    [("ten percent off", "10"), ("zehn Prozent Rabatt", "10"), ("скидка десять процентов", "10")],
)
def test_percents_in_words(text: str, percent: str) -> None:
    found = offer(text)
    assert found is not None and found["percent"] == percent


@pytest.mark.parametrize(
    "text",
    [
        "We can bring it down from $189.00 to $169.00.",
        "Wir gehen von 189 $ auf 169 $ runter.",
        "Снизим цену с $189 до $169.",
    ],
)
def test_from_one_price_to_another_offers_the_second(text: str) -> None:
    found = offer(text)
    assert found is not None and found["price"] == "169.00"
    only = offer("Prices start from $169.")
    assert only is not None and only["price"] == "169.00"
