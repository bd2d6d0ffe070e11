# ruff: noqa: RUF001 — menu words in Cyrillic are the point.
"""Which links lead to a contact page: the URL shapes of the common shop platforms and the
menu words of every language we support."""

from __future__ import annotations

import pytest

from discountmarket.outreach.contact_links import find_contact_links, fold, url_score

HOME = "https://shop.example/"


def links(markup: str) -> list[str]:
    return find_contact_links(f"<html><body>{markup}</body></html>", HOME)


@pytest.mark.parametrize(
    "path",
    [
        "/pages/contact",  # Shopify
        "/pages/contact-us",
        "/contact/",  # WooCommerce, Magento
        "/contact-us/",
        "/contact/index/",  # Magento's own route
        "/index.php?route=information/contact",  # OpenCart
        "/index.php?route=information/contact&language=pl-pl",
        "/contacts/",  # Bitrix
        "/about/contacts/",
        "/feedback/",
        "/index.php?controller=contact",  # PrestaShop
        "/index.php?controller=contact&id_lang=2",
        "/kontakt",
        "/nous-contacter",
        "/contactenos",
        "/contattaci",
        "/contact-met-ons",
        "/contacte-nos",
        "/kontaktujte-nas",
        "/contacts",  # Tilda
        "/contact",  # Webflow
        "/kontakty/",  # Shoptet
        "/napisz-do-nas",  # SEO keywords owners pick
        "/zvorotnij-zvyazok",
        "/svyazatsya-s-nami/",
        "/formulario-de-contacto",
        "/contact-opnemen",
        "/kontaktiere-uns",
        "/contatto",
        "/klantenservice",
        "/obsluga-klienta",
        "/contact-us-2",
        "/ContactUs.aspx",
    ],
)
def test_platform_contact_addresses_score(path: str) -> None:
    assert url_score("https://shop.example" + path) > 0


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/index.php",
        "/shop/index/",
        "/pages/about-us",
        "/index.php?route=product/category&path=20",
        "/index.php?route=information/contact/success",  # where a post ends, not a page
        "/products/linen-shirt",
    ],
)
def test_other_addresses_do_not(path: str) -> None:
    assert url_score("https://shop.example" + path) == 0


MENU_WORDS = {
    "English": ["Contact", "Contact us", "Get in touch", "Write to us", "Customer service"],
    "Russian": ["Контакты", "Связаться с нами", "Обратная связь", "Напишите нам"],
    "German": ["Kontakt", "Kontaktieren Sie uns", "Schreiben Sie uns", "Kundenservice"],
    "French": ["Nous contacter", "Contactez-nous", "Écrivez-nous", "Service client"],
    "Spanish": ["Contacto", "Contáctanos", "Contacta con nosotros", "Escríbenos"],
    "Italian": ["Contatti", "Contattaci", "Scrivici", "Servizio clienti"],
    "Czech": ["Kontakty", "Kontaktujte nás", "Napište nám", "Kontaktní údaje"],
    "Polish": ["Kontakt", "Napisz do nas", "Skontaktuj się z nami", "Obsługa klienta"],
    "Finnish": ["Ota yhteyttä", "Yhteystiedot", "Asiakaspalvelu", "Asiakastuki"],
    "Danish": ["Kontakt os", "Kundeservice"],
    "Swedish": ["Kontakta oss", "Kundtjänst", "Kundservice"],
    "Norwegian": ["Kontakt oss", "Kundesenter"],
    "Dutch": ["Contact opnemen", "Neem contact op", "Contacteer ons", "Klantenservice"],
    "Portuguese": ["Fale conosco", "Fale connosco", "Contactos", "Contacte-nos", "Contato"],
    "Ukrainian": ["Контакти", "Зворотний зв'язок", "Зворотній зв’язок", "Звʼязатися з нами"],
}


@pytest.mark.parametrize(
    ("language", "text"), [(lang, text) for lang, texts in MENU_WORDS.items() for text in texts]
)
def test_menu_words_lead_to_the_contact_page(language: str, text: str) -> None:
    """A link whose address says nothing ("/page35512345.html", "/?page_id=12") is found
    by its text alone."""
    assert links(f'<nav><a href="/page35512345.html">{text}</a></nav>') == [
        "https://shop.example/page35512345.html"
    ], language


@pytest.mark.parametrize("text", ["Shop", "Über uns", "Доставка", "Blog", "Regulamin"])
def test_other_menu_entries_are_not_followed(text: str) -> None:
    assert links(f'<nav><a href="/page35512399.html">{text}</a></nav>') == []


def test_an_icon_link_counts_by_its_address() -> None:
    """OpenCart's header phone icon links to the contact route's SEO keyword, without text."""
    markup = '<nav id="top"><a href="/napisz-do-nas"><i class="fa fa-phone"></i></a></nav>'
    assert links(markup) == ["https://shop.example/napisz-do-nas"]


def test_the_contact_words_outrank_the_imprint() -> None:
    markup = (
        '<footer><a href="/impressum">Impressum</a><a href="/hilfe">Kundenservice</a>'
        '<a href="/page1.html">Kontakt</a></footer>'
    )
    found = links(markup)
    assert found[0] == "https://shop.example/page1.html"
    assert sorted(found[1:]) == ["https://shop.example/hilfe", "https://shop.example/impressum"]


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Зворотний зв'язок", "зворотнии звязок"),
        ("Зворотний зв’язок", "зворотнии звязок"),
        ("Зворотний звʼязок", "зворотнии звязок"),
        ("Obsługa klienta", "obsluga klienta"),
        ("Kontakt & Anfahrt", "kontakt and anfahrt"),
    ],
)
def test_fold(text: str, folded: str) -> None:
    assert fold(text) == folded
