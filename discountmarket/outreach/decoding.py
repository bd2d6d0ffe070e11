"""Bytes to text for a shop's HTML: which encoding to believe when the server, the page and
the bytes disagree.

Shops mislabel pages: a header saying UTF-8 over windows-1251 bytes, or a server's default
Latin-1 over Shift-JIS or UTF-8. ``decode`` tries the candidates in an order that survives
those mistakes and never raises; ``markup.Page.load`` is its caller.
"""

from __future__ import annotations

import codecs
import itertools

from bs4.dammit import EncodingDetector

__all__ = ["JAPANESE_LEGACY", "decode"]

# Encodings that put the yen sign on the backslash byte.
JAPANESE_LEGACY = frozenset({"shift_jis", "cp932", "shift_jis_2004", "shift_jisx0213"})
JAPANESE_LEGACY |= {"euc_jp", "euc_jis_2004", "euc_jisx0213", "iso2022_jp"}
# Server defaults more often than a page's real encoding.
_LATIN_DEFAULTS = frozenset({"iso8859-1", "cp1252"})


def _codec(name: object) -> str | None:
    if not isinstance(name, str) or not name.strip():
        return None
    try:
        return codecs.lookup(name.strip()).name
    except (LookupError, ValueError):
        return None


def decode(data: bytes, encoding: str | None) -> tuple[str, str]:
    """Bytes to (text, codec) the way bs4 would, minus its warning on undecodable bytes: the
    given encoding, else a byte-order mark, the page's own <meta> declaration, strict UTF-8,
    bs4's statistical guess, windows-1252, and finally UTF-8 with replacement characters.

    The given encoding is used only when the bytes decode in it, and a Latin-1-family label
    (which decodes any bytes) comes after the page's own declaration and strict UTF-8.
    """
    given = _codec(encoding)
    data, bom = EncodingDetector.strip_byte_order_mark(data)
    bom_codec = _codec(bom)
    if bom_codec:
        return data.decode(bom_codec, errors="replace"), bom_codec
    declared = _codec(EncodingDetector.find_declared_encoding(data, is_html=True))
    if declared and declared.startswith(("utf-16", "utf-32")):
        declared = None  # HTML ignores such declarations in a byte stream without a BOM
    if given in _LATIN_DEFAULTS:
        first: list[str | None] = [declared, "utf-8", given]
    else:
        first = [given, declared, "utf-8"]
    # Lazily: the statistical guess is slow and rarely needed once UTF-8 has been tried.
    detected = (_codec(guess) for guess in EncodingDetector(data, is_html=True).encodings)
    for guess in itertools.chain(first, detected):
        # UTF-16/32 only when the server said so: guessed, they "decode" anything.
        if guess and (guess == given or not guess.startswith(("utf-16", "utf-32"))):
            try:
                return data.decode(guess), guess
            except UnicodeDecodeError:
                continue
    fallback = given or "utf-8"
    return data.decode(fallback, errors="replace"), fallback
