"""Bytes to text: which encoding ``decode`` believes when the server's label, a byte-order
mark, the page's own declaration and the bytes disagree. End-to-end cases through product
pages are in test_products.py."""

from __future__ import annotations

import codecs

import pytest

from discountmarket.outreach.decoding import JAPANESE_LEGACY, decode


@pytest.mark.parametrize(
    ("data", "label", "expected"),
    [
        (b"\xef\xbb\xbf<p>K\xc4\x8d</p>", "iso-8859-1", ("<p>Kč</p>", "utf-8")),
        (b"\xff\xfe" + "<p>Kč</p>".encode("utf-16-le"), None, ("<p>Kč</p>", "utf-16-le")),
        (b"\xef\xbb\xbf<p>ok</p>", "utf-16", ("<p>ok</p>", "utf-8")),
    ],
)
def test_a_byte_order_mark_beats_every_label(
    data: bytes, label: str | None, expected: tuple[str, str]
) -> None:
    assert decode(data, label) == expected


def test_the_servers_label_is_used_when_the_bytes_decode_in_it() -> None:
    data = "<p>Ćao, cena 49 Kč</p>".encode("cp1250")
    assert decode(data, " Windows-1250 ") == ("<p>Ćao, cena 49 Kč</p>", "cp1250")


def test_after_a_latin_1_label_the_pages_declaration_comes_first() -> None:
    # A server's default Latin-1 decodes any bytes, so it is only the last resort.
    html = '<meta charset="windows-1251"><p>Цена</p>'
    assert decode(html.encode("cp1251"), "ISO-8859-1") == (html, "cp1251")


def test_a_utf16_declaration_without_a_bom_is_ignored() -> None:
    data = b'<meta charset="utf-16"><h1>Lamp</h1>'
    assert decode(data, None) == (data.decode(), "utf-8")


def test_utf16_only_when_the_server_says_so() -> None:
    data = "<h1>Lamp</h1>".encode("utf-16-le")
    assert decode(data, "utf-16-le") == ("<h1>Lamp</h1>", "utf-16-le")
    _text, guessed = decode(data, None)  # guessed, UTF-16 would "decode" anything
    assert not guessed.startswith("utf-16")


@pytest.mark.parametrize("label", [None, "", "   ", "x-nonsense", "utf-8"])
def test_labels_that_name_nothing_are_ignored(label: str | None) -> None:
    assert decode(b"<p>K\xc4\x8d</p>", label) == ("<p>Kč</p>", "utf-8")


def test_japanese_legacy_names_are_the_ones_decode_reports() -> None:
    for name in ("Shift_JIS", "CP932", "EUC-JP", "ISO-2022-JP", "shift_jis_2004"):
        assert codecs.lookup(name).name in JAPANESE_LEGACY, name
    data = '<meta charset="shift_jis"><p>\\1,000</p>'.encode("shift_jis")
    assert decode(data, None)[1] in JAPANESE_LEGACY
    assert "utf-8" not in JAPANESE_LEGACY
