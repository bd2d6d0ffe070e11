"""The public pages' generation: a value that changes after every commit that changes what
the public pages show (requests, offers, products, stores and their reputations,
categories), in every process of the deployment — the web workers render, but the queue
worker commits offers from e-mail and marks requests public.

``public_cache`` keys the pages it keeps by this generation, so a commit that touches one of
the watched tables retires them all. The generation lives in Redis when the deployment has
one (every machine sees it), else in a file of the instance folder (every process of this
machine sees it: the embedded default). Changes made outside the ORM's session (raw SQL)
are not seen; the cache's time limit bounds how long they can stay unseen.
"""

from __future__ import annotations

import logging
import os
import secrets
import time
from functools import lru_cache
from pathlib import Path
from typing import Any

import redis
from flask import Flask, current_app, has_app_context
from sqlalchemy import event
from sqlalchemy.orm import ORMExecuteState, Session

from discountmarket.models import (
    Category,
    DiscountRequest,
    Offer,
    Product,
    Store,
    StoreReputation,
)

log = logging.getLogger(__name__)

_FLAG = "public_pages_changed"
REDIS_KEY = "discountmarket:public-pages:generation"
_FILE = "public-pages.generation"
_FILE_LIMIT = 1_000_000  # bytes: one per bump; then the file starts again (see bump_file)


# What the public pages show (templates/board/): a commit touching one retires them.
WATCHED_TABLES = frozenset(
    model.__table__.name
    for model in (Category, DiscountRequest, Offer, Product, Store, StoreReputation)
)


def watch(app: Flask, session: Any) -> None:
    """Bump the generation after each commit of ``session`` that changed a watched table."""
    app.extensions["public_changes"] = _store_for(app)
    if event.contains(session, "after_commit", _after_commit):
        return  # one set of listeners serves every app (tests build many)
    event.listen(session, "after_flush", _after_flush)
    event.listen(session, "do_orm_execute", _after_bulk_statement)
    event.listen(session, "after_commit", _after_commit)
    event.listen(session, "after_rollback", _forget)


def generation() -> str | None:
    """This deployment's current generation; None when it cannot be read (do not cache)."""
    return current_app.extensions["public_changes"].read()


def bump() -> None:
    """Retire every kept public page (in every process)."""
    current_app.extensions["public_changes"].bump()


def _after_flush(session: Session, _context: Any) -> None:
    for instance in (*session.new, *session.dirty, *session.deleted):
        table = getattr(instance, "__table__", None)
        if table is not None and table.name in WATCHED_TABLES:
            session.info[_FLAG] = True
            return


def _after_bulk_statement(state: ORMExecuteState) -> None:
    """INSERT, UPDATE and DELETE statements bypass the flush (the board's counters, expiry,
    a reputation's row made on first use)."""
    if not (state.is_insert or state.is_update or state.is_delete):
        return
    table = getattr(state.statement, "table", None)
    if table is not None and getattr(table, "name", None) in WATCHED_TABLES:
        state.session.info[_FLAG] = True


def _after_commit(session: Session) -> None:
    # A savepoint's RELEASE fires this too: nothing is visible to others before the real
    # commit, and bumping then would let a page of the old data be kept under the new value.
    if session.in_nested_transaction():
        return
    if session.info.pop(_FLAG, False) and has_app_context():
        store = current_app.extensions.get("public_changes")
        if store is not None:
            store.bump()


def _forget(session: Session) -> None:
    # A savepoint rolled back leaves the changes flushed before it: keep the mark.
    if not session.in_nested_transaction():
        session.info.pop(_FLAG, None)


def _store_for(app: Flask) -> RedisGeneration | FileGeneration:
    url = app.config.get("REDIS_URL")
    if url:
        return _redis_generation(url)
    return FileGeneration(Path(app.instance_path) / _FILE)


class FileGeneration:
    """A file whose size grows by one byte per bump (appends are atomic between processes,
    so no bump is lost; its time of change alone is too coarse: two commits within one
    clock tick would share it)."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def read(self) -> str | None:
        try:
            status = os.stat(self.path)
        except FileNotFoundError:
            self.bump()  # the first reader makes it
            try:
                status = os.stat(self.path)
            except OSError:
                return None  # cannot be made (a read-only folder): pages are not kept
        except OSError:
            return None
        return f"{status.st_ino}.{status.st_mtime_ns}.{status.st_size}"

    def bump(self) -> None:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            descriptor = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
            try:
                os.write(descriptor, b".")
                if os.fstat(descriptor).st_size > _FILE_LIMIT:
                    # A new file (new inode): its generations differ from the old file's. A
                    # bump racing this one may land in the old file: the time limit covers it.
                    os.replace(self._fresh(), self.path)
            finally:
                os.close(descriptor)
        except OSError as error:
            log.warning("public pages: cannot mark a change in %s (%s)", self.path, error)

    def _fresh(self) -> str:
        fresh = f"{self.path}.{os.getpid()}.{time.monotonic_ns()}"
        with open(fresh, "wb") as handle:
            handle.write(b".")
        return fresh


class RedisGeneration:
    """A counter in Redis, shared by every machine. When Redis does not answer, reading
    gives None (pages are rendered, not kept) and Redis is left alone for a few seconds,
    so an outage does not add its timeout to every page; a bump lost then leaves pages
    kept before the outage in use until the cache's time limit retires them."""

    WARN_EVERY = 60.0
    REST = 5.0  # seconds without asking Redis after it failed

    def __init__(self, url: str) -> None:
        self._redis = redis.Redis.from_url(url, socket_connect_timeout=1, socket_timeout=1)
        self._warned_at = -self.WARN_EVERY
        self._resting_until = 0.0

    def read(self) -> str | None:
        if time.monotonic() < self._resting_until:
            return None
        try:
            value = self._redis.get(REDIS_KEY)
            if value is None:
                # A random start, not 0: after Redis lost the key (a restart without
                # persistence, an eviction), old values must not come back.
                self._redis.set(REDIS_KEY, secrets.randbits(62), nx=True)
                value = self._redis.get(REDIS_KEY)
        except redis.RedisError as error:
            self._warn(error)
            return None
        return value.decode() if value is not None else None

    def bump(self) -> None:
        if time.monotonic() < self._resting_until:
            return
        try:
            self._redis.incr(REDIS_KEY)
        except redis.RedisError as error:
            self._warn(error)

    def _warn(self, error: Exception) -> None:
        self._resting_until = time.monotonic() + self.REST
        if time.monotonic() - self._warned_at >= self.WARN_EVERY:
            self._warned_at = time.monotonic()
            log.warning("public pages: Redis unavailable (%s); pages are not kept", error)


@lru_cache(maxsize=8)
def _redis_generation(url: str) -> RedisGeneration:
    return RedisGeneration(url)  # one connection pool per process and URL
