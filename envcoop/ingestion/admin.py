"""Admin for stored documents and their claims, read-only: documents come in through ingest,
and a claim is reviewed (accepted, rejected, reopened by undo) only through the review, which
keeps its record, evidence and history in step. Its status, reviewer and time cannot be typed
here: reopening a claim by hand and accepting it again would make a second record.

Both lists are the documents the user may read (``documents_visible_to``), as on the site;
who may read a document and its provenance are changed on the document's page."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from envcoop.accounts.scope import claims_visible_to, documents_visible_to
from envcoop.ingestion.models import Claim, Document


class ClaimInline(admin.TabularInline):
    model = Claim
    fields = ("kind", "quote", "value", "confidence", "status")
    readonly_fields = ("kind", "quote", "value", "confidence", "status")
    extra = 0
    can_delete = False
    show_change_link = True


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = ["__str__", "lang", "status", "visibility", "country", "date", "created_at"]
    list_filter = ["visibility", "lang", "status", "format"]
    search_fields = ["title", "source", "filename", "publisher"]
    # (the original file through the page that asks who may read it: MEDIA_ROOT is not served)
    readonly_fields = [f.name for f in Document._meta.fields if f.name != "original"] + [
        "shared_with",
        "original_file",
    ]
    exclude = ["original"]
    inlines = [ClaimInline]

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return documents_visible_to(request.user, super().get_queryset(request))

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    @admin.display(description=_("date"))
    def date(self, document: Document) -> object:
        return document.date

    @admin.display(description=_("original file"))
    def original_file(self, document: Document) -> str:
        if not document.original:
            return "—"
        url = reverse("web:document_original", args=[document.pk])
        return format_html('<a href="{}">{}</a>', url, document.filename or url)


@admin.register(Claim)
class ClaimAdmin(admin.ModelAdmin):
    list_display = ["quote", "kind", "document", "confidence", "status", "extractor"]
    list_filter = ["kind", "status", "extractor"]
    search_fields = ["quote"]
    readonly_fields = [f.name for f in Claim._meta.fields]

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return claims_visible_to(request.user, super().get_queryset(request))

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
