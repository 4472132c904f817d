"""MoUs, joint statements, declarations, agreements and treaties."""

from __future__ import annotations

from collections.abc import Iterable

from envcoop.registry.models import Agreement, AgreementKind, AgreementStatus, Event, Organisation
from envcoop.registry.services.labels import NameSet
from envcoop.registry.services.links import action_lines_from_refs, components_from_refs
from envcoop.registry.services.records import choice_value, date_value, record_save
from envcoop.registry.services.references import (
    areas_from_codes,
    countries_from_codes,
    record_from_key,
    records_from_keys,
)


def agreement_upsert(
    *,
    key: str,
    kind: str,
    names: NameSet,
    status: str = AgreementStatus.ADOPTED,
    date: object = None,
    place: str = "",
    party_countries: Iterable[str] = (),
    party_organisations: Iterable[str] = (),
    adopted_at: str | None = None,
    areas: Iterable[str] = (),
    components: Iterable[str] = (),
    action_lines: Iterable[str] = (),
    url: str = "",
    overwrite: bool = True,
) -> tuple[Agreement, bool]:
    return record_save(
        model=Agreement,
        lookup={"key": key},
        fields={
            "kind": choice_value(kind, choices=AgreementKind, field="kind"),
            "status": choice_value(status, choices=AgreementStatus, field="status"),
            "date": date_value(date, field="date"),
            "place": place.strip(),
            "adopted_at": record_from_key(Event, adopted_at, field="adopted_at"),
            "url": url,
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
