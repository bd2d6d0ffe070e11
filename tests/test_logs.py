"""Structured logs: one line per web request and one per task, as JSON on request (each
line parses, carries its fields, and never the query string, which can hold tokens)."""

from __future__ import annotations

import json
import logging
import subprocess

import pytest
from flask import Flask

from discountmarket import logs
from tests.processes import ROOT, flask_command, worker_env


def test_a_request_is_one_json_line_without_its_query_string(
    make_app, caplog: pytest.LogCaptureFixture
) -> None:  # type: ignore[no-untyped-def]
    app: Flask = make_app(LOG_FORMAT="json")
    caplog.set_level(logging.INFO, logger="discountmarket.requests")
    app.test_client().get("/board?token=secret-in-the-query")
    app.test_client().get("/no-such-page")
    lines = [json.loads(logs.JsonFormatter().format(r)) for r in caplog.records]
    requests = [line for line in lines if line["logger"] == "discountmarket.requests"]
    assert [(r["method"], r["path"], r["status"]) for r in requests] == [
        ("GET", "/board", 200),
        ("GET", "/no-such-page", 404),
    ]
    assert all(r["duration_ms"] >= 0 and r["user_id"] is None for r in requests)
    assert "secret-in-the-query" not in json.dumps(lines)


def test_a_worker_logs_one_json_line_per_task(make_app, tmp_path) -> None:  # type: ignore[no-untyped-def]
    app = make_app(HUEY_IMMEDIATE=False, HUEY_SQLITE_PATH=str(tmp_path / "q.db"))
    run = subprocess.run(
        flask_command("worker", "--drain"),
        cwd=ROOT,
        env=worker_env(app, DISCOUNTMARKET_LOG_FORMAT="json"),
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    lines = [json.loads(line) for line in run.stderr.splitlines() if line.strip()]
    tasks = {line["task"]: line for line in lines if line["logger"] == "discountmarket.tasks"}
    assert {"sweep_outbox", "sla_sweep", "expire_requests"} <= set(tasks)
    assert all(line["outcome"] == "done" and "time" in line for line in tasks.values())


def test_a_setting_other_than_text_or_json_is_refused(make_app) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(Exception, match="LOG_FORMAT"):
        make_app(LOG_FORMAT="xml")
