"""Countries (and the EU) and the groups they belong to."""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from envcoop.core.countries import country_name
from envcoop.registry.fields import PartialDateField
from envcoop.registry.models.base import Labelled, Text


class CountryGroupCode(models.TextChoices):
    ASEAN = "asean", _("ASEAN member state")
    DIALOGUE_PARTNER = "dialogue-partner", _("ASEAN dialogue partner")
    PLUS_THREE = "asean-plus-three", _("ASEAN Plus Three partner")


class CountryGroup(models.Model):
    code = models.CharField(_("code"), max_length=32, unique=True, choices=CountryGroupCode.choices)

    class Meta:
        verbose_name = _("country group")
        verbose_name_plural = _("country groups")
        ordering = ["code"]

    def __str__(self) -> str:
        return str(self.get_code_display())


class Country(Labelled):
    """A country (ISO 3166-1 alpha-2) or the European Union (EU).

    Names in every language come from CLDR; they are also stored as labels so that
    documents naming a country in any language can be matched to it.
    """

    class Kind(models.TextChoices):
        COUNTRY = "country", _("country")
        REGION = "region", _("regional organisation")

    names_required = False

    code = models.CharField(_("code"), max_length=2, unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.COUNTRY)
    groups = models.ManyToManyField(
        CountryGroup, through="CountryMembership", related_name="countries", blank=True
    )

    class Meta:
        verbose_name = _("country")
        verbose_name_plural = _("countries")
        ordering = ["code"]

    def get_absolute_url(self) -> str:
        return reverse("web:country", args=[self.code])

    def name_in(self, lang: str | None = None) -> Text:
        lang = lang or get_language() or "en"
        return Text(country_name(self.code, lang), lang)

    def fallback_name(self) -> str:
        return self.code


class CountryMembership(models.Model):
    country = models.ForeignKey(Country, on_delete=models.CASCADE, related_name="memberships")
    group = models.ForeignKey(CountryGroup, on_delete=models.CASCADE, related_name="memberships")
    since = PartialDateField(_("since"), null=True, blank=True)

    class Meta:
        verbose_name = _("group membership")
        verbose_name_plural = _("group memberships")
        constraints = [
            models.UniqueConstraint(fields=["country", "group"], name="membership_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.country.code} in {self.group.code}"
