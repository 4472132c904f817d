"""Meetings and other events, grouped into recurring series (AMME, ASOEN, working groups, ...)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from envcoop.registry.fields import PartialDateField
from envcoop.registry.history import RegistryHistory
from envcoop.registry.models.areas import Area
from envcoop.registry.models.base import Record
from envcoop.registry.models.frameworks import ActionLine, Component, check_period
from envcoop.registry.models.geography import Country
from envcoop.registry.models.organisations import Organisation


class Frequency(models.TextChoices):
    ANNUAL = "annual", _("every year")
    BIENNIAL = "biennial", _("every two years")
    IRREGULAR = "irregular", _("irregular")


class EventSeries(Record):
    """A recurring meeting: the AMME, the ASOEN, a working group, a cooperation week, ..."""

    convener = models.ForeignKey(
        Organisation,
        verbose_name=_("body"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="event_series",
    )
    frequency = models.CharField(
        _("frequency"), max_length=16, choices=Frequency.choices, default=Frequency.IRREGULAR
    )
    partner_countries = models.ManyToManyField(
        Country, verbose_name=_("partner countries"), related_name="event_series", blank=True
    )
    areas = models.ManyToManyField(
        Area, verbose_name=_("areas"), related_name="event_series", blank=True
    )

    class Meta:
        verbose_name = _("event series")
        verbose_name_plural = _("event series")
        ordering = ["key"]


class EventMode(models.TextChoices):
    IN_PERSON = "in-person", _("in person")
    ONLINE = "online", _("online")
    HYBRID = "hybrid", _("hybrid")


class Event(Record):
    series = models.ForeignKey(
        EventSeries,
        verbose_name=_("series"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
    )
    ordinal = models.PositiveSmallIntegerField(
        _("number in series"), null=True, blank=True, help_text=_("17 for the 17th AMME")
    )
    start = PartialDateField(_("start"), null=True, blank=True)
    end = PartialDateField(_("end"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    country = models.ForeignKey(
        Country,
        verbose_name=_("country"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events_held",
    )
    mode = models.CharField(_("mode"), max_length=16, choices=EventMode.choices, blank=True)
    host_countries = models.ManyToManyField(
        Country, verbose_name=_("host countries"), related_name="events_hosted", blank=True
    )
    host_organisations = models.ManyToManyField(
        Organisation, verbose_name=_("host organisations"), related_name="events_hosted", blank=True
    )
    chair_country = models.ForeignKey(
        Country,
        verbose_name=_("chair"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events_chaired",
    )
    participant_countries = models.ManyToManyField(
        Country,
        verbose_name=_("participating countries"),
        related_name="events_attended",
        blank=True,
    )
    participant_organisations = models.ManyToManyField(
        Organisation,
        verbose_name=_("participating organisations"),
        related_name="events_attended",
        blank=True,
    )
    areas = models.ManyToManyField(Area, verbose_name=_("areas"), related_name="events", blank=True)
    components = models.ManyToManyField(
        Component, verbose_name=_("framework components"), related_name="events", blank=True
    )
    action_lines = models.ManyToManyField(
        ActionLine, verbose_name=_("action lines"), related_name="events", blank=True
    )
    url = models.URLField(_("web page"), blank=True)
    history = RegistryHistory(
        m2m_fields=[
            "host_countries",
            "host_organisations",
            "participant_countries",
            "participant_organisations",
            "areas",
            "components",
            "action_lines",
        ]
    )

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = [models.F("start").desc(nulls_last=True), "key"]
        constraints = [
            models.UniqueConstraint(
                fields=["series", "ordinal"],
                condition=Q(ordinal__isnull=False),
                name="event_unique_ordinal_in_series",
            ),
        ]

    def get_absolute_url(self) -> str:
        return reverse("web:event", args=[self.key])

    def clean(self) -> None:
        if self.end is not None and self.start is None:
            raise ValidationError(
                {"start": _("Give the start too; an end alone cannot be placed.")}
            )
        check_period(self.start, self.end, "start", "end")
        if self.ordinal is not None and self.series_id is None:
            raise ValidationError({"ordinal": _("A number in a series needs the series.")})
        if self.ordinal == 0:
            raise ValidationError({"ordinal": _("Numbers in a series start at 1.")})
