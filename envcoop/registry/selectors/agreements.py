from __future__ import annotations

from django.db.models import QuerySet

from envcoop.registry.models import Agreement
from envcoop.registry.selectors.filters import ListFilters
from envcoop.registry.selectors.involvement import in_area_and_country
from envcoop.registry.selectors.ordering import newest_first, order_by_name


def agreement_list(*, filters: ListFilters = ListFilters()) -> QuerySet[Agreement]:
    agreements = Agreement.objects.select_related("adopted_at").prefetch_related(
        "labels", "areas__labels", "party_countries", "adopted_at__labels"
    )
    agreements = in_area_and_country(agreements, filters)
    if filters.year:
        agreements = agreements.filter(date__year=filters.year)
    if filters.status:
        agreements = agreements.filter(status=filters.status)
    if filters.kind:
        agreements = agreements.filter(kind=filters.kind)
    return order_by_name(agreements.distinct(), first=(newest_first("date"),))


def agreement_get(*, key: str) -> Agreement:
    return (
        Agreement.objects.select_related("adopted_at")
        .prefetch_related(
            "labels",
            "areas__labels",
            "party_countries",
            "party_organisations__labels",
            "adopted_at__labels",
            "components__labels",
            "components__framework__labels",
        )
        .get(key=key)
    )
