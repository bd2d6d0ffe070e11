"""`flask --app wsgi inbound classify FILE --json`: through click and through a real process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from flask import Flask

from tests.inbound import facts

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = facts.CORPUS / "auto_reply" / "exchange_ooo_en_until.eml"


def test_classify_a_file_as_json(app: Flask, runner) -> None:  # type: ignore[no-untyped-def]
    result = runner.invoke(args=["inbound", "classify", str(SAMPLE), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == facts.expected(SAMPLE)


def test_classify_standard_input(app: Flask, runner) -> None:  # type: ignore[no-untyped-def]
    result = runner.invoke(args=["inbound", "classify", "-", "--json"], input=SAMPLE.read_bytes())
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["kind"] == "auto_reply"


def test_unreadable_input_is_a_json_error_and_exit_1(app: Flask, runner) -> None:  # type: ignore[no-untyped-def]
    result = runner.invoke(
        args=["inbound", "classify", "-", "--json"], input=b"\x00\x01 no message"
    )
    assert result.exit_code == 1
    error = json.loads(result.output)["error"]
    assert error["code"] == "unreadable" and error["message"]


def test_a_missing_file_is_a_usage_error(app: Flask, runner, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = runner.invoke(args=["inbound", "classify", str(tmp_path / "none.eml"), "--json"])
    assert result.exit_code != 0 and "cannot read" in result.output


def test_without_json_it_prints_a_summary(app: Flask, runner) -> None:  # type: ignore[no-untyped-def]
    result = runner.invoke(args=["inbound", "classify", str(SAMPLE)])
    assert result.exit_code == 0 and "kind: auto_reply" in result.output


def _env(tmp_path: Path) -> dict[str, str]:
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        # Nothing listens there: the command works only because it needs no database.
        "DATABASE_URL": "postgresql://nobody@127.0.0.1:9/none",
        "SECRET_KEY": "x" * 40,
        "DISCOUNTMARKET_ENV": "testing",
        "DISCOUNTMARKET_HUEY_SQLITE_PATH": str(tmp_path / "huey.db"),
    }


def test_a_real_process_reads_standard_input_and_needs_no_database(tmp_path: Path) -> None:
    command = [sys.executable, "-m", "flask", "--app", "wsgi", "inbound", "classify", "-", "--json"]
    run = subprocess.run(
        command,
        cwd=ROOT,
        env=_env(tmp_path),
        input=SAMPLE.read_bytes(),
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert run.returncode == 0, run.stderr.decode()
    assert json.loads(run.stdout) == facts.expected(SAMPLE)
    bad = subprocess.run(
        command,
        cwd=ROOT,
        env=_env(tmp_path),
        input=b"garbage",
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert bad.returncode == 1
    assert json.loads(bad.stdout)["error"]["code"] == "unreadable"
