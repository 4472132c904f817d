"""Priorities and emerging issues named for a year."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError

from envcoop.core.partial_date import MAX_YEAR, MIN_YEAR
from envcoop.registry.models import Agreement, Framework, Priority, PriorityKind
from envcoop.registry.services.labels import NameSet
from envcoop.registry.services.records import choice_value, record_save
from envcoop.registry.services.references import (
    areas_from_codes,
    countries_from_codes,
    records_from_keys,
)


def priority_upsert(
    *,
    key: str,
    year: int,
    names: NameSet,
    kind: str = PriorityKind.PRIORITY,
    areas: Iterable[str] = (),
    partner_countries: Iterable[str] = (),
    frameworks: Iterable[str] = (),
    agreements: Iterable[str] = (),
    overwrite: bool = True,
) -> tuple[Priority, bool]:
    if not isinstance(year, int) or not MIN_YEAR <= year <= MAX_YEAR:
        raise ValidationError({"year": f"{year!r} is not a year between {MIN_YEAR} and {MAX_YEAR}"})
    return record_save(
        model=Priority,
        lookup={"key": key},
        fields={"year": year, "kind": choice_value(kind, choices=PriorityKind, field="kind")},
        links={
            "areas": areas_from_codes(areas),
            "partner_countries": countries_from_codes(partner_countries, field="partner_countries"),
            "frameworks": records_from_keys(Framework, frameworks, field="frameworks"),
            "agreements": records_from_keys(Agreement, agreements, field="agreements"),
        },
        labels=names.specs(),
        overwrite=overwrite,
    )
