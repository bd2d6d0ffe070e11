"""Suppressed addresses and domains: checked before every message."""

from __future__ import annotations

import pytest
from flask import Flask

from discountmarket.extensions import db
from discountmarket.models import Suppression, SuppressionKind
from discountmarket.services.suppression import is_suppressed


@pytest.fixture
def suppressed(app: Flask) -> None:
    db.session.add_all(
        [
            Suppression(
                kind=SuppressionKind.ADDRESS, value="gone@kettles.example", reason="bounce"
            ),
            Suppression(kind=SuppressionKind.DOMAIN, value="teapots.example", reason="opt-out"),
        ]
    )
    db.session.commit()


@pytest.mark.parametrize(
    ("address", "expected"),
    [
        ("gone@kettles.example", True),
        ("  Gone@Kettles.EXAMPLE ", True),
        ("sales@kettles.example", False),  # another address of the same domain
        ("gone@kettles.example.org", False),
        ("anyone@teapots.example", True),  # the whole domain
        ("ANYONE@TEAPOTS.EXAMPLE", True),
        # The owner of a registrable domain owns its subdomains' mailboxes too; a
        # suppressed subdomain does not stand for its parent.
        ("anyone@shop.teapots.example", True),
        ("anyone@notteapots.example", False),
        ("kettles.example", False),
    ],
)
def test_suppressions(suppressed: None, address: str, expected: bool) -> None:
    assert is_suppressed(address) is expected


def test_nothing_is_suppressed_by_default(app: Flask) -> None:
    assert is_suppressed("gone@kettles.example") is False
