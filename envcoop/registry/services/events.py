"""Events (meetings, weeks, dialogues) and the series they recur in."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError

from envcoop.registry.models import Event, EventMode, EventSeries, Frequency, Organisation
from envcoop.registry.services.labels import NameSet
from envcoop.registry.services.links import action_lines_from_refs, components_from_refs
from envcoop.registry.services.records import choice_value, date_value, record_save
from envcoop.registry.services.references import (
    areas_from_codes,
    countries_from_codes,
    country_optional,
    record_from_key,
    records_from_keys,
)


def event_series_upsert(
    *,
    key: str,
    names: NameSet,
    convener: str | None = None,
    frequency: str = Frequency.IRREGULAR,
    partner_countries: Iterable[str] = (),
    areas: Iterable[str] = (),
    overwrite: bool = True,
) -> tuple[EventSeries, bool]:
    return record_save(
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
    host_countries: Iterable[str] = (),
    host_organisations: Iterable[str] = (),
    chair_country: str | None = None,
    participant_countries: Iterable[str] = (),
    participant_organisations: Iterable[str] = (),
    areas: Iterable[str] = (),
    components: Iterable[str] = (),
    action_lines: Iterable[str] = (),
    url: str = "",
    overwrite: bool = True,
) -> tuple[Event, bool]:
    if ordinal is not None and (not isinstance(ordinal, int) or isinstance(ordinal, bool)):
        raise ValidationError({"ordinal": f"{ordinal!r} is not a whole number"})
    if ordinal is not None and ordinal < 1:
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
    return record_save(
        model=Event,
        lookup={"key": key},
        fields={
            "series": series_record,
            "ordinal": ordinal,
            "start": date_value(start, field="start"),
            "end": date_value(end, field="end"),
            "place": place.strip(),
            "country": country_optional(country, field="country"),
            "mode": choice_value(mode, choices=EventMode, field="mode") if mode else "",
            "chair_country": country_optional(chair_country, field="chair_country"),
            "url": url,
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
