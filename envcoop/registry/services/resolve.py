"""Turning what callers pass into records and clean values, or a ValidationError naming the field.

Callers (data files, forms, later the ingestion pipeline) pass codes and keys:
"TH", "marine-coastal", "dmcr", "asean-china-sap-2021-2025:2". Each function here
checks the shape of what it is given (a list where a list is due, text where text
is due), looks the records up, and raises a ValidationError with a sentence
naming the field and the value when something is wrong.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Choices

from envcoop.core.countries import (
    CountryError,
    clean_country,
    country_name,
    former_name,
    iso_names,
)
from envcoop.core.languages import REGIONAL_LANGUAGES
from envcoop.core.partial_date import PartialDate, PartialDateError
from envcoop.registry.models import ActionLine, Area, Component, Country, LabelKind

M = TypeVar("M", bound=models.Model)


# ------------------------------------------------------------------ shapes


def listed(values: object, *, field: str) -> list[Any]:
    """``values`` as a list; a lone string is refused (it would be read letter by letter)."""
    if values is None:
        return []
    if isinstance(values, str | bytes) or not isinstance(values, Iterable):
        raise ValidationError({field: f"expected a list, got {values!r}"})
    unique: list[Any] = []
    for value in values:
        if value not in unique:
            unique.append(value)
    return unique


def text_value(value: object, *, field: str, max_length: int = 200) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ValidationError({field: f"expected text, got {value!r}"})
    text = " ".join(value.split())
    if "\x00" in text:
        raise ValidationError({field: "text contains a NUL character"})
    if len(text) > max_length:
        raise ValidationError({field: f"longer than {max_length} characters"})
    return text


def date_value(value: object, *, field: str) -> PartialDate | None:
    """A PartialDate from "2023", "2023-08", "2023-08-22", a date, or None."""
    try:
        return PartialDate.parse_optional(value)  # type: ignore[arg-type]
    except PartialDateError as error:
        raise ValidationError({field: str(error)}) from error


def choice_value(value: object, *, choices: type[Choices], field: str) -> Any:
    if value not in choices.values:
        allowed = ", ".join(str(v) for v in choices.values)
        raise ValidationError({field: f"{value!r} is not allowed; use one of {allowed}"})
    return value


def whole_number(value: object, *, field: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError({field: f"{value!r} is not a whole number"})
    return value


# --------------------------------------------------------------- countries


@transaction.atomic
def country_get_or_create(*, code: object, field: str = "country") -> Country:
    """The Country for an ISO code, created (with its CLDR names) on first use."""
    try:
        clean = clean_country(code)  # type: ignore[arg-type]
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
        for lang in REGIONAL_LANGUAGES
    ]
    specs.extend(LabelSpec(LabelKind.ALIAS, "en", name) for name in iso_names(clean))
    for lang in REGIONAL_LANGUAGES:
        former = former_name(clean, lang)
        if former:
            specs.append(LabelSpec(LabelKind.ALIAS, lang, former))
    labels_apply(record=country, specs=specs)
    return country


def countries_from_codes(codes: object, *, field: str) -> list[Country]:
    return [country_get_or_create(code=code, field=field) for code in listed(codes, field=field)]


def country_optional(code: object, *, field: str) -> Country | None:
    if code is None or code == "":
        return None
    return country_get_or_create(code=code, field=field)


# ------------------------------------------------------------ areas, keys


def areas_from_codes(codes: object, *, field: str = "areas") -> list[Area]:
    wanted = listed(codes, field=field)
    found = {area.code: area for area in Area.objects.filter(code__in=[str(c) for c in wanted])}
    missing = [code for code in wanted if code not in found]
    if missing:
        known = ", ".join(Area.objects.order_by("position").values_list("code", flat=True))
        raise ValidationError({field: f"unknown area {missing[0]!r}; the areas are: {known}"})
    return [found[code] for code in wanted]


def records_from_keys(model: type[M], keys: object, *, field: str) -> list[M]:
    wanted = listed(keys, field=field)
    found = {obj.key: obj for obj in model.objects.filter(key__in=[str(k) for k in wanted])}  # type: ignore[attr-defined]
    missing = [key for key in wanted if key not in found]
    if missing:
        raise ValidationError({field: f"no {model._meta.verbose_name} with key {missing[0]!r}"})
    return [found[key] for key in wanted]


def record_from_key(model: type[M], key: object, *, field: str) -> M | None:
    if key is None or key == "":
        return None
    if not isinstance(key, str):
        raise ValidationError({field: f"expected a key, got {key!r}"})
    return records_from_keys(model, [key], field=field)[0]


# ----------------------------------------------- framework components, lines


def components_from_refs(refs: object, *, field: str = "components") -> list[Component]:
    """Components written as "<framework key>:<number>", e.g. "asean-china-sap-2021-2025:2"."""
    found: list[Component] = []
    for ref in listed(refs, field=field):
        framework_key, _, number = str(ref).rpartition(":")
        if not framework_key or not number.isascii() or not number.isdigit():
            raise ValidationError({field: f"{ref!r}: write <framework key>:<component number>"})
        component = Component.objects.filter(
            framework__key=framework_key, number=int(number)
        ).first()
        if component is None:
            raise ValidationError({field: f"no component {number} in framework {framework_key!r}"})
        found.append(component)
    return found


def action_lines_from_refs(refs: object, *, field: str = "action_lines") -> list[ActionLine]:
    """Action lines written as "<framework key>:<component number>:<code>"."""
    found: list[ActionLine] = []
    for ref in listed(refs, field=field):
        parts = str(ref).split(":")
        if len(parts) != 3 or not parts[1].isascii() or not parts[1].isdigit():
            raise ValidationError({field: f"{ref!r}: write <framework key>:<component>:<code>"})
        line = ActionLine.objects.filter(
            component__framework__key=parts[0], component__number=int(parts[1]), code=parts[2]
        ).first()
        if line is None:
            raise ValidationError({field: f"no action line {ref!r}"})
        found.append(line)
    return found
