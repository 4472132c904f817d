"""Page guards: a view runs only for a reader the named rule (``envcoop.accounts.rules``)
allows. Anonymous visitors are sent to sign in; a signed-in reader the rule refuses gets
the 403 page with a reason that says who may."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, JsonResponse

from envcoop.accounts.rules import may

View = Callable[..., HttpResponse]


def _guarded(rule: str, refuse: Callable[[], HttpResponse]) -> Callable[[View], View]:
    """The view runs for a reader ``rule`` allows; anonymous visitors are sent to sign in,
    and ``refuse()`` answers anyone else."""

    def decorator(view: View) -> View:
        @wraps(view)
        def checked(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not may(request.user, rule):
                return refuse()
            return view(request, *args, **kwargs)

        return checked

    return decorator


def rule_required(rule: str, reason: Any) -> Callable[[View], View]:
    """For pages: a refused reader gets the 403 page with ``reason``."""

    def refuse() -> HttpResponse:
        raise PermissionDenied(str(reason))

    return _guarded(rule, refuse)


def json_rule_required(rule: str, reason: Any) -> Callable[[View], View]:
    """For data: a refused reader gets 403 with ``reason``, as JSON."""
    return _guarded(rule, lambda: JsonResponse({"error": str(reason)}, status=403))
