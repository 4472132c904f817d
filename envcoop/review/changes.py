"""What accepting a claim would write, computed without writing: field by field
(``start: 2023 → 2023-08-22``), the names and aliases it adds, the links (host and party
countries, a fund), the evidence, or a new record with its values.

``records.merge`` writes exactly what this says, so the review card, ``envcoop review list
--json`` and the accept agree. Each field change has a *kind*:

- ``fill``: the record has no value; the claim's is written (by every accept);
- ``precise``: the record's value is a coarser form of the claim's ("2023" and
  "2023-08-22"); it changes a value the record has, so a single accept asks for confirmation
  and a bulk accept leaves it for a person;
- ``conflict``: the values differ; never written by an accept (the evidence shows the
  disagreement until a reviewer picks one on the conflicts page).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models

from envcoop.core.partial_date import PartialDate
from envcoop.core.places import same_place
from envcoop.registry.models import LabelKind
from envcoop.registry.services.labels import tidy_label_text
from envcoop.registry.services.resolve import date_value, text_value
from envcoop.review.evidence import EVIDENCE_FIELDS
from envcoop.review.models import Evidence
from envcoop.review.records import country_code, fund_key, organisation_keys

FieldKind = Literal["fill", "precise", "conflict"]


@dataclass(frozen=True)
class FieldChange:
    """One field of the record: what it holds (None: nothing) and what the claim gives."""

    field: str  # the record's field (start, planned_start, country, fund, ...)
    before: str | None  # as data: ISO date, country code, fund key, text
    after: str
    kind: FieldKind
    value: Any = None  # what is written (a PartialDate, a code, a key, text)

    def as_json(self) -> dict[str, Any]:
        return {"field": self.field, "before": self.before, "after": self.after, "kind": self.kind}

    def line(self) -> str:
        return f"{self.field}: {self.before or '—'} → {self.after}"


@dataclass(frozen=True)
class NameChange:
    kind: str  # name, alias, acronym
    lang: str
    text: str

    def as_json(self) -> dict[str, str]:
        return {"kind": self.kind, "lang": self.lang, "text": self.text}


@dataclass(frozen=True)
class LinkChange:
    field: str  # host_countries, party_countries, party_organisations, recipient_countries,
    # participating_organisations (as an implementing partner)
    value: str  # a country code or a record's key

    def as_json(self) -> dict[str, str]:
        return {"field": self.field, "value": self.value}


@dataclass
class AcceptChange:
    """The change accepting a claim makes to its target record (``record`` None: a new one)."""

    kind: str
    record: models.Model | None
    values: dict[str, Any] = field(default_factory=dict)  # a new record's values
    fields: list[FieldChange] = field(default_factory=list)
    names: list[NameChange] = field(default_factory=list)
    links: list[LinkChange] = field(default_factory=list)
    evidence: list[str] = field(default_factory=list)  # the claim's fields gaining evidence
    error: str = ""  # why the claim cannot be accepted as it stands

    @property
    def new(self) -> bool:
        return self.record is None

    @property
    def needs_confirmation(self) -> bool:
        """Whether accepting changes a value the record already has."""
        return any(change.kind == "precise" for change in self.fields)

    def written(self, *, overwrite: bool) -> list[FieldChange]:
        """The field changes an accept writes (``overwrite``: confirmed by a person)."""
        kinds = ("fill", "precise") if overwrite else ("fill",)
        return [change for change in self.fields if change.kind in kinds]

    def left(self, *, overwrite: bool) -> list[FieldChange]:
        """The field changes an accept leaves for a person."""
        written = self.written(overwrite=overwrite)
        return [change for change in self.fields if change not in written]

    @property
    def empty(self) -> bool:
        return not (self.new or self.fields or self.names or self.links or self.evidence)

    def as_json(self) -> dict[str, Any]:
        return {
            "record": None if self.record is None else getattr(self.record, "key", self.record.pk),
            "new": self.new,
            "values": {name: _data(value) for name, value in self.values.items()},
            "fields": [change.as_json() for change in self.fields],
            "names": [name.as_json() for name in self.names],
            "links": [link.as_json() for link in self.links],
            "evidence": list(self.evidence),
            "needs_confirmation": self.needs_confirmation,
            **({"error": self.error} if self.error else {}),
        }

    def lines(self) -> list[str]:
        """The change in plain lines (for the command line)."""
        if self.error:
            return [f"cannot be accepted: {self.error}"]
        lines = []
        if self.new:
            values = ", ".join(f"{name} {_data(value)}" for name, value in self.values.items())
            lines.append(f"new {self.kind}: {values}")
        for change in self.fields:
            note = {
                "fill": "",
                "precise": "  (changes a value: needs confirmation)",
                "conflict": "  (differs: left as a conflict)",
            }[change.kind]
            lines.append(change.line() + note)
        lines.extend(f"{name.kind} added ({name.lang}): {name.text}" for name in self.names)
        lines.extend(f"{link.field} added: {link.value}" for link in self.links)
        if self.evidence:
            lines.append(f"evidence added: {', '.join(self.evidence)}")
        return lines


def _data(value: Any) -> Any:
    if isinstance(value, PartialDate):
        return value.isoformat()
    if isinstance(value, list):
        return [_data(item) for item in value]
    return value


def _as_data(value: Any) -> str | None:
    """A record's current value as data: None for nothing, a code or key for a link."""
    if value is None or value == "":
        return None
    if isinstance(value, models.Model):
        return getattr(value, "code", None) or getattr(value, "key", None) or str(value.pk)
    if isinstance(value, PartialDate):
        return value.isoformat()
    return str(value)


def _field_change(record_field: str, current: Any, value: Any) -> FieldChange | None:
    """How ``value`` meets the record's ``current`` value (None: no change)."""
    before, after = _as_data(current), _as_data(value)
    if after is None or before == after:
        return None
    if (
        record_field == "place"
        and isinstance(before, str)
        and isinstance(after, str)
        and same_place(before, after)
    ):
        return None  # "Vientiane" and "เวียงจันทน์": one city, written in two languages
    if before is None:
        kind: FieldKind = "fill"
    elif (
        isinstance(current, PartialDate)
        and isinstance(value, PartialDate)
        and value.precision > current.precision
        and after.startswith(before)
    ):
        kind = "precise"
    elif (
        isinstance(current, PartialDate)
        and isinstance(value, PartialDate)
        and before.startswith(after)
    ):
        return None  # the claim is coarser than the record: it agrees and adds nothing
    else:
        kind = "conflict"
    return FieldChange(record_field, before, after, kind, value)


def _event_fields(values: dict[str, Any]) -> dict[str, Any]:
    place = text_value(values.get("place") or "", field="place")
    return {
        "start": date_value(values.get("start"), field="start"),
        "end": date_value(values.get("end"), field="end"),
        "place": "" if place == "online" else place,
        "mode": "online" if place == "online" else "",
        "country": country_code(values.get("country")),
    }


def _record_fields(record: models.Model, kind: str, values: dict[str, Any]) -> dict[str, Any]:
    """The record's fields the claim speaks of: record field -> the claim's value."""
    if kind == "event":
        return _event_fields(values)
    if kind == "agreement":
        return {"date": date_value(values.get("date"), field="date")}
    if kind == "project":
        fields: dict[str, Any] = {
            "planned_start": date_value(values.get("start"), field="start"),
            "planned_end": date_value(values.get("end"), field="end"),
            "fund": fund_key(values.get("fund")),
        }
        if record.actual_start:  # type: ignore[attr-defined]
            fields.pop("planned_start")
        if record.actual_end:  # type: ignore[attr-defined]
            fields.pop("planned_end")
        return fields
    if kind == "organisation":
        return {"country": country_code(values.get("country"))}
    return {}


def _name_changes(
    record: models.Model | None, values: dict[str, Any], lang: str
) -> list[NameChange]:
    """The names and acronym the record gains (as ``label_add`` would store them)."""
    labels = list(record.labels.all()) if record is not None else []  # type: ignore[attr-defined]
    changes: list[NameChange] = []
    name = values.get("name")
    if isinstance(name, str) and name.strip():
        text = tidy_label_text(LabelKind.NAME, name[:500])
        kind = LabelKind.NAME
        if any(lb.kind == LabelKind.NAME and lb.lang == lang and lb.text != text for lb in labels):
            kind = LabelKind.ALIAS  # a second name in a language is an alias
        if not any(lb.kind == kind and lb.lang == lang and lb.text == text for lb in labels):
            changes.append(NameChange(str(kind), lang, text))
    acronym = values.get("acronym")
    if isinstance(acronym, str) and acronym.strip():
        text = tidy_label_text(LabelKind.ACRONYM, acronym)
        if not any(
            lb.kind == LabelKind.ACRONYM and lb.lang == "und" and lb.text == text for lb in labels
        ):
            changes.append(NameChange(str(LabelKind.ACRONYM), "und", text))
    return changes


def _link_changes(
    record: models.Model | None, kind: str, values: dict[str, Any]
) -> list[LinkChange]:
    wanted: list[tuple[str, str]] = []
    if kind == "event":
        host = country_code(values.get("host"))
        if host:
            wanted.append(("host_countries", host))
    elif kind in ("agreement", "project"):
        listed = values.get("parties" if kind == "agreement" else "partners") or []
        countries, organisations = (
            ("party_countries", "party_organisations")
            if kind == "agreement"
            else ("recipient_countries", "participating_organisations")
        )
        codes = [code for code in map(country_code, listed) if code]
        wanted.extend((countries, code) for code in dict.fromkeys(codes))
        wanted.extend((organisations, key) for key in organisation_keys(listed))
    changes = []
    for name, value in wanted:
        if record is not None:
            manager = getattr(record, name)
            lookup = "code" if name.endswith("countries") else "key"
            if manager.filter(**{lookup: value}).exists():
                continue
        changes.append(LinkChange(name, value))
    return changes


def _evidence_changes(
    record: models.Model | None, kind: str, values: dict[str, Any], claim: Any
) -> list[str]:
    names = [name for name in EVIDENCE_FIELDS[kind] if values.get(name) not in (None, "", [])]
    if record is None or claim is None:
        return names
    held = set(
        Evidence.objects.filter(
            content_type=ContentType.objects.get_for_model(record),
            object_id=record.pk,
            document_id=claim.document_id,
            start=claim.start,
            end=claim.end,
            field__in=names,
        ).values_list("field", flat=True)
    )
    return [name for name in names if name not in held]


def change_for_new(kind: str, values: dict[str, Any], lang: str, claim: Any = None) -> AcceptChange:
    """The record a claim would create, with its values."""
    change = AcceptChange(kind=kind, record=None)
    shown: dict[str, Any] = {}
    for name in EVIDENCE_FIELDS[kind]:
        value = values.get(name)
        if value in (None, "", []):
            continue
        if name in ("start", "end", "date"):
            value = date_value(value, field=name)
        shown[name] = value
    change.values = shown
    change.names = _name_changes(None, values, lang)
    change.links = _link_changes(None, kind, values)
    change.evidence = _evidence_changes(None, kind, values, claim)
    return change


def change_for_record(
    record: models.Model, kind: str, values: dict[str, Any], lang: str, claim: Any = None
) -> AcceptChange:
    """What merging the claim's ``values`` into ``record`` changes."""
    change = AcceptChange(kind=kind, record=record)
    for record_field, value in _record_fields(record, kind, values).items():
        found = _field_change(record_field, getattr(record, record_field), value)
        if found is not None:
            change.fields.append(found)
    change.names = _name_changes(record, values, lang)
    change.links = _link_changes(record, kind, values)
    change.evidence = _evidence_changes(record, kind, values, claim)
    return change


def safely(compute: Any, *args: Any, kind: str, record: models.Model | None = None) -> AcceptChange:
    """``compute(*args)``, or a change that says why the claim cannot be accepted as it is."""
    try:
        return compute(*args)
    except ValidationError as error:
        messages = getattr(error, "message_dict", None)
        text = (
            "; ".join(f"{name}: {' '.join(m)}" for name, m in messages.items())
            if messages
            else " ".join(error.messages)
        )
        return AcceptChange(kind=kind, record=record, error=text)
