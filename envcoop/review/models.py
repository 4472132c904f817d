"""Provenance: each value a record took from a document, with the span and quote it came from."""

from __future__ import annotations

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from envcoop.ingestion.models import Claim, Document
from envcoop.registry.history import RegistryHistory


class Evidence(models.Model):
    """One value of one field of a record, as one document states it."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    record = GenericForeignKey("content_type", "object_id")
    field = models.CharField(_("field"), max_length=32)
    value = models.JSONField(_("value"))
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="evidence")
    claim = models.ForeignKey(
        Claim, on_delete=models.SET_NULL, null=True, blank=True, related_name="evidence"
    )
    start = models.PositiveIntegerField(_("start"))
    end = models.PositiveIntegerField(_("end"))
    quote = models.TextField(_("quote"))
    lang = models.CharField(_("language"), max_length=16)
    edited = models.BooleanField(_("corrected by the reviewer"), default=False)
    set_aside = models.BooleanField(
        _("set aside"),
        default=False,
        help_text=_("A reviewer chose another value for this field."),
    )
    created_at = models.DateTimeField(_("added"), auto_now_add=True)
    history = RegistryHistory()

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        ordering = ["content_type", "object_id", "field", "document", "start"]
        indexes = [models.Index(fields=["content_type", "object_id", "field"])]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "field", "document", "start", "end"],
                name="evidence_once_per_span",
            )
        ]

    def __str__(self) -> str:
        return f"{self.field} = {self.value!r} ({self.document_id}:{self.start}-{self.end})"
