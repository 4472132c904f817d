"""The columns of every exported list: a stable name, a heading in the reader's language,
and a value. Codes come with a readable label beside them ("status" 2, "status_label"
"implementation"), dates as ISO text at their own precision ("2023", "2023-08",
"2023-08-22"), lists joined with "; "."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

from envcoop.core.languages import base_language
from envcoop.exports.sources import sources_value
from envcoop.registry.models.base import LabelKind


@dataclass(frozen=True)
class Column:
    name: str
    heading: Any  # lazy text
    value: Callable[[Any, str], object]  # (record, reader's language) -> value


def _join(values: list[str]) -> str:
    return "; ".join(value for value in values if value)


def _date(field: str) -> Callable[[Any, str], object]:
    return lambda record, lang: str(getattr(record, field) or "")


def _label(record: Any, kind: str) -> list:
    return [label for label in record.labels.all() if label.kind == kind]


def _name(record: Any, lang: str) -> str:
    return str(record.name_in(lang) or record.key) if record is not None else ""


def _original(record: Any, lang: str) -> str:
    names = _label(record, LabelKind.NAME)
    original = next((label for label in names if label.is_original), None)
    return original.text if original else ""


def _names(record: Any, lang: str) -> str:
    return _join(f"{label.lang}: {label.text}" for label in _label(record, LabelKind.NAME))  # type: ignore[arg-type]


def _choice(field: str) -> Callable[[Any, str], object]:
    return lambda record, lang: (
        str(getattr(record, f"get_{field}_display")()) if getattr(record, field) else ""
    )


def _codes(field: str) -> Callable[[Any, str], object]:
    return lambda record, lang: _join(sorted(item.code for item in getattr(record, field).all()))


def _country_names(field: str) -> Callable[[Any, str], object]:
    return lambda record, lang: _join(
        sorted(str(item.name_in(lang)) for item in getattr(record, field).all())
    )


def _key_of(field: str) -> Callable[[Any, str], object]:
    return lambda record, lang: (
        getattr(getattr(record, field), "key", "")
        or getattr(getattr(record, field), "code", "")
        or ""
    )


def _name_of(field: str) -> Callable[[Any, str], object]:
    return lambda record, lang: (
        _name(getattr(record, field), lang) if getattr(record, field) else ""
    )


def _url(site: str) -> Callable[[Any, str], object]:
    return lambda record, lang: site + record.get_absolute_url()


def _value(field: str) -> Callable[[Any, str], object]:
    return lambda record, lang: getattr(record, field)


def _coded(name: str, heading: Any, label_heading: Any, field: str | None = None) -> list[Column]:
    """A choice as its code and, beside it, its label in the reader's language."""
    field = field or name
    return [
        Column(name, heading, _value(field)),
        Column(f"{name}_label", label_heading, _choice(field)),
    ]


def _linked(name: str, heading: Any, name_heading: Any) -> list[Column]:
    """A linked record as its key (or code) and, beside it, its name."""
    return [
        Column(name, heading, _key_of(name)),
        Column(f"{name}_name", name_heading, _name_of(name)),
    ]


def _names_and_areas(with_areas: bool) -> list[Column]:
    columns = [
        Column("key", _("key"), _value("key")),
        Column("name", _("name"), _name),
        Column("original_name", _("original name"), _original),
        Column("names", _("names in every language"), _names),
    ]
    if with_areas:
        columns += [
            Column("areas", _("areas"), _codes("areas")),
            Column(
                "areas_label",
                _("areas (names)"),
                lambda record, lang: _join(sorted(_name(a, lang) for a in record.areas.all())),
            ),
        ]
    return columns


def _specific(kind: str) -> list[Column]:
    if kind == "projects":
        return [
            Column("status", _("status"), lambda record, lang: record.activity_status or ""),
            Column("status_label", _("status (name)"), _choice("activity_status")),
            *_linked("fund", _("fund"), _("fund (name)")),
            Column("planned_start", _("planned start"), _date("planned_start")),
            Column("planned_end", _("planned end"), _date("planned_end")),
            Column("actual_start", _("actual start"), _date("actual_start")),
            Column("actual_end", _("actual end"), _date("actual_end")),
            Column("budget", _("budget"), _value("budget_value")),
            Column("currency", _("currency"), _value("budget_currency")),
            Column("recipient_countries", _("recipient countries"), _codes("recipient_countries")),
            Column(
                "recipient_countries_label",
                _("recipient countries (names)"),
                _country_names("recipient_countries"),
            ),
            Column("iati_identifier", _("IATI identifier"), _value("iati_identifier")),
        ]
    if kind == "events":
        return [
            *_linked("series", _("series"), _("series (name)")),
            Column("ordinal", _("number"), _value("ordinal")),
            Column("start", _("start"), _date("start")),
            Column("end", _("end"), _date("end")),
            Column("place", _("place"), _value("place")),
            *_linked("country", _("country"), _("country (name)")),
            *_coded("mode", _("mode"), _("mode (name)")),
            Column("host_countries", _("host countries"), _codes("host_countries")),
        ]
    if kind == "agreements":
        return [
            *_coded("kind", _("kind"), _("kind (name)")),
            *_coded("status", _("status"), _("status (name)")),
            Column("date", _("date"), _date("date")),
            Column("place", _("place"), _value("place")),
            Column("party_countries", _("parties"), _codes("party_countries")),
        ]
    if kind == "frameworks":
        return [
            *_coded("kind", _("kind"), _("kind (name)")),
            *_coded("status", _("status"), _("status (name)")),
            Column("period_start", _("period start"), _date("period_start")),
            Column("period_end", _("period end"), _date("period_end")),
            Column("partner_countries", _("partner countries"), _codes("partner_countries")),
        ]
    if kind == "organisations":
        return [
            *_coded("type", _("type"), _("type (name)")),
            Column("acronym", _("acronym"), _value("acronym")),
            *_linked("country", _("country"), _("country (name)")),
            Column("parent", _("parent organisation"), _key_of("parent")),
        ]
    if kind == "funds":
        return [
            Column(
                "managing_organisation",
                _("managing organisation"),
                _key_of("managing_organisation"),
            ),
            Column("partner_countries", _("partner countries"), _codes("partner_countries")),
        ]
    if kind == "priorities":
        return [
            Column("year", _("year"), _value("year")),
            *_coded("kind", _("kind"), _("kind (name)")),
            Column("partner_countries", _("partner countries"), _codes("partner_countries")),
            Column(
                "frameworks",
                _("frameworks"),
                lambda record, lang: _join(sorted(f.key for f in record.frameworks.all())),
            ),
        ]
    raise ValueError(f"no list called {kind!r}")


# The lists whose records take values from documents (review evidence).
WITH_SOURCES = ("projects", "events", "agreements", "organisations")


def columns_for(kind: str, site: str = "") -> list[Column]:
    """Every column of a list of ``kind``, in order."""
    columns = [
        *_names_and_areas(with_areas=kind != "funds"),  # funds have no areas
        *_specific(kind),
        Column("url", _("web page"), _url(site)),
    ]
    if kind in WITH_SOURCES:  # (filled by exports.sources for the export's reader)
        columns.append(Column("sources", _("sources"), sources_value))
    return columns


def choose(kind: str, names: list[str] | None, site: str = "") -> list[Column]:
    """The columns named (in that order), or all; ValueError naming an unknown one."""
    available = columns_for(kind, site)
    if not names:
        return available
    by_name = {column.name: column for column in available}
    unknown = [name for name in names if name not in by_name]
    if unknown:
        raise ValueError(
            f"no column {', '.join(unknown)} in {kind}; the columns are: {', '.join(by_name)}"
        )
    return [by_name[name] for name in names]


def language(lang: str | None) -> str:
    return base_language(lang or "en")
