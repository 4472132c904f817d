from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from envcoop.registry.models import Component, Framework
from envcoop.registry.selectors.filters import ListFilters
from envcoop.registry.selectors.involvement import in_area_and_country
from envcoop.registry.selectors.ordering import newest_first, order_by_name
from envcoop.registry.selectors.periods import overlaps_year


def framework_list(*, filters: ListFilters = ListFilters()) -> QuerySet[Framework]:
    frameworks = Framework.objects.prefetch_related("labels", "areas__labels", "partner_countries")
    frameworks = in_area_and_country(frameworks, filters)
    if filters.year:
        frameworks = frameworks.filter(
            overlaps_year("period_start", "period_end", filters.year, open_ended=True)
        )
    if filters.status:
        frameworks = frameworks.filter(status=filters.status)
    if filters.kind:
        frameworks = frameworks.filter(kind=filters.kind)
    return order_by_name(frameworks.distinct(), first=(newest_first("period_start"),))


def framework_get(*, key: str) -> Framework:
    components = Component.objects.prefetch_related(
        "labels",
        "areas__labels",
        "terms__labels",
        "action_lines__labels",
        "projects__labels",
        "events__labels",
        "agreements__labels",
    ).order_by("number")
    return (
        Framework.objects.select_related("predecessor")
        .prefetch_related(
            "labels",
            "areas__labels",
            "partner_countries",
            "partner_organisations__labels",
            "predecessor__labels",
            "successors__labels",
            "priorities__labels",
            Prefetch("components", queryset=components),
        )
        .get(key=key)
    )
