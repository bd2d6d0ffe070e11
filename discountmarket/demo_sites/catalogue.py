"""The sample shops: who they are, what they sell, how their contact forms look.

Shops in one ``group`` are competitors of each other, so a request for a product of one
reaches the other members. The text is the shops' own content in their own language
(like any third-party site), not DiscountMarket's interface, so it is not in our
translation catalogue.
"""

# ruff: noqa: RUF001 — the Russian shop writes in Russian.
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

HOST = "127.0.0.1"  # the only host the demo lets through the outbound address check


@dataclass(frozen=True)
class Item:
    slug: str
    title: str
    price: str  # decimal string, as a shop's JSON-LD writes it
    currency: str
    description: str
    markup: str = "jsonld"  # how the page states the price: "jsonld" or "opengraph"
    brand: str = ""
    gtin: str = ""  # the EAN-13 printed on the box: the same product in every shop

    def found_by(self, query: str) -> bool:
        """The shop's search: at least half the words of the query in the item's title,
        brand or EAN (as most shop searches rank by words matched)."""
        words = {word.casefold() for word in query.replace(",", " ").split()}
        known = {w.casefold() for w in f"{self.title} {self.brand} {self.gtin}".split()}
        return bool(words) and len(words & known) * 2 >= len(words)

    @property
    def path(self) -> str:
        return f"/products/{self.slug}"

    @property
    def shown_price(self) -> str:
        amount = Decimal(self.price)
        if self.currency == "RUB":
            return f"{amount:,.0f} ₽".replace(",", "\u00a0")
        symbol = {"EUR": "€", "GBP": "£", "USD": "$"}.get(self.currency, self.currency + " ")
        return f"{symbol}{amount:,.2f}"


@dataclass(frozen=True)
class FormField:
    name: str
    label: str
    kind: str = "text"  # text, email, tel, textarea
    required: bool = True


@dataclass(frozen=True)
class Shop:
    slug: str
    name: str
    locale: str
    group: str  # competitor group and category slug
    tagline: str
    email: str
    phone: str
    address: str
    accent: str  # the shop's colour, so the sites do not all look alike
    items: tuple[Item, ...]
    form: tuple[FormField, ...]
    hidden: dict[str, str] = field(default_factory=dict)  # a CMS's hidden form fields

    def item(self, slug: str) -> Item | None:
        return next((item for item in self.items if item.slug == slug), None)


CATEGORIES = {"coffee": "Coffee & Tea", "cycling": "Cycling"}

# The shops' navigation and messages, per language.
WORDS = {
    "en": {
        "home": "Home",
        "contact": "Contact us",
        "products": "Our products",
        "add": "Add to basket",
        "in_stock": "In stock, ships in 1–2 days",
        "contact_intro": "Questions about an order, a product or a price? Write to us.",
        "email_us": "E-mail",
        "call_us": "Phone",
        "send": "Send message",
        "thanks": "Thank you! Your message has been sent. We will get back to you soon.",
        "missing": "Please fill in all required fields.",
        "inbox": "Messages this shop received",
        "inbox_intro": "Demo page: what the shop's contact form has received.",
        "inbox_empty": "No messages yet.",
        "not_found": "Page not found",
        "brand": "Brand",
        "ean": "EAN",
        "search": "Search",
        "results": "Search results",
        "no_results": "Nothing found.",
    },
    "ru": {
        "home": "Главная",
        "contact": "Контакты",
        "products": "Наши товары",
        "add": "В корзину",
        "in_stock": "В наличии, отправим за 1–2 дня",
        "contact_intro": "Вопросы о заказе, товаре или цене? Напишите нам.",
        "email_us": "Эл. почта",
        "call_us": "Телефон",
        "send": "Отправить",
        "thanks": "Спасибо! Ваше сообщение отправлено, мы скоро ответим.",
        "missing": "Пожалуйста, заполните все обязательные поля.",
        "inbox": "Сообщения, которые получил магазин",
        "inbox_intro": "Демо-страница: что пришло через форму обратной связи.",
        "inbox_empty": "Сообщений пока нет.",
        "not_found": "Страница не найдена",
        "brand": "Бренд",
        "ean": "Штрихкод",
        "search": "Поиск",
        "results": "Результаты поиска",
        "no_results": "Ничего не найдено.",
    },
}

_PLAIN_FORM = (
    FormField("name", "Your name"),
    FormField("email", "Your e-mail", "email"),
    FormField("subject", "Subject", required=False),
    FormField("message", "Message", "textarea"),
)
_WORDPRESS_FORM = (
    FormField("your-name", "Your name"),
    FormField("your-email", "Your email", "email"),
    FormField("your-phone", "Phone (optional)", "tel", required=False),
    FormField("your-message", "Your message", "textarea"),
)
_RUSSIAN_FORM = (
    FormField("user_name", "Ваше имя"),
    FormField("user_email", "Эл. почта", "email"),
    FormField("user_phone", "Телефон", "tel", required=False),
    FormField("MESSAGE", "Сообщение", "textarea"),
)

_GRINDER = "Kallisto 40 conical burr grinder"
_KETTLE = "Swan gooseneck kettle, 1 l"
# One EAN per product, whichever shop sells it (check digits valid).
_GRINDER_EAN = "8712345001018"
_KETTLE_EAN = "8712345002022"
_HELMET_EAN = "5901234004046"

SHOPS: tuple[Shop, ...] = (
    Shop(
        slug="bean-and-burr",
        name="Bean & Burr",
        locale="en",
        group="coffee",
        tagline="Grinders, kettles and espresso gear for the home barista.",
        email="hello@bean-and-burr.example",
        phone="+44 20 7946 0311",
        address="14 Roastery Lane, London E2 7DJ",
        accent="#7a4b2a",
        items=(
            Item(
                "kallisto-40-grinder",
                _GRINDER,
                "189.00",
                "EUR",
                "40 mm steel burrs, 31 grind settings, from Turkish to cold brew.",
                brand="Kallisto",
                gtin=_GRINDER_EAN,
            ),
            Item(
                "swan-gooseneck-kettle",
                _KETTLE,
                "79.90",
                "EUR",
                "Temperature hold for 60 minutes; a spout that pours like a pen.",
                markup="opengraph",
                brand="Swan",
                gtin=_KETTLE_EAN,
            ),
            Item(
                "crema-one-espresso",
                "Crema One espresso machine",
                "549.00",
                "EUR",
                "PID-controlled single boiler with a commercial 58 mm group.",
                brand="Crema",
                gtin="8712345003036",
            ),
        ),
        form=_PLAIN_FORM,
        hidden={"form_id": "contact-main"},
    ),
    Shop(
        slug="crema-supply",
        name="Crema Supply",
        locale="en",
        group="coffee",
        tagline="Specialty coffee equipment, shipped across Europe.",
        email="sales@crema-supply.example",
        phone="+31 20 555 0142",
        address="Koffiestraat 9, 1013 AB Amsterdam",
        accent="#1f5f5b",
        items=(
            Item(
                "kallisto-40-grinder",
                _GRINDER,
                "195.00",
                "EUR",
                "The home grinder baristas recommend; two-year warranty.",
                brand="Kallisto",
                gtin=_GRINDER_EAN,
            ),
            Item(
                "pour-over-starter-kit",
                "Pour-over starter kit",
                "49.00",
                "EUR",
                "Dripper, 100 filters, glass server and a scale.",
                markup="opengraph",
            ),
        ),
        form=_WORDPRESS_FORM,
        hidden={"_wpcf7": "42", "_wpcf7_version": "5.9.3", "_wpcf7_locale": "en_GB"},
    ),
    Shop(
        slug="zerno-i-par",
        name="Зерно и пар",
        locale="ru",
        group="coffee",
        tagline="Кофемолки, чайники и всё для кофе дома.",
        email="zakaz@zerno-i-par.example",
        phone="+7 495 555-01-23",
        address="Москва, ул. Кофейная, 7",
        accent="#8c2f39",
        items=(
            Item(
                "kofemolka-kallisto-40",
                "Кофемолка Kallisto 40, жернова 40 мм",
                "17990.00",
                "RUB",
                "31 степень помола, от турки до колд брю.",
                brand="Kallisto",
                gtin=_GRINDER_EAN,
            ),
            Item(
                "chaynik-swan",
                "Чайник Swan с носиком «гусиная шея», 1 л",
                "6490.00",
                "RUB",
                "Держит температуру 60 минут.",
                markup="opengraph",
                brand="Swan",
                gtin=_KETTLE_EAN,
            ),
        ),
        form=_RUSSIAN_FORM,
        hidden={"WEB_FORM_ID": "3", "sessid": "demo"},
    ),
    Shop(
        slug="spoke-and-chain",
        name="Spoke & Chain",
        locale="en",
        group="cycling",
        tagline="Helmets, lights and spares for people who ride every day.",
        email="shop@spoke-and-chain.example",
        phone="+44 161 496 0755",
        address="3 Canal Street, Manchester M1 3HE",
        accent="#2a4d8f",
        items=(
            Item(
                "aero-mips-helmet",
                "Aero MIPS road helmet",
                "89.00",
                "GBP",
                "MIPS liner, 18 vents, 270 g in size M.",
                brand="Aero",
                gtin=_HELMET_EAN,
            ),
            Item(
                "ember-100-rear-light",
                "Ember 100 rear light",
                "24.99",
                "GBP",
                "100 lumens, USB-C, 20 hours in flash mode.",
                markup="opengraph",
            ),
        ),
        form=_PLAIN_FORM,
    ),
    Shop(
        slug="velo-depot",
        name="Velo Depot",
        locale="en",
        group="cycling",
        tagline="Everything for your bike, from pumps to helmets.",
        email="service@velo-depot.example",
        phone="+49 30 555 0177",
        address="Radweg 21, 10115 Berlin",
        accent="#3d7a2a",
        items=(
            Item(
                "aero-mips-helmet",
                "Aero MIPS road helmet",
                "95.00",
                "EUR",
                "Light, well ventilated, with a MIPS liner.",
                brand="Aero",
                gtin=_HELMET_EAN,
            ),
            Item(
                "flux-mini-pump",
                "Flux mini pump",
                "29.00",
                "EUR",
                "Presta and Schrader, 8 bar, 110 g.",
                markup="opengraph",
            ),
        ),
        form=_WORDPRESS_FORM,
        hidden={"_wpcf7": "7", "_wpcf7_version": "5.9.3", "_wpcf7_locale": "en_US"},
    ),
)


def ports(first_port: int) -> list[int]:
    """Shop n listens on ``first_port + n``."""
    return [first_port + n for n in range(len(SHOPS))]


def site_urls(first_port: int, host: str = HOST) -> list[tuple[Shop, str]]:
    """Each shop with its base URL (no trailing slash)."""
    pairs = zip(SHOPS, ports(first_port), strict=True)
    return [(shop, f"http://{host}:{port}") for shop, port in pairs]
