"""Admin for stored documents and their claims, read-only: documents come in through ingest,
and a claim is reviewed (accepted, rejected, reopened by undo) only through the review, which
keeps its record, evidence and history in step. Its status, reviewer and time cannot be typed
here: reopening a claim by hand and accepting it again would make a second record."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

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
    list_display = ["__str__", "lang", "status", "format", "dateline", "created_at"]
    list_filter = ["lang", "status", "format"]
    search_fields = ["title", "source", "filename"]
    readonly_fields = [f.name for f in Document._meta.fields]
    inlines = [ClaimInline]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


@admin.register(Claim)
class ClaimAdmin(admin.ModelAdmin):
    list_display = ["quote", "kind", "document", "confidence", "status", "extractor"]
    list_filter = ["kind", "status", "extractor"]
    search_fields = ["quote"]
    readonly_fields = [f.name for f in Claim._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
