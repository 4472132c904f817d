"""The list pages, described once: which filters each offers and which selector answers it.

Views, URLs (and, later, exports that respect the same filters) are made from
this table, so a list gains a filter in one place.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.paginator import Paginator
from django.db.models import Choices, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from envcoop.registry.models import (
    ActivityStatus,
    AgreementKind,
    AgreementStatus,
    EventMode,
    FrameworkKind,
    FrameworkStatus,
    OrganisationType,
)
from envcoop.registry.selectors.agreements import agreement_list
from envcoop.registry.selectors.events import event_list
from envcoop.registry.selectors.filters import ListFilters
from envcoop.registry.selectors.frameworks import framework_list
from envcoop.registry.selectors.organisations import organisation_list
from envcoop.registry.selectors.projects import project_list
from envcoop.web.forms import ListFilterForm

PAGE_SIZE = 50


@dataclass(frozen=True)
class ListPage:
    name: str
    title: Any
    select: Callable[..., QuerySet]
    fields: tuple[str, ...]
    status_choices: type[Choices] | None = None
    kind_choices: type[Choices] | None = None
    kind_label: Any = None

    @property
    def template(self) -> str:
        return f"web/{self.name}/list.html"

    def form(self, data: Any) -> ListFilterForm:
        return ListFilterForm(
            data,
            fields=self.fields,
            status_choices=self.status_choices,
            kind_choices=self.kind_choices,
            kind_label=self.kind_label,
        )

    def view(self, request: HttpRequest) -> HttpResponse:
        form = self.form(request.GET)
        filters: ListFilters = form.filters()
        page = Paginator(self.select(filters=filters), PAGE_SIZE).get_page(request.GET.get("page"))
        context = {"form": form, "page": page, "filters": filters, "title": self.title}
        return render(request, self.template, context)


LIST_PAGES = [
    ListPage(
        name="frameworks",
        title=_("Frameworks"),
        select=framework_list,
        fields=("area", "country", "year", "status", "kind"),
        status_choices=FrameworkStatus,
        kind_choices=FrameworkKind,
    ),
    ListPage(
        name="projects",
        title=_("Projects"),
        select=project_list,
        fields=("area", "country", "year", "status", "fund"),
        status_choices=ActivityStatus,
    ),
    ListPage(
        name="events",
        title=_("Events"),
        select=event_list,
        fields=("area", "country", "year", "series", "kind", "when"),
        kind_choices=EventMode,
        kind_label=_("Mode"),
    ),
    ListPage(
        name="agreements",
        title=_("Agreements"),
        select=agreement_list,
        fields=("area", "country", "year", "status", "kind"),
        status_choices=AgreementStatus,
        kind_choices=AgreementKind,
    ),
    ListPage(
        name="organisations",
        title=_("Organisations"),
        select=organisation_list,
        fields=("area", "country", "kind"),
        kind_choices=OrganisationType,
        kind_label=_("Type"),
    ),
]
