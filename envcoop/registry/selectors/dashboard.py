"""The figures on the home page: totals, per area, per partner, per year; events to come and past.

A fixed number of queries whatever the size of the registry: counts are grouped in
the database or computed from one fetch per kind, with the same rules the list
filters use (so every figure equals the length of the list it links to).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count
from django.utils import timezone

from envcoop.core.partial_date import PartialDate
from envcoop.registry.models import (
    Agreement,
    Area,
    Country,
    CountryGroupCode,
    Event,
    Framework,
    Organisation,
    Project,
)
from envcoop.registry.selectors.events import events_recent, events_upcoming
from envcoop.registry.selectors.involvement import records_per_country
from envcoop.registry.selectors.projects import with_span

KINDS = ("frameworks", "projects", "events", "agreements")
MODELS = {"frameworks": Framework, "projects": Project, "events": Event, "agreements": Agreement}


@dataclass
class Row:
    """One line of a dashboard table: a subject and how many records of each kind touch it."""

    subject: object
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass
class Dashboard:
    totals: dict[str, int]
    areas: list[Row]
    partners: list[Row]
    years: list[Row]
    upcoming: list[Event]
    recent: list[Event]


def rows_per_area() -> list[Row]:
    counts: dict[str, dict[int, int]] = {}
    for kind, model in MODELS.items():
        through = model.areas.through
        column = f"{model._meta.model_name}_id"
        grouped = through.objects.values("area_id").annotate(n=Count(column, distinct=True))
        counts[kind] = {row["area_id"]: row["n"] for row in grouped}
    return [
        Row(area, {kind: counts[kind].get(area.pk, 0) for kind in KINDS})
        for area in Area.objects.prefetch_related("labels").order_by("position")
    ]


def rows_per_partner() -> list[Row]:
    """Each dialogue partner and the records it takes part in."""
    involved = {kind: records_per_country(model) for kind, model in MODELS.items()}
    partners = Country.objects.filter(
        memberships__group__code=CountryGroupCode.DIALOGUE_PARTNER
    ).order_by("code")
    return [
        Row(country, {kind: len(involved[kind].get(country.code, ())) for kind in KINDS})
        for country in partners
    ]


def _years(
    start: PartialDate | None, end: PartialDate | None, *, open_ended: bool, last: int
) -> range:
    """The years a span touches, by the rules of ``periods.overlaps_year``."""
    if start is None:
        return range(0)
    if end is not None:
        return range(start.year, end.latest().year + 1)
    return range(start.year, (last if open_ended else start.year) + 1)


def rows_per_year(*, today: dt.date | None = None) -> list[Row]:
    """Per year, what each list's year filter shows: frameworks in force, projects running,
    events held and agreements dated that year. Latest year first; empty years left out."""
    today = today or timezone.localdate()
    spans = {
        "frameworks": (list(Framework.objects.values_list("period_start", "period_end")), True),
        "projects": (
            list(with_span(Project.objects.all()).values_list("span_start", "span_end")),
            True,
        ),
        "events": (list(Event.objects.values_list("start", "end")), False),
        "agreements": ([(date, date) for (date,) in Agreement.objects.values_list("date")], False),
    }
    dated = [d.latest().year for rows, _ in spans.values() for pair in rows for d in pair if d]
    last = max([today.year, *dated])
    table: dict[int, Counter] = {}
    for kind, (rows, open_ended) in spans.items():
        for start, end in rows:
            for year in _years(start, end, open_ended=open_ended, last=last):
                table.setdefault(year, Counter())[kind] += 1
    return [
        Row(year, {kind: table[year][kind] for kind in KINDS})
        for year in sorted(table, reverse=True)
    ]


def dashboard(*, today: dt.date | None = None) -> Dashboard:
    return Dashboard(
        totals={
            "frameworks": Framework.objects.count(),
            "projects": Project.objects.count(),
            "events": Event.objects.count(),
            "agreements": Agreement.objects.count(),
            "organisations": Organisation.objects.count(),
        },
        areas=rows_per_area(),
        partners=rows_per_partner(),
        years=rows_per_year(today=today),
        upcoming=events_upcoming(today=today),
        recent=events_recent(today=today),
    )
