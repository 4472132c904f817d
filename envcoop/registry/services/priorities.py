"""Priorities and emerging issues named for a year."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from envcoop.core.partial_date import MAX_YEAR, MIN_YEAR
from envcoop.registry.models import Agreement, Framework, Priority, PriorityKind
from envcoop.registry.services.labels import NameSet
from envcoop.registry.services.resolve import (
    areas_from_codes,
    choice_value,
    countries_from_codes,
    records_from_keys,
    whole_number,
)
from envcoop.registry.services.upsert import record_upsert


@transaction.atomic
def priority_upsert(
    *,
    key: str,
    year: int,
    names: NameSet,
    kind: str = PriorityKind.PRIORITY,
    areas: object = (),
    partner_countries: object = (),
    frameworks: object = (),
    agreements: object = (),
    overwrite: bool = True,
) -> tuple[Priority, bool]:
    if not MIN_YEAR <= whole_number(year, field="year") <= MAX_YEAR:
        raise ValidationError({"year": f"{year!r} is not a year between {MIN_YEAR} and {MAX_YEAR}"})
    return record_upsert(
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
