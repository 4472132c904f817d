"""Keeping the index in step with every write, in the writer's transaction: a record saved,
renamed, linked or deleted; a document stored or read again (ingestion's document_stored)."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from envcoop.ingestion.signals import document_stored
from envcoop.registry.models import Label
from envcoop.search.index import RECORD_KINDS, document_index, record_index, record_unindex


def _saved(sender: type, instance: Any, **kwargs: Any) -> None:
    if kwargs.get("raw"):
        return
    record_index(instance)


def _deleted(sender: type, instance: Any, **kwargs: Any) -> None:
    record_unindex(instance)


def _linked(sender: type, instance: Any, action: str, **kwargs: Any) -> None:
    if action in ("post_add", "post_remove", "post_clear") and isinstance(
        instance, tuple(RECORD_KINDS.values())
    ):
        record_index(instance)


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
        record = model.objects.filter(pk=instance.object_id).first()  # type: ignore[union-attr]
        if record is not None:
            record_index(record)


@receiver(document_stored, dispatch_uid="search-document-stored")
def _document_stored(sender: type, document: Any, **kwargs: Any) -> None:
    document_index(document)
