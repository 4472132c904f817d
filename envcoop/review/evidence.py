"""Provenance and disagreement: the evidence of each value, and the fields where the sources
(or a source and the registry) give values that cannot both be true.

Dates agree when one is a coarser form of the other ("2023-08" and "2023-08-22"); any
other difference is a conflict. The record is flagged until a reviewer picks a value; the
evidence for the other values is then set aside (kept, and shown as set aside).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction

from envcoop.ingestion.models import Claim
from envcoop.registry.services.resolve import country_get_or_create, date_value
from envcoop.review.models import Evidence
from envcoop.review.records import EDITABLE
from envcoop.review.resolution.candidates import MODELS

# The claim values kept as evidence, per kind (the claim's own names): those a reviewer may
# correct, the parties and partners a claim lists among them.
EVIDENCE_FIELDS = dict(EDITABLE)
# The fields where two sources can contradict each other: claim field -> record field.
CONFLICT_FIELDS = {
    "event": {"start": "start", "end": "end", "country": "country"},
    "project": {"start": "planned_start", "end": "planned_end"},
    "organisation": {"country": "country"},
}


def evidence_add(
    *, record: models.Model, claim: Claim, values: dict[str, Any], lang: str, edited: set[str]
) -> int:
    """Store the claim's values as evidence for ``record`` (once per field and span)."""
    content_type = ContentType.objects.get_for_model(record)
    added = 0
    for name in EVIDENCE_FIELDS[claim.kind]:
        value = values.get(name)
        if value in (None, "", []):
            continue
        start, end = claim.start, claim.end
        evidence, created = Evidence.objects.get_or_create(
            content_type=content_type,
            object_id=record.pk,
            field=name,
            document_id=claim.document_id,
            start=start,
            end=end,
            defaults={
                "value": value,
                "claim": claim,
                "quote": claim.quote,
                "lang": lang,
                "edited": name in edited,
            },
        )
        if not created and (evidence.value != value or evidence.claim_id != claim.pk):
            evidence.value, evidence.claim, evidence.edited = value, claim, name in edited
            evidence.set_aside = False
            evidence.save()
        added += created
    return added


@dataclass
class ConflictValue:
    value: Any
    evidence: list[Evidence] = field(default_factory=list)
    current: bool = False  # the value the record holds


@dataclass
class Conflict:
    field: str  # the claim's name for it (start, end, country)
    values: list[ConflictValue]


def _compatible(field: str, a: Any, b: Any) -> bool:
    if a == b:
        return True
    if field in ("start", "end", "date") and isinstance(a, str) and isinstance(b, str):
        return a.startswith(b) or b.startswith(a)
    return False


def code_of(value: models.Model | None) -> str | None:
    """A linked record as data: a country's code, another record's key (None: none)."""
    if value is None:
        return None
    return getattr(value, "code", None) or getattr(value, "key", None)


def _current(record: models.Model, record_field: str) -> Any:
    value = getattr(record, record_field)
    if value is None or value == "":
        return None
    if isinstance(value, models.Model):
        return code_of(value)
    return str(value)


def conflicts_of(record: models.Model, kind: str) -> list[Conflict]:
    """The fields of ``record`` whose sources disagree (with each other or with the record)."""
    fields = CONFLICT_FIELDS.get(kind, {})
    if not fields:
        return []
    evidence = list(
        Evidence.objects.filter(
            content_type=ContentType.objects.get_for_model(record),
            object_id=record.pk,
            field__in=list(fields),
            set_aside=False,
        ).select_related("document")
    )
    conflicts: list[Conflict] = []
    for name, record_field in fields.items():
        values: list[ConflictValue] = []
        current = _current(record, record_field)
        if current is not None:
            values.append(ConflictValue(current, current=True))
        for item in evidence:
            if item.field != name:
                continue
            same = next((v for v in values if v.value == item.value), None)
            if same is None:
                same = ConflictValue(item.value)
                values.append(same)
            same.evidence.append(item)
        clash = any(
            not _compatible(name, a.value, b.value)
            for i, a in enumerate(values)
            for b in values[i + 1 :]
        )
        if clash:
            # the record's own coarser value ("2023" beside "2023-08-21" and "2023-08-22"),
            # which no source gives and which contradicts none, is not a side of the dispute
            sides = [
                v
                for v in values
                if v.evidence
                or not all(_compatible(name, v.value, other.value) for other in values)
            ]
            conflicts.append(Conflict(name, sides))
    return conflicts


def _clash(field: str, values: list[Any]) -> bool:
    distinct: list[Any] = []
    for value in values:
        if value is not None and value not in distinct:
            distinct.append(value)
    return any(
        not _compatible(field, a, b) for i, a in enumerate(distinct) for b in distinct[i + 1 :]
    )


def flagged_count() -> int:
    return sum(len(flagged_ids(model, kind)) for kind, model in MODELS.items())


def flagged_ids(model: type[models.Model], kind: str) -> list[int]:
    """Ids of the records of ``model`` with a conflict, in two queries (the review queue
    counts them on every visit)."""
    fields = CONFLICT_FIELDS.get(kind, {})
    if not fields:
        return []
    evidence: dict[int, dict[str, list[Any]]] = {}
    rows = Evidence.objects.filter(
        content_type=ContentType.objects.get_for_model(model),
        field__in=list(fields),
        set_aside=False,
    ).values_list("object_id", "field", "value")
    for object_id, name, value in rows:
        evidence.setdefault(object_id, {}).setdefault(name, []).append(value)
    lookups = {
        name: (f"{record_field}__code" if name == "country" else record_field)
        for name, record_field in fields.items()
    }
    current = model.objects.filter(pk__in=list(evidence)).values("pk", *lookups.values())  # type: ignore[attr-defined]
    flagged = []
    for row in current:
        found = evidence[row["pk"]]
        for name, lookup in lookups.items():
            held = row[lookup]
            held = None if held in (None, "") else str(held)
            if name in found and _clash(name, [held, *found[name]]):
                flagged.append(row["pk"])
                break
    return sorted(flagged)


@transaction.atomic
def conflict_resolve(*, record: models.Model, kind: str, field: str, value: Any) -> None:
    """A reviewer's choice: the record takes ``value``; evidence for values that disagree
    with it is set aside."""
    fields = CONFLICT_FIELDS.get(kind, {})
    if field not in fields:
        raise ValidationError({field: f"{kind} records have no disputed field {field!r}"})
    conflict = next((c for c in conflicts_of(record, kind) if c.field == field), None)
    offered = [str(v.value) for v in conflict.values] if conflict else []
    if str(value) not in offered:
        raise ValidationError(
            {field: f"choose one of the values the sources give ({', '.join(offered) or 'none'})"}
        )
    record_field = fields[field]
    if field == "country":
        new_value = country_get_or_create(code=value, field=field) if value else None
    else:
        new_value = date_value(value, field=field)
    if getattr(record, record_field) != new_value:
        setattr(record, record_field, new_value)
        record.full_clean()
        record.save()
    chosen = _current(record, record_field)
    for item in Evidence.objects.filter(
        content_type=ContentType.objects.get_for_model(record),
        object_id=record.pk,
        field=field,
    ):
        aside = chosen is not None and not _compatible(field, item.value, chosen)
        if item.set_aside != aside:
            item.set_aside = aside
            item.save(update_fields=["set_aside"])
