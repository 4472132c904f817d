from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet

from envcoop.registry.models import (
    Agreement,
    Area,
    Component,
    Event,
    EventSeries,
    Framework,
    Organisation,
    Priority,
    Project,
    Term,
)


def area_list() -> QuerySet[Area]:
    return Area.objects.prefetch_related("labels").order_by("position")


@dataclass
class AreaActivity:
    area: Area
    frameworks: list[Framework]
    components: list[Component]
    projects: list[Project]
    events: list[Event]
    agreements: list[Agreement]
    organisations: list[Organisation]
    series: list[EventSeries]
    terms: list[Term]
    priorities: list[Priority]


def area_activity(*, code: str) -> AreaActivity:
    area = Area.objects.prefetch_related("labels").get(code=code)
    return AreaActivity(
        area=area,
        frameworks=list(area.frameworks.prefetch_related("labels")),
        components=list(
            area.components.select_related("framework").prefetch_related(
                "labels", "framework__labels"
            )
        ),
        projects=list(area.projects.prefetch_related("labels").order_by("key")),
        events=list(area.events.prefetch_related("labels")),
        agreements=list(area.agreements.prefetch_related("labels")),
        organisations=list(
            Organisation.objects.filter(areas=area).prefetch_related("labels").order_by("key")
        ),
        series=list(area.event_series.prefetch_related("labels")),
        terms=list(
            area.terms.select_related("vocabulary").prefetch_related("labels", "vocabulary__labels")
        ),
        priorities=list(area.priorities.prefetch_related("labels")),
    )
