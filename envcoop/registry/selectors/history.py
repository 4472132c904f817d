"""A record's history as people read it: one entry per change (an accept, an import, a form,
an undo...), newest first, with who, when, how and each value before and after — the
record's own fields and links, its names, and the evidence it gained or lost.

The rows of one ``recorded()`` block (one batch) are one entry: an accept that creates an
event, links its host and names it in Thai is one entry, not five.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import models

from envcoop.registry.models import (
    Agreement,
    Event,
    Framework,
    Fund,
    Label,
    Organisation,
    Project,
)

# The kinds of record with a history, by the names lists and URLs use.
HISTORY_KINDS: dict[str, type[models.Model]] = {
    "events": Event,
    "agreements": Agreement,
    "projects": Project,
    "organisations": Organisation,
    "frameworks": Framework,
    "funds": Fund,
}


def history_model(kind: str) -> type[models.Model] | None:
    """The model of ``kind`` ("events" or "event"), None when it has no history."""
    return HISTORY_KINDS.get(kind) or HISTORY_KINDS.get(f"{kind}s")


# Fields that change on every save and say nothing to a reader.
_QUIET = {"id", "created_at", "updated_at", "content_type", "object_id"}


@dataclass(frozen=True)
class ValueChange:
    field: str  # a record's field, "name (th)" for a name, "evidence" for a source
    before: str | list[str] | dict[str, Any] | None
    after: str | list[str] | dict[str, Any] | None

    def as_json(self) -> dict[str, Any]:
        return {"field": self.field, "before": self.before, "after": self.after}

    @property
    def added(self) -> list[str]:
        if isinstance(self.before, list) or isinstance(self.after, list):
            return [v for v in self.after or [] if v not in (self.before or [])]
        return []

    @property
    def removed(self) -> list[str]:
        if isinstance(self.before, list) or isinstance(self.after, list):
            return [v for v in self.before or [] if v not in (self.after or [])]
        return []


@dataclass
class HistoryEntry:
    when: dt.datetime
    who: str  # the username, "" when not known (a command, a data load)
    how: str  # form, import, accept, undo, merge, admin, api, command ("" before it was kept)
    claim: int | None
    reason: str  # "accept of claim 12", ...
    action: str  # created, changed, deleted
    changes: list[ValueChange] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {
            "when": self.when.isoformat(),
            "who": self.who or None,
            "how": self.how or None,
            "claim": self.claim,
            "reason": self.reason or None,
            "action": self.action,
            "changes": [change.as_json() for change in self.changes],
        }


def _history(model: type[models.Model]) -> Any:
    return model.history  # type: ignore[attr-defined]


def has_history(model: type[models.Model]) -> bool:
    return hasattr(model, "history") and hasattr(model._meta, "simple_history_manager_attribute")


def _shown(field_obj: models.Field, value: Any, cache: dict[tuple[type, Any], str]) -> str | None:
    """A stored value as data a person reads: a country's code, a record's key, ISO dates."""
    if value is None or value == "":
        return None
    if field_obj.is_relation and field_obj.related_model is not None:
        model = field_obj.related_model
        key = (model, value)
        if key not in cache:
            target = model._default_manager.filter(pk=value).first()
            cache[key] = (
                (getattr(target, "code", None) or getattr(target, "key", None) or str(target))
                if target is not None
                else f"#{value}"
            )
        return cache[key]
    return str(value)


def _state(model: type[models.Model], row: Any, cache: dict) -> dict[str, Any]:
    """Field -> value (links: sorted codes or keys) of one history row."""
    state: dict[str, Any] = {}
    for field_obj in model._meta.concrete_fields:
        if field_obj.name in _QUIET:
            continue
        state[field_obj.name] = _shown(field_obj, getattr(row, field_obj.attname), cache)
    for m2m in getattr(row, "_history_m2m_fields", []):
        target = m2m.m2m_reverse_field_name()
        ids = [getattr(item, f"{target}_id") for item in getattr(row, m2m.name).all()]
        state[m2m.name] = sorted(_shown(m2m, pk, cache) or f"#{pk}" for pk in ids)
    return state


def _diff(before: dict[str, Any] | None, after: dict[str, Any] | None) -> list[ValueChange]:
    names = list((after or before or {}).keys())
    changes = []
    for name in names:
        old = (before or {}).get(name)
        new = (after or {}).get(name)
        if old != new and not (old in (None, [], "") and new in (None, [], "")):
            changes.append(ValueChange(name, old, new))
    return changes


def snapshot(record: models.Model) -> dict[str, Any]:
    """A live record's values as ``record_history`` shows them: fields, links (sorted codes
    or keys) and names ("name (th)", "alias (vi)": sorted texts)."""
    cache: dict = {}
    state: dict[str, Any] = {}
    model = type(record)
    for field_obj in model._meta.concrete_fields:
        if field_obj.name not in _QUIET:
            state[field_obj.name] = _shown(field_obj, getattr(record, field_obj.attname), cache)
    for m2m in model._meta.many_to_many:
        ids = getattr(record, m2m.name).values_list("pk", flat=True)
        state[m2m.name] = sorted(_shown(m2m, pk, cache) or f"#{pk}" for pk in ids)
    names: dict[str, list[str]] = defaultdict(list)
    for label in Label.objects.filter(
        content_type=ContentType.objects.get_for_model(record), object_id=record.pk
    ):
        names[f"{label.kind} ({label.lang})"].append(label.text)
    for name, texts in sorted(names.items()):
        state[name] = texts[0] if len(texts) == 1 else sorted(texts)
    return state


def changes_between(before: dict[str, Any], after: dict[str, Any]) -> list[ValueChange]:
    """What differs between two snapshots (a key in one only counts as empty in the other)."""
    keys = list(dict.fromkeys([*before, *after]))
    return _diff({k: before.get(k) for k in keys}, {k: after.get(k) for k in keys})


def _label_changes(rows: list[Any], before: dict[int, Any]) -> list[ValueChange]:
    """Names gained, lost or rewritten: ``name (th)``, ``alias (vi)``, ..."""
    changes = []
    for row in rows:
        label = f"{row.kind} ({row.lang})"
        prior = before.get(row.history_id)
        if row.history_type == "+":
            changes.append(ValueChange(label, None, row.text))
        elif row.history_type == "-":
            changes.append(ValueChange(label, row.text, None))
        elif prior is not None and (prior.text, prior.is_original) != (row.text, row.is_original):
            changes.append(ValueChange(label, prior.text, row.text))
    return changes


def _evidence_changes(rows: list[Any]) -> list[ValueChange]:
    """Sources gained or lost, one per document: ``{"document": 5, "fields": [...]}``."""
    added: dict[int, list[str]] = defaultdict(list)
    removed: dict[int, list[str]] = defaultdict(list)
    for row in rows:
        if row.history_type in ("+", "-"):
            target = added if row.history_type == "+" else removed
            if row.field not in target[row.document_id]:
                target[row.document_id].append(row.field)
    changes = [
        ValueChange("evidence", None, {"document": document, "fields": fields})
        for document, fields in added.items()
    ]
    changes.extend(
        ValueChange("evidence", {"document": document, "fields": fields}, None)
        for document, fields in removed.items()
    )
    return changes


def _group_key(row: Any) -> tuple[str, Any]:
    return ("batch", row.history_batch) if row.history_batch else ("row", row.history_date)


def record_history(record: models.Model) -> list[HistoryEntry]:
    """Everything history holds about ``record``, newest first."""
    model = type(record)
    cache: dict = {}
    groups: dict[tuple[str, Any], dict[str, list[Any]]] = defaultdict(lambda: defaultdict(list))
    own = list(_history(model).filter(id=record.pk).order_by("history_id"))
    for row in own:
        groups[_group_key(row)]["record"].append(row)
    content_type = ContentType.objects.get_for_model(record)
    labels = list(
        _history(Label)
        .filter(content_type=content_type, object_id=record.pk)
        .order_by("history_id")
    )
    for row in labels:
        groups[_group_key(row)]["labels"].append(row)
    evidence_model = apps.get_model("review", "Evidence")
    evidence = list(
        _history(evidence_model)
        .filter(content_type=content_type, object_id=record.pk)
        .order_by("history_id")
    )
    for row in evidence:
        groups[_group_key(row)]["evidence"].append(row)

    previous_label: dict[int, Any] = {}
    last_label: dict[int, Any] = {}
    for row in labels:
        if row.id in last_label:
            previous_label[row.history_id] = last_label[row.id]
        last_label[row.id] = row

    entries = []
    state: dict[str, Any] | None = None
    ordered = sorted(
        groups.values(),
        key=lambda group: min(r.history_date for rows in group.values() for r in rows),
    )
    for group in ordered:
        rows = [r for part in group.values() for r in part]
        first = min(rows, key=lambda r: r.history_date)
        changes: list[ValueChange] = []
        action = "changed"
        if group.get("record"):
            record_rows = group["record"]
            after = _state(model, record_rows[-1], cache)
            if record_rows[0].history_type == "+":
                action = "created"
            if record_rows[-1].history_type == "-":
                action, after = "deleted", None
            changes.extend(_diff(state, after))
            state = after
        changes.extend(_label_changes(group.get("labels", []), previous_label))
        changes.extend(_evidence_changes(group.get("evidence", [])))
        if not changes and action == "changed":
            continue
        user = first.history_user
        entries.append(
            HistoryEntry(
                when=first.history_date,
                who=getattr(user, "username", "") if user is not None else "",
                how=first.history_how,
                claim=first.history_claim,
                reason=first.history_change_reason or "",
                action=action,
                changes=changes,
            )
        )
    entries.reverse()
    return entries
