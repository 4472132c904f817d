"""Keeping the index in step with every write, in the writer's transaction: a record saved,
renamed, linked or deleted; a document stored or read again (ingestion's document_stored),
its readers or its date changed (document_filed).

Writing a record with names and links fires several signals (the save, each link, each
name), each of which would rebuild the record's entry. A bulk writer (an import) wraps
its work in ``batched()``: the records are collected and indexed once each when the block
ends, still inside the writer's transaction.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from envcoop.ingestion.signals import document_filed, document_stored
from envcoop.registry.models import Label
from envcoop.search.index import RECORD_KINDS, document_index, record_index, record_unindex

_pending = threading.local()


@contextmanager
def batched() -> Iterator[None]:
    """Index each record written inside the block once, when the block ends."""
    if getattr(_pending, "records", None) is not None:  # already batching: the outer block flushes
        yield
        return
    _pending.records = {}
    try:
        yield
        records, _pending.records = _pending.records, None
        for model, pk in records:
            record = model.objects.filter(pk=pk).first()
            if record is not None:
                record_index(record)
    finally:
        _pending.records = None


def _index(record: Any) -> None:
    pending = getattr(_pending, "records", None)
    if pending is None:
        record_index(record)
    else:
        pending[(type(record), record.pk)] = True


def _saved(sender: type, instance: Any, **kwargs: Any) -> None:
    if kwargs.get("raw"):
        return
    _index(instance)


def _deleted(sender: type, instance: Any, **kwargs: Any) -> None:
    record_unindex(instance)


def _linked(sender: type, instance: Any, action: str, **kwargs: Any) -> None:
    if action in ("post_add", "post_remove", "post_clear") and isinstance(
        instance, tuple(RECORD_KINDS.values())
    ):
        _index(instance)


for model in RECORD_KINDS.values():
    post_save.connect(_saved, sender=model, dispatch_uid=f"search-save-{model.__name__}")
    post_delete.connect(_deleted, sender=model, dispatch_uid=f"search-delete-{model.__name__}")
    for field in model._meta.many_to_many:
        m2m_changed.connect(
            _linked,
            sender=field.remote_field.through,
            dispatch_uid=f"search-m2m-{model.__name__}-{field.name}",
        )


@receiver(post_save, sender=Label, dispatch_uid="search-label-save")
@receiver(post_delete, sender=Label, dispatch_uid="search-label-delete")
def _label_changed(sender: type, instance: Label, **kwargs: Any) -> None:
    if kwargs.get("raw"):
        return
    model = instance.content_type.model_class()
    if model in RECORD_KINDS.values():
        pending = getattr(_pending, "records", None)
        if pending is not None:
            pending[(model, instance.object_id)] = True
            return
        record = model.objects.filter(pk=instance.object_id).first()  # type: ignore[union-attr]
        if record is not None:
            record_index(record)


@receiver(document_stored, dispatch_uid="search-document-stored")
def _document_stored(sender: type, document: Any, **kwargs: Any) -> None:
    document_index(document, claims=kwargs.get("claims"))


@receiver(document_filed, dispatch_uid="search-document-filed")
def _document_filed(sender: type, document: Any, **kwargs: Any) -> None:
    document_index(document)
