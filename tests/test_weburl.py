"""The one set of URL and host rules (``discountmarket.weburl``), on real-world cases."""

from __future__ import annotations

import pytest

from discountmarket import weburl

LONG_PATH = "https://shop.example/" + "p" * (weburl.MAX_URL_LENGTH - len("https://shop.example/"))


# --- hosts -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("host", "normal"),
    [
        ("WWW.Shop.Example.", "www.shop.example"),
        (" shop.example ", "shop.example"),
        ("Bücher.Example", "xn--bcher-kva.example"),
        ("xn--bcher-kva.example", "xn--bcher-kva.example"),
        ("магазин.рф", "xn--80aairftm.xn--p1ai"),
        ("МАГАЗИН.РФ.", "xn--80aairftm.xn--p1ai"),
        ("\uff33\uff28\uff2f\uff30\uff0eexample", "shop.example"),  # full-width SHOP and dot
        ("127.0.0.1", "127.0.0.1"),
        ("[2001:DB8:0:0::1]", "2001:db8::1"),
        ("my_shop.example", "my_shop.example"),
    ],
)
def test_hosts_have_one_normal_form(host: str, normal: str) -> None:
    assert weburl.ascii_host(host) == normal
    assert weburl.normalise_host(host) == normal


@pytest.mark.parametrize("host", ["a..b.example", "x" * 64 + ".example", ".example"])
def test_names_without_an_a_label_form(host: str) -> None:
    with pytest.raises(ValueError, match="not a host name"):
        weburl.ascii_host(host)
    assert weburl.normalise_host(host.upper()) == host  # lower-cased, and invalid
    assert not weburl.valid_host(weburl.normalise_host(host))


@pytest.mark.parametrize(
    ("host", "valid"),
    [
        ("shop.example", True),
        ("localhost", True),
        ("my_shop.example", True),
        ("xn--80aairftm.xn--p1ai", True),
        ("a" * 63 + ".example", True),
        (".".join(["a" * 63] * 3) + "." + "b" * 61, True),  # 253 characters
        ("93.184.216.34", True),
        ("2001:db8::1", True),
        ("a" * 64 + ".example", False),
        (".".join(["a" * 63] * 3) + "." + "b" * 62, False),  # 254 characters
        ("-shop.example", False),
        ("shop-.example", False),
        ("shop..example", False),
        ("shop.example.", False),  # not the normal form
        ("shop example", False),
        ("shop.example:80", False),
        ("магазин.рф", False),  # not the normal form: A-labels
        ("127.1", False),
        ("2130706433", False),
        ("0x7f000001", False),
        ("1.2.3.4.5", False),
        ("fe80::1%eth0", False),
        ("", False),
    ],
)
def test_valid_hosts(host: str, valid: bool) -> None:
    assert weburl.valid_host(host) is valid


# --- URLs: one row, what each function says ---------------------------------------------------

# url -> (canonical_url, site_origin, registrable_domain)
URLS = {
    "HTTPS://Shop.Example/P/1": (
        "https://shop.example/P/1",
        "https://shop.example/",
        "shop.example",
    ),
    "https://WWW.Shop.example./": (
        "https://www.shop.example/",
        "https://www.shop.example/",
        "shop.example",
    ),
    "https://shop.example": ("https://shop.example/", "https://shop.example/", "shop.example"),
    "  https://shop.example/p/1#reviews  ": (
        "https://shop.example/p/1",
        "https://shop.example/",
        "shop.example",
    ),
    "https://shop.example/p#": ("https://shop.example/p", "https://shop.example/", "shop.example"),
    # Default ports go, others stay; a registrable domain is one business on every port.
    "https://shop.example:443/p/1": (
        "https://shop.example/p/1",
        "https://shop.example/",
        "shop.example",
    ),
    "http://shop.example:80/p/1": (
        "http://shop.example/p/1",
        "http://shop.example/",
        "shop.example",
    ),
    "http://shop.example:443/p": (
        "http://shop.example:443/p",
        "http://shop.example:443/",
        "shop.example",
    ),
    "https://shop.example:8443/p": (
        "https://shop.example:8443/p",
        "https://shop.example:8443/",
        "shop.example",
    ),
    # Public suffixes, private ones (github.io) included: every user site is its own store.
    "https://www.kettles.example.co.uk/p/1": (
        "https://www.kettles.example.co.uk/p/1",
        "https://www.kettles.example.co.uk/",
        "example.co.uk",
    ),
    "https://a.b.kettles.de": ("https://a.b.kettles.de/", "https://a.b.kettles.de/", "kettles.de"),
    "https://shop.kettles.com.au/x": (
        "https://shop.kettles.com.au/x",
        "https://shop.kettles.com.au/",
        "kettles.com.au",
    ),
    "https://kettles.github.io/p": (
        "https://kettles.github.io/p",
        "https://kettles.github.io/",
        "kettles.github.io",
    ),
    "https://teapots.github.io/": (
        "https://teapots.github.io/",
        "https://teapots.github.io/",
        "teapots.github.io",
    ),
    "https://github.io:8443/": (
        "https://github.io:8443/",
        "https://github.io:8443/",
        "github.io:8443",
    ),
    # International names: one spelling, the A-labels the fetcher connects to.
    "https://bücher.example/buch/1": (
        "https://xn--bcher-kva.example/buch/1",
        "https://xn--bcher-kva.example/",
        "xn--bcher-kva.example",
    ),
    "https://shop.магазин.рф/чайник": (
        "https://shop.xn--80aairftm.xn--p1ai/чайник",
        "https://shop.xn--80aairftm.xn--p1ai/",
        "xn--80aairftm.xn--p1ai",
    ),
    "https://shop.xn--80aairftm.xn--p1ai/": (
        "https://shop.xn--80aairftm.xn--p1ai/",
        "https://shop.xn--80aairftm.xn--p1ai/",
        "xn--80aairftm.xn--p1ai",
    ),
    # IP addresses and single-label hosts stand for themselves, with a non-default port.
    "http://127.0.0.1:5101/products/x": (
        "http://127.0.0.1:5101/products/x",
        "http://127.0.0.1:5101/",
        "127.0.0.1:5101",
    ),
    "http://127.0.0.1:80/": ("http://127.0.0.1/", "http://127.0.0.1/", "127.0.0.1"),
    "http://127.0.0.1:443/": ("http://127.0.0.1:443/", "http://127.0.0.1:443/", "127.0.0.1:443"),
    "http://LOCALHOST.:8000/p": (
        "http://localhost:8000/p",
        "http://localhost:8000/",
        "localhost:8000",
    ),
    "https://[2001:DB8:0::1]:8443/p": (
        "https://[2001:db8::1]:8443/p",
        "https://[2001:db8::1]:8443/",
        "[2001:db8::1]:8443",
    ),
    "https://[2001:db8::1]:443/p": (
        "https://[2001:db8::1]/p",
        "https://[2001:db8::1]/",
        "[2001:db8::1]",
    ),
    # Tracking parameters go (any case, even percent-encoded); the rest stays as written.
    "https://shop.example/p?utm_source=x&id=7&gclid=y&FBCLID=z&_ga=1&mc_cid=2": (
        "https://shop.example/p?id=7",
        "https://shop.example/",
        "shop.example",
    ),
    "https://shop.example/p?UTM_Medium=mail&yclid=1&msclkid=2": (
        "https://shop.example/p",
        "https://shop.example/",
        "shop.example",
    ),
    "https://shop.example/p?utm%5Fsource=x&id=7": (
        "https://shop.example/p?id=7",
        "https://shop.example/",
        "shop.example",
    ),
    "https://shop.example/p?ref=home&ref_src=twsrc": (
        "https://shop.example/p?ref=home",
        "https://shop.example/",
        "shop.example",
    ),
    "https://shop.example/p?size=&color=red": (
        "https://shop.example/p?size=&color=red",
        "https://shop.example/",
        "shop.example",
    ),
    "https://shop.example/p?b=2&a=1": (
        "https://shop.example/p?b=2&a=1",
        "https://shop.example/",
        "shop.example",
    ),
    "https://shop.example/p?flag&&id=7&": (
        "https://shop.example/p?flag&id=7",
        "https://shop.example/",
        "shop.example",
    ),
    "https://shop.example/p?q=a+b&r=a%20b": (
        "https://shop.example/p?q=a+b&r=a%20b",
        "https://shop.example/",
        "shop.example",
    ),
    # A Windows-1251 search term stays as written (decoding it would change the page).
    "https://shop.example/s?q=%F7%E0%E9%ED%E8%EA": (
        "https://shop.example/s?q=%F7%E0%E9%ED%E8%EA",
        "https://shop.example/",
        "shop.example",
    ),
}


@pytest.mark.parametrize(("url", "expected"), URLS.items(), ids=range(len(URLS)))
def test_what_each_function_says_of_a_url(url: str, expected: tuple[str, str, str]) -> None:
    said = (weburl.canonical_url(url), weburl.site_origin(url), weburl.registrable_domain(url))
    assert said == expected
    assert weburl.canonical_url(expected[0]) == expected[0]  # canonical is a fixed point


def test_the_longest_url_is_accepted() -> None:
    assert len(LONG_PATH) == weburl.MAX_URL_LENGTH
    assert weburl.canonical_url(LONG_PATH) == LONG_PATH


# url -> why every function refuses it (BadURL.code)
REFUSED = {
    "": "empty",
    "   ": "empty",
    LONG_PATH + "p": "too_long",
    "https://shop.example/\x00": "control",
    "https://shop.example/\x7f": "control",
    "https://shop.example:99999/": "unparsable",
    "https://shop.example:port/": "unparsable",
    "http://[::1/": "unparsable",
    "ftp://shop.example/": "scheme",
    "javascript:alert(1)": "scheme",
    "mailto:sales@shop.example": "scheme",
    "/p/1": "scheme",
    "https:///p": "no_host",
    "https://user:pw@shop.example/": "userinfo",
    "https://user@shop.example/": "userinfo",
    "https://@shop.example/": "userinfo",
    "https://shop.example:0/": "port",
    "https://-bad-.example/": "host",
    "https://shop..example/": "host",
    "https://shop example/": "host",
    "http://127.1/": "host",
    "http://0x7f000001/": "host",
    "http://2130706433/": "host",
    "http://[fe80::1%25eth0]/": "host",
    "http://[v1.shop]/": "host",
    "https://" + "x" * 64 + ".example/": "host",
}


@pytest.mark.parametrize(("url", "code"), REFUSED.items(), ids=range(len(REFUSED)))
def test_what_is_no_web_address(url: str, code: str) -> None:
    for function in (
        weburl.parse,
        weburl.canonical_url,
        weburl.site_origin,
        weburl.registrable_domain,
    ):
        with pytest.raises(weburl.BadURL) as refused:
            function(url)
        assert (function.__name__, refused.value.code) == (function.__name__, code)
        assert isinstance(refused.value, ValueError)


# --- homepages (operator input) ----------------------------------------------------------------

# what an operator typed -> the homepage, or why it is refused
HOMEPAGES = {
    "shop.example": "https://shop.example/",
    "  Shop.Example/sale  ": "https://shop.example/sale",
    "shop.example:8443": "https://shop.example:8443/",
    "http://www.shop.example/catalog?x=1#top": "http://www.shop.example/catalog?x=1",
    "https://shop.example/?utm_source=newsletter": "https://shop.example/",
    "https://shop.example:443": "https://shop.example/",
    "http://127.0.0.1:8080": "http://127.0.0.1:8080/",
    "localhost:5000": "https://localhost:5000/",
    "[2001:db8::1]": "https://[2001:db8::1]/",
    "магазин.рф": "https://xn--80aairftm.xn--p1ai/",
    "https://shop.example.co.uk./": "https://shop.example.co.uk/",
    "": "empty",
    "  ": "empty",
    "not a url": "host",
    "ftp://shop.example/": "scheme",
    "javascript:alert(1)": "unparsable",  # read as host "javascript", port "alert(1)"
    "https://user:pw@shop.example/": "userinfo",
    "admin@shop.example": "userinfo",
    "https://-bad-.example/": "host",
    "127.1": "host",
    "https://shop.example/" + "p" * 2100: "too_long",
}


@pytest.mark.parametrize(("text", "outcome"), HOMEPAGES.items(), ids=range(len(HOMEPAGES)))
def test_clean_homepage(text: str, outcome: str) -> None:
    if "/" in outcome:
        assert weburl.clean_homepage(text) == outcome
    else:
        with pytest.raises(weburl.BadURL) as refused:
            weburl.clean_homepage(text)
        assert refused.value.code == outcome


@pytest.mark.parametrize(
    ("url", "home"),
    [
        ("https://deals.shop.example:8443/p/1", "https://shop.example/"),
        ("http://www.shop.co.uk/x", "http://shop.co.uk/"),
        ("https://mine.myshopify.com/products/x", "https://mine.myshopify.com/"),
        ("http://127.0.0.1:5101/p", "http://127.0.0.1:5101/"),
        ("https://магазин.рф/товар", "https://xn--80aairftm.xn--p1ai/"),
    ],
)
def test_a_stores_homepage_is_its_registrable_domains_site(url: str, home: str) -> None:
    assert weburl.store_homepage(url) == home


@pytest.mark.parametrize(
    ("address", "key", "own"),
    [
        ("info@shop.example", "shop.example", True),
        ("sales@mail.shop.example", "shop.example", True),
        ("SHOP@Shop.Example.", "shop.example", True),
        ("owner@gmail.example", "shop.example", False),
        ("a@other.co.uk", "shop.co.uk", False),  # a public suffix is nobody's
        ("no-domain", "shop.example", False),
        ("x@магазин.рф", "xn--80aairftm.xn--p1ai", True),
    ],
)
def test_an_address_is_the_stores_own_only_on_its_domain(address: str, key: str, own: bool) -> None:
    assert weburl.address_on_site(address, key) is own
