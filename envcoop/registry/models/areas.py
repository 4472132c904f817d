"""The eight ASEAN areas of environmental cooperation, and other taxonomies mapped onto them."""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from envcoop.registry.models.base import Labelled


class AreaCode(models.TextChoices):
    CLIMATE_CHANGE = "climate-change", _("Climate change")
    WATER_RESOURCES = "water-resources", _("Water resources management")
    MARINE_COASTAL = "marine-coastal", _("Marine and coastal environment")
    BIODIVERSITY = "biodiversity", _("Biodiversity conservation")
    SUSTAINABLE_CITIES = "sustainable-cities", _("Environmentally sustainable cities")
    CHEMICALS_WASTE = "chemicals-waste", _("Chemicals and waste")
    ENVIRONMENTAL_EDUCATION = "environmental-education", _("Environmental education")
    TRANSBOUNDARY_HAZE = "transboundary-haze", _("Transboundary haze pollution")


class Area(Labelled):
    code = models.CharField(_("code"), max_length=32, unique=True, choices=AreaCode.choices)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("area")
        verbose_name_plural = _("areas")
        ordering = ["position", "code"]

    def get_absolute_url(self) -> str:
        return reverse("web:area", args=[self.code])

    def fallback_name(self) -> str:
        return self.code


class Vocabulary(Labelled):
    """Another way of classifying work (the SDGs, a framework's own themes, ...)."""

    code = models.CharField(_("code"), max_length=32, unique=True)
    url = models.URLField(_("reference"), blank=True)

    class Meta:
        verbose_name = _("vocabulary")
        verbose_name_plural = _("vocabularies")
        ordering = ["code"]

    def fallback_name(self) -> str:
        return self.code


class Term(Labelled):
    """One entry of a vocabulary, mapped onto the ASEAN areas it belongs to."""

    vocabulary = models.ForeignKey(Vocabulary, on_delete=models.CASCADE, related_name="terms")
    code = models.CharField(_("code"), max_length=32)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    areas = models.ManyToManyField(Area, verbose_name=_("areas"), related_name="terms", blank=True)

    class Meta:
        verbose_name = _("term")
        verbose_name_plural = _("terms")
        ordering = ["vocabulary", "position", "code"]
        constraints = [
            models.UniqueConstraint(fields=["vocabulary", "code"], name="term_unique_code"),
        ]

    def fallback_name(self) -> str:
        return f"{self.vocabulary.code}:{self.code}"
