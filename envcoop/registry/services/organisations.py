"""Organisations: ministries, departments, centres, intergovernmental bodies, ..."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError

from envcoop.registry.models import Organisation, OrganisationType
from envcoop.registry.services.labels import NameSet
from envcoop.registry.services.records import record_save
from envcoop.registry.services.references import (
    areas_from_codes,
    country_optional,
    record_from_key,
)


def organisation_upsert(
    *,
    key: str,
    type: str,
    names: NameSet,
    country: str | None = None,
    parent: str | None = None,
    website: str = "",
    areas: Iterable[str] = (),
    overwrite: bool = True,
) -> tuple[Organisation, bool]:
    if type not in OrganisationType.values:
        raise ValidationError(
            {
                "type": f"unknown organisation type {type!r}; use one of {', '.join(OrganisationType.values)}"
            }
        )
    parent_record = record_from_key(Organisation, parent, field="parent")
    if parent_record is not None and parent_record.key == key:
        raise ValidationError({"parent": "an organisation cannot be part of itself"})
    return record_save(
        model=Organisation,
        lookup={"key": key},
        fields={
            "type": type,
            "country": country_optional(country, field="country"),
            "parent": parent_record,
            "website": website,
        },
        links={"areas": areas_from_codes(areas)},
        labels=names.specs(),
        overwrite=overwrite,
    )
