"""The figures on the home page: totals, per area, per partner, per year; events to come and past."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, F, QuerySet

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
from envcoop.registry.selectors.agreements import agreement_involving_country
from envcoop.registry.selectors.events import (
    event_involving_country,
    events_recent,
    events_upcoming,
)
from envcoop.registry.selectors.projects import project_involving_country, with_span

KINDS = ("frameworks", "projects", "events", "agreements")


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


def _per_area(model: type, relation: str) -> dict[int, int]:
    through = model.areas.through
    column = f"{model._meta.model_name}_id"
    rows = through.objects.values("area_id").annotate(n=Count(column, distinct=True))
    return {row["area_id"]: row["n"] for row in rows}


def rows_per_area() -> list[Row]:
    counts = {
        kind: _per_area(model, kind)
        for kind, model in zip(KINDS, (Framework, Project, Event, Agreement), strict=True)
    }
    return [
        Row(area, {kind: counts[kind].get(area.pk, 0) for kind in KINDS})
        for area in Area.objects.prefetch_related("labels").order_by("position")
    ]


def _distinct_count(queryset: QuerySet) -> int:
    return queryset.model.objects.filter(pk__in=queryset.values("pk")).count()


def rows_per_partner() -> list[Row]:
    partners = Country.objects.filter(
        memberships__group__code=CountryGroupCode.DIALOGUE_PARTNER
    ).order_by("code")
    rows = []
    for country in partners:
        counts = {
            "frameworks": _distinct_count(Framework.objects.filter(partner_countries=country)),
            "projects": _distinct_count(
                Project.objects.filter(project_involving_country(country.code))
            ),
            "events": _distinct_count(Event.objects.filter(event_involving_country(country.code))),
            "agreements": _distinct_count(
                Agreement.objects.filter(agreement_involving_country(country.code))
            ),
        }
        rows.append(Row(country, counts))
    return rows


def rows_per_year() -> list[Row]:
    """Per year: events held (by start), agreements dated, projects started, frameworks begun."""
    table: dict[int, dict[str, int]] = defaultdict(lambda: dict.fromkeys(KINDS, 0))
    sources = {
        "events": Event.objects.filter(start__isnull=False).annotate(y=F("start__year")),
        "agreements": Agreement.objects.filter(date__isnull=False).annotate(y=F("date__year")),
        "projects": with_span(Project.objects.all())
        .filter(span_start__isnull=False)
        .annotate(y=F("span_start__year")),
        "frameworks": Framework.objects.filter(period_start__isnull=False).annotate(
            y=F("period_start__year")
        ),
    }
    for kind, queryset in sources.items():
        for row in queryset.values("y").annotate(n=Count("pk")).order_by():
            table[row["y"]][kind] = row["n"]
    return [Row(year, table[year]) for year in sorted(table, reverse=True)]


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
        years=rows_per_year(),
        upcoming=events_upcoming(today=today),
        recent=events_recent(today=today),
    )
