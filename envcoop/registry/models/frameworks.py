"""Frameworks (strategies, action plans, ...) with their components and action lines."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from envcoop.registry.fields import PartialDateField
from envcoop.registry.history import RegistryHistory
from envcoop.registry.models.areas import Area, Term
from envcoop.registry.models.base import Labelled, Record, check_no_cycle
from envcoop.registry.models.geography import Country
from envcoop.registry.models.organisations import Organisation


class FrameworkKind(models.TextChoices):
    STRATEGY = "strategy", _("strategy")
    ACTION_PLAN = "action-plan", _("action plan")
    WORK_PLAN = "work-plan", _("work plan")
    ROADMAP = "roadmap", _("roadmap")
    CONCEPT_NOTE = "concept-note", _("concept note")
    OTHER = "other", _("other")


class FrameworkStatus(models.TextChoices):
    IN_PREPARATION = "in-preparation", _("in preparation")
    DRAFT = "draft", _("draft")
    ADOPTED = "adopted", _("adopted")
    COMPLETED = "completed", _("completed")


def check_period(start: object, end: object, start_field: str, end_field: str) -> None:
    """A period may be open at either end, but may not end before it starts."""
    if start is not None and end is not None and end.latest() < start.earliest():
        raise ValidationError({end_field: _("The end is before the start.")})


class Framework(Record):
    kind = models.CharField(_("kind"), max_length=16, choices=FrameworkKind.choices)
    status = models.CharField(
        _("status"), max_length=16, choices=FrameworkStatus.choices, default=FrameworkStatus.ADOPTED
    )
    period_start = PartialDateField(_("period start"), null=True, blank=True)
    period_end = PartialDateField(_("period end"), null=True, blank=True)
    partner_countries = models.ManyToManyField(
        Country, verbose_name=_("partner countries"), related_name="frameworks", blank=True
    )
    partner_organisations = models.ManyToManyField(
        Organisation, verbose_name=_("partner organisations"), related_name="frameworks", blank=True
    )
    predecessor = models.ForeignKey(
        "self",
        verbose_name=_("follows"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="successors",
    )
    areas = models.ManyToManyField(
        Area, verbose_name=_("areas"), related_name="frameworks", blank=True
    )
    url = models.URLField(_("web page"), blank=True)
    history = RegistryHistory(m2m_fields=["partner_countries", "partner_organisations", "areas"])

    class Meta:
        verbose_name = _("framework")
        verbose_name_plural = _("frameworks")
        ordering = [models.F("period_start").desc(nulls_last=True), "key"]

    def get_absolute_url(self) -> str:
        return reverse("web:framework", args=[self.key])

    def clean(self) -> None:
        check_period(self.period_start, self.period_end, "period_start", "period_end")
        if self.pk is not None:
            check_no_cycle(self, "predecessor", _("A framework cannot follow itself."))

    @property
    def successor(self) -> Framework | None:
        return self.successors.first()


class Component(Labelled):
    """A strategic direction (or priority area) of a framework."""

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="components")
    number = models.PositiveSmallIntegerField(_("number"))
    areas = models.ManyToManyField(
        Area, verbose_name=_("areas"), related_name="components", blank=True
    )
    terms = models.ManyToManyField(
        Term, verbose_name=_("terms"), related_name="components", blank=True
    )

    class Meta:
        verbose_name = _("component")
        verbose_name_plural = _("components")
        ordering = ["framework", "number"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "number"], name="component_unique_number"),
        ]

    def fallback_name(self) -> str:
        return f"{self.framework.key} ({self.number})"


class ActionLine(Labelled):
    component = models.ForeignKey(Component, on_delete=models.CASCADE, related_name="action_lines")
    code = models.CharField(
        _("code"), max_length=16, help_text=_("As numbered in the plan, e.g. 2.3")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("action line")
        verbose_name_plural = _("action lines")
        ordering = ["component", "position", "code"]
        constraints = [
            models.UniqueConstraint(fields=["component", "code"], name="action_line_unique_code"),
        ]

    def fallback_name(self) -> str:
        return self.code
