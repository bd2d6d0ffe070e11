"""Form markup as browsers and visitors read it: attributes, control types, a control's text,
captions before and after a control, CSS hiding, and what one page's forms share."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup, Tag

from discountmarket.outreach.form_markup import (
    PageIndex,
    attr,
    css_hidden,
    following_text,
    input_type,
    preceding_text,
    text_of,
)


def soup(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def first(html: str, name: str | None = None) -> Tag:
    found = soup(html).find(name or True)
    assert isinstance(found, Tag)
    return found


def test_attr_is_one_string() -> None:
    element = first('<input class="a  b" rel="x y" name="n" value="">')
    assert (attr(element, "class"), attr(element, "rel")) == ("a b", "x y")
    assert (attr(element, "name"), attr(element, "value"), attr(element, "id")) == ("n", "", "")


@pytest.mark.parametrize(
    ("html", "kind"),
    [
        ("<input>", "text"),
        ('<input type="EMAIL">', "email"),
        ('<input type=" tel ">', "tel"),
        ('<input type="fancy-widget">', "text"),  # unknown types are text boxes to browsers
        ('<input type="datetime-local">', "datetime-local"),
        ("<button>Send</button>", "submit"),
        ('<button type="reset">', "reset"),
        ('<button type="button">', "button"),
        ('<button type="image">', "submit"),  # not a button type: the default
        ('<textarea type="text">', "textarea"),
        ("<select>", "select"),
    ],
)
def test_input_type(html: str, kind: str) -> None:
    assert input_type(first(html)) == kind


def test_text_of_is_one_line_of_visible_text() -> None:
    form = first(
        "<form>\n  <p>Your   message</p><textarea>typed</textarea><script>x</script>"
        '<select><option>Pick</option></select><span class="tip">Tip</span></form>'
    )
    assert text_of(form) == "Your message Tip"
    assert text_of(form, skip=lambda tag: attr(tag, "class") == "tip") == "Your message"
    short = text_of(form, 8)  # the limit counts the raw text, line breaks included
    assert short and "Your message".startswith(short) and len(short) < 8


def test_page_index_labels_ids_and_owned_controls() -> None:
    index = PageIndex(
        soup(
            '<label for=" e ">E-mail</label><label for="e">Second label</label>'
            '<label for="">Nothing</label><span id="hint">Hint</span><span id="hint">Dup</span>'
            '<form id="f"></form><input form="f" name="a"><textarea form="f" name="b"></textarea>'
            '<input form="g" name="c"><div form="f"></div>'
        )
    )
    assert index.labels_for == {"e": "E-mail"}  # the first label for an id wins
    hint = index.by_id("hint")
    assert hint is not None and hint.get_text() == "Hint"
    assert index.by_id("missing") is None
    assert [attr(tag, "name") for tag in index.owned_controls["f"]] == ["a", "b"]
    assert [attr(tag, "name") for tag in index.owned_controls["g"]] == ["c"]


# ------------------------------------------------------------------------------ captions


def test_preceding_text_is_the_caption_back_to_the_previous_field() -> None:
    page = soup(
        "<form><table><tr><td>Name:</td><td><input name=a></td></tr>"
        '<tr><td>Your <b>e-mail</b> *</td><td><input type="hidden" name=h><input name=b></td>'
        "</tr></table></form>"
    )
    second = page.find("input", attrs={"name": "b"})
    assert isinstance(second, Tag)
    # A hidden input does not end the caption; the visible field before it does.
    assert preceding_text(second, None) == "Your e-mail *"


def test_preceding_text_stops_at_the_given_element() -> None:
    page = soup("<p>Page heading</p><form><p>Inside</p><input name=a></form>")
    form, field = page.find("form"), page.find("input")
    assert isinstance(form, Tag) and isinstance(field, Tag)
    assert preceding_text(field, form) == "Inside"
    assert preceding_text(field, None) == "Page heading Inside"


def test_preceding_text_outside_forms_ends_at_an_earlier_form() -> None:
    page = soup(
        "<h2>Contact us</h2><form id=login><a>Forgot your password?</a></form>"
        "<form id=contact></form>"
    )
    contact = page.find("form", id="contact")
    assert isinstance(contact, Tag)
    assert preceding_text(contact, None, outside_forms=True) == ""
    assert preceding_text(contact, None) == "Contact us Forgot your password?"
    assert len(preceding_text(contact, None, 10)) <= 20  # at most twice the limit


def test_following_text_is_a_checkbox_caption() -> None:
    page = soup(
        '<form><input type="checkbox" name="ok"> I agree to the <a>terms</a><!-- c -->'
        '<input name="next"> Not this</form><p>After the form</p>'
    )
    box = page.find("input")
    assert isinstance(box, Tag)
    assert following_text(box) == "I agree to the terms"
    last = page.find("input", attrs={"name": "next"})
    assert isinstance(last, Tag)
    assert following_text(last) == "Not this After the form"  # a form's end is no stop


# -------------------------------------------------------------------------------- hiding


@pytest.mark.parametrize(
    ("html", "hidden"),
    [
        ("<div hidden>", True),
        ('<div aria-hidden="TRUE">', True),
        ('<div style="display: none">', True),
        ('<div style="VISIBILITY:hidden">', True),
        ('<div style="position:absolute; left:-9999px">', True),
        ('<div style="top: -500px">', True),
        ('<div style="opacity:0">', True),
        ('<div style="opacity: 0;">', True),
        ('<div class="form-row sr-only">', True),
        ('<div class="D-None">', True),
        ('<div style="opacity:0.5">', False),
        ('<div style="opacity: .25">', False),
        ('<div style="opacity:0.0 !important; height:0">', True),
        ('<div style="opacity:0%">', True),
        ('<div style="opacity:1">', False),
        ('<div style="left:-20px">', False),
        ('<div aria-hidden="false">', False),
        ('<div class="hidden-xs">', False),  # responsive helpers hide on some screens only
        ("<div>", False),
    ],
)
def test_css_hidden(html: str, hidden: bool) -> None:
    assert css_hidden(first(html)) is hidden
