"""Who works in envcoop and in what capacity: a user holds roles, each in a scope; and
what they did (``Activity``).

A membership is one role held in one scope: the Secretariat's roles have no scope, a
focal point and a contributor act for one country, a partner for one organisation. A
user may hold several (a focal point of Thailand who is also a reviewer).
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
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


class Action(models.TextChoices):
    """What an activity row says someone did (``envcoop.accounts.activity.log``)."""

    SIGN_IN = "sign-in", _("sign-in")
    SIGN_IN_FAILED = "sign-in-failed", _("failed sign-in")
    SIGN_OUT = "sign-out", _("sign-out")
    UPLOAD = "upload", _("upload")
    ACCEPT = "accept", _("accept")
    REJECT = "reject", _("reject")
    UNDO = "undo", _("undo of an accept")
    EDIT = "edit", _("edit (form)")
    MERGE = "merge", _("merge")
    UNDO_MERGE = "undo-merge", _("undo of a merge")
    RENAME = "rename", _("rename")
    ROLE_GIVEN = "role-given", _("role given")
    ROLE_TAKEN = "role-taken", _("role taken")
    USER_ADDED = "user-added", _("user added")
    USER_DISABLED = "user-disabled", _("user disabled")
    VISIBILITY = "visibility", _("visibility change")
    EXPORT = "export", _("export of non-public data")


class Activity(models.Model):
    """One thing someone did: who, when, what, to which object, for which country.

    Written by ``envcoop.accounts.activity.log`` from the services (so the site and the
    command line both log), read by the Secretariat at /activity/ and ``envcoop activity``.
    The object is named by its content type and id with a label and address taken when
    the row was written: the row stays readable after the object is gone.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="activities",
        help_text=_("Empty for the command line and for visitors not signed in."),
    )
    username = models.CharField(_("user name"), max_length=150, blank=True)
    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    action = models.CharField(_("action"), max_length=32, choices=Action.choices)
    country = models.ForeignKey(
        "registry.Country",
        verbose_name=_("country"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    content_type = models.ForeignKey(
        ContentType, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    label = models.CharField(_("object"), max_length=300, blank=True)
    url = models.CharField(_("address"), max_length=500, blank=True)
    detail = models.CharField(_("detail"), max_length=1000, blank=True)

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["-at", "-pk"]
        indexes = [
            models.Index(fields=["action", "at"]),
            models.Index(fields=["user", "at"]),
            models.Index(fields=["country", "at"]),
            models.Index(fields=["content_type", "object_id"]),
        ]

    def __str__(self) -> str:
        who = self.username or "-"
        return f"{self.at:%Y-%m-%d %H:%M} {who} {self.action} {self.label}".rstrip()
