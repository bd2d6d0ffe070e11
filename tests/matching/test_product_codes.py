"""GTINs as shops print them, validated by their GS1 check digit and written as GTIN-14."""

from __future__ import annotations

import pytest
from stdnum import ean

from discountmarket.outreach.product_codes import normal_gtin, normal_part_number


def with_check_digit(body: str) -> str:
    return body + ean.calc_check_digit(body)


EAN13 = with_check_digit("400638133393")  # a real EAN-13 body (Germany)
UPC12 = with_check_digit("03600029145")  # a UPC-A body (USA)
EAN8 = with_check_digit("9638507")


@pytest.mark.parametrize(
    ("written", "gtin14"),
    [
        (EAN13, "0" + EAN13),
        (f"{EAN13[:1]} {EAN13[1:7]} {EAN13[7:]}", "0" + EAN13),  # printed in groups
        (f"{EAN13[:4]}-{EAN13[4:]}", "0" + EAN13),
        (UPC12, "00" + UPC12),
        ("0" + UPC12, "00" + UPC12),  # the same product written as EAN-13
        (EAN8, "000000" + EAN8),
        ("0" + EAN13, "0" + EAN13),  # already GTIN-14
        ("0306406152", "09780306406157"),  # ISBN-10 becomes its EAN-13
        ("ISBN 978-0-306-40615-7", "09780306406157"),
        (int(EAN13), "0" + EAN13),  # JSON-LD numbers
    ],
)
def test_valid_codes_become_gtin14(written: object, gtin14: str) -> None:
    assert normal_gtin(written) == gtin14


@pytest.mark.parametrize(
    "written",
    [
        EAN13[:-1] + str((int(EAN13[-1]) + 1) % 10),  # a typo: the check digit fails
        "12345",  # no GTIN length
        "0000000000000",
        with_check_digit("200000012345"),  # in-store code (GS1 prefix 20-29)
        with_check_digit("040000012345"),  # restricted circulation (prefix 04)
        "not a code",
        "4006381333931 and more words after the code",
        "",
        None,
        True,
    ],
)
def test_anything_else_is_no_gtin(written: object) -> None:
    assert normal_gtin(written) is None


@pytest.mark.parametrize(
    ("written", "normal"),
    [
        ("WH-1000XM5/B", "wh1000xm5b"),
        ("MZ-V9P2T0BW", "mzv9p2t0bw"),
        (" mz v9p2t0bw ", "mzv9p2t0bw"),
        ("Black", None),  # no digit: not a part number
        ("N/A", None),
        ("12", None),  # too short to tell products apart
        ("x" * 200, None),
    ],
)
def test_part_numbers_compare_without_punctuation(written: str, normal: str | None) -> None:
    assert normal_part_number(written) == normal
