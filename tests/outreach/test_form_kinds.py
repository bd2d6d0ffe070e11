# ruff: noqa: RUF001 — call-back and stock-alert words in Cyrillic are the point.
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
        "callback",
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


# Forms shaped like contact forms that are for something else: a contact form needs a box
# to write a message in, and says nothing of calling back, stock alerts or reviews.
LOOKALIKES = [
    (
        "callback-ru-with-comment-box",
        '<div class="modal__title">Заказать звонок</div><form id="cb"><input name="NAME">'
        '<input type="tel" name="PHONE"><textarea name="COMMENT"></textarea>'
        "<button>Перезвоните мне</button></form>",
        "callback",
    ),
    (
        "callback-de",
        '<form action="/rueckruf"><h3>Rückruf-Service</h3><input name="name">'
        '<input type="tel" name="telefon"><button>Rückruf anfordern</button></form>',
        "callback",
    ),
    (
        "callback-heading-without-email",
        "<h2>Call me back</h2><form><input name=your_name><input name=your_phone>"
        "<button>Send</button></form>",
        "callback",
    ),
    (
        "contact-form-under-a-callback-offer-stays-contact",
        "<p>Prefer a phone call? Request a callback.</p><form><input name=name>"
        '<input type="email" name=email><textarea name=message></textarea>'
        "<button>Send</button></form>",
        "contact",
    ),
    (
        "stock-alert",
        '<p>Out of stock.</p><form action="/alerts"><input type="email" name="email">'
        '<input name="name"><button>Notify me when available</button></form>',
        "stock_alert",
    ),
    (
        "stock-alert-ru",
        '<form><input name="fio" placeholder="Имя"><input type="email" name="mail">'
        "<button>Сообщить о поступлении</button></form>",
        "stock_alert",
    ),
    (
        "product-review-without-email",
        '<form><input name="author"><select name="rating"><option>5</option>'
        '<option>4</option></select><textarea name="text"></textarea>'
        "<button>Submit</button></form>",
        "review",
    ),
    (
        "product-review-with-email-says-so",
        '<h3 id="reply-title">Add a review</h3><form id="commentform"><input name="author">'
        '<input type="email" name="email"><input type="radio" name="rating" value="5">'
        '<textarea name="comment"></textarea><button>Submit</button></form>',
        "review",
    ),
    (
        "site-feedback-with-a-rating-stays-contact",
        '<form><input name="f4" placeholder="Name"><input type="email" name="f1">'
        '<textarea name="f8"></textarea><label>Rate our site <select name="f6">'
        "<option>Good</option><option>Bad</option></select></label>"
        "<button>Send message</button></form>",
        "contact",
    ),
    (
        "shipping-quote",
        '<h3>Estimate shipping</h3><form><input name="name"><input type="email" name="email">'
        '<input name="postcode"><button>Get a quote</button></form>',
        "other",
    ),
    (
        "footer-newsletter-with-name-and-phone",
        '<footer><h4>Get in touch with our offers</h4><form class="footer-signup">'
        '<input name="first_name"><input name="last_name"><input type="email" name="email">'
        '<input type="tel" name="mobile"><button>Keep me posted</button></form></footer>',
        "newsletter",
    ),
    (
        "footer-contact-form-with-a-message-box-stays-contact",
        '<div class="site-footer"><h4>Write to us</h4><form><input name="name">'
        '<input type="email" name="email"><textarea name="message"></textarea>'
        "<button>Send</button></form></div>",
        "contact",
    ),
]


@pytest.mark.parametrize(
    ("html", "kind"), [c[1:] for c in LOOKALIKES], ids=[c[0] for c in LOOKALIKES]
)
def test_lookalikes_are_not_contact_forms(html: str, kind: str) -> None:
    assert kind_of(html) == kind
