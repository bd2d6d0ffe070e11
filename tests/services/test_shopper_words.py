"""A shopper's note as a store reads it on first contact."""

from __future__ import annotations

import pytest

from discountmarket.services.shopper_words import MAX_NOTE, REMOVED, note_for_store


@pytest.mark.parametrize(
    ("note", "seen"),
    [
        ("I can pick it up today.", "I can pick it up today."),
        ("Grinder 5.5 kg, model X-2000, 2 pcs", "Grinder 5.5 kg, model X-2000, 2 pcs"),
        ("mail me at a.b+c@mail.example please", f"mail me at {REMOVED} please"),
        ("see https://evil.example/x?y=1 today", f"see {REMOVED} today"),
        ("see www.evil.example today", f"see {REMOVED} today"),
        ("go to victim-shop.com now", f"go to {REMOVED} now"),
        ("short link bit.ly/abc", f"short link {REMOVED}"),
        ("call +420 603 123 456", f"call {REMOVED}"),
        ("call (020) 7946-0000", f"call {REMOVED}"),
        ("https://only-a-link.example", None),
        ("   ", None),
        (None, None),
        ("line\nbreaks\tand   spaces", "line breaks and spaces"),
    ],
)
def test_links_addresses_and_numbers_are_taken_out(note: str | None, seen: str | None) -> None:
    assert note_for_store(note, shares_contact=False) == seen


def test_a_shopper_who_shares_contact_writes_as_themselves() -> None:
    note = "Reach me at me@mail.example or +44 20 7946 0000"
    assert note_for_store(note, shares_contact=True) == note


def test_a_long_note_is_cut() -> None:
    cut = note_for_store("word " * 400, shares_contact=True)
    assert cut is not None and len(cut) == MAX_NOTE and cut.endswith("…")
