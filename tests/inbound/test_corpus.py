"""The corpus: every message in tests/fixtures/inbound/<kind>/ classified exactly as its JSON
says, and the per-fact accuracy on it and on the held-out messages (written after the rules,
never tuned against)."""

from __future__ import annotations

from pathlib import Path

import pytest

from discountmarket.inbound.classify import classify
from tests.inbound import facts

CORPUS = facts.messages(facts.CORPUS)
HELD_OUT = facts.messages(facts.HELD_OUT)


def test_the_corpus_is_big_enough_and_covers_every_kind() -> None:
    assert len(CORPUS) >= 40
    kinds = {path.parent.name for path in CORPUS}
    assert kinds == {"reply", "auto_reply", "bounce", "other"}
    for path in CORPUS + HELD_OUT:
        assert facts.expected(path)["kind"] == path.parent.name, path


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_corpus_message_is_classified_as_expected(path: Path) -> None:
    assert classify(path.read_bytes()).to_json() == facts.expected(path)


def test_fact_accuracy_on_the_corpus_and_held_out(capsys: pytest.CaptureFixture[str]) -> None:
    figures = {}
    for name, root in (("corpus", facts.CORPUS), ("held-out", facts.HELD_OUT)):
        right, total, wrong = facts.score(root)
        figures[name] = sum(right.values()) / sum(total.values())
        with capsys.disabled():
            print(f"\n{name}: {sum(right.values())}/{sum(total.values())} facts right")
            for line in wrong:
                print(f"  {line}")
    assert figures["corpus"] == 1.0
    assert figures["held-out"] >= 0.95  # the goal on messages never seen
