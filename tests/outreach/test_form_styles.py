"""Reading a page's own stylesheet: which rules apply to an element, which of them win, and
which winning declarations hide it."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup, Tag

from discountmarket.outreach.form_styles import StyleSheet, hides


def element(html: str, css: str) -> tuple[Tag, StyleSheet]:
    soup = BeautifulSoup(f"<style>{css}</style>{html}", "html.parser")
    found = soup.find(id="x")
    assert isinstance(found, Tag)
    return found, StyleSheet.of(soup)


@pytest.mark.parametrize(
    ("selector", "matches"),
    [
        ("#x", True),
        (".a", True),
        (".a.b", True),
        (".a.c", False),
        ("input.a", True),
        ("div.a", False),
        ("[name=email]", True),
        ('[name="email"]', True),
        ("[name^=em]", True),
        ("[name$=il]", True),
        ("[name*=mai]", True),
        ("[class~=b]", True),
        ("[data-x]", False),
        ("form .a", True),
        ("form p .a", True),
        ("section .a", False),
        ("form > .a", True),
        ("p + .a", False),  # sibling combinators are not followed
        (".a:focus", False),
        ("*", False),
    ],
)
def test_selectors(selector: str, matches: bool) -> None:
    tag, sheet = element(
        '<form><p><input id="x" class="a b" name="email"></p></form>', selector + "{display:none}"
    )
    assert sheet.hides(tag) is matches


def test_importance_then_specificity_then_order() -> None:
    html = '<input id="x" class="a">'
    assert not element(html, ".a{display:none} .a{display:block}")[1].hides(element(html, "")[0])
    tag, sheet = element(html, "#x{display:none} .a{display:block}")
    assert sheet.declared(tag)["display"] == "none"  # the id is more specific
    tag, sheet = element(html, ".a{display:none!important} #x{display:block}")
    assert sheet.declared(tag)["display"] == "none"


def test_comments_statements_and_unconditional_media_queries() -> None:
    css = "/* .a{display:block} */ @charset 'utf-8'; @media print, screen{.a{display:none}}"
    tag, sheet = element('<input id="x" class="a">', css)
    assert sheet.declared(tag) == {"display": "none"}


@pytest.mark.parametrize(
    ("values", "hidden"),
    [
        ({"display": "none"}, True),
        ({"visibility": "collapse"}, True),
        ({"opacity": "0.001"}, True),
        ({"opacity": "0%"}, True),
        ({"opacity": "0.5"}, False),
        ({"left": "-10000px"}, True),
        ({"margin-left": "-999em"}, True),
        ({"left": "-20px"}, False),
        ({"height": "0", "overflow": "hidden"}, True),
        ({"height": "0"}, False),  # its content still overflows into view
        ({"max-width": "1px", "overflow": "hidden"}, True),
        ({"clip": "rect(0,0,0,0)"}, True),
        ({"clip": "rect(1px 1px 1px 1px)"}, True),
        ({"clip-path": "inset(100%)"}, True),
        ({"transform": "scale(0)"}, True),
        ({"transform": "scale(1.05)"}, False),
        ({}, False),
    ],
)
def test_what_hides(values: dict[str, str], hidden: bool) -> None:
    assert hides(values) is hidden


def test_an_empty_page_has_no_rules() -> None:
    tag, sheet = element('<input id="x" style="display:none">', "")
    assert not sheet and not sheet.hides(tag)  # inline styles are css_hidden's business
