"""Sign in and out, the account page, password change and reset (Django's own views with
our pages), and the pages for a refused action and a locked-out sign-in."""

from __future__ import annotations

from django.contrib.auth import views as auth
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _

from envcoop.accounts.roles import access_of


class SignIn(auth.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True


class SignOut(auth.LogoutView):
    template_name = "accounts/logged_out.html"


class PasswordChange(auth.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:password_change_done")


class PasswordChangeDone(auth.PasswordChangeDoneView):
    template_name = "accounts/password_change_done.html"


class PasswordReset(auth.PasswordResetView):
    template_name = "accounts/password_reset.html"
    email_template_name = "accounts/password_reset_email.txt"
    subject_template_name = "accounts/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")


class PasswordResetDone(auth.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirm(auth.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")


class PasswordResetComplete(auth.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


@login_required
def account(request: HttpRequest) -> HttpResponse:
    memberships = request.user.memberships.select_related("country", "organisation")  # type: ignore[union-attr]
    return render(
        request,
        "accounts/account.html",
        {"memberships": list(memberships), "access": access_of(request.user)},
    )


def locked_out(
    request: HttpRequest, credentials: dict | None = None, *args, **kwargs
) -> HttpResponse:
    """django-axes: too many failed sign-ins for this user name from this address."""
    from django.conf import settings

    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    message = _(
        "Too many failed sign-ins for this user name. Try again in %(minutes)s minutes, "
        "or reset your password."
    ) % {"minutes": minutes}
    return render(request, "accounts/locked_out.html", {"message": message}, status=429)
