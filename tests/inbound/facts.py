"""Facts of a classification, for per-fact accuracy on the corpus and the held-out set.

A fact is one thing an operator or the application acts on: the kind, the token, and per
kind its fields (out_of_office, until, alternate_contacts; permanent, status, recipients;
text, price, currency, percent, coupon). ``python -m tests.inbound.facts`` prints the table.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from discountmarket.inbound.classify import classify

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
CORPUS = FIXTURES / "inbound"
HELD_OUT = FIXTURES / "inbound_heldout"


def messages(root: Path) -> list[Path]:
    return sorted(root.glob("*/*.eml"))


def expected(path: Path) -> dict[str, Any]:
    return json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))


def facts(result: dict[str, Any], kind_of_truth: str) -> dict[str, Any]:
    """The facts of ``result`` that matter for a message whose true kind is ``kind_of_truth``
    (a wrong kind makes every fact of the true kind wrong)."""
    found: dict[str, Any] = {"kind": result.get("kind"), "token": result.get("token")}
    if kind_of_truth == "auto_reply":
        auto = result.get("auto_reply") or {}
        for key in ("out_of_office", "until", "alternate_contacts"):
            found[f"auto_reply.{key}"] = auto.get(key, "<missing>")
    elif kind_of_truth == "bounce":
        bounce = result.get("bounce") or {}
        for key in ("permanent", "status", "recipients"):
            found[f"bounce.{key}"] = bounce.get(key, "<missing>")
    elif kind_of_truth == "reply":
        reply = result.get("reply") or {}
        found["reply.text"] = reply.get("text", "<missing>")
        offer = reply.get("offer") if reply else "<missing>"
        found["reply.offer_given"] = offer is not None if offer != "<missing>" else "<missing>"
        for key in ("price", "currency", "percent", "coupon"):
            found[f"reply.offer.{key}"] = (
                (offer or {}).get(key) if offer != "<missing>" else "<missing>"
            )
    return found


def score(root: Path) -> tuple[Counter[str], Counter[str], list[str]]:
    """(right per fact, total per fact, the wrong facts as "file: fact")."""
    right: Counter[str] = Counter()
    total: Counter[str] = Counter()
    wrong: list[str] = []
    for path in messages(root):
        truth = expected(path)
        try:
            got = classify(path.read_bytes()).to_json()
        except Exception as error:  # a crash gets every fact wrong
            got = {"kind": f"<{type(error).__name__}>"}
        want = facts(truth, truth["kind"])
        have = facts(got, truth["kind"])
        for name, value in want.items():
            total[name] += 1
            if have.get(name) == value:
                right[name] += 1
            else:
                place = f"{path.parent.name}/{path.name}"
                wrong.append(f"{place}: {name} = {have.get(name)!r}, expected {value!r}")
    return right, total, wrong


def table(root: Path) -> str:
    right, total, wrong = score(root)
    lines = ["| fact | right | of |", "|---|---:|---:|"]
    for name in sorted(total):
        lines.append(f"| {name} | {right[name]} | {total[name]} |")
    all_right, all_total = sum(right.values()), sum(total.values())
    lines.append(
        f"| **all facts** | **{all_right}** | **{all_total}** ({all_right / all_total:.1%}) |"
    )
    lines.append("")
    lines.extend(f"- wrong: {w}" for w in wrong)
    return "\n".join(lines)


if __name__ == "__main__":
    for root in (CORPUS, HELD_OUT) if len(sys.argv) < 2 else map(Path, sys.argv[1:]):
        print(f"## {root.name}: {len(messages(root))} messages\n")
        print(table(root))
        print()
