"""What ``flask seed-bench`` makes (sizes) and the few things its writers share."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa

from discountmarket.extensions import db
from discountmarket.models import DispatchStatus, RequestStatus

BATCH = 5_000  # rows per insert statement
# Request states by share: most open, as on a busy board.
REQUEST_STATES = (
    (RequestStatus.OPEN, 0.6),
    (RequestStatus.EXPIRED, 0.25),
    (RequestStatus.FULFILLED, 0.1),
    (RequestStatus.CANCELLED, 0.05),
)
DISPATCH_STATES = (
    (DispatchStatus.SENT, 0.55),
    (DispatchStatus.ANSWERED, 0.25),
    (DispatchStatus.FAILED, 0.05),
    (DispatchStatus.SKIPPED, 0.1),
    (DispatchStatus.PENDING, 0.05),
)


@dataclass
class Sizes:
    requests: int
    offers_per_request: int
    stores: int
    shoppers: int
    escalations: int = 100
    seed: int = 1


@dataclass
class BenchStore:
    id: int
    currency: str
    typical: int
    categories: list[int]
    competitors: list[int] = field(default_factory=list)


def pick(rng: random.Random, shares: tuple[tuple[Any, float], ...]) -> Any:
    return rng.choices([value for value, _ in shares], [share for _, share in shares])[0]


def next_id(model: type) -> int:
    return (db.session.scalar(sa.select(sa.func.max(model.id))) or 0) + 1
