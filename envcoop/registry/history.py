"""Who changed a registry record, when, how and from which claim: django-simple-history with
one context helper instead of arguments threaded through every service.

    with recorded(user, How.ACCEPT, claim=claim.pk):
        ...every save, delete, link and bulk write in here is recorded with that user and how

Each ``recorded()`` block is one *batch* (a random id on every history row it writes), so an
accept's rows can be found again and undone together. Blocks nest: an inner block keeps the
outer user unless it names its own. A request runs inside a block too (``RecordedRequests``:
"admin" under /admin/, "form" elsewhere), and ``envcoop`` commands inside one of "command".

The historical models carry, besides simple-history's own columns (``history_user``,
``history_date``, ``history_type``, ``history_change_reason``): ``history_how``,
``history_claim`` and ``history_batch``. The change reason is the sentence
("accept of claim 12"); the three columns are what code looks things up by.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

from django.db import models, transaction
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords
from simple_history.signals import pre_create_historical_record
from simple_history.utils import bulk_create_with_history

from envcoop.core.recording import How, Recording, current, recorded

__all__ = [
    "How",
    "RecordedRequests",
    "RegistryHistory",
    "bulk_create_recorded",
    "bulk_update_recorded",
    "current",
    "recorded",
    "update_recorded",
]


def _context_user(request: Any = None, instance: Any = None, **kwargs: Any) -> Any:
    recording = current()
    if recording is not None:
        return recording.history_user()
    user = getattr(request, "user", None)
    return user if getattr(user, "is_authenticated", False) else None


class HistoryColumns(models.Model):
    """The columns every historical model adds to simple-history's own."""

    history_how = models.CharField(
        _("how"), max_length=16, choices=How.choices, blank=True, default=""
    )
    history_claim = models.PositiveBigIntegerField(_("claim"), null=True, blank=True)
    history_batch = models.CharField(
        _("batch"), max_length=32, blank=True, default="", db_index=True
    )
    history_undoes = models.CharField(_("undoes batch"), max_length=32, blank=True, default="")

    class Meta:
        abstract = True


class RegistryHistory(HistoricalRecords):
    """simple-history's HistoricalRecords with the user and the how from ``recorded()``."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("bases", [HistoryColumns])
        kwargs.setdefault("get_user", _context_user)
        super().__init__(**kwargs)

    def get_change_reason_for_object(
        self, instance: Any, history_type: str, using: Any
    ) -> str | None:
        reason = super().get_change_reason_for_object(instance, history_type, using)
        if reason:
            return reason
        recording = current()
        return recording.reason if recording is not None else None


def _columns(recording: Recording | None) -> dict[str, Any]:
    if recording is None:
        return {"history_how": "", "history_claim": None, "history_batch": "", "history_undoes": ""}
    return {
        "history_how": recording.how,
        "history_claim": recording.claim,
        "history_batch": recording.batch,
        "history_undoes": recording.undoes,
    }


@receiver(pre_create_historical_record, dispatch_uid="envcoop-history-columns")
def _fill_columns(sender: type, history_instance: Any, **kwargs: Any) -> None:
    if not isinstance(history_instance, HistoryColumns):
        return
    for name, value in _columns(current()).items():
        setattr(history_instance, name, value)


def _bulk_defaults() -> dict[str, Any]:
    recording = current()
    return {
        "default_user": recording.history_user() if recording else None,
        "default_change_reason": recording.reason if recording else None,
        "custom_historical_attrs": _columns(recording),
    }


def _with_links(
    model: type[models.Model], objects: Sequence[models.Model], rows: Sequence[Any]
) -> None:
    """Give bulk-written history rows their links too (simple-history's bulk helpers keep
    the fields only), so that every row holds the whole record and an undo can restore it."""
    if not getattr(model.history.model, "_history_m2m_fields", None):  # type: ignore[attr-defined]
        return
    history = RegistryHistory()
    for instance, row in zip(objects, rows, strict=True):
        history.create_historical_record_m2ms(row, instance)


def bulk_create_recorded(model: type[models.Model], objects: Sequence[models.Model]) -> list[Any]:
    """``model.objects.bulk_create(objects)`` with a history row for each (the block's how)."""
    if not objects:
        return []
    made = bulk_create_with_history(list(objects), model, **_bulk_defaults())
    if getattr(model.history.model, "_history_m2m_fields", None):  # type: ignore[attr-defined]
        rows = list(model.history.filter(id__in=[o.pk for o in made]).order_by("history_id"))  # type: ignore[attr-defined]
        by_pk = {o.pk: o for o in made}
        _with_links(model, [by_pk[r.id] for r in rows], rows)
    return made


def bulk_update_recorded(
    model: type[models.Model], objects: Sequence[models.Model], fields: Sequence[str]
) -> int:
    """``model.objects.bulk_update(objects, fields)`` with a history row for each, links
    included."""
    if not objects:
        return 0
    objects = list(objects)
    with transaction.atomic():
        updated = model._default_manager.bulk_update(objects, list(fields))
        rows = model.history.bulk_history_create(objects, update=True, **_bulk_defaults())  # type: ignore[attr-defined]
        _with_links(model, objects, rows or [])
    return updated


def update_recorded(queryset: models.QuerySet, **values: Any) -> int:
    """``queryset.update(**values)``, recorded: the rows are read, changed and written with
    ``bulk_update_recorded`` (a plain ``update()`` sends no signal and would leave no trace).
    A model that keeps no history is updated plainly."""
    if not hasattr(queryset.model, "history"):
        return queryset.update(**values)
    objects = list(queryset)
    for item in objects:
        for name, value in values.items():
            setattr(item, name, value)
    return bulk_update_recorded(queryset.model, objects, list(values))


_ADMIN_PATH = re.compile(r"^/(?:[a-z]{2,3}(?:-[a-z0-9]+)?/)?admin/")


class RecordedRequests:
    """Middleware: what a request writes is recorded as made by its user, through the
    administration ("admin") or the site's forms ("form"). Services that know better (an
    accept, an import) open their own block inside."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        how = How.ADMIN if _ADMIN_PATH.match(request.path_info) else How.FORM
        with recorded(lambda: getattr(request, "user", None), how):
            return self.get_response(request)
