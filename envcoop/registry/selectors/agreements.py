from __future__ import annotations

from django.db.models import Q, QuerySet

from envcoop.registry.models import Agreement
from envcoop.registry.selectors.filters import ListFilters


def agreement_involving_country(code: str) -> Q:
    return Q(party_countries__code=code) | Q(party_organisations__country__code=code)


def agreement_list(*, filters: ListFilters = ListFilters()) -> QuerySet[Agreement]:
    agreements = Agreement.objects.select_related("adopted_at").prefetch_related(
        "labels", "areas__labels", "party_countries", "adopted_at__labels"
    )
    if filters.area:
        agreements = agreements.filter(areas__code=filters.area)
    if filters.country:
        agreements = agreements.filter(
            pk__in=Agreement.objects.filter(agreement_involving_country(filters.country)).values(
                "pk"
            )
        )
    if filters.year:
        agreements = agreements.filter(date__year=filters.year)
    if filters.status:
        agreements = agreements.filter(status=filters.status)
    if filters.kind:
        agreements = agreements.filter(kind=filters.kind)
    return agreements.distinct()


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
