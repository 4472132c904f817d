"""A record's History tab: every change, newest first, with who, when, how and the values
before and after (reviewers; a focal point for the records their country takes part in)."""

from __future__ import annotations

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from envcoop.accounts.rules import may
from envcoop.registry.selectors.history import HISTORY_KINDS, record_history


def record_history_page(request: HttpRequest, kind: str, key: str) -> HttpResponse:
    model = HISTORY_KINDS.get(kind)
    if model is None:
        raise Http404(kind)
    record = model.objects.filter(key=key).prefetch_related("labels").first()  # type: ignore[attr-defined]
    if record is None:
        raise Http404(key)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not may(request.user, "view_history", record):
        raise PermissionDenied(
            _("A record's history is for the Secretariat and the focal points of its countries.")
        )
    context = {"record": record, "kind": kind, "entries": record_history(record)}
    return render(request, "web/history.html", context)
