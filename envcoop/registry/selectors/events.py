from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet
from django.utils import timezone

from envcoop.registry.models import Event, EventSeries
from envcoop.registry.selectors.filters import ListFilters
from envcoop.registry.selectors.involvement import in_area_and_country
from envcoop.registry.selectors.ordering import newest_first
from envcoop.registry.selectors.periods import not_over_by, over_by, overlaps_year


def _base() -> QuerySet[Event]:
    return Event.objects.select_related("series", "country").prefetch_related(
        "labels", "series__labels", "areas__labels", "host_countries"
    )


def event_list(
    *, filters: ListFilters = ListFilters(), today: dt.date | None = None
) -> QuerySet[Event]:
    today = today or timezone.localdate()
    events = _base()
    events = in_area_and_country(events, filters)
    if filters.year:
        events = events.filter(overlaps_year("start", "end", filters.year, open_ended=False))
    if filters.series:
        events = events.filter(series__key=filters.series)
    if filters.kind:
        events = events.filter(mode=filters.kind)
    if filters.when == "upcoming":
        events = events.filter(not_over_by("start", "end", today)).order_by("start", "key")
    elif filters.when == "past":
        events = events.filter(over_by("start", "end", today)).order_by(
            newest_first("start"), "key"
        )
    else:
        events = events.order_by(newest_first("start"), "key")
    return events.distinct()


def events_upcoming(*, limit: int = 5, today: dt.date | None = None) -> list[Event]:
    return list(event_list(filters=ListFilters(when="upcoming"), today=today)[:limit])


def events_recent(*, limit: int = 5, today: dt.date | None = None) -> list[Event]:
    return list(event_list(filters=ListFilters(when="past"), today=today)[:limit])


def event_get(*, key: str) -> Event:
    return (
        Event.objects.select_related("series", "country", "chair_country")
        .prefetch_related(
            "labels",
            "series__labels",
            "areas__labels",
            "host_countries",
            "host_organisations__labels",
            "participant_countries",
            "participant_organisations__labels",
            "components__labels",
            "components__framework__labels",
            "outcomes__labels",
        )
        .get(key=key)
    )


def event_series_list() -> QuerySet[EventSeries]:
    return EventSeries.objects.prefetch_related("labels").order_by("key")
