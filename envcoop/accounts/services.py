"""Adding users and changing their roles: the one place that writes accounts and
memberships, for the command line, the admin and (later) the API. Each change is written
to the activity log (``envcoop.accounts.activity``)."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _

from envcoop.accounts.activity import Action, log
from envcoop.accounts.models import Membership, Role
from envcoop.accounts.roles import access_of, forget
from envcoop.accounts.rules import may
from envcoop.registry.models import Country, Organisation


@dataclass(frozen=True)
class Scope:
    role: str
    country: Country | None = None
    organisation: Organisation | None = None

    def __str__(self) -> str:
        """As the activity log gives it: "focal-point TH", "partner cn-caec"."""
        where = self.country.code if self.country else getattr(self.organisation, "key", "")
        return f"{self.role} {where}".strip()


def scope_of(role: str, country: str | None = None, organisation: str | None = None) -> Scope:
    """Check a role and its scope as typed (codes and keys), or say what is wrong."""
    if role not in Role.values:
        raise ValidationError(
            _("Unknown role “%(role)s”: one of %(roles)s.")
            % {"role": role, "roles": ", ".join(Role.values)}
        )
    found_country = found_organisation = None
    if country:
        found_country = Country.objects.filter(code=country.upper()).first()
        if found_country is None:
            raise ValidationError(_("No country has the code “%(code)s”.") % {"code": country})
    if organisation:
        found_organisation = Organisation.objects.filter(key=organisation).first()
        if found_organisation is None:
            raise ValidationError(
                _("No organisation has the key “%(key)s”.") % {"key": organisation}
            )
    membership = Membership(role=role, country=found_country, organisation=found_organisation)
    membership.clean()
    return Scope(role, found_country, found_organisation)


def _check(by: AbstractBaseUser | None, scope: Scope) -> None:
    """``by`` (None: the server's operator) may give or take this role in this scope."""
    if by is None:
        return
    code = scope.country.code if scope.country else None
    if not may(by, "manage_users", (scope.role, code)):
        raise PermissionDenied(
            _(
                "Roles are given by the Secretariat's administrators; a focal point gives "
                "and takes only their own country's contributor role."
            )
        )


@transaction.atomic
def user_add(
    username: str, *, email: str, scope: Scope, by: AbstractBaseUser | None = None
) -> tuple[AbstractBaseUser, str]:
    """A new active user with one role; returns the user and a one-time password (they
    change it on first sign-in, or choose one through the reset link)."""
    _check(by, scope)
    User = get_user_model()
    if not username or len(username) > 150:
        raise ValidationError(_("A user name has 1 to 150 characters."))
    if User.objects.filter(username=username).exists():
        raise ValidationError(_("The user name “%(name)s” is taken.") % {"name": username})
    validate_email(email)
    password = secrets.token_urlsafe(12)
    user = User.objects.create_user(username=username, email=email, password=password)
    _grant(user, scope, by)
    _admin_rights(user)
    log(by, Action.USER_ADDED, obj=user, country=scope.country, detail=str(scope))
    return user, password


def _grant(user: AbstractBaseUser, scope: Scope, by: AbstractBaseUser | None) -> Membership:
    return Membership.objects.create(
        user=user,
        role=scope.role,
        country=scope.country,
        organisation=scope.organisation,
        created_by=by,
    )


def _admin_rights(user: AbstractBaseUser) -> None:
    """A Secretariat administrator uses the Django admin with every right: the account is
    staff and superuser exactly while it holds the role."""
    admin = user.memberships.filter(role=Role.SECRETARIAT_ADMIN).exists()  # type: ignore[attr-defined]
    if user.is_staff != admin or user.is_superuser != admin:  # type: ignore[attr-defined]
        user.is_staff = user.is_superuser = admin  # type: ignore[attr-defined]
        user.save(update_fields=["is_staff", "is_superuser"])
    forget(user)


@transaction.atomic
def role_set(
    user: AbstractBaseUser,
    scope: Scope,
    *,
    remove: bool = False,
    by: AbstractBaseUser | None = None,
) -> bool:
    """Give ``user`` the role (or take it with ``remove``); False when nothing changed."""
    _check(by, scope)
    found = Membership.objects.filter(
        user=user, role=scope.role, country=scope.country, organisation=scope.organisation
    )
    if remove:
        changed = found.delete()[0] > 0
    elif found.exists():
        changed = False
    else:
        _grant(user, scope, by)
        changed = True
    _admin_rights(user)
    if changed:
        action = Action.ROLE_TAKEN if remove else Action.ROLE_GIVEN
        log(by, action, obj=user, country=scope.country, detail=str(scope))
    return changed


@transaction.atomic
def user_disable(user: AbstractBaseUser, *, by: AbstractBaseUser | None = None) -> bool:
    """The user can no longer sign in (their history stays); False if already disabled."""
    if by is not None and not may(by, "manage_users"):
        raise PermissionDenied(_("You may not disable users."))
    if by is not None and not access_of(by).admin:
        # A focal point disables only their own country's contributors.
        memberships = list(user.memberships.values_list("role", "country__code"))  # type: ignore[attr-defined]
        if not memberships or any(not may(by, "manage_users", row) for row in memberships):
            raise PermissionDenied(
                _("A focal point may disable only their own country's contributors.")
            )
    if not user.is_active:
        return False
    user.is_active = False
    user.save(update_fields=["is_active"])
    log(by, Action.USER_DISABLED, obj=user)
    return True


def send_password_link(user: AbstractBaseUser) -> None:
    """E-mail ``user`` the password-reset link (the site's address from SITE_URL)."""
    from urllib.parse import urlsplit

    from django.conf import settings
    from django.contrib.auth.forms import PasswordResetForm

    site = urlsplit(settings.SITE_URL)
    form = PasswordResetForm({"email": user.email})  # type: ignore[attr-defined]
    if not form.is_valid():
        raise ValidationError(form.errors.as_text())
    form.save(
        domain_override=site.netloc,
        use_https=site.scheme == "https",
        subject_template_name="accounts/password_reset_subject.txt",
        email_template_name="accounts/password_reset_email.txt",
    )
