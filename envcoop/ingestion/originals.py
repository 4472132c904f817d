"""The file a document came as, kept in the default storage (MEDIA_ROOT, or what STORAGES
says) under its content hash: written with the document, removed when the document's
transaction fails or the document is deleted."""

from __future__ import annotations

from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver

from envcoop.ingestion.models import Document


def keep_original(document: Document, data: bytes, filename: str) -> str:
    """Write ``data`` as ``document``'s original file and record it (inside the document's
    transaction: the caller calls ``forget_original`` if that fails); returns its name."""
    document.original.save(filename or "document", ContentFile(data), save=False)
    Document.objects.filter(pk=document.pk).update(original=document.original.name)
    return document.original.name


def forget_original(name: str) -> None:
    if name:
        default_storage.delete(name)


@receiver(post_delete, sender=Document, dispatch_uid="ingestion-original-deleted")
def _document_deleted(sender: type, instance: Document, **kwargs: Any) -> None:
    name = instance.original.name
    if name:  # once the deletion is committed (a rolled-back deletion keeps its file)
        transaction.on_commit(lambda: forget_original(name))
