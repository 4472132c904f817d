"""Which records a country takes part in, defined once for lists, country pages and dashboards.

A country takes part in an event it hosts, attends, holds it in, whose series it is
a partner of, or whose host or participating organisation is one of its own; and
so on for the other kinds. Each path below is a lookup from the record to a Country.
"""

from __future__ import annotations

from collections import defaultdict
from functools import reduce
from operator import or_

from django.db.models import Model, Q, QuerySet

from envcoop.registry.models import Agreement, Event, Framework, Project
from envcoop.registry.selectors.filters import ListFilters

COUNTRY_PATHS: dict[type[Model], tuple[str, ...]] = {
    Framework: ("partner_countries",),
    Project: ("recipient_countries", "participating_organisations__country"),
    Event: (
        "country",
        "host_countries",
        "participant_countries",
        "host_organisations__country",
        "participant_organisations__country",
        "series__partner_countries",
    ),
    Agreement: ("party_countries", "party_organisations__country"),
}


def involving_country(queryset: QuerySet, code: str) -> QuerySet:
    """``queryset`` narrowed to records the country (ISO code) takes part in."""
    model = queryset.model
    condition = reduce(or_, (Q(**{f"{path}__code": code.upper()}) for path in COUNTRY_PATHS[model]))
    return queryset.filter(pk__in=model.objects.filter(condition).values("pk"))


def in_area_and_country(queryset: QuerySet, filters: ListFilters) -> QuerySet:
    """The area and country filters the lists of frameworks, projects, events and agreements share."""
    if filters.area:
        queryset = queryset.filter(areas__code=filters.area)
    if filters.country:
        queryset = involving_country(queryset, filters.country)
    return queryset


def records_per_country(model: type[Model]) -> dict[str, set[int]]:
    """Country code -> ids of the records of ``model`` it takes part in (one query per path)."""
    found: dict[str, set[int]] = defaultdict(set)
    for path in COUNTRY_PATHS[model]:
        rows = model.objects.filter(**{f"{path}__isnull": False}).values_list(f"{path}__code", "pk")
        for code, pk in rows:
            found[code].add(pk)
    return found
