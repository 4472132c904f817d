"""Turning the codes and keys callers pass (\"TH\", \"marine-coastal\", \"dmcr\") into records.

Each function raises a ValidationError naming the field and the unknown value,
so a typo in a data file or a form reads as a sentence, not a traceback.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

from django.core.exceptions import ValidationError
from django.db import models

from envcoop.core.countries import NAME_LANGUAGES as COUNTRY_NAME_LANGUAGES
from envcoop.core.countries import CountryError, clean_country, country_name, iso_names
from envcoop.registry.models import Area, Country, Label, LabelKind

M = TypeVar("M", bound=models.Model)


def country_get_or_create(*, code: str, field: str = "country") -> Country:
    """The Country for an ISO code, created (with its CLDR names) on first use."""
    try:
        clean = clean_country(code)
    except CountryError as error:
        raise ValidationError({field: str(error)}) from error
    country = Country.objects.filter(code=clean).first()
    if country is not None:
        return country
    from envcoop.registry.services.labels import LabelSpec, labels_apply

    kind = Country.Kind.REGION if clean == "EU" else Country.Kind.COUNTRY
    country = Country.objects.create(code=clean, kind=kind)
    specs = [
        LabelSpec(LabelKind.NAME, lang, country_name(clean, lang), lang == "en")
        for lang in COUNTRY_NAME_LANGUAGES
    ]
    specs.extend(LabelSpec(LabelKind.ALIAS, "en", name) for name in iso_names(clean))
    labels_apply(record=country, specs=specs)
    return country


def countries_from_codes(codes: Iterable[str] | None, *, field: str) -> list[Country]:
    return [country_get_or_create(code=code, field=field) for code in _unique(codes)]


def country_optional(code: str | None, *, field: str) -> Country | None:
    if code is None or code == "":
        return None
    return country_get_or_create(code=code, field=field)


def areas_from_codes(codes: Iterable[str] | None, *, field: str = "areas") -> list[Area]:
    wanted = _unique(codes)
    found = {area.code: area for area in Area.objects.filter(code__in=wanted)}
    missing = [code for code in wanted if code not in found]
    if missing:
        known = ", ".join(Area.objects.order_by("position").values_list("code", flat=True))
        raise ValidationError({field: f"unknown area {missing[0]!r}; the areas are: {known}"})
    return [found[code] for code in wanted]


def records_from_keys(model: type[M], keys: Iterable[str] | None, *, field: str) -> list[M]:
    wanted = _unique(keys)
    found = {obj.key: obj for obj in model.objects.filter(key__in=wanted)}  # type: ignore[attr-defined]
    missing = [key for key in wanted if key not in found]
    if missing:
        raise ValidationError({field: f"no {model._meta.verbose_name} with key {missing[0]!r}"})
    return [found[key] for key in wanted]


def record_from_key(model: type[M], key: str | None, *, field: str) -> M | None:
    if key is None or key == "":
        return None
    return records_from_keys(model, [key], field=field)[0]


def record_by_name(model: type[M], text: str) -> M | None:
    """A record whose name, acronym or alias is exactly ``text`` (any language)."""
    from django.contrib.contenttypes.models import ContentType

    label = (
        Label.objects.filter(content_type=ContentType.objects.get_for_model(model), text=text)
        .order_by("id")
        .first()
    )
    return model.objects.filter(pk=label.object_id).first() if label else None


def _unique(values: Iterable[str] | None) -> list[str]:
    seen: list[str] = []
    for value in values or []:
        if value not in seen:
            seen.append(value)
    return seen
