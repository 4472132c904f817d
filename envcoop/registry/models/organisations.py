"""Ministries, departments, centres, intergovernmental bodies, foundations and others."""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from envcoop.registry.history import RegistryHistory
from envcoop.registry.models.base import Record, check_no_cycle
from envcoop.registry.models.geography import Country


class OrganisationType(models.TextChoices):
    MINISTRY = "ministry", _("ministry")
    DEPARTMENT = "department", _("department")
    AGENCY = "agency", _("agency")
    CENTRE = "centre", _("centre")
    SECRETARIAT = "secretariat", _("secretariat")
    BODY = "body", _("intergovernmental body")
    FOUNDATION = "foundation", _("foundation")
    INTERNATIONAL = "international", _("international organisation")
    NGO = "ngo", _("non-governmental organisation")
    COMPANY = "company", _("company")
    OTHER = "other", _("other")


class Organisation(Record):
    type = models.CharField(_("type"), max_length=16, choices=OrganisationType.choices)
    country = models.ForeignKey(
        Country,
        verbose_name=_("country"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations",
        help_text=_("Empty for regional and international bodies."),
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="children",
    )
    website = models.URLField(_("website"), blank=True)
    areas = models.ManyToManyField("registry.Area", verbose_name=_("areas"), blank=True)
    history = RegistryHistory(m2m_fields=["areas"])

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["key"]

    def __str__(self) -> str:
        """The name, with the country when there is one (admin pickers list many ministries)."""
        name = str(self.display_name)
        return f"{name} ({self.country.code})" if self.country_id else name

    def clean(self) -> None:
        if self.pk is not None:
            check_no_cycle(self, "parent", _("An organisation cannot be part of itself."))

    def get_absolute_url(self) -> str:
        return reverse("web:organisation", args=[self.key])
