"""The classifier as a whole: precedence, the exact JSON shape, and no crash on bad input."""

from __future__ import annotations

import json
import random
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from discountmarket.inbound.classify import Classification, UnreadableMessage, classify
from tests.inbound import facts

PACKAGE = Path(__file__).resolve().parents[2] / "discountmarket" / "inbound"
SAMPLES = facts.messages(facts.CORPUS)


def test_a_bounce_wins_over_auto_submitted() -> None:
    raw = (facts.CORPUS / "bounce" / "postfix_dsn_user_unknown.eml").read_bytes()
    assert b"Auto-Submitted: auto-replied" in raw
    assert classify(raw).kind == "bounce"


def test_the_json_has_exactly_the_documented_shape() -> None:
    for path in SAMPLES:
        result = classify(path.read_bytes()).to_json()
        assert set(result) == {"kind", "token", "auto_reply", "bounce", "reply"}
        assert result["kind"] in ("reply", "auto_reply", "bounce", "other")
        present = [key for key in ("auto_reply", "bounce", "reply") if result[key] is not None]
        assert present == ([] if result["kind"] == "other" else [result["kind"]])
        if result["auto_reply"]:
            assert set(result["auto_reply"]) == {"out_of_office", "until", "alternate_contacts"}
        if result["bounce"]:
            assert set(result["bounce"]) == {"permanent", "status", "recipients"}
        if result["reply"]:
            assert set(result["reply"]) == {"text", "offer"}
            if result["reply"]["offer"]:
                assert set(result["reply"]["offer"]) == {"price", "currency", "percent", "coupon"}
        json.dumps(result)


def test_the_classification_is_frozen() -> None:
    result = classify(SAMPLES[0].read_bytes())
    assert isinstance(result, Classification)
    with pytest.raises(AttributeError):
        result.kind = "other"  # type: ignore[misc]


def _never_crashes(raw: bytes) -> None:
    try:
        result = classify(raw)
    except UnreadableMessage:
        return
    json.dumps(result.to_json())


@pytest.mark.parametrize("path", SAMPLES[::3], ids=lambda p: p.stem)
def test_truncated_messages_never_crash(path: Path) -> None:
    raw = path.read_bytes()
    for cut in range(0, len(raw), max(1, len(raw) // 25)):
        _never_crashes(raw[:cut])


@pytest.mark.parametrize("path", SAMPLES[::4], ids=lambda p: p.stem)
def test_corrupted_messages_never_crash(path: Path) -> None:
    generator = random.Random(path.name)
    raw = bytearray(path.read_bytes())
    for _ in range(20):
        mutated = bytearray(raw)
        for _ in range(generator.randint(1, 40)):
            mutated[generator.randrange(len(mutated))] = generator.randrange(256)
        _never_crashes(bytes(mutated))


@pytest.mark.parametrize(
    "raw",
    [
        b'From: a@b.example\r\nContent-Type: multipart/mixed; boundary="x"\r\n\r\n'
        b"--x\r\nContent-Type: text/plain\r\n\r\nunterminated",
        (
            b"From: a@b.example\r\nContent-Type: multipart/report; "
            b"report-type=delivery-status\r\n\r\nno boundary at all"
        ),
        b'From: a@b.example\r\nContent-Type: text/plain; charset="utf-7"\r\n'
        b"Content-Transfer-Encoding: base64\r\n\r\n!!!not base64!!!",
        b'From: a@b.example\r\nContent-Type: text/plain; charset="\xff\xfe"\r\n\r\n'
        b"\xff\xfe\x00garbage",
        (
            b"From: =?utf-8?B?broken?= <a@b.example>\r\nTo: reply+T@x.example\r\n"
            b"Subject: =?koi8-r?Q?=FF=FE?=\r\n\r\n\x00\x01"
        ),
        b"From: a@b.example\r\nContent-Type: message/rfc822\r\n\r\nnot a message",
        b"From: a@b.example\r\n" + b"X-Long: " + b"a" * 100_000 + b"\r\n\r\nbody",
        b"From: a@b.example\r\nContent-Type: text/html\r\n\r\n" + b"<div>" * 5000 + b"deep",
    ],
)
def test_malformed_mime_never_crashes(raw: bytes) -> None:
    _never_crashes(raw)


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=2000))
def test_random_bytes_never_crash(raw: bytes) -> None:
    _never_crashes(raw)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=500))
def test_random_bodies_under_real_headers_never_crash(body: str) -> None:
    _never_crashes(
        b"From: a@shop.example\r\nTo: reply+Tok@in.discountmarket.test\r\nSubject: Re: x\r\n\r\n"
        + body.encode("utf-8", "surrogatepass")
    )


def test_every_module_of_the_package_is_small() -> None:
    sizes = {path.name: len(path.read_text().splitlines()) for path in PACKAGE.glob("*.py")}
    assert sizes and max(sizes.values()) <= 400, sizes


# Not a speed target (those live in bench/): a quadratic path on these inputs takes a
# minute or more, a linear one a few seconds even on a busy machine.
QUADRATIC_SECONDS = 20


HEAD = b"From: a@shop.example\r\nTo: reply+T@in.discountmarket.test\r\nSubject: Re: x\r\n"
BOUNCE_HEAD = (
    b"From: MAILER-DAEMON@mx.example\r\nTo: reply+T@in.discountmarket.test\r\n"
    b"Subject: Undelivered Mail Returned to Sender\r\nReturn-Path: <>\r\n"
)


@pytest.mark.parametrize(
    "raw",
    [
        BOUNCE_HEAD + b"\r\n" + b"a" * 300_000,
        BOUNCE_HEAD + b"\r\n" + b"a." * 150_000,
        HEAD + b"\r\nEUR " + b"000 " * 75_000,
        HEAD + b"\r\n" + b">\n" * 150_000,
        HEAD + b"\r\n" + b"a@" * 150_000,
        HEAD + b"Auto-Submitted: auto-replied\r\n\r\nuntil " + b"1." * 150_000,
        HEAD + b"Content-Type: text/html\r\n\r\n" + b"<blockquote>" * 50_000,
        b"".join(b"X-H%d: v\r\n" % i for i in range(50_000)) + b"\r\nbody",
    ],
    ids=[
        "letters",
        "dots",
        "digit-groups",
        "quote-lines",
        "at-signs",
        "dates",
        "nesting",
        "headers",
    ],
)
def test_pathological_input_costs_linear_time(raw: bytes) -> None:
    started = time.perf_counter()
    _never_crashes(raw)
    assert time.perf_counter() - started < QUADRATIC_SECONDS


def test_many_closing_lines_cost_linear_time() -> None:
    started = time.perf_counter()
    _never_crashes(HEAD + b"\r\n" + b"Hi\nThanks!\n" * 100_000)
    assert time.perf_counter() - started < QUADRATIC_SECONDS
