"""The shared write step: set fields, many-to-many links and labels; validate; save if changed."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import models, transaction

from envcoop.core.partial_date import PartialDate, PartialDateError
from envcoop.registry.services.labels import LabelSpec, labels_apply

M = TypeVar("M", bound=models.Model)


def record_save(
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
    False it is returned untouched (data files that seed a site never undo an
    editor's later changes). Validation runs before anything is written; the
    whole write is one transaction.
    """
    with transaction.atomic():
        record = model.objects.filter(**lookup).first()
        created = record is None
        if not created and not overwrite:
            return record, False
        if created:
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
            wanted = [target.pk for target in targets]
            if set(manager.values_list("pk", flat=True)) != set(wanted):
                manager.set(wanted)
                changed = True
        changed |= labels_apply(record=record, specs=labels)
        if created and not any(spec.kind == "name" for spec in labels) and _needs_name(record):
            raise ValidationError({"names": "a record needs a name in at least one language"})
    return record, changed


def _needs_name(record: models.Model) -> bool:
    return not hasattr(record, "code")


def date_value(value: object, *, field: str) -> PartialDate | None:
    """A PartialDate from "2023", "2023-08", "2023-08-22", a date, or None."""
    try:
        return PartialDate.parse_optional(value)  # type: ignore[arg-type]
    except PartialDateError as error:
        raise ValidationError({field: str(error)}) from error


def choice_value(value: object, *, choices: type[models.Choices], field: str) -> Any:
    if value not in choices.values:
        allowed = ", ".join(str(v) for v in choices.values)
        raise ValidationError({field: f"{value!r} is not allowed; use one of {allowed}"})
    return value
