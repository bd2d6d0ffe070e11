"""Operator input about stores, cleaned: homepages, domains, lists, slugs, contacts."""

from __future__ import annotations

import pytest
from flask import Flask

from discountmarket.models import StoreStatus
from discountmarket.services import store_input


def test_clean_homepage_gives_the_canonical_url(app: Flask) -> None:
    assert store_input.clean_homepage(" Shop.Example:443/sale#top ") == "https://shop.example/sale"
    with pytest.raises(ValueError, match="A homepage URL is required"):
        store_input.clean_homepage("   ")


@pytest.mark.parametrize(
    "raw", ["not a url", "ftp://shop.example/", "https://user:pw@shop.example/", "127.1"]
)
def test_clean_homepage_says_what_is_no_web_address(app: Flask, raw: str) -> None:
    with pytest.raises(ValueError, match=f"Not a web address: {raw}"):
        store_input.clean_homepage(raw)


@pytest.mark.parametrize(
    ("entry", "domain"),
    [
        ("www.shop.example", "shop.example"),
        ("https://WWW.Shop.Example./sale", "shop.example"),
        ("shop.example.co.uk", "example.co.uk"),
        ("магазин.рф", "xn--80aairftm.xn--p1ai"),
        ("not a domain", None),
        ("", None),
    ],
)
def test_domain_of_what_an_operator_typed(entry: str, domain: str | None) -> None:
    assert store_input.domain_of(entry) == domain


def test_lists_split_on_commas_semicolons_and_spaces() -> None:
    assert store_input.split_list(" a.example, b.example;c.example  a.example ") == [
        "a.example",
        "b.example",
        "c.example",
    ]
    assert store_input.split_list(None) == []


def test_slugs_keep_letters_of_any_script() -> None:
    assert store_input.slugify("Home & Garden") == "home-garden"
    assert store_input.slugify(" Дом и сад ") == "дом-и-сад"
    assert store_input.slugify("!!!") == ""


def test_statuses_and_languages_are_read_loosely(app: Flask) -> None:
    assert store_input.parse_status(" Opted-Out ") == StoreStatus.OPTED_OUT
    assert store_input.parse_locale("ru_RU") == "ru"
    with pytest.raises(ValueError, match="Unknown status"):
        store_input.parse_status("sleeping")
    with pytest.raises(ValueError, match="Unknown language"):
        store_input.parse_locale("tlh")
