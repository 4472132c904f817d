from __future__ import annotations

from django.db.models import Case, F, Q, QuerySet, When

from envcoop.registry.fields import PartialDateField
from envcoop.registry.models import Fund, Project
from envcoop.registry.selectors.filters import ListFilters
from envcoop.registry.selectors.periods import overlaps_year


def with_span(projects: QuerySet[Project]) -> QuerySet[Project]:
    """Annotate ``span_start``/``span_end``: the actual dates where known, else the planned ones."""
    return projects.annotate(
        span_start=Case(
            When(actual_start__isnull=False, then=F("actual_start")),
            default=F("planned_start"),
            output_field=PartialDateField(),
        ),
        span_end=Case(
            When(actual_end__isnull=False, then=F("actual_end")),
            default=F("planned_end"),
            output_field=PartialDateField(),
        ),
    )


def project_involving_country(code: str) -> Q:
    return Q(recipient_countries__code=code) | Q(participating_organisations__country__code=code)


def project_list(*, filters: ListFilters = ListFilters()) -> QuerySet[Project]:
    projects = Project.objects.select_related("fund").prefetch_related(
        "labels", "fund__labels", "areas__labels", "recipient_countries"
    )
    if filters.area:
        projects = projects.filter(areas__code=filters.area)
    if filters.country:
        projects = projects.filter(
            pk__in=Project.objects.filter(project_involving_country(filters.country)).values("pk")
        )
    if filters.status:
        projects = projects.filter(activity_status=filters.status)
    if filters.year:
        running = with_span(Project.objects.all()).filter(
            overlaps_year("span_start", "span_end", filters.year, open_ended=True)
        )
        projects = projects.filter(pk__in=running.values("pk"))
    return projects.distinct().order_by("key")


def project_get(*, key: str) -> Project:
    return (
        Project.objects.select_related("fund")
        .prefetch_related(
            "labels",
            "fund__labels",
            "areas__labels",
            "recipient_countries",
            "participations__organisation__labels",
            "components__labels",
            "components__framework__labels",
            "action_lines__labels",
        )
        .get(key=key)
    )


def fund_get(*, key: str) -> Fund:
    return Fund.objects.prefetch_related(
        "labels", "projects__labels", "partner_countries", "managing_organisation__labels"
    ).get(key=key)
