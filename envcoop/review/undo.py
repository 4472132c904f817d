"""Undoing an accept: the record gets back the values it had before (or goes, if the accept
made it and nothing else has touched it since), the evidence and names the accept added go,
and the claim is pending again.

An accept's writes are one history *batch* (``envcoop.registry.history``). Undo reverts that
batch object by object, newest first: an object the batch created is deleted; one it changed
gets the state of its history row from before the batch, links included. It refuses, and
changes nothing, when anything wrote to the record (its row, its names, its evidence) or to
another object of the batch after the accept: undoing would overwrite that later change.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, router, transaction
from django.db.models.deletion import Collector, ProtectedError, RestrictedError

from envcoop.accounts.activity import Action, log
from envcoop.core.recording import How, recorded
from envcoop.ingestion.models import Claim, ClaimStatus
from envcoop.registry.models import (
    Agreement,
    Event,
    Framework,
    Fund,
    Label,
    Organisation,
    Project,
    ProjectParticipation,
)
from envcoop.review.models import Evidence

# Every model whose writes are in history (what a batch may hold).
TRACKED: tuple[type[models.Model], ...] = (
    Event,
    Agreement,
    Project,
    ProjectParticipation,
    Organisation,
    Framework,
    Fund,
    Label,
    Evidence,
)


@dataclass
class Undone:
    record: models.Model | None  # the record the claim had gone into (None: deleted by undo)
    removed: bool  # the accept had created the record, and undo removed it
    restored: list[str]  # what was put back, in words


def history_of(model: type[models.Model]) -> Any:
    return model.history  # type: ignore[attr-defined]


def accept_batch(claim: Claim) -> str | None:
    """The history batch of the claim's latest accept (None: an accept from before history)."""
    latest: tuple[Any, str] | None = None
    for model in TRACKED:
        row = (
            history_of(model)
            .filter(history_how=How.ACCEPT, history_claim=claim.pk)
            .exclude(history_batch="")
            .order_by("-history_date")
            .values_list("history_date", "history_batch")
            .first()
        )
        if row is not None and (latest is None or row[0] > latest[0]):
            latest = row
    return latest[1] if latest else None


def batch_rows(batch: str) -> list[tuple[type[models.Model], Any]]:
    """The history rows of a batch, oldest first, each with the model it records."""
    rows = [
        (model, row)
        for model in TRACKED
        for row in history_of(model).filter(history_batch=batch).order_by("history_id")
    ]
    return sorted(rows, key=lambda item: (item[1].history_date, item[1].history_id))


def _describe(row: Any) -> str:
    who = getattr(row.history_user, "username", None) or "someone"
    reason = row.history_change_reason or row.history_how or "a change"
    return f"{reason} by {who} on {row.history_date:%Y-%m-%d %H:%M}"


def _later_rows(model: type[models.Model], since: Any, batch: str, **lookup: Any) -> list[Any]:
    return list(
        history_of(model)
        .filter(**lookup, history_date__gt=since)
        .exclude(history_batch=batch)
        .order_by("history_date")
    )


def _later_changes(
    batch: str, rows: list[tuple[type[models.Model], Any]], record: models.Model | None
) -> list[str]:
    """What wrote to the batch's objects (or to the record's names and evidence) after it.
    An accept undone since, and its undo, cancel out and do not count."""
    since = rows[0][1].history_date
    later: list[tuple[type[models.Model], Any]] = []
    objects: dict[type[models.Model], set[int]] = defaultdict(set)
    for model, row in rows:
        objects[model].add(getattr(row, model._meta.pk.attname))
    for model, pks in objects.items():
        lookup = {f"{model._meta.pk.attname}__in": pks}
        later.extend((model, row) for row in _later_rows(model, since, batch, **lookup))
    if record is not None:
        content_type = ContentType.objects.get_for_model(record)
        for model in (Label, Evidence):
            found = _later_rows(model, since, batch, content_type=content_type, object_id=record.pk)
            later.extend((model, row) for row in found)
    undone = {row.history_undoes for _model, row in later if row.history_undoes}
    described: list[str] = []
    for model, row in sorted(later, key=lambda item: item[1].history_date):
        if row.history_batch in undone or row.history_undoes in undone:
            continue
        text = f"{model._meta.verbose_name} {row.instance}: {_describe(row)}"
        if text not in described:
            described.append(text)
    return described


def _previous(model: type[models.Model], row: Any) -> Any:
    """The object's history row just before ``row`` (None: none was kept)."""
    return (
        history_of(model)
        .filter(**{model._meta.pk.attname: getattr(row, model._meta.pk.attname)})
        .filter(history_id__lt=row.history_id)
        .order_by("-history_id")
        .first()
    )


def _own_link_tables(model: type[models.Model]) -> set[type[models.Model]]:
    return {field.remote_field.through for field in model._meta.many_to_many}


def _check_removable(instance: models.Model) -> None:
    """Refuse to delete a record something else now points at (a link, a participation)."""
    collector = Collector(using=router.db_for_write(type(instance)))
    try:
        collector.collect([instance])
    except (ProtectedError, RestrictedError) as error:
        raise ValidationError(
            {"record": f"{instance} is used by other records now; undo would break them"}
        ) from error
    allowed = {type(instance), Label, *_own_link_tables(type(instance))}
    for model, instances in collector.data.items():
        if model not in allowed and instances and not model.__name__.startswith("Historical"):
            raise ValidationError(
                {"record": f"{instance} is linked from a {model._meta.verbose_name} now"}
            )
    for queryset in collector.fast_deletes:
        model = queryset.model
        if (
            model not in allowed
            and not model.__name__.startswith("Historical")
            and queryset.exists()
        ):
            raise ValidationError({"record": f"{instance} is linked from other records now"})
    for updates in collector.field_updates.values():
        if any(len(objs) for objs in updates):
            raise ValidationError({"record": f"other records point at {instance} now"})


def _restore(model: type[models.Model], pk: int, state: Any) -> None:
    """Put the object back as history row ``state`` holds it, links included."""
    wanted = state.instance
    live = model.objects.filter(pk=pk).first()
    for field in model._meta.concrete_fields:
        if field.is_relation and getattr(wanted, field.attname) is not None:
            target = field.related_model._default_manager.filter(pk=getattr(wanted, field.attname))
            if not target.exists() and field.null:
                setattr(wanted, field.attname, None)  # what it pointed at is gone since
    if live is None:
        wanted.save(force_insert=True)
        live = wanted
    else:
        skip = {model._meta.pk.attname, "created_at", "updated_at"}
        for field in model._meta.concrete_fields:
            if field.attname not in skip:
                setattr(live, field.attname, getattr(wanted, field.attname))
        live.save()
    for field in getattr(state, "_history_m2m_fields", []):
        target = field.m2m_reverse_field_name()
        ids = [getattr(row, f"{target}_id") for row in getattr(state, field.name).all()]
        manager = getattr(live, field.name)
        if set(manager.values_list("pk", flat=True)) != set(ids):
            manager.set(ids)


def _reopen_proposals(record: models.Model, claim: Claim) -> None:
    """Pending claims proposed as the removed record propose again (a new record, or what the
    queue resolves them to)."""
    content_type = ContentType.objects.get_for_model(record)
    Claim.objects.filter(
        status=ClaimStatus.PENDING, match_type=content_type, match_id=record.pk
    ).exclude(pk=claim.pk).update(match_type=None, match_id=None, match_score=None)


@transaction.atomic
def claim_undo(*, claim: Claim, user: object = None) -> Undone:
    """Undo the accept of ``claim``. Raises ValidationError (and changes nothing) when the
    claim is not accepted, its accept predates history, or a later change would be lost."""
    claim = Claim.objects.select_for_update().get(pk=claim.pk)
    if claim.status != ClaimStatus.ACCEPTED:
        raise ValidationError({"status": f"claim {claim.pk} is {claim.status}, not accepted"})
    batch = accept_batch(claim)
    if batch is None:
        raise ValidationError(
            {"history": f"claim {claim.pk} was accepted before history was kept: undo it by hand"}
        )
    record = claim.record
    record_label = str(record) if record is not None else ""
    rows = batch_rows(batch)
    later = _later_changes(batch, rows, record)
    if later:
        raise ValidationError(
            {
                "history": f"undoing claim {claim.pk} would overwrite later changes: {'; '.join(later)}"
            }
        )
    firsts: dict[tuple[type[models.Model], int], Any] = {}
    for model, row in rows:
        firsts.setdefault((model, getattr(row, model._meta.pk.attname)), row)
    restored: list[str] = []
    removed = False
    with recorded(user, How.UNDO, claim=claim.pk, undoes=batch):
        for (model, pk), first in reversed(list(firsts.items())):
            live = model.objects.filter(pk=pk).first()
            if first.history_type == "+":
                if live is None:
                    continue
                if record is not None and model is type(record) and pk == record.pk:
                    _check_removable(live)
                    removed = True
                live.delete()
                restored.append(f"removed {model._meta.verbose_name} {first.instance}")
            else:
                state = first if first.history_type == "-" else _previous(model, first)
                if state is None:
                    name = f"{model._meta.verbose_name} {first.instance}"
                    raise ValidationError(
                        {"history": f"{name} has no state from before the accept: undo by hand"}
                    )
                _restore(model, pk, state)
                restored.append(f"restored {model._meta.verbose_name} {first.instance}")
    if removed and record is not None:
        _reopen_proposals(record, claim)
    claim.status = ClaimStatus.PENDING
    claim.record_type, claim.record_id = None, None
    claim.reviewed_by, claim.reviewed_at, claim.review_note = None, None, ""
    claim.save()
    if record is not None and not removed:
        record = type(record).objects.filter(pk=record.pk).first()
    detail = f"claim {claim.pk}" + (f"; removed {record_label}" if removed else "")
    log(user, Action.UNDO, obj=claim if removed or record is None else record, detail=detail)
    return Undone(record=None if removed else record, removed=removed, restored=restored)
