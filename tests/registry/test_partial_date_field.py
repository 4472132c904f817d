"""PartialDateField against the real database: storage, ordering, year and range lookups."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from envcoop.core.partial_date import PartialDate
from envcoop.registry.models import Event
from envcoop.registry.selectors.events import event_list
from envcoop.registry.selectors.filters import ListFilters
from envcoop.registry.services.events import event_upsert
from envcoop.registry.services.labels import NameSet

pytestmark = pytest.mark.django_db


def _event(key: str, start: str | None, end: str | None = None) -> Event:
    return event_upsert(key=key, names=NameSet(names={"en": key}), start=start, end=end)[0]


def test_values_come_back_with_their_precision():
    _event("t-year", "2019")
    _event("t-month", "2019-08")
    _event("t-day", "2019-08-22")
    stored = {e.key: e.start for e in Event.objects.filter(key__startswith="t-")}
    assert stored == {
        "t-year": PartialDate(2019),
        "t-month": PartialDate(2019, 8),
        "t-day": PartialDate(2019, 8, 22),
    }
    assert stored["t-month"].as_date() is None


def test_ordering_in_the_database_matches_date_order():
    for key, start in [("t-c", "2019-08-22"), ("t-a", "2018"), ("t-b", "2019"), ("t-d", "2019-08")]:
        _event(key, start)
    keys = list(
        Event.objects.filter(key__startswith="t-").order_by("start").values_list("key", flat=True)
    )
    # "2019-08" sorts before "2019-08-22": strictly by text
    assert keys == ["t-a", "t-b", "t-d", "t-c"]


def test_year_lookup_and_bounds():
    _event("t-1", "2019")
    _event("t-2", "2019-12")
    _event("t-3", "2020-01-05")
    in_2019 = set(
        Event.objects.filter(start__year=2019, key__startswith="t-").values_list("key", flat=True)
    )
    assert in_2019 == {"t-1", "t-2"}
    # "might have happened on or after 10 Dec 2019": a year or month containing it counts
    maybe_after = set(
        Event.objects.filter(key__startswith="t-", start__latest__gte="2019-12-10").values_list(
            "key", flat=True
        )
    )
    assert maybe_after == {"t-1", "t-2", "t-3"}
    surely_before = set(
        Event.objects.filter(key__startswith="t-", start__latest__lt="2019-12-10").values_list(
            "key", flat=True
        )
    )
    assert surely_before == set()
    surely_after = set(
        Event.objects.filter(key__startswith="t-", start__earliest__gt="2019-12-31").values_list(
            "key", flat=True
        )
    )
    assert surely_after == {"t-3"}


def test_event_year_filter_counts_events_that_span_the_new_year():
    _event("t-span", "2019-12-30", "2020-01-02")
    assert "t-span" in {e.key for e in event_list(filters=ListFilters(year=2019))}
    assert "t-span" in {e.key for e in event_list(filters=ListFilters(year=2020))}
    assert "t-span" not in {e.key for e in event_list(filters=ListFilters(year=2021))}


def test_upcoming_and_past_respect_precision():
    today = dt.date(2026, 11, 21)
    _event("t-this-month", "2026-11")  # may still come: upcoming, not past
    _event("t-last-month", "2026-10")  # surely over
    _event("t-next-year", "2027")
    _event("t-today", "2026-11-21")
    upcoming = {e.key for e in event_list(filters=ListFilters(when="upcoming"), today=today)}
    past = {e.key for e in event_list(filters=ListFilters(when="past"), today=today)}
    assert {"t-this-month", "t-next-year", "t-today"} <= upcoming
    assert "t-last-month" not in upcoming
    assert "t-last-month" in past
    assert not {"t-this-month", "t-next-year", "t-today"} & past


def test_invalid_text_never_reaches_the_table():
    with pytest.raises(ValidationError) as error:
        _event("t-bad", "2023-02-30")
    assert "start" in error.value.message_dict
    assert not Event.objects.filter(key="t-bad").exists()


def test_malformed_text_cannot_be_saved_even_around_the_services():
    from django.db import transaction

    with pytest.raises(ValueError, match="start"), transaction.atomic():
        Event(key="t-raw", start="soon").save()
    _event("t-ok", "2020")
    with pytest.raises(ValueError, match="start"), transaction.atomic():
        Event.objects.filter(key="t-ok").update(start="2023-13")
    assert Event.objects.get(key="t-ok").start == PartialDate(2020)


def test_undated_records_sort_last_on_every_database():
    _event("t-undated", None)
    keys = list(Event.objects.values_list("key", flat=True))
    assert keys[-1] == "t-undated"
    assert keys[0] != "t-undated"
