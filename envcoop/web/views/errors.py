"""Error pages in the reader's language (never Django's debug page or a bare traceback)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def refused(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """A refused action: the reason (which says who may do it), and a way to sign in."""
    reason = str(exception) if exception is not None and str(exception) else ""
    return render(request, "web/errors/403.html", {"reason": reason}, status=403)


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "web/errors/404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    return render(request, "web/errors/500.html", status=500)
