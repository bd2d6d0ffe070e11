"""Fault 2: the SMTP server refuses connections for a while, then comes back.

Everything is delivered afterwards, nothing is marked failed (our relay's outage does not
use up a store's attempts), and the attempts show the backoff growing.
"""

from __future__ import annotations

import itertools

from flask import Flask

from discountmarket.models import AttemptOutcome, DispatchStatus
from tests.conftest import free_port
from tests.processes import WorkerProcess
from tests.reliability.harness import (
    attempts_of,
    enqueue_deliveries,
    seed_email_dispatches,
    status_counts,
    wait_until,
)
from tests.smtp import smtp_server

DISPATCHES = 30
BACKOFF = 1  # seconds before the first retry; doubles each time (±20 % jitter)
OUTAGE_ATTEMPTS = 3  # the server stays away until every dispatch has failed this often


def test_deliveries_wait_out_an_smtp_outage(make_app, tmp_path) -> None:  # type: ignore[no-untyped-def]
    port = free_port()  # nothing listens here yet: connections are refused
    app: Flask = make_app(
        HUEY_IMMEDIATE=False,
        HUEY_SQLITE_PATH=str(tmp_path / "queue.db"),
        SMTP_URL=f"smtp://127.0.0.1:{port}",
        MESSAGES_PER_STORE_PER_DAY=DISPATCHES,
        MESSAGES_PER_RECIPIENT_PER_DAY=DISPATCHES,
    )
    with app.app_context():
        ids = seed_email_dispatches(DISPATCHES, stores=10)
        enqueue_deliveries(ids)
        settings = {
            "DELIVERY_BACKOFF_SECONDS": BACKOFF,
            "DELIVERY_MAX_ATTEMPTS": 2,  # fewer than the outage lasts: it must not matter
            "MESSAGES_PER_STORE_PER_DAY": DISPATCHES,
            "MESSAGES_PER_RECIPIENT_PER_DAY": DISPATCHES,
        }
        with WorkerProcess(app, tmp_path / "worker.log", workers=2, **settings):
            wait_until(
                lambda: all(len(attempts_of(i)) >= OUTAGE_ATTEMPTS for i in ids),
                60,
                f"{OUTAGE_ATTEMPTS} refused attempts per dispatch",
                step=0.5,
            )
            assert status_counts()[DispatchStatus.FAILED] == 0
            with smtp_server(port) as smtp:
                wait_until(
                    lambda: status_counts()[DispatchStatus.SENT] == DISPATCHES,
                    60,
                    "every dispatch to be sent once the server is back",
                )
                received = len(smtp.messages)

        assert received == DISPATCHES
        assert status_counts() == {DispatchStatus.SENT: DISPATCHES}
        for dispatch_id in ids:
            attempts = attempts_of(dispatch_id)
            outcomes = [attempt.outcome for attempt in attempts]
            assert outcomes[-1] == AttemptOutcome.SENT
            assert set(outcomes[:-1]) == {AttemptOutcome.RETRY}
            assert "SMTP connection failed" in (attempts[0].detail or "")
            gaps = [
                (later.started_at - earlier.started_at).total_seconds()
                for earlier, later in itertools.pairwise(attempts)
            ]
            # Each wait is at least its jittered backoff: 1 s, 2 s, 4 s... less 20 %.
            for n, gap in enumerate(gaps):
                assert gap >= 0.8 * BACKOFF * 2**n, (dispatch_id, gaps)
            assert gaps[-1] > gaps[0]
