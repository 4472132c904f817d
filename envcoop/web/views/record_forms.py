"""Adding and editing events, projects, agreements and organisations on the site
(``/<kind>s/new/``, ``/<kind>s/<key>/edit/``), and the pickers' data those forms ask for
(``/records/<kind>/names/?q=``). Who may, and the save: ``envcoop.web.record_forms.saving``."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Model
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponsePermanentRedirect,
    HttpResponseRedirect,
    JsonResponse,
)
from django.shortcuts import render
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from envcoop.accounts.roles import access_of
from envcoop.accounts.rules import may
from envcoop.registry.services.keys import current_key
from envcoop.review.picker import MAX_QUERY, named_records
from envcoop.web.guards import json_rule_required
from envcoop.web.record_forms.pickers import PICKABLE
from envcoop.web.record_forms.saving import (
    ADDERS,
    EDITORS,
    FORM_KINDS,
    FormKind,
    Refused,
    save,
    smuggled,
)


def edit_url(kind: str, key: str) -> str:
    return reverse(f"web:{kind[:-1]}_edit", args=[key])


def _kind(name: str) -> FormKind:
    if name not in FORM_KINDS:
        raise Http404(name)
    return FORM_KINDS[name]


def record_new(request: HttpRequest, kind: str) -> HttpResponse:
    spec = _kind(kind)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not may(request.user, "add_record"):
        raise PermissionDenied(str(ADDERS))
    return _form_page(request, spec, None)


def record_edit(request: HttpRequest, kind: str, key: str) -> HttpResponse:
    spec = _kind(kind)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    record = spec.model._default_manager.filter(key=key).first()  # type: ignore[attr-defined]
    if record is None:
        moved = current_key(spec.model, key)  # renamed or merged: its address moved
        if moved and request.method == "GET":
            return HttpResponsePermanentRedirect(edit_url(kind, moved))
        raise Http404(key)
    if not may(request.user, "change_record", record):
        raise PermissionDenied(str(EDITORS))
    return _form_page(request, spec, record)


def _form_page(request: HttpRequest, spec: FormKind, record: Model | None) -> HttpResponse:
    countries = tuple(sorted(access_of(request.user).focal_countries))
    data = request.POST if request.method == "POST" else None
    form = spec.form(data, instance=record, countries=countries)
    status = 200
    if data is not None:
        status = 400
        if refusal := smuggled(data, record):
            form.add_error(None, refusal)
            status = 403
        elif form.is_valid():
            try:
                saved, changed = save(spec, form, request.user)
            except Refused as refused:
                form.add_error(None, str(refused))
                status = 403
            except ValidationError as error:
                form.add_service_errors(error)
            else:
                messages.success(request, _saved_message(saved, record is None, changed))
                return HttpResponseRedirect(saved.get_absolute_url())  # type: ignore[attr-defined]
    first_names, more_names = form.name_rows()
    context = {
        "spec": spec,
        "form": form,
        "record": record,
        "title": spec.editing if record is not None else spec.adding,
        "kind_title": capfirst(spec.model._meta.verbose_name_plural),
        "list_url": reverse(f"web:{spec.name}"),
        "first_names": first_names,
        "more_names": more_names,
        "cancel": record.get_absolute_url() if record is not None else reverse(f"web:{spec.name}"),
    }
    return render(request, "web/record_forms/form.html", context, status=status)


def _saved_message(record: Model, new: bool, changed: bool) -> str:
    if new:
        return _("Added: %(record)s.") % {"record": record}
    if changed:
        return _("Saved: %(record)s.") % {"record": record}
    return _("Nothing changed: %(record)s already said this.") % {"record": record}


@json_rule_required("add_record", ADDERS)
def record_names(request: HttpRequest, kind: str) -> HttpResponse:
    """The records of a kind (``PICKABLE``) whose names in any language, acronyms or keys
    match what was typed (``?q=``), for the forms' pickers: at most ten, best first."""
    if kind not in PICKABLE:
        raise Http404(kind)
    query = request.GET.get("q", "")
    if len(query) > MAX_QUERY:
        return JsonResponse({"error": _("Type a shorter name.")}, status=400)
    found = named_records(PICKABLE[kind], query, limit=10)
    return JsonResponse({"query": query, "results": [item.as_json() for item in found]})
