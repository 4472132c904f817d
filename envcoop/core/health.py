"""What /readyz asks about the site's parts."""

from __future__ import annotations

from datetime import datetime


def worker_last_seen() -> datetime | None:
    """When a worker (`envcoop worker`) last said it was alive (each says so every
    ENVCOOP_WORKER_BEAT seconds); None if none ever did."""
    from django.db.models import Max

    from envcoop.ingestion.models import WorkerBeat

    return WorkerBeat.objects.aggregate(last=Max("seen_at"))["last"]
