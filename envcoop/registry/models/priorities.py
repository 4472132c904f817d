"""Work named as a priority, or as an emerging issue, for a coming year."""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from envcoop.registry.models.agreements import Agreement
from envcoop.registry.models.areas import Area
from envcoop.registry.models.base import Record
from envcoop.registry.models.frameworks import Framework
from envcoop.registry.models.geography import Country


class PriorityKind(models.TextChoices):
    PRIORITY = "priority", _("priority")
    EMERGING = "emerging", _("emerging issue")


class Priority(Record):
    year = models.PositiveSmallIntegerField(_("year"))
    kind = models.CharField(
        _("kind"), max_length=16, choices=PriorityKind.choices, default=PriorityKind.PRIORITY
    )
    areas = models.ManyToManyField(
        Area, verbose_name=_("areas"), related_name="priorities", blank=True
    )
    partner_countries = models.ManyToManyField(
        Country, verbose_name=_("partner countries"), related_name="priorities", blank=True
    )
    frameworks = models.ManyToManyField(
        Framework, verbose_name=_("frameworks"), related_name="priorities", blank=True
    )
    agreements = models.ManyToManyField(
        Agreement, verbose_name=_("agreements"), related_name="priorities", blank=True
    )

    class Meta:
        verbose_name = _("priority")
        verbose_name_plural = _("priorities")
        ordering = ["-year", "key"]

    def get_absolute_url(self) -> str:
        return f"{reverse('web:priorities')}#{self.key}"
