"""Events as iCalendar (RFC 5545): one event, or a feed of a filtered list to subscribe to.

Meetings are all-day events (the registry holds days, not hours): DTSTART is the first
day and DTEND the day after the last, as the standard counts it. An event known only to
the month or the year has no day to put in a calendar and is left out of the feed.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import translation
from icalendar import Calendar
from icalendar import Event as CalendarEvent

from envcoop.core.partial_date import Precision
from envcoop.registry.models import Event


def _event(event: Event, lang: str, site: str) -> CalendarEvent | None:
    if event.start is None or event.start.precision is not Precision.DAY:
        return None
    first = event.start.earliest()
    last = event.end.latest() if event.end else first
    entry = CalendarEvent()
    entry.add("uid", f"{event.key}@envcoop")
    entry.add("dtstamp", event.updated_at.astimezone(dt.UTC))
    entry.add("summary", str(event.name_in(lang) or event.key))
    entry.add("dtstart", first)
    entry.add("dtend", max(last, first) + dt.timedelta(days=1))
    place = ", ".join(
        part
        for part in (event.place, str(event.country.name_in(lang)) if event.country else "")
        if part
    )
    if place:
        entry.add("location", place)
    description = event.description_in(lang)
    if description:
        entry.add("description", str(description))
    entry.add("url", site + event.get_absolute_url())
    areas = [str(area.name_in(lang)) for area in event.areas.all()]
    if areas:
        entry.add("categories", areas)
    return entry


def to_ics(events: Any, lang: str, site: str, name: str) -> tuple[bytes, list[str]]:
    """(the calendar, keys of the events left out for want of a day)."""
    skipped = []
    with translation.override(lang):
        calendar = Calendar()
        calendar.add("prodid", "-//envcoop//regional environmental cooperation//EN")
        calendar.add("version", "2.0")
        calendar.add("calscale", "GREGORIAN")
        calendar.add("x-wr-calname", name)
        for event in events:
            entry = _event(event, lang, site)
            if entry is None:
                skipped.append(event.key)
            else:
                calendar.add_component(entry)
        return calendar.to_ical(), skipped
