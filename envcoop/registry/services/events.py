"""Events (meetings, weeks, dialogues) and the series they recur in."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from envcoop.registry.models import Event, EventMode, EventSeries, Frequency, Organisation
from envcoop.registry.services.labels import NameSet
from envcoop.registry.services.resolve import (
    action_lines_from_refs,
    areas_from_codes,
    choice_value,
    components_from_refs,
    countries_from_codes,
    country_optional,
    date_value,
    record_from_key,
    records_from_keys,
    text_value,
    whole_number,
)
from envcoop.registry.services.upsert import record_upsert


@transaction.atomic
def event_series_upsert(
    *,
    key: str,
    names: NameSet,
    convener: str | None = None,
    frequency: str = Frequency.IRREGULAR,
    partner_countries: object = (),
    areas: object = (),
    overwrite: bool = True,
) -> tuple[EventSeries, bool]:
    return record_upsert(
        model=EventSeries,
        lookup={"key": key},
        fields={
            "convener": record_from_key(Organisation, convener, field="convener"),
            "frequency": choice_value(frequency, choices=Frequency, field="frequency"),
        },
        links={
            "partner_countries": countries_from_codes(partner_countries, field="partner_countries"),
            "areas": areas_from_codes(areas),
        },
        labels=names.specs(),
        overwrite=overwrite,
    )


@transaction.atomic
def event_upsert(
    *,
    key: str,
    names: NameSet,
    series: str | None = None,
    ordinal: int | None = None,
    start: object = None,
    end: object = None,
    place: str = "",
    country: str | None = None,
    mode: str = "",
    host_countries: object = (),
    host_organisations: object = (),
    chair_country: str | None = None,
    participant_countries: object = (),
    participant_organisations: object = (),
    areas: object = (),
    components: object = (),
    action_lines: object = (),
    url: str = "",
    overwrite: bool = True,
) -> tuple[Event, bool]:
    if ordinal is not None and whole_number(ordinal, field="ordinal") < 1:
        raise ValidationError({"ordinal": "numbers in a series start at 1"})
    series_record = record_from_key(EventSeries, series, field="series")
    if ordinal is not None and series_record is not None:
        clash = Event.objects.filter(series=series_record, ordinal=ordinal).exclude(key=key).first()
        if clash is not None:
            raise ValidationError(
                {
                    "ordinal": f"{series_record} number {ordinal} is already recorded as {clash.key!r}"
                }
            )
    return record_upsert(
        model=Event,
        lookup={"key": key},
        fields={
            "series": series_record,
            "ordinal": ordinal,
            "start": date_value(start, field="start"),
            "end": date_value(end, field="end"),
            "place": text_value(place, field="place"),
            "country": country_optional(country, field="country"),
            "mode": choice_value(mode, choices=EventMode, field="mode") if mode else "",
            "chair_country": country_optional(chair_country, field="chair_country"),
            "url": text_value(url, field="url"),
        },
        links={
            "host_countries": countries_from_codes(host_countries, field="host_countries"),
            "host_organisations": records_from_keys(
                Organisation, host_organisations, field="host_organisations"
            ),
            "participant_countries": countries_from_codes(
                participant_countries, field="participant_countries"
            ),
            "participant_organisations": records_from_keys(
                Organisation, participant_organisations, field="participant_organisations"
            ),
            "areas": areas_from_codes(areas),
            "components": components_from_refs(components),
            "action_lines": action_lines_from_refs(action_lines),
        },
        labels=names.specs(),
        overwrite=overwrite,
    )
