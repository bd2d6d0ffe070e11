"""Product codes as shops write them: a GTIN/EAN/UPC/ISBN (check digit validated, always
returned as GTIN-14), and manufacturer part numbers and SKUs in a form two shops would
write alike.

Pure text in, values out. ``python-stdnum`` owns the check-digit rules (GS1 mod-10 for
EAN-8/UPC-A/EAN-13/GTIN-14, ISBN-10 to ISBN-13), so a code with a typo or a shop's own
internal number of the same length never passes as a GTIN.
"""

from __future__ import annotations

import re

from stdnum import ean, isbn

__all__ = ["normal_gtin", "normal_part_number"]

_GTIN_LENGTHS = (8, 12, 13, 14)
_CODE_JUNK = re.compile(r"[\s\-\u2010-\u2015.]")
_MAX_CODE_TEXT = 40  # a code is short; a longer value is a sentence, not a code
_PART_JUNK = re.compile(r"[^0-9a-z]")


def normal_gtin(value: object) -> str | None:
    """A valid GTIN as 14 digits ("4006381333931" -> "04006381333931"); ISBN-10 and
    ISBN-13 become their GTIN too. None for anything whose check digit fails, a code of
    no GTIN length, all zeros, or a restricted-circulation number (GS1 prefixes 02, 04
    and 20-29: a shop's in-store code, meaningless at another shop)."""
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str) or len(value) > _MAX_CODE_TEXT:
        return None
    code = _CODE_JUNK.sub("", value.strip()).upper()
    if code.startswith("ISBN"):
        code = code[4:].lstrip(":")
    if len(code) == 10 and isbn.is_valid(code):
        code = isbn.to_isbn13(code)
    if not code.isdigit() or len(code) not in _GTIN_LENGTHS or not ean.is_valid(code):
        return None
    gtin = code.zfill(14)
    if not gtin.strip("0") or _restricted(gtin):
        return None
    return gtin


def _restricted(gtin: str) -> bool:
    """GS1 prefixes for codes a store assigns itself (variable-weight and in-store)."""
    if gtin.startswith("000000"):  # a GTIN-8 inside a GTIN-14: its own prefix rules
        return gtin[6] in "02"
    prefix = gtin[1:4]  # the GS1 prefix of the GTIN-13 inside the GTIN-14
    return prefix[:2] in {"02", "04"} or prefix[:1] == "2"


def normal_part_number(value: object) -> str | None:
    """A manufacturer part number or SKU for comparison: letters and digits only, lower
    case ("WH-1000XM5/B" and "wh1000xm5b" agree). None unless it has at least one digit
    and 3-40 characters: "Black" or "N/A" is not a part number."""
    if not isinstance(value, str) or len(value) > _MAX_CODE_TEXT * 2:
        return None
    code = _PART_JUNK.sub("", value.casefold())
    if not 3 <= len(code) <= _MAX_CODE_TEXT or not any(c.isdigit() for c in code):
        return None
    return code
