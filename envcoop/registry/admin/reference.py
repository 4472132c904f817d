"""Admin for reference records: countries and their groups, areas, vocabularies and terms."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from envcoop.registry.admin.common import LabelledAdmin, NamedChoices, OptionalLabelInline
from envcoop.registry.models import (
    Area,
    Country,
    CountryGroup,
    CountryMembership,
    Label,
    Term,
    Vocabulary,
)


class MembershipInline(NamedChoices, admin.TabularInline):
    model = CountryMembership
    extra = 0


@admin.register(Country)
class CountryAdmin(LabelledAdmin):
    list_display = ["code", "__str__", "kind"]
    list_filter = ["kind", "memberships__group"]
    search_fields = ["code", "labels__text"]
    inlines = [OptionalLabelInline, MembershipInline]


@admin.register(CountryGroup)
class CountryGroupAdmin(admin.ModelAdmin):
    list_display = ["code", "__str__"]


@admin.register(Area)
class AreaAdmin(LabelledAdmin):
    list_display = ["code", "__str__", "position"]
    search_fields = ["code", "labels__text"]


class TermInline(NamedChoices, admin.TabularInline):
    model = Term
    fields = ("code", "position", "areas")
    extra = 0
    show_change_link = True


@admin.register(Vocabulary)
class VocabularyAdmin(LabelledAdmin):
    list_display = ["code", "__str__"]
    search_fields = ["code", "labels__text"]
    inlines = [*LabelledAdmin.inlines, TermInline]


@admin.register(Term)
class TermAdmin(LabelledAdmin):
    list_display = ["__str__", "vocabulary", "code"]
    list_filter = ["vocabulary", "areas"]
    search_fields = ["code", "labels__text"]
    filter_horizontal = ["areas"]


@admin.register(Label)
class LabelAdmin(admin.ModelAdmin):
    """Every name in every language, in one searchable list."""

    list_display = ["text", "lang", "kind", "is_original", "content_type", "object_id"]
    list_filter = ["kind", "lang", "is_original", "content_type"]
    search_fields = ["text"]
    readonly_fields = ["content_type", "object_id", "created_at", "updated_at"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
