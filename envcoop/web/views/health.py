"""``/healthz``: the process answers (no database). ``/readyz``: ready to serve (database
reachable, migrations applied, a worker seen lately; see envcoop.core.health). JSON, for
load balancers, container engines and monitoring; 200 when good, 503 when not."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from envcoop.core.health import readiness


@never_cache
@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "ok"})


@never_cache
@require_safe
def readyz(request: HttpRequest) -> JsonResponse:
    ready, checks = readiness()
    return JsonResponse(
        {"status": "ready" if ready else "not ready", "checks": checks},
        status=200 if ready else 503,
    )


PROBES = {"/healthz": healthz, "/readyz": readyz}


class Probes:
    """Middleware: answers /healthz and /readyz before host validation, sessions and
    languages. Probes come from inside (a container engine, a load balancer, Kubernetes)
    with whatever Host they have, often an address that ALLOWED_HOSTS rightly leaves out."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        probe = PROBES.get(request.path_info)
        if probe is not None:
            return probe(request)
        return self.get_response(request)
