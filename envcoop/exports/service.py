"""One entry point for every export, shared by the list pages and ``envcoop export``:
which lists exist, which formats each takes, and the file each makes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import QuerySet

from envcoop.accounts.roles import User
from envcoop.exports.calendar import to_ics
from envcoop.exports.columns import choose
from envcoop.exports.iati import to_iati
from envcoop.exports.sources import attach_sources
from envcoop.exports.tables import to_csv, to_json, to_xlsx
from envcoop.registry.selectors.agreements import agreement_list
from envcoop.registry.selectors.events import event_list
from envcoop.registry.selectors.filters import ListFilters
from envcoop.registry.selectors.frameworks import framework_list
from envcoop.registry.selectors.organisations import organisation_list
from envcoop.registry.selectors.priorities import priority_list
from envcoop.registry.selectors.projects import fund_list, project_list

TABLE_FORMATS = ("csv", "xlsx", "json")


def _funds(*, filters: ListFilters) -> QuerySet:
    return fund_list()


LISTS: dict[str, tuple[Callable[..., QuerySet], tuple[str, ...]]] = {
    "projects": (project_list, (*TABLE_FORMATS, "iati")),
    "events": (event_list, (*TABLE_FORMATS, "ics")),
    "agreements": (agreement_list, TABLE_FORMATS),
    "frameworks": (framework_list, TABLE_FORMATS),
    "organisations": (organisation_list, TABLE_FORMATS),
    "funds": (_funds, TABLE_FORMATS),
    "priorities": (priority_list, TABLE_FORMATS),
}
# What the columns, the calendar and IATI read of each record, fetched once per list.
_PREFETCH = {
    "projects": ("labels", "areas__labels", "recipient_countries", "fund__labels",
                 "participations__organisation__labels", "fund__managing_organisation__labels"),
    "events": ("labels", "areas__labels", "host_countries", "series__labels", "country"),
    "agreements": ("labels", "areas__labels", "party_countries"),
    "frameworks": ("labels", "areas__labels", "partner_countries"),
    "organisations": ("labels", "areas__labels", "country", "parent"),
    "funds": ("labels", "partner_countries", "managing_organisation__labels"),
    "priorities": ("labels", "areas__labels", "partner_countries", "frameworks"),
}  # fmt: skip
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
    "iati": "application/xml",
    "ics": "text/calendar; charset=utf-8",
}
EXTENSIONS = {"csv": "csv", "xlsx": "xlsx", "json": "json", "iati": "xml", "ics": "ics"}


class ExportError(ValueError):
    """An export that cannot be made, with a sentence saying why."""


@dataclass
class Export:
    data: bytes
    content_type: str
    filename: str
    count: int
    skipped: list[str] = field(default_factory=list)  # keys left out (IATI, iCalendar)


def export(
    kind: str,
    format: str,
    *,
    filters: ListFilters = ListFilters(),
    columns: list[str] | None = None,
    lang: str = "en",
    site: str = "",
    keys: list[str] | None = None,
    reader: User | None = None,
) -> Export:
    """``reader``: whom the export is for (None: the public), which says which documents
    the ``sources`` column names."""
    if kind not in LISTS:
        raise ExportError(f"no list called {kind}; the lists are: {', '.join(LISTS)}")
    select, formats = LISTS[kind]
    if format not in formats:
        raise ExportError(f"{kind} cannot be exported as {format}; choose {', '.join(formats)}")
    records = select(filters=filters).prefetch_related(*_PREFETCH[kind])
    if keys is not None:
        records = records.filter(key__in=keys)
    records = list(records)
    name = f"envcoop-{kind}.{EXTENSIONS[format]}"
    skipped: list[str] = []
    if format == "iati":
        data, skipped = to_iati(records, site)
    elif format == "ics":
        data, skipped = to_ics(records, lang, site, name=f"envcoop: {kind}")
    else:
        try:
            chosen = choose(kind, columns, site)
        except ValueError as error:
            raise ExportError(str(error)) from error
        if any(column.name == "sources" for column in chosen):
            attach_sources(records, reader, site, lang)
        if format == "csv":
            data = to_csv(records, chosen, lang)
        elif format == "xlsx":
            data = to_xlsx(records, chosen, lang, title=kind)
        else:
            data = to_json(records, chosen, lang)
    return Export(data, CONTENT_TYPES[format], name, len(records) - len(skipped), skipped)
