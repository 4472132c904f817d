"""Thin views: read the request, ask a selector, render a template."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from envcoop.registry.models import (
    ActivityStatus,
    Agreement,
    AgreementKind,
    AgreementStatus,
    Country,
    CountryGroupCode,
    Event,
    EventMode,
    Framework,
    FrameworkKind,
    FrameworkStatus,
    Fund,
    Organisation,
    OrganisationType,
    Priority,
    Project,
)
from envcoop.registry.models.areas import Area
from envcoop.registry.selectors.agreements import agreement_get, agreement_list
from envcoop.registry.selectors.areas import area_activity, area_list
from envcoop.registry.selectors.dashboard import dashboard
from envcoop.registry.selectors.events import event_get, event_list
from envcoop.registry.selectors.frameworks import framework_get, framework_list
from envcoop.registry.selectors.geography import country_activity, country_list
from envcoop.registry.selectors.organisations import organisation_get, organisation_list
from envcoop.registry.selectors.projects import fund_get, project_get, project_list
from envcoop.web.forms import ListFilterForm

PAGE_SIZE = 50


def _page(request: HttpRequest, queryset: QuerySet) -> Any:
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))


def _list(
    request: HttpRequest,
    *,
    template: str,
    form: ListFilterForm,
    select: Any,
    title: Any,
) -> HttpResponse:
    filters = form.filters()
    page = _page(request, select(filters=filters))
    return render(
        request,
        template,
        {"form": form, "page": page, "filters": filters, "title": title},
    )


def home(request: HttpRequest) -> HttpResponse:
    data = dashboard()
    data.partners = [row for row in data.partners if row.total]
    return render(request, "web/home.html", {"dashboard": data})


def framework_index(request: HttpRequest) -> HttpResponse:
    form = ListFilterForm(
        request.GET,
        fields=("area", "country", "year", "status", "kind"),
        status_choices=FrameworkStatus,
        kind_choices=FrameworkKind,
    )
    return _list(
        request,
        template="web/frameworks/list.html",
        form=form,
        select=framework_list,
        title=_("Frameworks"),
    )


def framework_detail(request: HttpRequest, key: str) -> HttpResponse:
    framework = _get(framework_get, Framework, key=key)
    return render(request, "web/frameworks/detail.html", {"framework": framework})


def project_index(request: HttpRequest) -> HttpResponse:
    form = ListFilterForm(
        request.GET, fields=("area", "country", "year", "status"), status_choices=ActivityStatus
    )
    return _list(
        request,
        template="web/projects/list.html",
        form=form,
        select=project_list,
        title=_("Projects"),
    )


def project_detail(request: HttpRequest, key: str) -> HttpResponse:
    project = _get(project_get, Project, key=key)
    return render(request, "web/projects/detail.html", {"project": project})


def fund_detail(request: HttpRequest, key: str) -> HttpResponse:
    fund = _get(fund_get, Fund, key=key)
    return render(request, "web/funds/detail.html", {"fund": fund})


def event_index(request: HttpRequest) -> HttpResponse:
    form = ListFilterForm(
        request.GET,
        fields=("area", "country", "year", "series", "kind", "when"),
        kind_choices=EventMode,
        kind_label=_("Mode"),
    )
    return _list(
        request, template="web/events/list.html", form=form, select=event_list, title=_("Events")
    )


def event_detail(request: HttpRequest, key: str) -> HttpResponse:
    event = _get(event_get, Event, key=key)
    return render(request, "web/events/detail.html", {"event": event})


def agreement_index(request: HttpRequest) -> HttpResponse:
    form = ListFilterForm(
        request.GET,
        fields=("area", "country", "year", "status", "kind"),
        status_choices=AgreementStatus,
        kind_choices=AgreementKind,
    )
    return _list(
        request,
        template="web/agreements/list.html",
        form=form,
        select=agreement_list,
        title=_("Agreements"),
    )


def agreement_detail(request: HttpRequest, key: str) -> HttpResponse:
    agreement = _get(agreement_get, Agreement, key=key)
    return render(request, "web/agreements/detail.html", {"agreement": agreement})


def organisation_index(request: HttpRequest) -> HttpResponse:
    form = ListFilterForm(
        request.GET,
        fields=("area", "country", "kind"),
        kind_choices=OrganisationType,
        kind_label=_("Type"),
    )
    return _list(
        request,
        template="web/organisations/list.html",
        form=form,
        select=organisation_list,
        title=_("Organisations"),
    )


def organisation_detail(request: HttpRequest, key: str) -> HttpResponse:
    organisation = _get(organisation_get, Organisation, key=key)
    return render(request, "web/organisations/detail.html", {"organisation": organisation})


def country_index(request: HttpRequest) -> HttpResponse:
    groups = [
        (label, list(country_list(group=code)))
        for code, label in CountryGroupCode.choices
        if code != CountryGroupCode.PLUS_THREE
    ]
    grouped = {c.code for _, countries in groups for c in countries}
    others = [c for c in country_list() if c.code not in grouped]
    return render(request, "web/countries/list.html", {"groups": groups, "others": others})


def country_detail(request: HttpRequest, code: str) -> HttpResponse:
    try:
        activity = country_activity(code=code)
    except Country.DoesNotExist:
        raise Http404(code) from None
    return render(request, "web/countries/detail.html", {"activity": activity})


def area_index(request: HttpRequest) -> HttpResponse:
    return render(request, "web/areas/list.html", {"areas": area_list()})


def area_detail(request: HttpRequest, code: str) -> HttpResponse:
    try:
        activity = area_activity(code=code)
    except Area.DoesNotExist:
        raise Http404(code) from None
    return render(request, "web/areas/detail.html", {"activity": activity})


def priority_index(request: HttpRequest) -> HttpResponse:
    priorities = Priority.objects.prefetch_related(
        "labels", "areas__labels", "frameworks__labels", "agreements__labels"
    ).order_by("-year", "kind", "key")
    return render(request, "web/priorities/list.html", {"priorities": priorities})


def _get(select: Any, model: type, **lookup: str) -> Any:
    try:
        return select(**lookup)
    except model.DoesNotExist:  # type: ignore[attr-defined]
        raise Http404(str(lookup)) from None
