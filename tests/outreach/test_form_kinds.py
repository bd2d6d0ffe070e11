"""Form kinds, called directly: which rule settles a form when its signals disagree, and what
a form's shape alone says. Kinds in many languages are in test_forms.py."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup, Tag

from discountmarket.outreach.form_fields import read_fields
from discountmarket.outreach.form_kinds import FORM_KINDS, classify
from discountmarket.outreach.form_markup import PageIndex


def kind_of(html: str) -> str:
    soup = BeautifulSoup(html, "html.parser")
    form = soup.find("form")
    assert isinstance(form, Tag)
    kind = classify(form, read_fields(form, PageIndex(soup)))
    assert kind in FORM_KINDS
    return kind


CASES = [
    # A password box outweighs everything else the form says.
    (
        "password-beats-contact-words",
        '<form id="contact"><input name="email"><input type="password" name="p">'
        "<textarea name=m></textarea></form>",
        "login",
    ),
    (
        "password-with-many-fields-signs-up",
        '<form><input name="a"><input name="b"><input type="email" name="c">'
        '<input type="password" name="p"></form>',
        "registration",
    ),
    # A box to write in: a contact form unless the form says otherwise.
    ("bare-textarea", "<form><textarea name=t></textarea></form>", "contact"),
    (
        "textarea-newsletter",
        '<form class="newsletter-signup"><textarea name=t></textarea></form>',
        "newsletter",
    ),
    (
        "textarea-upload-button",
        '<form><textarea name=t></textarea><input type="submit" value="Upload"></form>',
        "other",
    ),
    (
        "textarea-cv",
        '<form><textarea name=t></textarea><input type="file" name="cv_file"></form>',
        "other",
    ),
    (
        "textarea-under-a-job-heading",
        "<h2>Apply for this position</h2><form><textarea name=t></textarea></form>",
        "other",
    ),
    (
        "textarea-job-and-contact-heading",
        "<h2>Contact us about a vacancy</h2><form><textarea name=t></textarea></form>",
        "contact",
    ),
    (
        "disabled-textarea-is-no-message-box",
        '<form><textarea name=t disabled></textarea><input name="q"></form>',
        "search",
    ),
    # Searches: by type, role, a query field, or the words of a small form.
    ("role-search", '<form role="search"><input name="x"><input name="y"></form>', "search"),
    (
        "query-field-beside-an-email-is-no-search",
        '<form><input name="q"><input type="email" name="e"></form>',
        "other",
    ),
    ("filter-form", '<form id="product-search"></form>', "search"),
    # Purpose words.
    ("contact-filled-by-scripts", '<form id="contact-form"></form>', "contact"),
    ("add-to-cart-without-fields", "<form><button>Add to cart</button></form>", "order"),
    (
        "callback",
        '<h3>Request a call back</h3><form><input name="name"><input type="tel" name="tel"></form>',
        "contact",
    ),
    # Shape alone, as a last resort.
    ("lone-email", '<form><input type="email" name="x"></form>', "newsletter"),
    ("lone-text", '<form><input name="x"></form>', "search"),
    ("nothing-to-type", '<form><input type="checkbox" name="x"></form>', "other"),
    ("two-anonymous-boxes", '<form><input name="x"><input name="y"></form>', "other"),
]


@pytest.mark.parametrize(("html", "kind"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_kind(html: str, kind: str) -> None:
    assert kind_of(html) == kind


def test_a_honeypot_does_not_change_the_shape() -> None:
    newsletter = '<form><input type="email" name="x">{}</form>'
    trap = '<input name="website" style="display:none">'
    assert kind_of(newsletter.format(trap)) == kind_of(newsletter.format("")) == "newsletter"


def test_the_heading_of_an_earlier_form_is_not_this_forms_heading() -> None:
    html = (
        "<h2>Apply for a job</h2><form><input name=a><a>Forgot your password?</a></form>"
        "<form><textarea name=t></textarea></form>"
    )
    soup = BeautifulSoup(html, "html.parser")
    second = soup.find_all("form")[1]
    assert classify(second, read_fields(second, PageIndex(soup))) == "contact"
