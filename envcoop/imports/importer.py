"""Importing projects and events from a table, all or nothing, with a report per row and
column.

Columns are the export's names (``envcoop export projects --format xlsx`` gives a file
that imports back); the template has them all. A row with a key the registry knows
updates that record, other rows create records. For an existing record, a cell with a
value replaces the record's; an empty cell leaves the record's value as it is (a missing
value in a spreadsheet is not a decision to erase one), and a cell reading ``(clear)``
empties it; the columns the file lacks are left as they are; names are added, never
removed. Label columns (``status_label``, ``url``, ...) are read-only and ignored.

The report says, row by row, what the import changes in existing records (before and
after, also in a dry run), and the writes are in history as "import".

Every row goes through the registry services, which check it (dates, codes, keys of
funds and series, a start after the end, ...). A problem is reported with the row number
the spreadsheet shows and the column; if there is any, or with ``dry_run``, the whole
transaction is rolled back and nothing changes.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation

from envcoop.core.recording import How, recorded
from envcoop.exports.columns import choose, columns_for
from envcoop.exports.tables import to_csv, to_xlsx
from envcoop.imports.reading import Table, read_table
from envcoop.registry.models import Event, OrganisationRole, Project
from envcoop.registry.models.base import LabelKind
from envcoop.registry.selectors.history import ValueChange, changes_between, snapshot
from envcoop.registry.services.events import event_upsert
from envcoop.registry.services.labels import NameSet
from envcoop.registry.services.projects import project_upsert
from envcoop.search.signals import batched

KINDS = ("projects", "events")
_KEY = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_LIST = re.compile(r"\s*[;,]\s*")
# "en: Water, Energy and Food Nexus; th: ..." splits only before a language tag
_NAME_PARTS = re.compile(r"\s*;\s*(?=[a-z]{2,3}(?:-[A-Za-z0-9]+)?\s*:)")

# column -> service argument, for the columns an import writes
WRITABLE = {
    "projects": {
        "status": "activity_status", "fund": "fund", "planned_start": "planned_start",
        "planned_end": "planned_end", "actual_start": "actual_start", "actual_end": "actual_end",
        "budget": "budget_value", "currency": "budget_currency",
        "recipient_countries": "recipient_countries", "iati_identifier": "iati_identifier",
        "areas": "areas",
    },
    "events": {
        "series": "series", "ordinal": "ordinal", "start": "start", "end": "end",
        "place": "place", "country": "country", "mode": "mode",
        "host_countries": "host_countries", "areas": "areas",
    },
}  # fmt: skip
_LISTS = {"recipient_countries", "areas", "host_countries"}
_NAMES = ("key", "name", "names")
CLEAR = "(clear)"  # the cell that empties a value (an empty cell leaves it as it is)


@dataclass
class Problem:
    row: int
    column: str
    message: str


@dataclass
class RowChange:
    """What one row changes in an existing record."""

    row: int
    key: str
    changes: list[ValueChange]


@dataclass
class ImportReport:
    kind: str
    dry_run: bool
    rows: int = 0
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)  # columns read but not written
    changes: list[RowChange] = field(default_factory=list)  # per row, in existing records
    committed: bool = False

    def summary(self) -> str:
        done = "would be" if not self.committed else "were"
        if self.problems:
            return f"{len(self.problems)} problem(s) in {self.rows} row(s): nothing was imported"
        return (
            f"{self.rows} row(s): {len(self.created)} {done} created, {len(self.updated)} "
            f"updated, {len(self.unchanged)} unchanged" + ("" if self.committed else " (dry run)")
        )


def template_columns(kind: str) -> list[str]:
    return [*_NAMES, *WRITABLE[kind]]


def headings_by_column(kind: str) -> dict[str, set[str]]:
    """Every column's heading in en, th and vi (to recognise a row of headings)."""
    found: dict[str, set[str]] = {}
    for lang in ("en", "th", "vi"):
        with translation.override(lang):
            for column in columns_for(kind):
                found.setdefault(column.name, set()).add(str(column.heading))
    return found


def import_table(
    kind: str, data: bytes, filename: str, *, dry_run: bool = False, lang: str = "en"
) -> ImportReport:
    """Raises ImportFileError for a file that is not a table; else the report."""
    if kind not in KINDS:
        raise ValueError(f"cannot import {kind}; choose {' or '.join(KINDS)}")
    table = read_table(data, filename, headings_by_column(kind))
    report = ImportReport(kind=kind, dry_run=dry_run, rows=len(table.rows))
    known = set(_NAMES) | set(WRITABLE[kind])
    report.ignored = [c for c in table.columns if c not in known]
    with transaction.atomic(), recorded(None, How.IMPORT):
        seen: dict[str, int] = {}
        with batched():  # each record indexed for search once, in this transaction
            for number, cells in table.rows:
                _import_row(kind, number, cells, table, lang, seen, report)
        if report.problems or dry_run:
            transaction.set_rollback(True)
    report.committed = not report.problems and not dry_run
    return report


def _import_row(
    kind: str, number: int, cells: dict[str, str], table: Table, lang: str,
    seen: dict[str, int], report: ImportReport,
) -> None:  # fmt: skip
    key = cells.get("key", "")
    if not key:
        report.problems.append(
            Problem(number, "key", "a key is needed (lower-case words joined by hyphens)")
        )
        return
    if not _KEY.match(key):
        report.problems.append(
            Problem(
                number, "key", f"{key!r} is not a key: use lower-case letters, digits and hyphens"
            )
        )
        return
    if key in seen:
        report.problems.append(Problem(number, "key", f"{key} is also on row {seen[key]}"))
        return
    seen[key] = number
    model = Project if kind == "projects" else Event
    existing = model.objects.filter(key=key).first()
    arguments = _current(kind, existing) if existing else {}
    for column, argument in WRITABLE[kind].items():
        if column not in table.columns:
            continue
        value = cells.get(column, "")
        if existing is not None and not value:
            continue  # an empty cell keeps the record's value
        if value.strip().lower() == CLEAR:
            if column == "status":
                report.problems.append(Problem(number, column, "a status cannot be cleared"))
                return
            value = ""
        arguments[argument] = _LIST.split(value) if column in _LISTS and value else value
        if column in _LISTS and not value:
            arguments[argument] = []
    try:
        names = _names(cells, lang, existing)
    except ValueError as error:
        report.problems.append(Problem(number, "names", str(error)))
        return
    upsert: Callable[..., tuple[Any, bool]] = project_upsert if kind == "projects" else event_upsert
    before = snapshot(existing) if existing is not None else None
    try:
        with transaction.atomic():
            record, changed = upsert(key=key, names=names, **_typed(arguments))
    except ValidationError as error:
        for name, messages in _messages(error):
            column = _column_of(kind, name)
            for message in messages:
                report.problems.append(Problem(number, column, message))
        return
    except ValueError as error:
        report.problems.append(Problem(number, "", str(error)))
        return
    if before is not None and changed:
        found = changes_between(before, snapshot(model.objects.get(pk=record.pk)))
        if found:
            report.changes.append(RowChange(number, key, found))
    (
        report.created if existing is None else report.updated if changed else report.unchanged
    ).append(key)


def _typed(arguments: dict[str, Any]) -> dict[str, Any]:
    typed = dict(arguments)
    for name in ("ordinal",):
        if name not in typed:
            continue
        value = typed[name]
        if value in ("", None):
            typed[name] = None
        elif isinstance(value, str):
            if not value.isdigit():
                raise ValidationError({name: f"{value!r} is not a whole number"})
            typed[name] = int(value)
    status = typed.get("activity_status")
    if status == "":
        typed.pop("activity_status")
    elif isinstance(status, str) and status.isdigit():
        typed["activity_status"] = int(status)
    for name in ("fund", "series", "country", "budget_value", "planned_start", "planned_end",
                 "actual_start", "actual_end", "start", "end"):  # fmt: skip
        if typed.get(name) == "":
            typed[name] = None
    return typed


def _names(cells: dict[str, str], lang: str, existing: object) -> NameSet:
    names: dict[str, str] = {}
    for part in _NAME_PARTS.split(cells.get("names", "")) if cells.get("names") else []:
        language, _, text = part.partition(":")
        if not text.strip() or not re.fullmatch(r"[a-z]{2,3}(?:-[A-Za-z0-9]+)?", language.strip()):
            raise ValueError(f"{part!r}: write each name as language: name, e.g. th: ชื่อ")
        names[language.strip()] = text.strip()
    labels = list(existing.labels.all()) if existing is not None else []  # type: ignore[attr-defined]
    # "name" is the name in the reader's language, or another one where the record has none
    # in it (as exports write it). It is the reader's-language name when "names" has one in
    # that language or is empty, and then it wins (an edited name is taken); it is not when
    # it is the text of a name in another language (the export's fallback).
    given = cells.get("name")
    elsewhere = any(
        lb.kind == LabelKind.NAME and lb.text == given and lb.lang != lang for lb in labels
    ) or any(text == given for language, text in names.items() if language != lang)
    unchanged = any(
        lb.kind == LabelKind.NAME and lb.text == given and lb.lang == lang for lb in labels
    )  # then "names" says what the name in this language is
    if given and (lang in names or not names) and not elsewhere and not unchanged:
        names[lang] = given
    original = None
    if existing is not None:
        current = next((lb for lb in labels if lb.kind == LabelKind.NAME and lb.is_original), None)
        original = current.lang if current else None
    elif len(names) > 1:
        original = lang if lang in names else next(iter(names))
    return NameSet(names=names or None, original=original)


def _current(kind: str, record: Any) -> dict[str, Any]:
    """The service arguments that keep ``record`` as it is (for the columns not in the file)."""
    components = [f"{c.framework.key}:{c.number}" for c in record.components.all()]
    lines = [
        f"{a.component.framework.key}:{a.component.number}:{a.code}"
        for a in record.action_lines.all()
    ]
    areas = [a.code for a in record.areas.all()]
    if kind == "projects":
        roles: dict[str, list[str]] = {}
        for participation in record.participations.all():
            roles.setdefault(OrganisationRole(participation.role).name.lower(), []).append(
                participation.organisation.key
            )
        return {
            "activity_status": record.activity_status, "iati_identifier": record.iati_identifier,
            "planned_start": record.planned_start, "planned_end": record.planned_end,
            "actual_start": record.actual_start, "actual_end": record.actual_end,
            "participating_organisations": roles,
            "recipient_countries": [c.code for c in record.recipient_countries.all()],
            "areas": areas, "fund": record.fund.key if record.fund else None,
            "budget_value": record.budget_value, "budget_currency": record.budget_currency,
            "components": components, "action_lines": lines, "url": record.url,
        }  # fmt: skip
    return {
        "series": record.series.key if record.series else None, "ordinal": record.ordinal,
        "start": record.start, "end": record.end, "place": record.place,
        "country": record.country.code if record.country else None, "mode": record.mode,
        "host_countries": [c.code for c in record.host_countries.all()],
        "host_organisations": [o.key for o in record.host_organisations.all()],
        "chair_country": record.chair_country.code if record.chair_country else None,
        "participant_countries": [c.code for c in record.participant_countries.all()],
        "participant_organisations": [o.key for o in record.participant_organisations.all()],
        "areas": areas, "components": components, "action_lines": lines, "url": record.url,
    }  # fmt: skip


def _messages(error: ValidationError) -> list[tuple[str, list[str]]]:
    if hasattr(error, "error_dict"):
        return [
            (name, [m for e in errors for m in e.messages])
            for name, errors in error.error_dict.items()
        ]
    return [("", list(error.messages))]


def _column_of(kind: str, name: str) -> str:
    by_argument = {argument: column for column, argument in WRITABLE[kind].items()}
    if name in ("names", "original", LabelKind.NAME):
        return "name"
    if name == "__all__":
        return ""
    return by_argument.get(name, name)


def template(kind: str, format: str, lang: str = "en") -> bytes:
    """An empty table with the columns an import reads: names, then headings in ``lang``."""
    columns = choose(kind, template_columns(kind))
    if format == "xlsx":
        return to_xlsx([], columns, lang, title=kind)
    return to_csv([], columns, lang)
