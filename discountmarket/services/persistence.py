"""Small persistence helpers shared by services."""

from __future__ import annotations

from typing import Any, TypeVar

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from discountmarket.extensions import db

Model = TypeVar("Model")


def get_or_create(model: type[Model], lookup: dict[str, Any], **defaults: Any) -> Model:
    """Find the row matching ``lookup`` or insert it, safe against a concurrent insert of the
    same unique key (the loser of the race re-reads the winner's row). Does not commit."""
    query = sa.select(model).filter_by(**lookup)
    found = db.session.scalar(query)
    if found is not None:
        return found
    instance = model(**lookup, **defaults)
    try:
        with db.session.begin_nested():
            db.session.add(instance)
    except IntegrityError:
        found = db.session.scalar(query)
        if found is None:
            raise
        return found
    return instance
