from __future__ import annotations

from django.db.models import QuerySet

from envcoop.registry.models import Organisation
from envcoop.registry.selectors.filters import ListFilters
from envcoop.registry.selectors.ordering import order_by_name


def organisation_list(*, filters: ListFilters = ListFilters()) -> QuerySet[Organisation]:
    organisations = Organisation.objects.select_related("country", "parent").prefetch_related(
        "labels", "parent__labels"
    )
    if filters.area:
        organisations = organisations.filter(areas__code=filters.area)
    if filters.country:
        organisations = organisations.filter(country__code=filters.country)
    if filters.kind:
        organisations = organisations.filter(type=filters.kind)
    return order_by_name(organisations.distinct())


def organisation_get(*, key: str) -> Organisation:
    return (
        Organisation.objects.select_related("country", "parent")
        .prefetch_related(
            "labels",
            "parent__labels",
            "children__labels",
            "areas__labels",
            "participations__project__labels",
            "events_hosted__labels",
            "events_attended__labels",
            "agreements__labels",
            "event_series__labels",
            "funds__labels",
        )
        .get(key=key)
    )
