"""Is envcoop ready to serve? The checks behind ``/readyz`` (``/healthz`` needs none).

Each check returns a :class:`Check`: ``ok``, ``failing`` (the site is not ready: /readyz
answers 503) or ``unknown`` (nothing to tell yet; not a failure).

- ``database``: a query reaches the database;
- ``migrations``: no migration is waiting (Django's migration plan is empty);
- ``worker``: a background worker was seen in the last ``WORKER_SILENCE`` seconds.

The worker check reads a heartbeat through ``settings.ENVCOOP_WORKER_HEARTBEAT``: the dotted
path of a function that returns when a worker last reported in (an aware datetime), or
None when none ever did. While that setting is empty (envcoop has no workers yet), the
check says ``unknown``; the background jobs plug their heartbeat in there.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.db import DatabaseError, connections
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone
from django.utils.module_loading import import_string

OK, FAILING, UNKNOWN = "ok", "failing", "unknown"
logger = logging.getLogger(__name__)
WORKER_SILENCE = 60  # seconds without a heartbeat before the worker check fails


@dataclass
class Check:
    status: str
    detail: str = ""
    extra: dict[str, object] = field(default_factory=dict)

    def as_json(self) -> dict[str, object]:
        found: dict[str, object] = {"status": self.status}
        if self.detail:
            found["detail"] = self.detail
        found.update(self.extra)
        return found


def worker_heartbeat_source() -> Callable[[], datetime | None] | None:
    path = getattr(settings, "ENVCOOP_WORKER_HEARTBEAT", "")
    return import_string(path) if path else None


def worker_last_seen() -> datetime | None:
    """When a background worker last reported in; None when none did, or when envcoop
    has no heartbeat to read (see ``worker_heartbeat_source``)."""
    source = worker_heartbeat_source()
    return source() if source is not None else None


def check_database(alias: str = "default") -> Check:
    try:
        with connections[alias].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        return _failed("database", error)
    return Check(OK, extra={"engine": connections[alias].vendor})


def check_migrations(alias: str = "default") -> Check:
    try:
        executor = MigrationExecutor(connections[alias])
        waiting = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except DatabaseError as error:
        return _failed("migrations", error)
    if waiting:
        names = [f"{migration.app_label}.{migration.name}" for migration, _ in waiting]
        return Check(
            FAILING,
            f"{len(names)} migrations not applied: run `envcoop migrate`",
            {"waiting": names[:20]},
        )
    return Check(OK)


def check_worker(now: datetime | None = None) -> Check:
    try:
        source = worker_heartbeat_source()
        if source is None:
            return Check(UNKNOWN, "envcoop records no worker heartbeat yet")
        seen = source()
    except DatabaseError as error:
        return _failed("worker", error)
    if seen is None:
        return Check(FAILING, "no worker has been seen")
    age = ((now or timezone.now()) - seen).total_seconds()
    extra = {"last_seen": seen.isoformat(), "seconds_ago": round(age, 1)}
    if age > WORKER_SILENCE:
        return Check(FAILING, f"no worker seen in the last {WORKER_SILENCE} seconds", extra)
    return Check(OK, extra=extra)


CHECKS: dict[str, Callable[[], Check]] = {
    "database": check_database,
    "migrations": check_migrations,
    "worker": check_worker,
}


def readiness() -> tuple[bool, dict[str, dict[str, object]]]:
    """(ready, {check name: its JSON}); ready unless a check fails. The migration and
    worker checks are skipped when the database cannot be reached."""
    results: dict[str, dict[str, object]] = {}
    ready = True
    database_ok = True
    for name, check in CHECKS.items():
        if name != "database" and not database_ok:
            results[name] = Check(UNKNOWN, "the database cannot be reached").as_json()
            continue
        started = time.perf_counter()
        found = check()
        found.extra["ms"] = round((time.perf_counter() - started) * 1000, 1)
        results[name] = found.as_json()
        if found.status == FAILING:
            ready = False
            database_ok = database_ok and name != "database"
    return ready, results


def _failed(check: str, error: Exception) -> Check:
    """The error goes to the log; the public answer names its kind only (no host names)."""
    logger.warning("readiness check %s failed: %s", check, error)
    return Check(FAILING, f"{type(error).__name__} (see the log)")
