"""The board's queries walk an index in the order they show, on both databases: no sort of
all open requests, no aggregate over the offers (issue 18). Read from the real plans of the
statements the board runs, on ``flask seed-bench`` data."""

from __future__ import annotations

from typing import Any

import pytest
import sqlalchemy as sa
from flask import Flask

from discountmarket.extensions import db
from discountmarket.services import bench_data, board
from discountmarket.services.bench_sizes import Sizes


def board_statement(query: board.BoardQuery) -> tuple[str, Any]:
    """The SQL and parameters of the board's one query for ``query``."""
    seen: list[tuple[str, Any]] = []

    def keep(_conn, _cursor, statement, parameters, *_args) -> None:  # type: ignore[no-untyped-def]
        seen.append((statement, parameters))

    sa.event.listen(db.engine, "before_cursor_execute", keep)
    try:
        board.open_requests(query)
    finally:
        sa.event.remove(db.engine, "before_cursor_execute", keep)
    (found,) = [s for s in seen if "FROM discount_requests" in s[0]]
    return found


def plan(statement: str, parameters: Any) -> str:
    connection = db.session.connection()
    if connection.dialect.name == "postgresql":
        rows = connection.exec_driver_sql(f"EXPLAIN {statement}", parameters).all()
    else:
        rows = connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", parameters).all()
    return "\n".join(str(row[-1]) for row in rows)


@pytest.fixture
def seeded(app: Flask) -> Flask:
    bench_data.seed(Sizes(requests=3000, offers_per_request=5, stores=300, shoppers=300))
    db.session.execute(sa.text("ANALYZE"))  # the planner's statistics, as in production
    db.session.commit()
    return app


@pytest.mark.parametrize("sort", board.SORTS)
def test_each_sort_walks_its_index(seeded: Flask, sort: str) -> None:
    first = board.open_requests(board.BoardQuery(sort=sort))
    for query in (
        board.BoardQuery(sort=sort),
        board.BoardQuery(sort=sort, after=first.next_cursor),
    ):
        shown = plan(*board_statement(query))
        key = board._SORT_KEYS[sort][0]
        if db.engine.dialect.name == "postgresql":
            assert f"ix_discount_requests_status_{key}_id" in shown, shown
            assert "Sort" not in shown and "HashAggregate" not in shown, shown
        else:  # SQLite
            assert f"USING INDEX ix_discount_requests_status_{key}_id" in shown, shown
            assert "TEMP B-TREE" not in shown, shown
