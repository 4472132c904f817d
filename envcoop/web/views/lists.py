"""The list pages, described once: which filters each offers and which selector answers it.

Views, URLs and exports that respect the same filters are made from this table, so a
list gains a filter in one place.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.paginator import Paginator
from django.db.models import Choices, QuerySet
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from envcoop.accounts.activity import log_export
from envcoop.exports.columns import columns_for
from envcoop.exports.service import LISTS, Export, ExportError, export
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
from envcoop.web.language import reader_language, site_address

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
        context = {
            "form": form, "page": page, "filters": filters, "title": self.title,
            "exports": export_links(request, self.name), "export_formats": LISTS[self.name][1],
            "export_columns": [(c.name, c.heading) for c in columns_for(self.name)],
        }  # fmt: skip
        return render(request, self.template, context)

    def export(self, request: HttpRequest) -> HttpResponse:
        """The list with the page's filters as a file (?format=csv|xlsx|json|iati|ics,
        ?columns=key,name,... to choose the columns)."""
        form = self.form(request.GET)
        if request.GET and not form.is_valid():
            return HttpResponse(
                _("A filter was not understood."),
                status=400,
                content_type="text/plain; charset=utf-8",
            )
        # ?columns=key,name or ?column=key&column=name (the column chooser's check boxes)
        columns = [c for c in request.GET.get("columns", "").split(",") if c]
        columns = columns + request.GET.getlist("column") or None
        try:
            made = self._export(
                request, request.GET.get("format", "csv"), filters=form.filters(), columns=columns
            )
        except ExportError as error:
            return HttpResponse(str(error), status=400, content_type="text/plain; charset=utf-8")
        # its sources column names the documents the reader may read, members' ones included
        log_export(request.user, f"{self.name}, {made.filename}")
        disposition = "inline" if made.content_type.startswith("text/calendar") else "attachment"
        return _file(made.data, made.content_type, made.filename, disposition)

    def record_ics(self, request: HttpRequest, key: str) -> HttpResponse:
        """One event as an iCalendar file."""
        made = self._export(request, "ics", keys=[key])
        if not made.count:
            raise Http404(key)
        return _file(made.data, made.content_type, f"{key}.ics")

    def record_json(self, request: HttpRequest, key: str) -> HttpResponse:
        """One record as JSON: the columns of its list, as an object."""
        items = json.loads(self._export(request, "json", keys=[key]).data)
        if not items:
            raise Http404(key)
        return JsonResponse(items[0], json_dumps_params={"ensure_ascii": False, "indent": 2})

    def _export(self, request: HttpRequest, format: str, **options: Any) -> Export:
        return export(
            self.name,
            format,
            lang=reader_language(),
            site=site_address(request),
            reader=request.user,
            **options,
        )


def _file(
    data: bytes, content_type: str, filename: str, disposition: str = "attachment"
) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response


def unfiltered_export(request: HttpRequest, name: str) -> HttpResponse:
    """A list page without filters (funds, priorities) as CSV, XLSX or JSON."""
    return ListPage(name=name, title="", select=LISTS[name][0], fields=()).export(request)


def export_links(request: HttpRequest, name: str) -> list[tuple[str, str]]:
    """(label, address) of the list ``name`` in each format it exports, with the page's query."""
    query = request.GET.copy()
    query.pop("page", None)
    links = []
    for fmt in LISTS[name][1]:
        query["format"] = fmt
        links.append((EXPORT_LABELS[fmt], f"{request.path}export/?{query.urlencode()}"))
    return links


EXPORT_LABELS = {
    "csv": "CSV",
    "xlsx": "XLSX",
    "json": "JSON",
    "iati": "IATI XML",
    "ics": "iCalendar",
}
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
