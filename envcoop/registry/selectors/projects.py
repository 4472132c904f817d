from __future__ import annotations

from django.db.models import Case, Count, F, QuerySet, Value, When

from envcoop.registry.fields import PartialDateField
from envcoop.registry.models import Fund, Project
from envcoop.registry.selectors.filters import ListFilters
from envcoop.registry.selectors.involvement import in_area_and_country
from envcoop.registry.selectors.ordering import order_by_name
from envcoop.registry.selectors.periods import overlaps_year


def with_span(projects: QuerySet[Project]) -> QuerySet[Project]:
    """Annotate ``span_start``/``span_end`` as ``Project.start``/``Project.end`` define them."""
    return projects.annotate(
        span_start=Case(
            When(actual_start__isnull=False, then=F("actual_start")),
            default=F("planned_start"),
            output_field=PartialDateField(),
        ),
        span_end=Case(
            When(actual_end__isnull=False, then=F("actual_end")),
            # started after its planned end: the end is not known
            When(
                actual_start__isnull=False,
                planned_end__latest__lt=F("actual_start__earliest"),
                then=Value(None),
            ),
            default=F("planned_end"),
            output_field=PartialDateField(),
        ),
    )


def project_list(*, filters: ListFilters = ListFilters()) -> QuerySet[Project]:
    projects = Project.objects.select_related("fund").prefetch_related(
        "labels", "fund__labels", "areas__labels", "recipient_countries"
    )
    projects = in_area_and_country(projects, filters)
    if filters.status:
        projects = projects.filter(activity_status=filters.status)
    if filters.fund:
        projects = projects.filter(fund__key=filters.fund)
    if filters.year:
        running = with_span(Project.objects.all()).filter(
            overlaps_year("span_start", "span_end", filters.year, open_ended=True)
        )
        projects = projects.filter(pk__in=running.values("pk"))
    return order_by_name(projects.distinct())


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


def fund_list() -> QuerySet[Fund]:
    funds = Fund.objects.prefetch_related("labels", "partner_countries").annotate(
        project_count=Count("projects", distinct=True)
    )
    return order_by_name(funds)
