"""Documents: the list, one document with its claims highlighted, and the upload form (staff)."""

from __future__ import annotations

import uuid
from pathlib import PurePosixPath

from django import forms
from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from envcoop.accounts.rules import may
from envcoop.accounts.scope import claims_reviewable_by, documents_visible_to
from envcoop.core.languages import language_name
from envcoop.ingestion.jobs import enqueue_upload
from envcoop.ingestion.models import (
    Claim,
    ClaimKind,
    ClaimStatus,
    Document,
    DocumentStatus,
    Visibility,
)
from envcoop.ingestion.selectors import (
    CodeNames,
    describe,
    document_languages,
    document_list,
    highlighted,
)
from envcoop.ingestion.uploads import UploadRefused, is_zip, unpack_zip
from envcoop.review.resolution.candidates import RESOLVED_KINDS
from envcoop.web.document_forms import FilingForm, ProvenanceForm


class DocumentFilterForm(forms.Form):
    lang = forms.ChoiceField(label=gettext_lazy("Language"), required=False)
    status = forms.ChoiceField(
        label=gettext_lazy("Status"),
        required=False,
        choices=[("", gettext_lazy("any")), *DocumentStatus.choices],
    )

    def __init__(self, data: object, user: object = None) -> None:
        super().__init__(data)
        lang = get_language() or "en"
        readable = documents_visible_to(user)  # (languages of documents the reader may read)
        self.fields["lang"].choices = [("", _("any"))] + [
            (code, language_name(code, lang)) for code in document_languages(readable)
        ]


def document_index(request: HttpRequest) -> HttpResponse:
    form = DocumentFilterForm(request.GET, request.user)
    form.is_valid()
    data = getattr(form, "cleaned_data", {})
    documents = documents_visible_to(
        request.user,
        document_list(lang=data.get("lang") or None, status=data.get("status") or None),
    )
    page = Paginator(documents, 50).get_page(request.GET.get("page"))
    return render(request, "web/documents/list.html", {"form": form, "page": page})


def readable_document(request: HttpRequest, pk: int) -> Document | HttpResponse:
    """The document, if the reader may read it; else the way to sign in (anonymous) or the
    403 page saying who may."""
    document = Document.objects.select_related("country").filter(pk=pk).first()
    if document is None:
        raise Http404(pk)
    if not may(request.user, "view_document", document):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        raise PermissionDenied(restricted_reason(document))
    return document


def document_detail(request: HttpRequest, pk: int) -> HttpResponse:
    document = readable_document(request, pk)
    if isinstance(document, HttpResponse):
        return document
    return render(request, "web/documents/detail.html", detail_context(request, document))


def detail_context(request: HttpRequest, document: Document, **bound: object) -> dict:
    """What the document's page shows; ``bound``: forms shown again with their errors."""
    claims = list(document.claims.order_by("start", "-end"))
    names = CodeNames.read(get_language() or "en")
    by_kind = {kind: [c for c in claims if c.kind == kind] for kind, _label in ClaimKind.choices}
    facts = []
    for kind in (
        "event", "agreement", "project", "framework", "priority", "mention", "area", "country",
        "organisation", "date",
    ):  # fmt: skip
        values = list(dict.fromkeys(describe(claim, names) for claim in by_kind.get(kind, [])))
        if values:
            facts.append(
                {
                    "label": ClaimKind(kind).label,
                    "values": values,
                    "open": kind in ("event", "agreement", "project", "area"),
                }
            )
    context = {
        "document": document,
        "facts": facts,
        "pieces": highlighted(document, claims, names, _span(request.GET.get("at", ""))),
        "by_kind": [
            (ClaimKind(kind).label, kind, items) for kind, items in by_kind.items() if items
        ],
        "passages": document.passages.count(),
        "accepted": _accepted(request, claims),
        "readers": readers_text(document),
        "shared_with": list(document.shared_with.all()) if request.user.is_authenticated else [],
    }
    if may(request.user, "change_visibility", document):
        context["filing_form"] = bound.get("filing_form") or FilingForm(
            user=request.user, document=document
        )
    if may(request.user, "change_document", document):
        context["provenance_form"] = bound.get("provenance_form") or ProvenanceForm.of(document)
    return context


def _accepted(request: HttpRequest, claims: list[Claim]) -> list[Claim]:
    """For a reviewer: the document's accepted claims (each with an Undo button)."""
    if not may(request.user, "review"):
        return []
    mine = (
        set(
            claims_reviewable_by(request.user)
            .filter(document_id=claims[0].document_id)
            .values_list("pk", flat=True)
        )
        if claims
        else set()
    )
    return [
        c
        for c in claims
        if c.status == ClaimStatus.ACCEPTED and c.kind in RESOLVED_KINDS and c.pk in mine
    ]


def _span(value: str) -> tuple[int, int] | None:
    """``?at=120-151``: the span a record's source points at (anything else: none)."""
    start, _, end = value.partition("-")
    if not (start.isascii() and start.isdigit() and end.isascii() and end.isdigit()):
        return None
    if len(start) > 9 or len(end) > 9 or int(start) >= int(end):
        return None
    return int(start), int(end)


def readers_text(document: Document) -> str:
    """Who may read ``document``, in a sentence."""
    if document.visibility == Visibility.PUBLIC:
        return _("Public: anyone may read it.")
    if document.visibility == Visibility.COUNTRY:
        if document.country_id:
            return _("%(country)s's focal points and contributors, and the Secretariat.") % {
                "country": document.country.display_name
            }
        return _("The Secretariat.")
    return _("Members: anyone signed in, and the partners it is shared with.")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """One file or several (the browser's multiple selection)."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data: object, initial: object = None) -> list:
        if isinstance(data, (list, tuple)):
            return [super(MultipleFileField, self).clean(item, initial) for item in data]
        return [super().clean(data, initial)]


class UploadForm(forms.Form):
    file = MultipleFileField(
        label=gettext_lazy("Documents"),
        help_text=gettext_lazy("One file or several; a zip of files is unpacked."),
    )

    def clean_file(self) -> list:
        uploads = self.cleaned_data["file"]
        for upload in uploads:
            zipped = is_zip(upload.name)
            limit_mb = settings.ENVCOOP_MAX_ZIP_MB if zipped else settings.ENVCOOP_MAX_DOCUMENT_MB
            if upload.size > limit_mb * 1024 * 1024:
                raise forms.ValidationError(
                    _("The file is %(size).1f MB; the limit is %(limit)s MB.")
                    % {"size": upload.size / 1048576, "limit": limit_mb}
                )
            if upload.size == 0:
                raise forms.ValidationError(_("The file is empty."))
        return uploads

    def documents(self) -> list[tuple[str, str, bytes]]:
        """(file name, source, bytes) of each document uploaded, a zip's files unpacked;
        raises UploadRefused for a zip refused."""
        found = []
        for upload in self.cleaned_data["file"]:
            data = upload.read()
            if is_zip(upload.name):
                for name, content in unpack_zip(data):
                    found.append((PurePosixPath(name).name, f"{upload.name}/{name}", content))
            else:
                found.append((upload.name, upload.name, data))
        return found


def failure_reason(status: str, detail: str) -> str:
    """Why a file could not be read, in the reader's language (with the technical detail)."""
    reasons = {
        "empty": _("The file is empty."),
        "binary": _("The file is not a document envcoop can read (it looks like binary data)."),
        "undecodable": _("The file's text is in an encoding envcoop cannot read."),
        "too-large": _("The file is larger than the size limit."),
        "no-text-layer": _(
            "The file is a scan (it has no text layer) and OCR found no text in it."
        ),
        "ocr-unavailable": _("The file is a scan, and OCR cannot read it on this server."),
        "ocr-failed": _("The file is a scan, and OCR failed to read it."),
        "too-many-pages": _("The scan has more pages than OCR reads in one document."),
        "malformed": _("The file is damaged or truncated."),
        "unsupported": _("envcoop does not know this file format."),
        "storage": _("The document could not be stored; nothing was saved."),
    }
    reason = reasons.get(status, _("The file could not be read."))
    return f"{reason} ({detail})" if detail else reason


def restricted_reason(document: Document) -> str:
    """Why a signed-in reader may not read ``document``: who may."""
    if document.visibility == Visibility.COUNTRY and document.country_id:
        return _("This document is restricted to %(country)s's members and the Secretariat.") % {
            "country": document.country.display_name
        }
    return _(
        "This document is restricted to the member states' officers and the Secretariat "
        "(and the partners it is shared with)."
    )


def document_upload(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not may(request.user, "upload_document"):
        raise PermissionDenied(
            _(
                "Uploading is for the Secretariat, the member states' focal points and "
                "contributors, and partners."
            )
        )
    posted = request.method == "POST"
    form = UploadForm(request.POST if posted else None, request.FILES if posted else None)
    filing = FilingForm(request.POST if posted else None, user=request.user)
    if posted and all([form.is_valid(), filing.is_valid()]):
        try:
            files = form.documents()
        except UploadRefused as refused:
            form.add_error("file", str(refused))
        else:
            upload = uuid.uuid4()
            for filename, source, data in files:
                enqueue_upload(
                    data,
                    filename=filename,
                    source=source,
                    user=request.user,
                    filing=filing.filing(),
                    upload=upload,
                )
            return redirect("web:upload_status", upload=upload)
    return render(
        request,
        "web/documents/upload.html",
        {"form": form, "filing": filing, "max_mb": settings.ENVCOOP_MAX_DOCUMENT_MB},
    )
