"""Logs an operator can read and a log stack can parse: one line per web request and one
per task, as text or, with ``LOG_FORMAT=json``, one JSON object per line.

A request's line carries its method, path (never the query string: it can hold tokens),
status, duration and the signed-in user's id; a task's line its name, duration and
outcome. Other records (warnings, errors with their traceback) use the same format.
"""

from __future__ import annotations

import json
import logging
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from flask import Flask, Response, g, request
from flask_login import current_user

REQUESTS = logging.getLogger("discountmarket.requests")
TASKS = logging.getLogger("discountmarket.tasks")
# What a record may carry beyond its message (``extra=``), in the order a line shows it.
FIELDS = ("method", "path", "status", "duration_ms", "user_id", "task", "outcome")
TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
_HANDLER = "discountmarket"


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time (UTC, ISO 8601), level, logger, message, fields."""

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        line.update({name: getattr(record, name) for name in FIELDS if hasattr(record, name)})
        if record.exc_info:
            line["error"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False, default=str)


def configure(app: Flask, *, level: int = logging.INFO) -> None:
    """Send every record to stderr in the configured format (the web app and the worker)."""
    handler = logging.StreamHandler(sys.stderr)
    json_lines = app.config["LOG_FORMAT"] == "json"
    handler.setFormatter(JsonFormatter() if json_lines else logging.Formatter(TEXT_FORMAT))
    handler.set_name(_HANDLER)
    root = logging.getLogger()
    # Ours replaces ours (an app made twice in one process logs each line once).
    root.handlers = [h for h in root.handlers if h.get_name() != _HANDLER] + [handler]
    root.setLevel(level)


def log_requests(app: Flask) -> None:
    """One line per request, after it is answered."""

    @app.before_request
    def _started() -> None:
        g.request_started = time.perf_counter()

    @app.after_request
    def _answered(response: Response) -> Response:
        started = g.get("request_started")
        if started is not None and not request.path.startswith("/static/"):
            user = getattr(current_user, "id", None) if current_user else None
            fields = {
                "method": request.method,
                "path": request.path,
                "status": response.status_code,
                "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                "user_id": user,
            }
            REQUESTS.info("%(method)s %(path)s %(status)s", fields, extra=fields)
        return response


def log_task(name: str, work: Callable[[], Any]) -> Any:
    """Run a task's body and log one line for it: its duration and how it ended."""
    started = time.perf_counter()
    outcome = "error"
    try:
        result = work()
        outcome = "done"
        return result
    finally:
        took = round((time.perf_counter() - started) * 1000, 1)
        fields = {"task": name, "duration_ms": took, "outcome": outcome}
        TASKS.info("task %s %s in %s ms", name, outcome, took, extra=fields)
