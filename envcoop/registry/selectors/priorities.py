from __future__ import annotations

from django.db.models import QuerySet

from envcoop.registry.models import Priority
from envcoop.registry.selectors.filters import ListFilters


def priority_list(*, filters: ListFilters = ListFilters()) -> QuerySet[Priority]:
    """Priorities and emerging issues, the newest year first; by year, area, partner."""
    priorities = Priority.objects.prefetch_related(
        "labels", "areas__labels", "frameworks__labels", "agreements__labels"
    ).order_by("-year", "kind", "key")
    if filters.year:
        priorities = priorities.filter(year=filters.year)
    if filters.area:
        priorities = priorities.filter(areas__code=filters.area)
    if filters.country:
        priorities = priorities.filter(partner_countries__code=filters.country)
    return priorities.distinct()
