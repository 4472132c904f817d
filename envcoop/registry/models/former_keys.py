"""Keys a record was known by before it was renamed or merged into another: their old
addresses keep working (they redirect to the record)."""

from __future__ import annotations

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class FormerKey(models.Model):
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    record = GenericForeignKey("content_type", "object_id")
    key = models.SlugField(_("former key"), max_length=120)
    reason = models.CharField(_("why"), max_length=16)  # "renamed" or "merged"
    created_at = models.DateTimeField(_("since"), auto_now_add=True)

    class Meta:
        verbose_name = _("former key")
        verbose_name_plural = _("former keys")
        constraints = [
            models.UniqueConstraint(fields=["content_type", "key"], name="former_key_once_per_kind")
        ]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.key} → {self.content_type.model} #{self.object_id}"
