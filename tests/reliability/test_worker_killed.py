"""Fault 1: the worker is killed (SIGKILL) in the middle of a large delivery run.

The outbox promise (DESIGN.md §4): every dispatch reaches a final state, no message is
lost, and a message is sent twice only if the worker died between handing it to the SMTP
server and recording that — so duplicates are at most the number in flight at the kill.
"""

from __future__ import annotations

import os

from flask import Flask

from discountmarket.models import DispatchStatus
from tests.conftest import SOAK
from tests.processes import WorkerProcess
from tests.reliability.harness import (
    FINAL,
    dispatch_ids_in,
    enqueue_deliveries,
    seed_email_dispatches,
    sending_ids,
    status_counts,
    wait_until,
)
from tests.smtp import RecordingHandler

DISPATCHES = int(os.environ.get("DM_SOAK_DISPATCHES", "300"))  # `make soak`: 5,000
KILLS = 3 if SOAK else 1
LEASE_SECONDS = 3  # a dead worker's claims are taken over after this
PATIENCE = 60 + DISPATCHES * 0.2  # seconds; generous, for a loaded machine


def test_sigkill_mid_delivery_loses_nothing(make_app, smtp: RecordingHandler, tmp_path) -> None:  # type: ignore[no-untyped-def]
    app: Flask = make_app(
        HUEY_IMMEDIATE=False,
        HUEY_SQLITE_PATH=str(tmp_path / "queue.db"),
        SMTP_URL=smtp.url,
        MESSAGES_PER_STORE_PER_DAY=DISPATCHES,
        MESSAGES_PER_RECIPIENT_PER_DAY=DISPATCHES,
    )
    settings = {
        "DELIVERY_LEASE_SECONDS": LEASE_SECONDS,
        "MESSAGES_PER_STORE_PER_DAY": DISPATCHES,
        "MESSAGES_PER_RECIPIENT_PER_DAY": DISPATCHES,
    }
    with app.app_context():
        ids = seed_email_dispatches(DISPATCHES)
        enqueue_deliveries(ids)

        in_flight: set[int] = set()  # claimed, unfinished when a worker died: may repeat
        for kill in range(1, KILLS + 1):
            worker = WorkerProcess(app, tmp_path / f"worker-{kill}.log", **settings).start()
            goal = DISPATCHES * kill // (KILLS + 2)
            try:
                wait_until(lambda g=goal: len(smtp.messages) >= g, PATIENCE, f"{goal} sent")
            finally:
                worker.kill()
            in_flight |= sending_ids()
        received_at_kill = len(smtp.messages)

        with WorkerProcess(app, tmp_path / "worker-last.log", **settings):
            wait_until(
                lambda: sum(status_counts()[s] for s in FINAL) == DISPATCHES,
                PATIENCE,
                "every dispatch to reach a final state",
            )
        final = status_counts()

    received = dispatch_ids_in(smtp.messages)
    duplicates = sum(n - 1 for n in received.values())
    missing = set(ids) - set(received)
    print(
        f"\n{DISPATCHES} dispatches; {KILLS} SIGKILL(s), the last after {received_at_kill} "
        f"messages; {len(in_flight)} in flight at the kills; afterwards: {dict(final)}; "
        f"messages received {len(smtp.messages)}, duplicates {duplicates}, missing {len(missing)}"
    )
    assert final[DispatchStatus.SENT] == DISPATCHES
    assert not missing
    assert duplicates <= len(in_flight)
    assert {i for i, n in received.items() if n > 1} <= in_flight
    assert set(received) == set(ids)
