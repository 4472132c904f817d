"""The Content-Security-Policy header on every response.

Our own middleware rather than django-csp: envcoop has one fixed policy with no inline
script or style (so no nonces or per-view changes), which is a dozen lines; Django 6.0
brings its own CSP middleware, and this one goes when envcoop moves to it.
The policy is ``settings.CONTENT_SECURITY_POLICY``: {directive: [sources]}.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse


def policy_header(policy: dict[str, list[str]]) -> str:
    return "; ".join(
        f"{directive} {' '.join(sources)}".strip() for directive, sources in policy.items()
    )


class ContentSecurityPolicy:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.header = policy_header(settings.CONTENT_SECURITY_POLICY)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", self.header)
        return response
