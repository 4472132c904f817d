"""The search page: one box, results with snippets, facets that narrow the search."""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from envcoop.core.countries import country_name
from envcoop.core.formatting import display_year
from envcoop.core.languages import language_name
from envcoop.core.partial_date import BUDDHIST_ERA_OFFSET, MAX_YEAR, MIN_YEAR
from envcoop.registry.models import Area, EventSeries
from envcoop.search.backends import Filters
from envcoop.search.index import RECORD_KINDS
from envcoop.search.models import AREA_BITS
from envcoop.search.query import QueryError
from envcoop.search.service import search

KIND_LABELS = {
    "passage": _("passages of documents"),
    "event": _("events"),
    "agreement": _("agreements"),
    "project": _("projects"),
    "organisation": _("organisations"),
    "framework": _("frameworks"),
    "fund": _("funds"),
}


RESULT_KINDS = {
    "passage": _("passage"),
    "event": _("event"),
    "agreement": _("agreement"),
    "project": _("project"),
    "organisation": _("organisation"),
    "framework": _("framework"),
    "fund": _("fund"),
}


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), max_length=500, required=False)
    kind = forms.ChoiceField(
        choices=[("", "")] + [(k, k) for k in ["passage", *RECORD_KINDS]], required=False
    )
    lang = forms.RegexField(regex=r"^[a-z]{2,3}$", required=False)
    area = forms.ChoiceField(choices=[("", "")] + [(a, a) for a in AREA_BITS], required=False)
    country = forms.RegexField(regex=r"^[A-Za-z]{2}$", required=False)
    year = forms.IntegerField(
        min_value=MIN_YEAR, max_value=MAX_YEAR + BUDDHIST_ERA_OFFSET, required=False
    )
    series = forms.SlugField(max_length=120, required=False)
    exact = forms.BooleanField(label=_("Only the words as typed"), required=False)
    page = forms.IntegerField(min_value=1, max_value=10_000, required=False)

    def clean_year(self) -> int | None:
        year = self.cleaned_data.get("year")
        if year and year > MAX_YEAR:  # a Thai reader's Buddhist-era year
            year -= BUDDHIST_ERA_OFFSET
        return year


def _facet_labels(facets: dict[str, list[tuple[str, int]]]) -> list[dict[str, Any]]:
    lang = get_language() or "en"
    areas = {area.code: str(area.display_name) for area in Area.objects.prefetch_related("labels")}
    series = {
        s.key: str(s.display_name)
        for s in EventSeries.objects.filter(
            key__in=[v for v, _ in facets.get("series", [])]
        ).prefetch_related("labels")
    }
    names = {
        "kind": (_("Kind"), lambda v: str(KIND_LABELS.get(v, v))),
        "lang": (_("Language"), lambda v: language_name(v, lang)),
        "area": (_("Area"), lambda v: areas.get(v, v)),
        "country": (_("Country"), lambda v: country_name(v, lang)),
        "year": (_("Year"), lambda v: display_year(int(v), lang) if str(v).isdigit() else v),
        "series": (_("Series"), lambda v: series.get(v, v)),
    }
    return [
        {
            "name": name,
            "label": label,
            "values": [(value, show(value), count) for value, count in facets[name]],
        }
        for name, (label, show) in names.items()
        if name in facets
    ]


def search_page(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET)
    context: dict[str, Any] = {"form": form, "kind_labels": KIND_LABELS}
    if not form.is_valid():
        context["error"] = _("A filter was not understood; correct it or start a new search.")
        return render(request, "web/search.html", context)
    data = form.cleaned_data
    text = (data.get("q") or "").strip()
    if not text:
        return render(request, "web/search.html", context)
    filters = Filters(
        kind=data.get("kind") or None,
        lang=data.get("lang") or None,
        area=data.get("area") or None,
        country=(data.get("country") or "").upper() or None,
        year=data.get("year"),
        series=data.get("series") or None,
    )
    try:
        found = search(
            text,
            filters=filters,
            expand=not data.get("exact"),
            page=data.get("page") or 1,
            reader=request.user,
        )
    except QueryError as error:
        context["error"] = _("This search cannot be run: %(reason)s.") % {"reason": error}
        return render(request, "web/search.html", context)
    for result in found.results:
        result.kind_label = str(RESULT_KINDS.get(result.kind, result.kind))  # type: ignore[attr-defined]
    context.update(
        {
            "found": found,
            "facets": _facet_labels(found.facets),
            "filters": {k: v for k, v in filters.__dict__.items() if v},
            "expansions": sorted({p.via for p in found.query.phrases() if p.via}),
        }
    )
    return render(request, "web/search.html", context)
