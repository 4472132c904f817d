"""MoUs, joint statements, declarations, agreements and treaties."""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from envcoop.registry.fields import PartialDateField
from envcoop.registry.history import RegistryHistory
from envcoop.registry.models.areas import Area
from envcoop.registry.models.base import Record
from envcoop.registry.models.events import Event
from envcoop.registry.models.frameworks import ActionLine, Component
from envcoop.registry.models.geography import Country
from envcoop.registry.models.organisations import Organisation


class AgreementKind(models.TextChoices):
    MOU = "mou", _("memorandum of understanding")
    JOINT_STATEMENT = "joint-statement", _("joint statement")
    DECLARATION = "declaration", _("declaration")
    AGREEMENT = "agreement", _("agreement")
    TREATY = "treaty", _("treaty")
    OTHER = "other", _("other")


class AgreementStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    ADOPTED = "adopted", _("adopted")
    SIGNED = "signed", _("signed")
    IN_FORCE = "in-force", _("in force")


class Agreement(Record):
    kind = models.CharField(_("kind"), max_length=16, choices=AgreementKind.choices)
    status = models.CharField(
        _("status"), max_length=16, choices=AgreementStatus.choices, default=AgreementStatus.ADOPTED
    )
    date = PartialDateField(_("date"), null=True, blank=True, help_text=_("Adopted or signed on"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    party_countries = models.ManyToManyField(
        Country, verbose_name=_("party countries"), related_name="agreements", blank=True
    )
    party_organisations = models.ManyToManyField(
        Organisation, verbose_name=_("party organisations"), related_name="agreements", blank=True
    )
    adopted_at = models.ForeignKey(
        Event,
        verbose_name=_("adopted at"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="outcomes",
    )
    areas = models.ManyToManyField(
        Area, verbose_name=_("areas"), related_name="agreements", blank=True
    )
    components = models.ManyToManyField(
        Component, verbose_name=_("framework components"), related_name="agreements", blank=True
    )
    action_lines = models.ManyToManyField(
        ActionLine, verbose_name=_("action lines"), related_name="agreements", blank=True
    )
    url = models.URLField(_("web page"), blank=True)
    history = RegistryHistory(
        m2m_fields=["party_countries", "party_organisations", "areas", "components", "action_lines"]
    )

    class Meta:
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        ordering = [models.F("date").desc(nulls_last=True), "key"]

    def get_absolute_url(self) -> str:
        return reverse("web:agreement", args=[self.key])
