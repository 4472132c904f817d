"""Sign-ins, failed sign-ins and sign-outs in the activity log, from Django's signals
(sent by every sign-in, the site's page and the admin's alike). Connected when Django
starts (``AccountsConfig.ready``)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from envcoop.accounts.activity import Action, log


def _address(request: Any) -> str:
    """The client's address as django-axes saw it (else the socket's)."""
    if request is None:
        return ""
    return str(getattr(request, "axes_ip_address", None) or request.META.get("REMOTE_ADDR") or "")


def _from(request: Any) -> str:
    address = _address(request)
    return f"from {address}" if address else ""


@receiver(user_logged_in, dispatch_uid="envcoop_activity_sign_in")
def signed_in(sender: Any, request: Any = None, user: Any = None, **kwargs: Any) -> None:
    if user is not None and user.pk:
        log(user, Action.SIGN_IN, obj=user, detail=_from(request))


@receiver(user_logged_out, dispatch_uid="envcoop_activity_sign_out")
def signed_out(sender: Any, request: Any = None, user: Any = None, **kwargs: Any) -> None:
    if user is not None and getattr(user, "pk", None):
        log(user, Action.SIGN_OUT, obj=user, detail=_from(request))


@receiver(user_login_failed, dispatch_uid="envcoop_activity_sign_in_failed")
def sign_in_failed(
    sender: Any, credentials: dict | None = None, request: Any = None, **kwargs: Any
) -> None:
    """No one is signed in: the row names the account tried (when there is one) as its
    object, and the name typed, the address and a lockout in its detail."""
    User = get_user_model()
    typed = str((credentials or {}).get(User.USERNAME_FIELD) or "")[:150]
    account = User.objects.filter(**{User.USERNAME_FIELD: typed}).first() if typed else None
    parts = [f"user name “{typed}”" if typed else "no user name", _from(request)]
    if getattr(request, "axes_locked_out", False):
        parts.append("(locked out)")
    log(None, Action.SIGN_IN_FAILED, obj=account, detail=" ".join(p for p in parts if p))
