"""Projects, the funds they come under, and who takes part in them (IATI roles)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from envcoop.core.currencies import CurrencyError, clean_currency
from envcoop.core.partial_date import PartialDate
from envcoop.registry.fields import PartialDateField
from envcoop.registry.history import RegistryHistory
from envcoop.registry.models.areas import Area
from envcoop.registry.models.base import Record
from envcoop.registry.models.frameworks import ActionLine, Component, check_period
from envcoop.registry.models.geography import Country
from envcoop.registry.models.organisations import Organisation


class ActivityStatus(models.IntegerChoices):
    """IATI ActivityStatus codelist."""

    PIPELINE = 1, _("pipeline / identification")
    IMPLEMENTATION = 2, _("implementation")
    FINALISATION = 3, _("finalisation")
    CLOSED = 4, _("closed")
    CANCELLED = 5, _("cancelled")
    SUSPENDED = 6, _("suspended")


class OrganisationRole(models.IntegerChoices):
    """IATI OrganisationRole codelist."""

    FUNDING = 1, _("funding")
    ACCOUNTABLE = 2, _("accountable")
    EXTENDING = 3, _("extending")
    IMPLEMENTING = 4, _("implementing")


class Fund(Record):
    """A pool of money projects come under (e.g. the ASEAN–China Maritime Cooperation Fund)."""

    managing_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("managed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="funds",
    )
    partner_countries = models.ManyToManyField(
        Country, verbose_name=_("partner countries"), related_name="funds", blank=True
    )
    url = models.URLField(_("web page"), blank=True)
    history = RegistryHistory(m2m_fields=["partner_countries"])

    class Meta:
        verbose_name = _("fund")
        verbose_name_plural = _("funds")
        ordering = ["key"]

    def get_absolute_url(self) -> str:
        return reverse("web:fund", args=[self.key])


class Project(Record):
    iati_identifier = models.CharField(_("IATI identifier"), max_length=150, blank=True)
    activity_status = models.PositiveSmallIntegerField(
        _("status"), choices=ActivityStatus.choices, default=ActivityStatus.IMPLEMENTATION
    )
    planned_start = PartialDateField(_("planned start"), null=True, blank=True)
    actual_start = PartialDateField(_("actual start"), null=True, blank=True)
    planned_end = PartialDateField(_("planned end"), null=True, blank=True)
    actual_end = PartialDateField(_("actual end"), null=True, blank=True)
    participating_organisations = models.ManyToManyField(
        Organisation,
        through="ProjectParticipation",
        verbose_name=_("participating organisations"),
        related_name="projects",
        blank=True,
    )
    recipient_countries = models.ManyToManyField(
        Country, verbose_name=_("countries"), related_name="projects", blank=True
    )
    areas = models.ManyToManyField(
        Area, verbose_name=_("areas"), related_name="projects", blank=True
    )
    fund = models.ForeignKey(
        Fund,
        verbose_name=_("fund"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="projects",
    )
    budget_value = models.DecimalField(
        _("budget"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    budget_currency = models.CharField(_("currency"), max_length=3, blank=True)
    components = models.ManyToManyField(
        Component, verbose_name=_("framework components"), related_name="projects", blank=True
    )
    action_lines = models.ManyToManyField(
        ActionLine, verbose_name=_("action lines"), related_name="projects", blank=True
    )
    url = models.URLField(_("web page"), blank=True)
    history = RegistryHistory(
        m2m_fields=["recipient_countries", "areas", "components", "action_lines"]
    )

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        ordering = ["key"]
        constraints = [
            models.UniqueConstraint(
                fields=["iati_identifier"],
                condition=~Q(iati_identifier=""),
                name="project_unique_iati_identifier",
            ),
        ]

    def get_absolute_url(self) -> str:
        return reverse("web:project", args=[self.key])

    @property
    def start(self) -> PartialDate | None:
        """The actual start where known, else the planned one."""
        return self.actual_start or self.planned_start

    @property
    def end(self) -> PartialDate | None:
        """The actual end where known, else the planned one — unless the project actually
        started after it was planned to end: then the end is not known."""
        if self.actual_end is not None:
            return self.actual_end
        if (
            self.planned_end is not None
            and self.actual_start is not None
            and self.planned_end.latest() < self.actual_start.earliest()
        ):
            return None
        return self.planned_end

    def clean(self) -> None:
        check_period(self.planned_start, self.planned_end, "planned_start", "planned_end")
        check_period(self.actual_start, self.actual_end, "actual_start", "actual_end")
        if self.budget_currency:
            try:
                self.budget_currency = clean_currency(self.budget_currency)
            except CurrencyError as error:
                raise ValidationError({"budget_currency": str(error)}) from error
        if self.budget_value is not None:
            if self.budget_value < 0:
                raise ValidationError({"budget_value": _("A budget cannot be negative.")})
            if not self.budget_currency:
                raise ValidationError({"budget_currency": _("Give the currency of the budget.")})


class ProjectParticipation(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="participations")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="participations"
    )
    role = models.PositiveSmallIntegerField(_("role"), choices=OrganisationRole.choices)
    history = RegistryHistory()

    class Meta:
        verbose_name = _("participating organisation")
        verbose_name_plural = _("participating organisations")
        ordering = ["role", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "organisation", "role"], name="participation_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} ({self.get_role_display()})"
