"""Changing a document from its page: who may read it (the Secretariat, and the focal points
of its country) and its provenance (also its uploader). Each is a POST; anyone else is
refused with the reason and nothing is written."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from envcoop.accounts.rules import may
from envcoop.ingestion.document_changes import document_describe, document_refile
from envcoop.ingestion.models import Document
from envcoop.web.document_forms import FilingForm, ProvenanceForm
from envcoop.web.views.documents import detail_context

WHO_FILES = gettext_lazy(
    "Who may read a document is changed by the Secretariat and by the focal points of the "
    "document's country."
)
WHO_DESCRIBES = gettext_lazy(
    "A document's title and provenance are corrected by the Secretariat, the focal points of "
    "its country and the person who added it."
)


def _document(request: HttpRequest, pk: int, rule: str, reason: object) -> Document:
    document = Document.objects.select_related("country").filter(pk=pk).first()
    if document is None:
        raise Http404(pk)
    if not may(request.user, rule, document):
        raise PermissionDenied(str(reason))
    return document


@require_POST
def change_visibility(request: HttpRequest, pk: int) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    document = _document(request, pk, "change_visibility", WHO_FILES)
    form = FilingForm(request.POST, user=request.user, document=document)
    if not form.is_valid():
        context = detail_context(request, document, filing_form=form)
        return render(request, "web/documents/detail.html", context, status=400)
    data = form.cleaned_data
    document_refile(
        document,
        visibility=data["visibility"],
        country=data.get("country"),
        shared_with=data.get("shared_with") or [],
    )
    messages.success(request, _("Who may read this document is changed."))
    return redirect(document.get_absolute_url())


@require_POST
def change_provenance(request: HttpRequest, pk: int) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    document = _document(request, pk, "change_document", WHO_DESCRIBES)
    form = ProvenanceForm.of(document, request.POST)
    if not form.is_valid():
        context = detail_context(request, document, provenance_form=form)
        return render(request, "web/documents/detail.html", context, status=400)
    changed = document_describe(document, **form.cleaned_data)
    if changed:
        messages.success(request, _("The document's provenance is saved."))
    else:
        messages.info(request, _("Nothing was changed."))
    return redirect(document.get_absolute_url())
