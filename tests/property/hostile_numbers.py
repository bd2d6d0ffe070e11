"""Hypothesis strategies for hostile numbers: what the outside review sent (NaN, sNaN,
infinities, exponents, thousands of digits, non-ASCII digits) and everything near it."""

from __future__ import annotations

import base64
import json

from hypothesis import strategies as st

# The review's exact inputs, and their neighbours.
REVIEWED = [
    "NaN",
    "-NaN",
    "sNaN",
    "nan",
    "Infinity",
    "-Infinity",
    "inf",
    "1e400",
    "1e10",
    "1E2",
    "-1e-400",
    "1" * 5_000,
    "9" * 30,
    "-" + "9" * 30,
    "9223372036854775808",
    "10000000000",
    "9999999999.995",
    "0.001",
    "0",
    "-0",
    "1,500",
    "1 234,50",
    "1,234.50",
    "0x10",
    "1_000",
    "\u0663",  # Arabic-Indic three
    "\uff17",  # full-width seven
    "\u00b2",
    "\u221212",
    " 7 ",
    "",
]
DIGITS = "0123456789\u0660\u0663\u06f5\uff10\uff19\u0967"
_number_like = st.text(alphabet=DIGITS + ".,+-eE \u00a0\u202fnaNINFity", max_size=40)
_decimal_text = st.decimals(allow_nan=True, allow_infinity=True).map(str)
_huge_int_text = st.integers(min_value=-(10**40), max_value=10**40).map(str)
hostile_numbers = st.one_of(st.sampled_from(REVIEWED), _number_like, _decimal_text, _huge_int_text)


def encode_cursor(payload: object) -> str:
    raw = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


_json_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=False, allow_infinity=False),
    hostile_numbers,
    st.sampled_from(["2026-01-01T00:00:00+00:00", "2026-01-01T00:00:00", "9999-12-31"]),
)
_json_values = st.recursive(
    _json_scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=8,
)
_sorts = st.sampled_from(["newest", "ending", "offers", "saving"])
_ids = st.one_of(
    st.integers(min_value=-(10**30), max_value=10**30),
    st.sampled_from([2**31, 2**63, 2**64, -(2**63) - 1, 0, -1]),
)
_dates = st.sampled_from(["2026-01-01T00:00:00+00:00", "9999-12-31T23:59:59+14:00"])
_plausible = st.one_of(  # a sort with a value of its own type
    st.tuples(st.sampled_from(["newest", "ending"]), _dates),
    st.tuples(st.just("offers"), _ids),
    st.tuples(st.just("saving"), st.one_of(hostile_numbers, _ids)),
)
_ours = st.tuples(_plausible, _ids).map(lambda t: encode_cursor([*t[0], t[1]]))
board_cursors = st.one_of(
    # Our own shape, [sort, value, last id], with hostile parts.
    _ours,
    _ours,  # twice: weighted, as it is the shape that gets furthest
    st.tuples(_sorts, _json_values, _json_values).map(lambda t: encode_cursor(list(t))),
    st.tuples(_sorts, hostile_numbers, hostile_numbers).map(
        lambda t: encode_cursor(f'["{t[0]}", {t[1]}, {t[2]}]'.encode(errors="replace"))
    ),
    st.sampled_from(["NaN", "Infinity", "-Infinity"]).map(
        lambda c: encode_cursor(f'["saving", {c}, 1]'.encode())
    ),
    st.binary(max_size=300).map(encode_cursor),
    st.integers(1, 2_000).map(lambda n: encode_cursor(b"[" * n)),
    st.text(max_size=300),
)

__all__ = ["REVIEWED", "board_cursors", "encode_cursor", "hostile_numbers"]
