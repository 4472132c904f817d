"""The shared write step of every ``<entity>_upsert``: fields, links and names, validated, and
written only when something differs from what is stored."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import models, transaction

from envcoop.registry.models import LabelKind
from envcoop.registry.services.labels import LabelSpec, labels_apply

M = TypeVar("M", bound=models.Model)


def record_upsert(
    *,
    model: type[M],
    lookup: Mapping[str, Any],
    fields: Mapping[str, Any],
    links: Mapping[str, Iterable[models.Model]] | None = None,
    labels: Iterable[LabelSpec] = (),
    overwrite: bool = True,
) -> tuple[M, bool]:
    """Create the record found by ``lookup``, or bring it in line with ``fields``.

    Returns ``(record, changed)``. When the record exists and ``overwrite`` is
    False, its fields, links and names are left as they are and only names it
    does not have yet are added: data files that seed a site never undo an
    editor's changes. Validation runs before anything is written; the write is
    one transaction (callers wrap their own lookups in the same transaction).
    """
    labels = list(labels)
    with transaction.atomic():
        record = model.objects.filter(**lookup).first()
        if record is not None and not overwrite:
            return record, labels_apply(record=record, specs=labels, replace=False)
        created = record is None
        if created:
            if getattr(model, "names_required", True) and not any(
                spec.kind == LabelKind.NAME for spec in labels
            ):
                raise ValidationError({"names": "a record needs a name in at least one language"})
            record = model(**lookup)
        changed = created
        for name, value in fields.items():
            if getattr(record, name) != value:
                setattr(record, name, value)
                changed = True
        if changed:
            record.full_clean()
            record.save()
        for name, targets in (links or {}).items():
            manager = getattr(record, name)
            wanted = {target.pk for target in targets}
            if set(manager.values_list("pk", flat=True)) != wanted:
                manager.set(wanted)
                changed = True
        changed |= labels_apply(record=record, specs=labels)
    return record, changed
