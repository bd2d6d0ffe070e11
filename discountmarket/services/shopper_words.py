"""What of a shopper's own words goes to a store on first contact.

A shopper's note is the one free text we carry to a store, so it is the lever for using us
as a relay: a link, an e-mail address or a phone number in it would reach anybody a page
named. Unless the shopper chose to share their contact (and so writes as themselves), those
are taken out, and the note is cut to a length a store reads.
"""

from __future__ import annotations

import re

MAX_NOTE = 500  # characters a store sees
REMOVED = "[…]"

_URL = re.compile(r"(?i)\b(?:[a-z][a-z0-9+.-]*://|www\.)\S+")
_EMAIL = re.compile(r"[\w.+%-]+@[\w-]+(?:\.[\w-]+)+")
# A bare domain: labels and a last label of letters (shop.example, bit.ly/x), not "5.5 kg".
_DOMAIN = re.compile(r"(?i)\b(?:[a-z0-9-]+\.)+[a-z]{2,}(?:/\S*)?(?![\w.])")
_PHONE = re.compile(r"\+?\(?\d(?:[\s().-]*\d){6,}")


def note_for_store(note: str | None, *, shares_contact: bool) -> str | None:
    """The shopper's note as a store may read it; None when nothing is left."""
    text = " ".join((note or "").split())
    if not shares_contact:
        for pattern in (_URL, _EMAIL, _DOMAIN, _PHONE):
            text = pattern.sub(REMOVED, text)
    if len(text) > MAX_NOTE:
        text = text[: MAX_NOTE - 1].rstrip() + "…"
    return text if text.strip(" " + REMOVED) else None
