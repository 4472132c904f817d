"""MoUs, joint statements, declarations, agreements and treaties."""

from __future__ import annotations

from django.db import transaction

from envcoop.registry.models import Agreement, AgreementKind, AgreementStatus, Event, Organisation
from envcoop.registry.services.labels import NameSet
from envcoop.registry.services.resolve import (
    action_lines_from_refs,
    areas_from_codes,
    choice_value,
    components_from_refs,
    countries_from_codes,
    date_value,
    record_from_key,
    records_from_keys,
    text_value,
)
from envcoop.registry.services.upsert import record_upsert


@transaction.atomic
def agreement_upsert(
    *,
    key: str,
    kind: str,
    names: NameSet,
    status: str = AgreementStatus.ADOPTED,
    date: object = None,
    place: str = "",
    party_countries: object = (),
    party_organisations: object = (),
    adopted_at: str | None = None,
    areas: object = (),
    components: object = (),
    action_lines: object = (),
    url: str = "",
    overwrite: bool = True,
) -> tuple[Agreement, bool]:
    return record_upsert(
        model=Agreement,
        lookup={"key": key},
        fields={
            "kind": choice_value(kind, choices=AgreementKind, field="kind"),
            "status": choice_value(status, choices=AgreementStatus, field="status"),
            "date": date_value(date, field="date"),
            "place": text_value(place, field="place"),
            "adopted_at": record_from_key(Event, adopted_at, field="adopted_at"),
            "url": text_value(url, field="url"),
        },
        links={
            "party_countries": countries_from_codes(party_countries, field="party_countries"),
            "party_organisations": records_from_keys(
                Organisation, party_organisations, field="party_organisations"
            ),
            "areas": areas_from_codes(areas),
            "components": components_from_refs(components),
            "action_lines": action_lines_from_refs(action_lines),
        },
        labels=names.specs(),
        overwrite=overwrite,
    )
