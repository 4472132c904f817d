"""What an accepted claim does to the registry: a new record through the registry's
services, or what it adds to the record it is merged into (names it did not have, fields
that were empty; ``changes.py`` computes it first, without writing). A value the record
already has is changed only when a person confirmed it, and only from coarse to precise;
where the sources disagree, the evidence shows it and a reviewer chooses (``evidence.py``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import models

from envcoop.core.countries import CountryError, clean_country
from envcoop.core.folding import fold
from envcoop.registry.keys import unique_key
from envcoop.registry.models import (
    AgreementKind,
    EventSeries,
    Fund,
    Organisation,
    OrganisationRole,
    OrganisationType,
    ProjectParticipation,
)
from envcoop.registry.services.agreements import agreement_upsert
from envcoop.registry.services.events import event_upsert
from envcoop.registry.services.labels import NameSet, label_add
from envcoop.registry.services.organisations import organisation_upsert
from envcoop.registry.services.projects import project_upsert
from envcoop.registry.services.resolve import country_get_or_create, date_value, text_value
from envcoop.review.resolution.candidates import MODELS, keys_by_name

if TYPE_CHECKING:
    from envcoop.review.changes import AcceptChange

# The fields of a claim a reviewer may correct, per kind (the same names as the claim's value).
# ``parties`` and ``partners`` are lists of country codes and organisations (a key, an
# acronym or a name the registry knows).
EDITABLE = {
    "event": ("name", "series", "ordinal", "start", "end", "place", "country", "host"),
    "agreement": ("name", "kind", "date", "parties"),
    "project": ("name", "fund", "start", "end", "partners"),
    "organisation": ("name", "acronym", "country"),
}
# An organisation among a project's partners takes part in it in this (IATI) role.
PARTNER_ROLE = OrganisationRole.IMPLEMENTING


def country_code(value: object) -> str | None:
    """An ISO code when ``value`` is one ("TH", "EU"), else None (a party may be a name)."""
    if not isinstance(value, str) or not value:
        return None
    try:
        return clean_country(value)
    except CountryError:
        return None


def fund_key(name: object) -> str | None:
    """The key of the fund a project names, when the registry knows it by that key or name."""
    if not isinstance(name, str) or not name.strip():
        return None
    if Fund.objects.filter(key=name).exists():
        return name
    return keys_by_name(Fund).get(fold(name))


def organisation_keys(parties: object) -> list[str]:
    """Keys of the organisations among an agreement's parties or a project's partners (by
    key, acronym or name)."""
    names = [p for p in (parties if isinstance(parties, list) else []) if isinstance(p, str)]
    names = [p for p in names if not country_code(p)]
    if not names:
        return []
    keys = set(Organisation.objects.filter(key__in=names).values_list("key", flat=True))
    known = keys_by_name(Organisation)
    return list(
        dict.fromkeys(key for p in names if (key := p if p in keys else known.get(fold(p))))
    )


def party_problem(party: object) -> str | None:
    """Why ``party`` cannot be a party or partner (None: a country code or an organisation
    the registry knows)."""
    if not isinstance(party, str) or not party.strip():
        return "a party must be a country code or an organisation"
    if len(party) > 200:
        return "a party's name is longer than 200 characters"
    if country_code(party) or organisation_keys([party]):
        return None
    return f"{party!r} is neither a country code nor an organisation the registry knows"


def guess_organisation_type(name: str) -> str:
    folded = fold(name)
    for words, kind in (
        (("ministry", "kementerian", "bo ", "กระทรวง", "kementerian"), OrganisationType.MINISTRY),
        (
            ("department", "direktorat", "jabatan", "cuc ", "tong cuc", "กรม"),
            OrganisationType.DEPARTMENT,
        ),
        (("centre", "center", "pusat", "trung tam", "ศูนย์"), OrganisationType.CENTRE),
        (("secretariat", "sekretariat", "ban thu ky"), OrganisationType.SECRETARIAT),
        (("foundation", "yayasan", "quy ", "มูลนิธิ"), OrganisationType.FOUNDATION),
        (("agency", "agensi", "badan", "สำนักงาน"), OrganisationType.AGENCY),
    ):
        if any(folded.startswith(word) or f" {word}" in f" {folded}" for word in words):
            return kind
    return OrganisationType.OTHER


def _names(values: dict[str, Any], lang: str) -> NameSet:
    name = text_value(values.get("name"), field="name", max_length=500)
    if not name:
        raise ValidationError({"name": "a record needs a name"})
    acronym = values.get("acronym")
    return NameSet(names={lang: name}, original=lang, acronyms=[acronym] if acronym else None)


def _series(values: dict[str, Any]) -> str | None:
    key = values.get("series") or None
    if key and not EventSeries.objects.filter(key=key).exists():
        raise ValidationError({"series": f"no meeting series with key {key!r}"})
    return key


def _year(values: dict[str, Any], field: str) -> int | None:
    date = date_value(values.get(field), field=field)
    return date.year if date else None


def create(kind: str, values: dict[str, Any], lang: str) -> models.Model:
    """A new record from a claim's (possibly corrected) values; ValidationError names the field."""
    names = _names(values, lang)
    if kind == "event":
        series = _series(values)
        ordinal = values.get("ordinal") if series else None
        host = country_code(values.get("host"))
        place = values.get("place") or ""
        key = (
            unique_key(MODELS["event"], series, ordinal)
            if series and ordinal
            else unique_key(MODELS["event"], values.get("name"), _year(values, "start"))
        )
        record, _ = event_upsert(
            key=key,
            names=names,
            series=series,
            ordinal=ordinal,
            start=values.get("start"),
            end=values.get("end"),
            place="" if place == "online" else place,
            mode="online" if place == "online" else "",
            country=country_code(values.get("country")),
            host_countries=[host] if host else [],
        )
        return record
    if kind == "agreement":
        agreement_kind = values.get("kind") or AgreementKind.OTHER
        parties = values.get("parties") or []
        record, _ = agreement_upsert(
            key=unique_key(MODELS["agreement"], values.get("name"), _year(values, "date")),
            kind=agreement_kind,
            names=names,
            date=values.get("date"),
            party_countries=[c for c in map(country_code, parties) if c],
            party_organisations=organisation_keys(parties),
        )
        return record
    if kind == "project":
        partners = values.get("partners") or []
        partner_organisations = organisation_keys(partners)
        record, _ = project_upsert(
            key=unique_key(MODELS["project"], values.get("name"), _year(values, "start")),
            names=names,
            planned_start=values.get("start"),
            planned_end=values.get("end"),
            fund=fund_key(values.get("fund")),
            recipient_countries=list(dict.fromkeys(c for c in map(country_code, partners) if c)),
            participating_organisations=(
                {PARTNER_ROLE.name.lower(): partner_organisations}
                if partner_organisations
                else None
            ),
        )
        return record
    if kind == "organisation":
        record, _ = organisation_upsert(
            key=unique_key(
                MODELS["organisation"],
                values.get("acronym") or values.get("name"),
                prefix=(country_code(values.get("country")) or "").lower(),
            ),
            type=guess_organisation_type(values.get("name") or ""),
            names=names,
            country=country_code(values.get("country")),
        )
        return record
    raise ValidationError({"kind": f"{kind!r} claims do not make records"})


def merge(
    record: models.Model, kind: str, values: dict[str, Any], lang: str, *, overwrite: bool = False
) -> AcceptChange:
    """Add what the claim says and the record lacks: names, links, empty fields; with
    ``overwrite`` (a person confirmed it), also make a coarse value precise ("2023" ->
    "2023-08-22"). A value that differs is never written (it is a conflict). Returns the
    change (``changes.change_for_record``), of which ``written(overwrite=...)`` was written."""
    from envcoop.review.changes import change_for_record

    change = change_for_record(record, kind, values, lang)
    for name in change.names:
        label_add(record=record, kind=name.kind, lang=name.lang, text=name.text)
    for link in change.links:
        if link.field == "participating_organisations":  # through a row with its role
            ProjectParticipation.objects.get_or_create(
                project=record,
                organisation=Organisation.objects.get(key=link.value),
                role=PARTNER_ROLE,
            )
            continue
        if link.field.endswith("countries"):
            target: models.Model = country_get_or_create(code=link.value, field=link.field)
        else:
            target = Organisation.objects.get(key=link.value)
        getattr(record, link.field).add(target)
    written = change.written(overwrite=overwrite)
    for item in written:
        value = item.value
        if item.field == "country":
            value = country_get_or_create(code=value)
        elif item.field == "fund":
            value = Fund.objects.get(key=value)
        setattr(record, item.field, value)
    if written:
        record.full_clean()
        record.save()
    return change
