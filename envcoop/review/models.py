"""Provenance: each value a record took from a document, with the span and quote it came from."""

from __future__ import annotations

from django.conf import settings
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


class DistinctPair(models.Model):
    """Two records of one kind a reviewer said are not the same (they leave the list of
    possible duplicates for good)."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    first_id = models.PositiveBigIntegerField()
    second_id = models.PositiveBigIntegerField()
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    decided_at = models.DateTimeField(_("decided"), auto_now_add=True)

    class Meta:
        verbose_name = _("records that are not the same")
        verbose_name_plural = _("records that are not the same")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "first_id", "second_id"], name="distinct_pair_once"
            ),
            models.CheckConstraint(
                condition=models.Q(first_id__lt=models.F("second_id")), name="distinct_pair_ordered"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.content_type.model} #{self.first_id} ≠ #{self.second_id}"


class Merge(models.Model):
    """One record merged into another: what the merged record was and what moved, so that
    the merge can be undone while the surviving record has not changed since."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    source_id = models.PositiveBigIntegerField()
    source_key = models.SlugField(_("merged key"), max_length=120)
    target_id = models.PositiveBigIntegerField()
    snapshot = models.JSONField(_("the merged record"))
    moved = models.JSONField(_("what moved"))
    target_updated_at = models.DateTimeField()
    merged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    merged_at = models.DateTimeField(_("merged"), auto_now_add=True)
    undone_at = models.DateTimeField(_("undone"), null=True, blank=True)

    class Meta:
        verbose_name = _("merge")
        verbose_name_plural = _("merges")
        ordering = ["-merged_at", "-id"]

    def __str__(self) -> str:
        return f"{self.content_type.model} {self.source_key} → #{self.target_id}"
