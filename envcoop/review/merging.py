"""Merging two records of one kind that are the same thing, and undoing a merge.

The merged record's names become names or aliases of the one that stays; its evidence,
claims, links (areas, countries, framework components, participants, outcomes, ...) and
former keys move over; the fields the surviving record lacks are filled from it; fields
where both have different values are reported (their evidence shows the conflict). The
merged key keeps leading to the survivor. Everything the merge did is written down
(``Merge``), so that it can be undone while the survivor has not changed since.

The relations are found through Django's model metadata, not listed by hand: a link added
to a model later is moved by the same code.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from envcoop.accounts.activity import Action, log
from envcoop.core.recording import How, recorded
from envcoop.ingestion.models import Claim
from envcoop.registry.history import update_recorded
from envcoop.registry.models import FormerKey, Label, LabelKind
from envcoop.registry.services.labels import label_add
from envcoop.review.models import DistinctPair, Evidence, Merge

# Fields a merge never copies: identity and bookkeeping
_OWN_FIELDS = {"id", "key", "created_at", "updated_at"}


@dataclass
class MergeResult:
    """What a merge did (or would do: ``merge_preview``), for people to read."""

    names_added: list[str] = field(default_factory=list)
    fields_filled: dict[str, str] = field(default_factory=dict)
    conflicts: dict[str, tuple[str, str]] = field(default_factory=dict)  # field -> (kept, other)
    links_moved: dict[str, int] = field(default_factory=dict)  # what -> how many
    evidence_moved: int = 0
    claims_moved: int = 0
    merge_id: int | None = None


class _Preview(Exception):
    """Raised inside the preview's transaction to roll back what it did."""

    def __init__(self, result: MergeResult) -> None:
        self.result = result


def _serialised(objects: list[models.Model]) -> str:
    return serializers.serialize("json", objects) if objects else "[]"


def _restore(data: str) -> None:
    for item in serializers.deserialize("json", data):
        item.save()


def _shown(value: Any) -> str:
    return "" if value is None else str(value)


def _empty(value: Any) -> bool:
    return value is None or value == ""


def merge_preview(*, source: models.Model, target: models.Model) -> MergeResult:
    """What merging ``source`` into ``target`` would do, without doing it (the merge is run
    and rolled back, so the preview is what the merge does)."""
    try:
        with transaction.atomic():
            raise _Preview(record_merge(source=source, target=target))
    except _Preview as preview:
        preview.result.merge_id = None
        return preview.result


def record_merge(*, source: models.Model, target: models.Model, user: object = None) -> MergeResult:
    """Merge ``source`` into ``target`` (the one that stays); ``source`` is deleted. Every
    write is in the records' history, as a merge by ``user``."""
    with transaction.atomic(), recorded(user, How.MERGE):
        source_key, target_key = getattr(source, "key", ""), getattr(target, "key", "")
        result = _merge(source, target, user)
        detail = f"{source_key} merged into {target_key}; merge {result.merge_id}"
        log(user, Action.MERGE, obj=target, detail=detail)
        return result


def _merge(source: models.Model, target: models.Model, user: object) -> MergeResult:
    model = type(target)
    if type(source) is not model:
        raise ValidationError({"target": _("Only records of the same kind can be merged.")})
    if source.pk == target.pk:
        raise ValidationError({"target": _("A record cannot be merged into itself.")})
    source = model.objects.select_for_update().get(pk=source.pk)
    target = model.objects.select_for_update().get(pk=target.pk)
    content_type = ContentType.objects.get_for_model(model)
    result = MergeResult()
    moved: dict[str, Any] = {"reverse": {}, "reverse_deleted": {}, "through": {}, "m2m_added": {}}

    source_labels = list(Label.objects.filter(content_type=content_type, object_id=source.pk))
    snapshot = {
        "record": _serialised([source]),
        "labels": _serialised(source_labels),
    }

    # names: a name in a language the survivor already names becomes an alias
    before = set(
        Label.objects.filter(content_type=content_type, object_id=target.pk).values_list(
            "pk", flat=True
        )
    )
    for label in source_labels:
        added = label_add(record=target, kind=label.kind, lang=label.lang, text=label.text)
        if added and label.kind != LabelKind.DESCRIPTION:
            result.names_added.append(label.text)
    moved["labels_added"] = sorted(
        set(
            Label.objects.filter(content_type=content_type, object_id=target.pk).values_list(
                "pk", flat=True
            )
        )
        - before
    )

    # fields: fill what the survivor lacks; report where both have different values
    filled: dict[str, Any] = {}
    for own in model._meta.concrete_fields:
        if own.name in _OWN_FIELDS or own.primary_key:
            continue
        mine, theirs = getattr(target, own.attname), getattr(source, own.attname)
        if _empty(theirs) or mine == theirs or isinstance(theirs, bool):
            continue
        if _empty(mine):
            filled[own.attname] = mine
            setattr(target, own.attname, theirs)
            result.fields_filled[own.name] = _shown(getattr(source, own.name))
        else:
            result.conflicts[own.name] = (
                _shown(getattr(target, own.name)),
                _shown(getattr(source, own.name)),
            )
    moved["fields_filled"] = filled
    if filled:
        target.full_clean(exclude=["key"])
        target.save()

    # the survivor's own links (areas, countries, components, ...): the union
    for m2m in model._meta.many_to_many:
        theirs_ids = set(getattr(source, m2m.name).values_list("pk", flat=True))
        mine_ids = set(getattr(target, m2m.name).values_list("pk", flat=True))
        added = sorted(theirs_ids - mine_ids)
        if added:
            getattr(target, m2m.name).add(*added)
            moved["m2m_added"][m2m.name] = added
            result.links_moved[str(m2m.verbose_name)] = len(added)

    # what points at the merged record: other records' links and rows
    for relation in model._meta.related_objects:
        if relation.many_to_many:
            _move_through(relation, source, target, moved, result)
        elif relation.one_to_many or relation.one_to_one:
            _move_reverse(relation, source, target, moved, result)

    # evidence (each span once per record), claims, former keys, "not the same" decisions
    evidence_moved, evidence_deleted = [], []
    for row in Evidence.objects.filter(content_type=content_type, object_id=source.pk):
        twin = Evidence.objects.filter(
            content_type=content_type,
            object_id=target.pk,
            field=row.field,
            document_id=row.document_id,
            start=row.start,
            end=row.end,
        ).exists()
        if twin:
            evidence_deleted.append(row)
        else:
            evidence_moved.append(row.pk)
    moved["evidence_deleted"] = _serialised(evidence_deleted)
    Evidence.objects.filter(pk__in=[row.pk for row in evidence_deleted]).delete()
    update_recorded(Evidence.objects.filter(pk__in=evidence_moved), object_id=target.pk)
    moved["evidence"] = evidence_moved
    result.evidence_moved = len(evidence_moved)
    claims = Claim.objects.filter(record_type=content_type, record_id=source.pk)
    matches = Claim.objects.filter(match_type=content_type, match_id=source.pk)
    moved["claims"] = list(claims.values_list("pk", flat=True))
    moved["matches"] = list(matches.values_list("pk", flat=True))
    claims.update(record_id=target.pk)
    matches.update(match_id=target.pk)
    result.claims_moved = len(moved["claims"])
    former = FormerKey.objects.filter(content_type=content_type, object_id=source.pk)
    moved["former_keys"] = list(former.values_list("pk", flat=True))
    former.update(object_id=target.pk)
    pairs = DistinctPair.objects.filter(content_type=content_type).filter(
        models.Q(first_id=source.pk) | models.Q(second_id=source.pk)
    )
    moved["pairs"] = _serialised(list(pairs))
    pairs.delete()

    source_key, source_pk = source.key, source.pk  # type: ignore[attr-defined]
    Label.objects.filter(content_type=content_type, object_id=source_pk).delete()
    source.delete()
    merged_key = FormerKey.objects.create(
        content_type=content_type, object_id=target.pk, key=source_key, reason="merged"
    )
    moved["merged_key"] = merged_key.pk
    target.refresh_from_db()
    merge = Merge.objects.create(
        content_type=content_type,
        source_id=source_pk,
        source_key=source_key,
        target_id=target.pk,
        snapshot=snapshot,
        moved=json.loads(json.dumps(moved, default=str)),
        target_updated_at=target.updated_at,  # type: ignore[attr-defined]
        merged_by=user if getattr(user, "pk", None) else None,
    )
    result.merge_id = merge.pk
    return result


def _move_reverse(
    relation: Any, source: models.Model, target: models.Model, moved: dict, result: MergeResult
) -> None:
    """Rows of another model whose foreign key names the merged record."""
    related, name = relation.related_model, relation.field.name
    label = f"{related._meta.label}.{name}"
    rows = list(related.objects.filter(**{name: source}))
    if not rows:
        return
    updated, deleted = [], []
    for row in rows:
        try:
            with transaction.atomic():
                update_recorded(related.objects.filter(pk=row.pk), **{name: target})
            updated.append(row.pk)
        except IntegrityError:  # the survivor has the same row already
            deleted.append(row)
    if deleted:
        moved["reverse_deleted"][label] = _serialised(deleted)
        related.objects.filter(pk__in=[row.pk for row in deleted]).delete()
    moved["reverse"][label] = updated
    result.links_moved[str(related._meta.verbose_name_plural)] = len(rows)


def _move_through(
    relation: Any, source: models.Model, target: models.Model, moved: dict, result: MergeResult
) -> None:
    """Other records' many-to-many links to the merged record (an organisation hosting an
    event, a party to an agreement): moved to the survivor, once."""
    through = relation.through
    to_source = next(
        f.name
        for f in through._meta.concrete_fields
        if f.is_relation and f.related_model is type(source)
    )
    other = next(
        f.attname for f in through._meta.concrete_fields if f.is_relation and f.name != to_source
    )
    rows = list(through.objects.filter(**{to_source: source}))
    if not rows:
        return
    taken = set(through.objects.filter(**{to_source: target}).values_list(other, flat=True))
    updated = [row.pk for row in rows if getattr(row, other) not in taken]
    deleted = [row for row in rows if getattr(row, other) in taken]
    through.objects.filter(pk__in=updated).update(**{to_source: target})
    if deleted:
        moved["reverse_deleted"][through._meta.label] = _serialised(deleted)
        through.objects.filter(pk__in=[row.pk for row in deleted]).delete()
    moved["through"][through._meta.label] = {"field": to_source, "rows": updated}
    result.links_moved[str(relation.related_model._meta.verbose_name_plural)] = len(rows)


def merge_undo(merge: Merge, user: object = None) -> models.Model:
    """Undo ``merge``: the merged record comes back with its names, links, evidence and
    claims, and the survivor loses what the merge gave it. Refused when the survivor has
    changed since (an undo would overwrite that change)."""
    with transaction.atomic(), recorded(user, How.MERGE):
        source = _unmerge(merge)
        detail = (
            f"merge {merge.pk} undone: {merge.source_key} taken back out of {_target_key(merge)}"
        )
        log(user, Action.UNDO_MERGE, obj=source, detail=detail)
        return source


def _target_key(merge: Merge) -> str:
    model = merge.content_type.model_class()
    key = model.objects.filter(pk=merge.target_id).values_list("key", flat=True).first()  # type: ignore[union-attr]
    return key or str(merge.target_id)


def _unmerge(merge: Merge) -> models.Model:
    merge = Merge.objects.select_for_update().get(pk=merge.pk)
    if merge.undone_at is not None:
        raise ValidationError({"merge": _("This merge was undone already.")})
    model = merge.content_type.model_class()
    target = model.objects.select_for_update().filter(pk=merge.target_id).first()
    if target is None:
        raise ValidationError({"merge": _("The record it was merged into is gone.")})
    if (
        target.updated_at != merge.target_updated_at
        or model.objects.filter(key=merge.source_key).exists()
    ):
        raise ValidationError(
            {
                "merge": _(
                    "The record it was merged into has changed since; undoing the merge would "
                    "overwrite that change."
                )
            }
        )
    moved = merge.moved
    FormerKey.objects.filter(pk=moved["merged_key"]).delete()
    _restore(merge.snapshot["record"])
    source = model.objects.get(pk=merge.source_id)
    _restore(merge.snapshot["labels"])
    Label.objects.filter(pk__in=moved["labels_added"]).delete()
    for attname, value in moved["fields_filled"].items():
        setattr(target, attname, value)
    for name, added in moved["m2m_added"].items():
        getattr(target, name).remove(*added)
    for label, pks in moved["reverse"].items():
        related = _model(label.rsplit(".", 1)[0])
        update_recorded(related.objects.filter(pk__in=pks), **{label.rsplit(".", 1)[1]: source})
    for label, entry in moved["through"].items():
        _model(label).objects.filter(pk__in=entry["rows"]).update(**{entry["field"]: source})
    for data in moved["reverse_deleted"].values():
        _restore(data)
    update_recorded(Evidence.objects.filter(pk__in=moved["evidence"]), object_id=source.pk)
    _restore(moved["evidence_deleted"])
    Claim.objects.filter(pk__in=moved["claims"]).update(record_id=source.pk)
    Claim.objects.filter(pk__in=moved["matches"]).update(match_id=source.pk)
    FormerKey.objects.filter(pk__in=moved["former_keys"]).update(object_id=source.pk)
    _restore(moved["pairs"])
    target.save()
    merge.undone_at = timezone.now()
    merge.save(update_fields=["undone_at"])
    return source


def _model(label: str) -> type[models.Model]:
    from django.apps import apps

    return apps.get_model(label)
