"""django-axes's lockout, also for sign-ins that come without a web request (a script or a
test calling ``authenticate`` directly): there is no address to lock, so it steps aside
and the password is checked as usual."""

from __future__ import annotations

from typing import Any

from axes.backends import AxesStandaloneBackend
from django.http import HttpRequest


class SignInLockout(AxesStandaloneBackend):
    def authenticate(self, request: HttpRequest | None, *args: Any, **kwargs: Any) -> None:
        if request is None:
            return None
        return super().authenticate(request, *args, **kwargs)
