"""Thin views for the dashboard and the record pages: read the request, ask a selector, render."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import render

from envcoop.registry.models import (
    Agreement,
    Area,
    Country,
    CountryGroupCode,
    Event,
    Framework,
    Fund,
    Organisation,
    Project,
)
from envcoop.registry.selectors.agreements import agreement_get
from envcoop.registry.selectors.areas import area_activity, area_list
from envcoop.registry.selectors.dashboard import dashboard
from envcoop.registry.selectors.events import event_get
from envcoop.registry.selectors.frameworks import framework_get
from envcoop.registry.selectors.geography import country_activity, country_list
from envcoop.registry.selectors.history import HISTORY_KINDS
from envcoop.registry.selectors.organisations import organisation_get
from envcoop.registry.selectors.priorities import priority_list
from envcoop.registry.selectors.projects import fund_get, fund_list, project_get
from envcoop.registry.services.keys import current_key
from envcoop.web.views.lists import export_links

# Records whose key can change (renamed, or merged into another): old addresses redirect
_RENAMEABLE = tuple(HISTORY_KINDS.values())


def home(request: HttpRequest) -> HttpResponse:
    data = dashboard()
    data.partners = [row for row in data.partners if row.total]
    return render(request, "web/home.html", {"dashboard": data})


def _detail_view(
    select: Callable[..., Any], missing: type[Exception], template: str, name: str, lookup: str
) -> Callable[..., HttpResponse]:
    """A view that shows one record, or the 404 page when there is none."""

    model = next((m for m in _RENAMEABLE if m.DoesNotExist is missing), None)

    def view(request: HttpRequest, **kwargs: str) -> HttpResponse:
        try:
            record = select(**{lookup: kwargs[lookup]})
        except missing:
            # a key the record had before it was renamed or merged: its address moved
            moved = current_key(model, kwargs[lookup]) if model and lookup == "key" else None
            if moved:
                return HttpResponsePermanentRedirect(
                    request.path.replace(f"/{kwargs[lookup]}/", f"/{moved}/", 1)
                )
            raise Http404(kwargs[lookup]) from None
        return render(request, template, {name: record})

    view.__name__ = f"{name}_detail"
    return view


framework_detail = _detail_view(
    framework_get, Framework.DoesNotExist, "web/frameworks/detail.html", "framework", "key"
)
project_detail = _detail_view(
    project_get, Project.DoesNotExist, "web/projects/detail.html", "project", "key"
)
fund_detail = _detail_view(fund_get, Fund.DoesNotExist, "web/funds/detail.html", "fund", "key")
event_detail = _detail_view(event_get, Event.DoesNotExist, "web/events/detail.html", "event", "key")
agreement_detail = _detail_view(
    agreement_get, Agreement.DoesNotExist, "web/agreements/detail.html", "agreement", "key"
)
organisation_detail = _detail_view(
    organisation_get,
    Organisation.DoesNotExist,
    "web/organisations/detail.html",
    "organisation",
    "key",
)
country_detail = _detail_view(
    country_activity, Country.DoesNotExist, "web/countries/detail.html", "activity", "code"
)
area_detail = _detail_view(
    area_activity, Area.DoesNotExist, "web/areas/detail.html", "activity", "code"
)


def country_index(request: HttpRequest) -> HttpResponse:
    """Countries by group, each group in alphabetical order of the reader's names for them."""

    def by_name(countries: Any) -> list[Country]:
        return sorted(countries, key=lambda country: str(country.display_name).casefold())

    groups = [
        (label, by_name(country_list(group=code))) for code, label in CountryGroupCode.choices
    ]
    grouped = {c.code for _, countries in groups for c in countries}
    others = by_name(c for c in country_list() if c.code not in grouped)
    return render(request, "web/countries/list.html", {"groups": groups, "others": others})


def fund_index(request: HttpRequest) -> HttpResponse:
    context = {"funds": fund_list(), "exports": export_links(request, "funds")}
    return render(request, "web/funds/list.html", context)


def area_index(request: HttpRequest) -> HttpResponse:
    return render(request, "web/areas/list.html", {"areas": area_list()})


def priority_index(request: HttpRequest) -> HttpResponse:
    context = {"priorities": priority_list(), "exports": export_links(request, "priorities")}
    return render(request, "web/priorities/list.html", context)
