"""Who works in envcoop and in what capacity: a user holds roles, each in a scope.

A membership is one role held in one scope: the Secretariat's roles have no scope, a
focal point and a contributor act for one country, a partner for one organisation. A
user may hold several (a focal point of Thailand who is also a reviewer).
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    SECRETARIAT_ADMIN = "secretariat-admin", _("Secretariat administrator")
    SECRETARIAT_REVIEWER = "secretariat-reviewer", _("Secretariat reviewer")
    FOCAL_POINT = "focal-point", _("national focal point")
    CONTRIBUTOR = "contributor", _("national contributor")
    PARTNER = "partner", _("partner")


SECRETARIAT_ROLES = frozenset({Role.SECRETARIAT_ADMIN, Role.SECRETARIAT_REVIEWER})
COUNTRY_ROLES = frozenset({Role.FOCAL_POINT, Role.CONTRIBUTOR})


class Membership(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    country = models.ForeignKey(
        "registry.Country",
        verbose_name=_("country"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    organisation = models.ForeignKey(
        "registry.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("since"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("given by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["user", "role"]
        constraints = [
            # Once per role and scope (three constraints: SQLite's unique constraints
            # treat empty scopes as distinct).
            models.UniqueConstraint(
                fields=["user", "role"],
                condition=models.Q(country__isnull=True, organisation__isnull=True),
                name="membership_once_unscoped",
            ),
            models.UniqueConstraint(
                fields=["user", "role", "country"],
                condition=models.Q(country__isnull=False),
                name="membership_once_per_country",
            ),
            models.UniqueConstraint(
                fields=["user", "role", "organisation"],
                condition=models.Q(organisation__isnull=False),
                name="membership_once_per_organisation",
            ),
            models.CheckConstraint(
                name="membership_scope_fits_role",
                condition=(
                    models.Q(
                        role__in=["secretariat-admin", "secretariat-reviewer"],
                        country__isnull=True,
                        organisation__isnull=True,
                    )
                    | models.Q(
                        role__in=["focal-point", "contributor"],
                        country__isnull=False,
                        organisation__isnull=True,
                    )
                    | models.Q(role="partner", country__isnull=True, organisation__isnull=False)
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.describe()}"

    def describe(self) -> str:
        """The role with its scope, as the header and the user list show it."""
        role = Role(self.role).label
        if self.country_id:
            return f"{role} ({self.country.display_name})"
        if self.organisation_id:
            return f"{role} ({self.organisation.display_name})"
        return str(role)

    def clean(self) -> None:
        if self.role in SECRETARIAT_ROLES and (self.country_id or self.organisation_id):
            raise ValidationError(_("A Secretariat role has no country or organisation."))
        if self.role in COUNTRY_ROLES and (not self.country_id or self.organisation_id):
            raise ValidationError(_("A focal point or contributor acts for one country."))
        if self.role == Role.PARTNER and (not self.organisation_id or self.country_id):
            raise ValidationError(_("A partner acts for one organisation."))
