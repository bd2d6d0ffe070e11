"""Property-based tests for the page readers: prices, products, forms, discovery, contacts.

They must never raise on what a page contains, whatever the page: generated markup, or a
real fixture page cut up and sprinkled with stray ``<``, ``>``, quotes and NULs.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from discountmarket.outreach.contacts import extract_emails, extract_phones
from discountmarket.outreach.discovery import find_contact_links
from discountmarket.outreach.forms import ROLES, analyse_forms, fill
from discountmarket.outreach.prices import parse_price
from discountmarket.outreach.products import extract_product

PAGE_URL = "https://shop.example/kontakt/"
SITES = Path(__file__).resolve().parent.parent / "fixtures" / "sites"
FIXTURE_PAGES = sorted(
    path.read_text(encoding="utf-8", errors="replace") for path in SITES.glob("*/*.html")
)
PLAN_KEYS = {
    "page",
    "action",
    "method",
    "kind",
    "fields",
    "captcha",
    "submittable",
    "blocked_reason",
}

SLOW = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    database=None,
    derandomize=True,  # the same examples on every run: CI is never flaky
)

# --------------------------------------------------------------------------- prices

CURRENCY_BITS = [
    "€",
    "$",
    "US$",
    "£",
    "¥",
    "円",
    "₹",
    "Rs.",
    "₽",
    "\u0440\u0443\u0431.",  # rub.
    "kr",
    "Kč",
    "zł",
    "Ft",
    "lei",
    "تومان",
    "ریال",
    "﷼",
    "EUR",
    "usd",
    "ALL",
    "TRY",
    ",-",
    "\u2013",
    "-",
    "\u2212",
    "%",
]
# ASCII, Persian, Arabic-Indic and full-width digits.
UNICODE_DIGITS = "0123456789" + "".join(
    chr(base + i) for base in (0x6F0, 0x660, 0xFF10) for i in range(10)
)
SEPARATORS = [
    ".",
    ",",
    " ",
    "\u00a0",
    "\u202f",
    "'",
    "\u2019",
    "\u066b",
    "\u066c",
    "\uff0c",
    "\uff0e",
    "\u200f",
]
price_text = st.one_of(
    st.text(),
    st.lists(
        st.one_of(
            st.text(alphabet=UNICODE_DIGITS, min_size=1, max_size=8),
            st.sampled_from(SEPARATORS),
            st.sampled_from(CURRENCY_BITS),
            st.text(max_size=3),
        ),
        max_size=12,
    ).map("".join),
)
hints = st.one_of(st.none(), st.sampled_from(["EUR", "SEK", "usd", "xx", "", " IRR "]), st.text())


@SLOW
@given(text=price_text, hint=hints)
def test_parse_price_never_raises_and_returns_sane_values(text: str, hint: str | None) -> None:
    amount, currency = parse_price(text, currency_hint=hint)
    if amount is not None:
        assert isinstance(amount, Decimal)
        assert amount > 0
        assert amount.as_tuple().exponent == -2
    if currency is not None:
        assert len(currency) == 3 and currency.isascii() and currency.isupper()


def _group(whole: int, sep: str) -> str:
    return f"{whole:,}".replace(",", sep)


LOCAL_FORMATS = [
    (lambda w, f: f"{_group(w, ' ')},{f} €", "EUR"),
    (lambda w, f: f"{_group(w, chr(0xA0))},{f}\u00a0€", "EUR"),
    (lambda w, f: f"${_group(w, ',')}.{f}", "USD"),
    (lambda w, f: f"{_group(w, '.')},{f} €", "EUR"),
    (lambda w, f: f"£{_group(w, ',')}.{f}", "GBP"),
    (lambda w, f: f"CHF {_group(w, chr(0x27))}.{f}", "CHF"),
    (lambda w, f: f"{w},{f} zł", "PLN"),
    (lambda w, f: f"EUR {w}.{f}", "EUR"),
]


@settings(max_examples=200, database=None, derandomize=True)
@given(
    amount=st.decimals(min_value=Decimal("0.01"), max_value=Decimal("999999999.99"), places=2),
    fmt=st.sampled_from(LOCAL_FORMATS),
)
def test_formatted_amounts_parse_back(amount: Decimal, fmt) -> None:  # type: ignore[no-untyped-def]
    render, code = fmt
    whole, fraction = divmod(amount, 1)
    text = render(int(whole), f"{int(fraction * 100):02d}")
    assert parse_price(text) == (amount, code), text


# ------------------------------------------------------------------------ generated HTML

TAGS = ["div", "span", "p", "a", "form", "label", "h1", "del", "s", "section", "footer", "nav"]
INPUT_TYPES = [
    "text",
    "email",
    "tel",
    "hidden",
    "file",
    "submit",
    "image",
    "checkbox",
    "radio",
    "password",
    "button",
    "reset",
    "",
    "TEXT",
]
NAMES = [
    "name",
    "first_name",
    "lastname",
    "email",
    "your-email",
    "phone",
    "subject",
    "message",
    "comment",
    "attachment",
    "file",
    "csrf",
    "g-recaptcha-response",
    "h-captcha-response",
    "cf-turnstile-response",
    "website",
    "agree",
    "",
]
ATTRS = [
    "class",
    "id",
    "name",
    "type",
    "value",
    "for",
    "href",
    "action",
    "method",
    "enctype",
    "style",
    "itemprop",
    "itemtype",
    "content",
    "data-sitekey",
    "data-cfemail",
    "required",
    "disabled",
    "placeholder",
    "autocomplete",
    "hidden",
]
ATTR_VALUES = st.one_of(
    st.sampled_from(
        NAMES
        + INPUT_TYPES
        + [
            "post",
            "multipart/form-data",
            "g-recaptcha",
            "h-captcha",
            "cf-turnstile",
            "display:none",
            "price",
            "old-price",
            "https://schema.org/Product",
            "mailto:info@shop.example",
            "tel:+420 123 456 789",
            "/kontakt",
            "https://other.example/contact",
            "javascript:void(0)",
            "//shop.example/contact-us",
            "1 299,00 €",
            "a7b2c3d4e5",
        ]
    ),
    st.text(max_size=20),
)
TEXTS = st.one_of(
    st.sampled_from(
        [
            "Contact us",
            "Kontakt",
            "Ota yhteyttä",
            "Your e-mail",
            "Message",
            "1 299,00 €",
            "$49.99",
            "Tel: +49 30 1234567",
            "info [at] shop [dot] example",
            "sales@shop.example",
            "۱۲٬۹۹۰ تومان",
            "I agree to the privacy policy",
        ]
    ),
    st.text(max_size=30),
)
JSON_LD = st.sampled_from(
    [
        '{"@type": "Product", "name": "Lamp", "offers": {"price": "49.90", '
        '"priceCurrency": "EUR"}}',
        '{"@type": ["Product"], "offers": [{"price": 1e400}, {"price": null}]}',
        '{"@graph": [{"@type": "Organization", "email": "x@shop.example", '
        '"telephone": "+420 777 123 456"}]}',
        '[{"@type": "Product", "offers": {"priceSpecification": {"price": "-5"}}}]',
        '{"@type": "Product", "image": [null, {"url": 5}], "name": {"x": 1}}',
        '{"@type": "Product", "offers": {"price": "NaN", "priceCurrency": 7}}',
        '{"@type": "Product", "offers":',
        "[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]",
        '"just a string"',
        "",
        "\x00",
    ]
)


@st.composite
def attributes(draw: st.DrawFn) -> str:
    pairs = draw(st.lists(st.tuples(st.sampled_from(ATTRS), ATTR_VALUES), max_size=4))
    out = []
    for key, value in pairs:
        quote = draw(st.sampled_from(['"', "'", ""]))
        value = value.replace(quote, "") if quote else value
        out.append(f" {key}={quote}{value}{quote}")
    return "".join(out)


def _leaf() -> st.SearchStrategy[str]:
    return st.one_of(
        TEXTS,
        st.builds(
            lambda t, n, a: f'<input type="{t}" name="{n}"{a}>',
            st.sampled_from(INPUT_TYPES),
            st.sampled_from(NAMES),
            attributes(),
        ),
        st.builds(
            lambda n, a, t: f'<textarea name="{n}"{a}>{t}</textarea>',
            st.sampled_from(NAMES),
            attributes(),
            TEXTS,
        ),
        st.builds(
            lambda n, opts: (
                f'<select name="{n}">'
                + "".join(f'<option value="{o}">{o}</option>' for o in opts)
                + "</select>"
            ),
            st.sampled_from(NAMES),
            st.lists(st.text(max_size=5), max_size=3),
        ),
        st.builds(lambda j: f'<script type="application/ld+json">{j}</script>', JSON_LD),
        st.builds(lambda a: f"<meta{a}>", attributes()),
        st.just('<base href="https://shop.example/sub/">'),
        st.just('<div class="g-recaptcha" data-sitekey="abc"></div>'),
    )


html_fragment = st.recursive(
    _leaf(),
    lambda children: st.builds(
        lambda tag, attrs, inner: f"<{tag}{attrs}>{''.join(inner)}</{tag}>",
        st.sampled_from(TAGS),
        attributes(),
        st.lists(children, max_size=4),
    ),
    max_leaves=25,
)
generated_page = st.builds(
    lambda title, body: (
        f"<!doctype html><html><head><title>{title}</title></head><body>{body}</body></html>"
    ),
    TEXTS,
    html_fragment,
)

# --------------------------------------------------------------------------- mangled HTML

STRAYS = [
    "<",
    ">",
    '"',
    "'",
    "\x00",
    "</form>",
    "<form>",
    "<!--",
    "<script>",
    "]]>",
    "&#0;",
    "\ufffd",
]


@st.composite
def mangled_page(draw: st.DrawFn) -> str:
    html = draw(st.sampled_from(FIXTURE_PAGES))
    for _ in range(draw(st.integers(0, 8))):
        at = draw(st.integers(0, len(html)))
        if draw(st.booleans()):
            html = html[:at] + draw(st.sampled_from(STRAYS)) + html[at:]
        else:
            html = html[:at] + html[at + draw(st.integers(0, 400)) :]
    return html


any_page = st.one_of(generated_page, mangled_page())


def check_plans(html: str, values: dict[str, str]) -> None:
    for plan in analyse_forms(html, PAGE_URL):
        names = {f.name for f in plan.all_fields}
        chosen = list(plan.fields.values())
        assert set(chosen) <= names, plan.fields
        assert len(chosen) == len(set(chosen)), plan.fields  # one input name per role
        assert set(plan.fields) <= set(ROLES)
        assert set(plan.to_json()) == PLAN_KEYS
        if plan.captcha:
            assert not plan.submittable
        files = {f.name for f in plan.all_fields if f.type == "file"}
        files -= {f.name for f in plan.all_fields if f.type != "file"}
        assert not files & {name for name, _ in fill(plan, values)}


role_values = st.dictionaries(st.sampled_from(ROLES), st.text(max_size=30), max_size=len(ROLES))


@SLOW
@given(html=any_page, values=role_values)
def test_analyse_forms_invariants(html: str, values: dict[str, str]) -> None:
    check_plans(html, values)


@SLOW
@given(html=any_page)
def test_readers_never_raise(html: str) -> None:
    snapshot = extract_product(html, PAGE_URL)
    if snapshot.price is not None:
        assert snapshot.price > 0
    extract_product(html.encode("utf-8", errors="surrogatepass"), PAGE_URL)
    links = find_contact_links(html, PAGE_URL)
    assert all(isinstance(link, str) for link in links)
    assert all(isinstance(address, str) for address in extract_emails(html))
    assert all(isinstance(phone, str) for phone in extract_phones(html))


@settings(max_examples=40, deadline=None, database=None, derandomize=True)
@given(text=st.text())
def test_readers_never_raise_on_arbitrary_text(text: str) -> None:
    extract_product(text, PAGE_URL)
    analyse_forms(text, PAGE_URL)
    find_contact_links(text, PAGE_URL)
    extract_emails(text)
    extract_phones(text)
