"""Q objects for "happened in year Y" and "still to come", honest about partial dates."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q


def overlaps_year(start: str, end: str, year: int, *, open_ended: bool) -> Q:
    """Records whose span [start, end] may touch ``year``.

    A missing end means "still going" when ``open_ended`` (projects, frameworks),
    and "the same as the start" otherwise (events).
    """
    first, last = f"{year:04d}-01-01", f"{year:04d}-12-31"
    starts_in_time = Q(**{f"{start}__earliest__lte": last})
    if open_ended:
        ends_in_time = Q(**{f"{end}__isnull": True}) | Q(**{f"{end}__latest__gte": first})
    else:
        ends_in_time = Q(**{f"{end}__latest__gte": first}) | (
            Q(**{f"{end}__isnull": True}) & Q(**{f"{start}__latest__gte": first})
        )
    return Q(**{f"{start}__isnull": False}) & starts_in_time & ends_in_time


def not_over_by(start: str, end: str, day: dt.date) -> Q:
    """Records that may still be going on, or still to come, on ``day``."""
    iso = day.isoformat()
    return Q(**{f"{end}__latest__gte": iso}) | (
        Q(**{f"{end}__isnull": True}) & Q(**{f"{start}__latest__gte": iso})
    )


def over_by(start: str, end: str, day: dt.date) -> Q:
    """Records surely over before ``day``."""
    iso = day.isoformat()
    return Q(**{f"{start}__isnull": False}) & (
        Q(**{f"{end}__latest__lt": iso})
        | (Q(**{f"{end}__isnull": True}) & Q(**{f"{start}__latest__lt": iso}))
    )
