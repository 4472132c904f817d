"""Organisations: ministries, departments, centres, intergovernmental bodies, ..."""

from __future__ import annotations

from django.db import transaction

from envcoop.registry.models import Organisation, OrganisationType
from envcoop.registry.services.labels import NameSet
from envcoop.registry.services.resolve import (
    areas_from_codes,
    choice_value,
    country_optional,
    record_from_key,
    text_value,
)
from envcoop.registry.services.upsert import record_upsert


@transaction.atomic
def organisation_upsert(
    *,
    key: str,
    type: str,
    names: NameSet,
    country: str | None = None,
    parent: str | None = None,
    website: str = "",
    areas: object = (),
    overwrite: bool = True,
) -> tuple[Organisation, bool]:
    parent_record = record_from_key(Organisation, parent, field="parent")
    return record_upsert(
        model=Organisation,
        lookup={"key": key},
        fields={
            "type": choice_value(type, choices=OrganisationType, field="type"),
            "country": country_optional(country, field="country"),
            "parent": parent_record,
            "website": text_value(website, field="website"),
        },
        links={"areas": areas_from_codes(areas)},
        labels=names.specs(),
        overwrite=overwrite,
    )
