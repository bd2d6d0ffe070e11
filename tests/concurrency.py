"""Several threads doing one thing at the same moment, each in its own app context and
database session (committed), as concurrent workers or requests would."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

from flask import Flask

from discountmarket.extensions import db

T = TypeVar("T")


def all_at_once(app: Flask, count: int, work: Callable[[], T]) -> list[T]:
    """Run ``work`` in ``count`` threads released together; their results, in any order."""
    barrier = threading.Barrier(count)
    results: list[T] = []

    def one() -> None:
        with app.app_context():
            barrier.wait()
            results.append(work())
            db.session.commit()
            db.session.remove()

    threads = [threading.Thread(target=one) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results
