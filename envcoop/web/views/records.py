"""Reviewers' actions on a record as a whole: a new key (the old address redirects)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from envcoop.registry.models import Agreement, Event, Framework, Fund, Organisation, Project
from envcoop.registry.services.keys import record_rename
from envcoop.review.services import error_text
from envcoop.web.views.review import reviewer_required

# The kinds in URLs ("events") -> model, and the name of each record page
KINDS = {
    "events": (Event, "web:event"),
    "agreements": (Agreement, "web:agreement"),
    "projects": (Project, "web:project"),
    "organisations": (Organisation, "web:organisation"),
    "frameworks": (Framework, "web:framework"),
    "funds": (Fund, "web:fund"),
}


@require_POST
@reviewer_required
def rename(request: HttpRequest, kind: str, key: str) -> HttpResponse:
    if kind not in KINDS:
        raise Http404(kind)
    model, page = KINDS[kind]
    record = model.objects.filter(key=key).first()
    if record is None:
        raise Http404(key)
    try:
        record_rename(record, request.POST.get("key", ""))
    except ValidationError as error:
        messages.error(request, error_text(error))
        return HttpResponseRedirect(reverse(page, args=[key]))
    if record.key != key:
        messages.success(
            request,
            _("The key is now %(new)s; the address with %(old)s leads here.")
            % {"new": record.key, "old": key},
        )
    return HttpResponseRedirect(reverse(page, args=[record.key]))
