"""Admin for cooperation records: frameworks, projects, funds, events, agreements, organisations."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from envcoop.registry.admin.common import (
    LabelledAdmin,
    LabelledRelatedFilter,
    NamedChoices,
    RecordAdmin,
    year_filter,
)
from envcoop.registry.models import (
    ActionLine,
    Agreement,
    Component,
    Event,
    EventSeries,
    FormerKey,
    Framework,
    Fund,
    Organisation,
    Priority,
    Project,
    ProjectParticipation,
)
from envcoop.registry.selectors.filters import ListFilters
from envcoop.registry.selectors.frameworks import framework_list
from envcoop.registry.selectors.projects import project_list


def _projects_in(year: int) -> QuerySet:
    return project_list(filters=ListFilters(year=year))


def _frameworks_in(year: int) -> QuerySet:
    return framework_list(filters=ListFilters(year=year))


class ComponentInline(NamedChoices, admin.TabularInline):
    model = Component
    fields = ("number", "areas")
    extra = 0
    show_change_link = True
    verbose_name_plural = _("components (open one to edit its names and action lines)")


@admin.register(Framework)
class FrameworkAdmin(RecordAdmin, SimpleHistoryAdmin):
    list_display = ["__str__", "kind", "status", "period_start", "period_end", "updated_at"]
    list_filter = [
        "kind",
        "status",
        ("areas", LabelledRelatedFilter),
        ("partner_countries", admin.RelatedOnlyFieldListFilter),
        year_filter("period_start", _("year"), select=_frameworks_in),
    ]
    autocomplete_fields = ["partner_countries", "partner_organisations", "predecessor"]
    filter_horizontal = ["areas"]
    inlines = [*RecordAdmin.inlines, ComponentInline]


class ActionLineInline(NamedChoices, admin.TabularInline):
    model = ActionLine
    fields = ("code", "position")
    extra = 0
    show_change_link = True


@admin.register(Component)
class ComponentAdmin(LabelledAdmin):
    list_display = ["__str__", "framework", "number"]
    list_filter = [("framework", LabelledRelatedFilter), ("areas", LabelledRelatedFilter)]
    search_fields = ["labels__text", "framework__key"]
    filter_horizontal = ["areas", "terms"]
    inlines = [*LabelledAdmin.inlines, ActionLineInline]


@admin.register(ActionLine)
class ActionLineAdmin(LabelledAdmin):
    list_display = ["__str__", "component", "code"]
    list_filter = [("component__framework", LabelledRelatedFilter)]
    search_fields = ["labels__text", "code"]


class ParticipationInline(NamedChoices, admin.TabularInline):
    model = ProjectParticipation
    autocomplete_fields = ["organisation"]
    extra = 1


@admin.register(Project)
class ProjectAdmin(RecordAdmin, SimpleHistoryAdmin):
    list_display = ["__str__", "activity_status", "fund", "actual_start", "updated_at"]
    list_filter = [
        "activity_status",
        ("areas", LabelledRelatedFilter),
        ("recipient_countries", admin.RelatedOnlyFieldListFilter),
        ("fund", LabelledRelatedFilter),
        year_filter("actual_start", _("year running"), select=_projects_in),
    ]
    search_fields = ["key", "iati_identifier", "labels__text"]
    autocomplete_fields = ["recipient_countries", "fund", "components", "action_lines"]
    filter_horizontal = ["areas"]
    inlines = [*RecordAdmin.inlines, ParticipationInline]

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).select_related("fund").prefetch_related("fund__labels")


@admin.register(Fund)
class FundAdmin(RecordAdmin, SimpleHistoryAdmin):
    list_filter = [("partner_countries", admin.RelatedOnlyFieldListFilter)]
    autocomplete_fields = ["managing_organisation", "partner_countries"]


@admin.register(EventSeries)
class EventSeriesAdmin(RecordAdmin):
    list_display = ["__str__", "key", "frequency", "convener"]
    list_filter = [
        "frequency",
        ("areas", LabelledRelatedFilter),
        ("partner_countries", admin.RelatedOnlyFieldListFilter),
    ]
    autocomplete_fields = ["convener", "partner_countries"]
    filter_horizontal = ["areas"]


@admin.register(Event)
class EventAdmin(RecordAdmin, SimpleHistoryAdmin):
    list_display = ["__str__", "series", "ordinal", "start", "end", "place", "mode"]
    list_filter = [
        ("series", LabelledRelatedFilter),
        "mode",
        ("areas", LabelledRelatedFilter),
        ("country", admin.RelatedOnlyFieldListFilter),
        ("host_countries", admin.RelatedOnlyFieldListFilter),
        year_filter("start", _("year")),
    ]
    search_fields = ["key", "place", "labels__text"]
    autocomplete_fields = [
        "series",
        "country",
        "host_countries",
        "host_organisations",
        "chair_country",
        "participant_countries",
        "participant_organisations",
        "components",
        "action_lines",
    ]
    filter_horizontal = ["areas"]

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return (
            super()
            .get_queryset(request)
            .select_related("series")
            .prefetch_related("series__labels")
        )


@admin.register(Agreement)
class AgreementAdmin(RecordAdmin, SimpleHistoryAdmin):
    list_display = ["__str__", "kind", "status", "date", "adopted_at"]
    list_filter = [
        "kind",
        "status",
        ("areas", LabelledRelatedFilter),
        ("party_countries", admin.RelatedOnlyFieldListFilter),
        year_filter("date", _("year")),
    ]
    autocomplete_fields = [
        "party_countries",
        "party_organisations",
        "adopted_at",
        "components",
        "action_lines",
    ]
    filter_horizontal = ["areas"]


@admin.register(Organisation)
class OrganisationAdmin(RecordAdmin, SimpleHistoryAdmin):
    list_display = ["__str__", "acronym", "type", "country", "parent"]
    list_filter = [
        "type",
        ("areas", LabelledRelatedFilter),
        ("country", admin.RelatedOnlyFieldListFilter),
    ]
    autocomplete_fields = ["country", "parent"]
    filter_horizontal = ["areas"]

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return (
            super()
            .get_queryset(request)
            .select_related("country", "parent__country")
            .prefetch_related("parent__labels")
        )


@admin.register(Priority)
class PriorityAdmin(RecordAdmin):
    list_display = ["__str__", "year", "kind"]
    list_filter = [
        "year",
        "kind",
        ("areas", LabelledRelatedFilter),
        ("partner_countries", admin.RelatedOnlyFieldListFilter),
    ]
    autocomplete_fields = ["partner_countries", "frameworks", "agreements"]
    filter_horizontal = ["areas"]


@admin.register(FormerKey)
class FormerKeyAdmin(admin.ModelAdmin):
    """Keys records had before a rename or a merge (read only: they are written by those)."""

    list_display = ("key", "content_type", "object_id", "reason", "created_at")
    list_filter = ("content_type", "reason")
    search_fields = ("key",)
    readonly_fields = ("content_type", "object_id", "key", "reason", "created_at")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
